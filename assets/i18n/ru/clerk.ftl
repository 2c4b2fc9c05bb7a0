### Окно оператора: представители, черновики, уведомления, история, просмотр PDF (задачи 14, 15).

clerk-basis-legal = Законный представитель (родитель, опекун)
clerk-basis-power-of-attorney = По нотариальной доверенности
clerk-discard-draft = Удалить…
clerk-discard-title = Удалить черновик?
clerk-discard-question = Черновик заявителя { $name } будет удалён без возможности восстановления.
clerk-discard-confirm = Удалить черновик
clerk-discard-keep = Оставить
clerk-draft-discarded = Черновик удалён
clerk-draft-no-name = (имя ещё не введено)
