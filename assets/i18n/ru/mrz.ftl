## Reading a machine-readable zone (MRZ): the fields with check digits and why a text could not be read.

mrz-document-td1 = удостоверения TD1
mrz-document-td2 = документа TD2
mrz-document-td3 = паспорта TD3
mrz-field-document-number = Номер документа
mrz-field-birth-date = Дата рождения
mrz-field-expiry-date = Срок действия
mrz-field-personal-number = Личный номер
mrz-field-composite = Общая контрольная цифра
mrz-error-empty = Текст MRZ пуст. Проведите документ через считыватель ещё раз.
mrz-error-not-an-mrz = Текст не похож на MRZ: первая строка должна начинаться с буквы P, I, A или C и содержать знаки «<».
mrz-error-visa = Это MRZ визы. Проведите паспорт или удостоверение личности.
mrz-error-bad-character = В строке { $line } MRZ, позиция { $position }, недопустимый символ «{ $character }»; допускаются только латинские буквы A–Z, цифры 0–9 и «<».
mrz-error-bad-length = В строке { $line } MRZ символов: { $length }; строка { $document } содержит { $expected }.
mrz-error-incomplete = MRZ неполная: получено строк — { $found }, в зоне { $document } их { $expected }. Проведите документ ещё раз.
mrz-error-too-many-lines = В MRZ лишние строки: получено строк — { $found }, в зоне { $document } их { $expected }. Очистите поле и проведите документ ещё раз.
mrz-error-bad-document-code = Строка 1 MRZ начинается с кода «{ $code }»; строка 1 { $document } должна начинаться с буквы { $codes }.
mrz-error-leading-filler = Номер документа в строке { $line } MRZ начинается со знака «<» (позиция { $position }); номер должен начинаться с буквы или цифры.
