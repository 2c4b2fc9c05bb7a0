# The journal's search (the window and `iin-desk search`).
search-name-too-short = { $min ->
    [one] type at least { $min } character of the name
   *[other] type at least { $min } characters of the name
}
search-counting = counting…
