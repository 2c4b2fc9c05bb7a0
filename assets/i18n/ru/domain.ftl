field-id = Номер заявки
field-kind = Вид заявки
field-channel = Канал обращения
field-status = Статус
field-submitted-at = Дата и время подачи
field-surname = Фамилия (латиницей)
field-name = Имя (латиницей)
field-patronymic = Отчество (латиницей)
field-surname-cyrillic = Фамилия (кириллицей)
field-name-cyrillic = Имя (кириллицей)
field-patronymic-cyrillic = Отчество (кириллицей)
field-birth-date = Дата рождения
field-birth-place = Место рождения
field-citizenship = Гражданство
field-sex = Пол
field-document-number = Номер документа
field-document-issue-date = Дата выдачи документа
field-document-expiry-date = Срок действия документа
field-issuing-country = Страна выдачи документа
field-address = Адрес пребывания в Казахстане
field-phone = Телефон
field-representative-name = Ф.И.О. представителя
field-representative-document = Документ, удостоверяющий личность представителя
field-power-of-attorney-number = Номер доверенности
field-power-of-attorney-date = Дата доверенности
field-power-of-attorney-notary = Нотариус, удостоверивший доверенность
field-power-of-attorney-valid-until = Срок действия доверенности
field-institution-name = Наименование учреждения уголовно-исполнительной системы
field-institution-head = Ф.И.О. начальника учреждения
field-current-iin = Текущий ИИН
field-changes = Корректируемые параметры
field-documents = Документы
field-result-iin = Сформированный ИИН
field-refusal-ground = Основание отказа
field-decided-at = Дата решения
problem-required = обязательно для заполнения
problem-not-a-date = такой даты нет; ожидается существующая дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД
problem-not-a-date-time = ожидаются дата и время в виде ГГГГ-ММ-ДДTЧЧ:ММ[:СС]
problem-in-future = не может быть в будущем
problem-birth-before1900 = не может быть раньше 1900 года
problem-issue-not-before-expiry = дата выдачи должна быть раньше срока действия
problem-wrong-script-latin = ожидаются только латинские буквы, пробел, дефис и апостроф
problem-wrong-script-cyrillic = ожидаются только кириллические буквы (включая казахские), пробел, дефис и апостроф
problem-unknown-country = неизвестная страна; ожидается трёхбуквенный код ISO 3166-1 (например, UZB, для лица без гражданства XXA)
problem-not-a-sex = ожидается M (мужской) или F (женский)
problem-not-a-document-number = ожидаются только латинские буквы и цифры (не более 20)
problem-not-a-phone = ожидается номер телефона из 10–15 цифр, например +7 701 234 56 78
problem-no-change = должен изменяться хотя бы один параметр
problem-same-as-current = новое значение совпадает с текущим; заполняйте только изменяемые параметры
problem-not-allowed = не допускается для этого вида заявки по действующим правилам
problem-checklist-refuses = пакет документов неполный или с истекшим сроком; принять нельзя
problem-nothing-to-refuse = пакет документов полный и действителен; для отказа в приёме нужен непредставленный или просроченный документ
problem-no-edition = редакция правил, действующая на эту дату, неизвестна
problem-not-an-id = ожидается номер в формате UUID
field-change = Изменение: { $parameter }
field-error = «{ $field }»: { $problem }
problem-expired = срок действия истёк { $valid_until }; ожидается документ, действительный на день обращения { $on }
problem-too-long = слишком длинно; не более { $max } { $max ->
        [one] символа
       *[other] символов
    }
problem-not-one-of = ожидается одно из значений: { $values }
sex-male = мужской
sex-female = женский
role-clerk = Операционист
role-supervisor = Супервайзер
role-back-office = Оператор МВД
role-administrator = Администратор
password-needs-letters-and-digits = Пароль должен содержать и буквы, и цифры
password-same-as-login = Пароль не должен совпадать с логином
kind-formation = Формирование ИИН
kind-formation-convicted = Формирование ИИН осуждённому (без документов)
kind-correction = Корректировка ИИН
channel-counter = Госкорпорация
channel-portal = Портал
status-draft = Черновик
status-accepted = Принята
status-sent = Отправлена
status-formed = ИИН сформирован
status-corrected = ИИН скорректирован
status-refused = Отказано в услуге
status-refused-to-accept = Отказано в приёме документов

password-too-short = Пароль слишком короткий: нужно не менее { $min } { $min ->
        [one] символа
       *[other] символов
    }
iin-empty = ИИН не заполнен; ожидается 12 цифр
iin-wrong-length = в ИИН { $len } { $len ->
        [one] символ
        [few] символа
       *[other] символов
    }; должно быть 12 цифр
iin-non-digit = { $position }-й символ ИИН не цифра; ожидаются только цифры
iin-check-digit = контрольная цифра ИИН { $found }, а по первым 11 цифрам должна быть { $expected }; проверьте номер
iin-never-issued = такой ИИН не выдаётся: контрольную цифру вычислить нельзя (дважды остаток 10)
