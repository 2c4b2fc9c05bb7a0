## Possible duplicates: why two identities look alike (or not), shown to the MIA operator next to the score.

dedup-same-name = the same name (after transliteration)
dedup-similar-name = a similar name ({ $percent }%)
dedup-name-order-differs = the name parts are in another order
dedup-same-birth-date = the same date of birth
dedup-near-birth-date = the date of birth differs by one typo
dedup-same-document = the same document number
dedup-near-document = the document number differs by one character
dedup-same-citizenship = the same citizenship
dedup-different-citizenship = another citizenship
dedup-different-document = another document number
dedup-different-sex = another sex
