### Оператор терезесі: өкілдер, жобалар, хабарламалар, тарих, PDF қарау (14, 15-міндеттер).

clerk-basis-legal = Заңды өкіл (ата-ана, қорғаншы)
clerk-basis-power-of-attorney = Нотариат куәландырған сенімхат бойынша
clerk-discard-draft = Жою…
clerk-discard-title = Жобаны жою керек пе?
clerk-discard-question = { $name } өтінішінің жобасы жойылады; оны қалпына келтіру мүмкін емес.
clerk-discard-confirm = Жобаны жою
clerk-discard-keep = Қалдыру
clerk-draft-discarded = Жоба жойылды
clerk-draft-no-name = (аты әлі енгізілмеген)
