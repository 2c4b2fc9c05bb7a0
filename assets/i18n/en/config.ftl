# Machine configuration file (machine.toml): why it cannot be used.
config-unreadable = { $path }: cannot be read: { $reason }
config-not-text = { $path }: not a text file (UTF-8 expected)
config-line-problem = { $path }, line { $line }: { $problem }
config-invalid-value = { $name }: { $expected }
config-not-key-value = expected `key = "value"`, a `#` comment or a blank line
config-section = the file has no [sections]; write `key = "value"` lines without one
config-unknown-key = unknown key «{ $k }»; expected one of: { $keys }, locked
config-duplicate-key = «{ $key }» is already set on line { $first_line }; set each key once
config-unquoted = expected a quoted value: "value" or 'C:\path'
config-unterminated = the closing quote is missing; the value must end on the same line
config-bad-escape = unknown escape «{ $e }»; write paths in 'single quotes' or double each backslash \\
config-trailing-text = only a `#` comment may follow the value
config-empty = the value is empty; give a value or delete the line
config-control-character = the value must not contain control characters (such as \n)
config-too-long = the value is too long; at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }
config-bad-locked-list = locked: expected a one-line list of keys, such as ["queue_path"]; keys: { $keys }
config-expected-language = expected kk, ru or en
config-expected-minutes = expected a number of minutes from 1 to { $max }
config-expected-path = expected a full path: '\\server\share\central-queue.sqlite3', 'D:\iin-desk\...' or '/mnt/...'
config-expected-queue = expected a full path ('\\server\share\central-queue.sqlite3', 'D:\iin-desk\...' or '/mnt/...') or a server URL postgresql://login@host/database without a password (the password comes from PGPASSWORD, .pgpass or the sealed store)
config-expected-text = expected text
