//! `demo-data` requests are synthetic: the sync never pushes them to a central queue,
//! not even when rebuilding it (`--repush-all`), while real requests beside them go.

use crate::support::*;

#[test]
fn demo_data_is_never_pushed_to_the_central_queue() {
    let desk = Desk::set_up();
    let queue = desk.path("central.sqlite3");
    let queue_s = queue.to_string_lossy().to_string();
    desk.admin()
        .args(["demo-data", "--count", "300", "--seed", "7"])
        .run()
        .code(OK);
    let sync = |extra: &[&str]| {
        let out = desk
            .admin()
            .args(["--queue", &queue_s, "sync", "--json"])
            .args(extra)
            .run();
        out.code(OK);
        out.json()
    };
    let first = sync(&[]);
    assert_eq!(first["pushed"], 0, "{first}");
    assert_eq!(first["newly_sent"], 0, "{first}");
    assert_eq!(first["counts"]["to_push"], 0, "{first}");
    assert_eq!(first["counts"]["awaiting_result"], 0, "{first}");
    let rebuilt = sync(&["--repush-all"]);
    assert_eq!(rebuilt["pushed"], 0, "{rebuilt}");

    // Real requests beside them are pushed: the sync itself works here.
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let real = sync(&[]);
    let pushed = real["pushed"].as_u64().unwrap_or_default();
    assert!(pushed > 0, "{real}");
    let rebuilt = sync(&["--repush-all"]);
    let everything = rebuilt["pushed"].as_u64().unwrap_or_default();
    assert!(
        everything >= pushed && everything <= 5,
        "only the 5 imported requests can be pushed: {rebuilt}"
    );
}
