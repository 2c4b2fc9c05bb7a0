//! stub
#[test]
fn stub() {
    assert!(!env!("CARGO_BIN_EXE_iin-desk").is_empty());
}
