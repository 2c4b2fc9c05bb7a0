# Machine configuration file (machine.toml): why it cannot be used.
config-unreadable = { $path }: не читается: { $reason }
config-not-text = { $path }: не текстовый файл (ожидается UTF-8)
config-line-problem = { $path }, строка { $line }: { $problem }
config-invalid-value = { $name }: { $expected }
config-not-key-value = ожидается `ключ = "значение"`, комментарий `#` или пустая строка
config-section = в файле нет [разделов]; пишите строки `ключ = "значение"` без раздела
config-unknown-key = неизвестный ключ «{ $k }»; ожидается: { $keys }, locked
config-duplicate-key = «{ $key }» уже задан в строке { $first_line }; каждый ключ задаётся один раз
config-unquoted = ожидается значение в кавычках: "значение" или 'C:\путь'
config-unterminated = нет закрывающей кавычки; значение должно закончиться в той же строке
config-bad-escape = неизвестная escape-последовательность «{ $e }»; пути пишите в 'одинарных кавычках' или удваивайте \\
config-trailing-text = после значения допускается только комментарий `#`
config-empty = пустое значение; укажите значение или удалите строку
config-control-character = значение не должно содержать управляющих символов (например, \n)
config-too-long = значение слишком длинное; не более { $max ->
        [one] { $max } символа
        [few] { $max } символов
       *[other] { $max } символов
    }
config-bad-locked-list = locked: ожидается список ключей в одной строке, например ["queue_path"]; ключи: { $keys }
config-expected-language = ожидается kk, ru или en
config-expected-minutes = ожидается число минут от 1 до { $max }
config-expected-path = ожидается полный путь: '\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' или '/mnt/...'
config-expected-queue = ожидается полный путь ('\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' или '/mnt/...') или адрес сервера postgresql://логин@хост/база без пароля (пароль берётся из PGPASSWORD, .pgpass или зашифрованного хранилища)
config-expected-text = ожидается текст
