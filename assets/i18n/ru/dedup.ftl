## Possible duplicates: why two identities look alike (or not), shown to the MIA operator next to the score.

dedup-same-name = ФИО совпадает (с учётом транслитерации)
dedup-similar-name = ФИО похоже ({ $percent }%)
dedup-name-order-differs = части ФИО в другом порядке
dedup-same-birth-date = дата рождения совпадает
dedup-near-birth-date = дата рождения отличается на одну цифру
dedup-same-document = номер документа совпадает
dedup-near-document = номер документа отличается на один символ
dedup-same-citizenship = гражданство совпадает
dedup-different-citizenship = гражданство другое
dedup-different-document = номер документа другой
dedup-different-sex = пол другой
