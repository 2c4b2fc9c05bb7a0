# Сроки, которые считает приказ: талон электронной очереди, ожидание и обслуживание
# (issue 15, пункт 4).
field-ticket = Талон электронной очереди
field-ticket-taken-at = Время получения талона
field-opened-at = Время открытия заявки
problem-not-a-ticket = ожидается номер талона: до трёх букв, затем от одной до четырёх цифр, например A042
problem-not-a-time-of-day = ожидается время в виде ЧЧ:ММ, например 09:05
problem-taken-after-opening = талон не мог быть получен позже открытия заявки в { $opened }
problem-opened-after-submission = заявка не могла быть открыта позже подачи
times-section = Электронная очередь
times-ticket-hint = A042 или A042 16:05 со сканера
times-time-hint = ЧЧ:ММ
times-waiting = Ожидание в очереди
times-service = Время обслуживания
times-over = больше { $minutes } мин
times-unknown = не измерено
times-journal-over = Превышен срок: { $what }
