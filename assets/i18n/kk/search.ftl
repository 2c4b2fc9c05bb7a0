# Журналдағы іздеу (терезе және `iin-desk search`).
search-name-too-short = атының кемінде { $min } таңбасын енгізіңіз
search-counting = саналуда…
search-bad-date = --{ $option }: { $value } күн емес; КК.АА.ЖЖЖЖ немесе ЖЖЖЖ-АА-КК күтіледі
search-bad-status = --status: { $value } мәртебе емес; мыналардың бірі күтіледі: { $expected }
search-bad-limit = --limit: { $value } жол саны емес; 1-ден бастап бүтін сан күтіледі
search-query-too-short = QUERY { $query } тым қысқа: атының кемінде { $min } таңбасын, не ЖСН немесе құжат нөмірін енгізіңіз
search-found = { $n } өтініш табылды, { $shown } көрсетілді
search-col-time = Уақыты
search-col-id = Нөмірі
search-col-status = Мәртебесі
search-col-clerk = Қызметкер
search-col-iin = ЖСН
search-col-document = Құжат
search-col-name = Аты-жөні
