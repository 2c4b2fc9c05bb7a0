# Machine configuration file (machine.toml): why it cannot be used.
config-unreadable = { $path }: оқылмайды: { $reason }
config-not-text = { $path }: мәтіндік файл емес (UTF-8 күтіледі)
config-line-problem = { $path }, жол { $line }: { $problem }
config-invalid-value = { $name }: { $expected }
config-not-key-value = `кілт = "мән"`, `#` түсініктеме немесе бос жол күтіледі
config-section = файлда [бөлімдер] жоқ; `кілт = "мән"` жолдарын бөлімсіз жазыңыз
config-unknown-key = белгісіз кілт «{ $k }»; күтілетіні: { $keys }, locked
config-duplicate-key = «{ $key }» { $first_line }-жолда берілген; бір кілт бір рет жазылады
config-unquoted = мән тырнақшада күтіледі: "мән" немесе 'C:\жол'
config-unterminated = жабатын тырнақша жоқ; мән бір жолда аяқталуы керек
config-bad-escape = «{ $e }» белгісіз escape; жолдарды 'бір тырнақшаға' алыңыз немесе \\ жазыңыз
config-trailing-text = мәннен кейін тек `#` түсініктеме болуы мүмкін
config-empty = мән бос; мән жазыңыз немесе жолды өшіріңіз
config-control-character = мәнде басқару таңбасы (мысалы, \n) болмауы керек
config-too-long = мән тым ұзын; ең көбі { $max } таңба
config-bad-locked-list = locked: бір жолдағы кілттер тізімі күтіледі, мысалы ["queue_path"]; кілттер: { $keys }
config-expected-language = kk, ru немесе en күтіледі
config-expected-minutes = 1-ден { $max }-ге дейінгі минут саны күтіледі
config-expected-path = толық жол күтіледі: '\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' немесе '/mnt/...'
config-expected-queue = толық жол ('\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' немесе '/mnt/...') немесе құпиясөзсіз postgresql://логин@хост/база сервер мекенжайы күтіледі (құпиясөз PGPASSWORD, .pgpass немесе шифрланған қоймадан алынады)
config-expected-text = мәтін күтіледі
