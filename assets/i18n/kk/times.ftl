# Бұйрық есептейтін уақыт: электрондық кезек талоны, күту және қызмет көрсету
# (issue 15, 4-тармақ).
field-ticket = Электрондық кезек талоны
field-ticket-taken-at = Талон алынған уақыт
field-opened-at = Өтінім ашылған уақыт
problem-not-a-ticket = талон нөмірі күтіледі: үш әріпке дейін, содан кейін бір-төрт цифр, мысалы A042
problem-not-a-time-of-day = уақыт СС:ММ түрінде күтіледі, мысалы 09:05
problem-taken-after-opening = талон өтінім { $opened } ашылғаннан кейін алынуы мүмкін емес
problem-opened-after-submission = өтінім тапсырылғаннан кейін ашылуы мүмкін емес
times-section = Электрондық кезек
times-ticket-hint = A042 немесе сканерден A042 16:05
times-time-hint = СС:ММ
times-waiting = Кезекте күту
times-service = Қызмет көрсету уақыты
times-over = { $minutes } минуттан асты
times-unknown = өлшенбеген
times-journal-over = Мерзімнен асты: { $what }
