# Журналдағы іздеу (терезе және `iin-desk search`).
search-name-too-short = атының кемінде { $min } таңбасын енгізіңіз
