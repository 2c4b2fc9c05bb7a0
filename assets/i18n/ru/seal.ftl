## Verifying a registration certificate file: why it is not genuine.

seal-no-seal = в файле нет печати регистрационного свидетельства iin-desk
seal-seals-disagree = печать на странице не совпадает с печатью в метаданных файла
seal-unknown-request = заявки с номером из свидетельства нет в базе
seal-not-issued = по этой заявке ИИН не сформирован и не скорректирован
seal-iin-differs = ИИН в печати свидетельства не совпадает с ИИН в базе
seal-check-differs = контрольное значение не совпадает с заявкой в базе
seal-printed-iin-differs = ИИН, напечатанный на странице, не совпадает с ИИН в базе
seal-printed-data-differ = фамилия или номер документа на странице не совпадают с данными в базе
