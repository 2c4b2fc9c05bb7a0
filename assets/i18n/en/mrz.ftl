## Reading a machine-readable zone (MRZ): the fields with check digits and why a text could not be read.

mrz-document-td1 = a TD1 card
mrz-document-td2 = a TD2 document
mrz-document-td3 = a TD3 passport
mrz-field-document-number = Document number
mrz-field-birth-date = Date of birth
mrz-field-expiry-date = Date of expiry
mrz-field-personal-number = Personal number
mrz-field-composite = Composite check digit
mrz-error-empty = The MRZ text is empty. Pass the document through the reader again.
mrz-error-not-an-mrz = The text is not an MRZ: line 1 must start with P, I, A or C and contain '<' fillers.
mrz-error-visa = This is a visa's MRZ. Pass the passport or identity card instead.
mrz-error-bad-character = MRZ line { $line }, position { $position }: the character '{ $character }' is not allowed; only Latin letters A–Z, digits 0–9 and '<' are.
mrz-error-bad-length = MRZ line { $line } has { $length } { $length ->
        [one] character
       *[other] characters
    }; { $document } line has { $expected }.
mrz-error-incomplete = The MRZ is incomplete: { $found } { $found ->
        [one] line
       *[other] lines
    } arrived; the zone of { $document } has { $expected }. Pass the document again.
mrz-error-too-many-lines = The MRZ has extra lines: { $found } arrived; the zone of { $document } has { $expected }. Clear the box and pass the document again.
mrz-error-bad-document-code = MRZ line 1 starts with the code '{ $code }'; line 1 of { $document } starts with { $codes }.
mrz-error-leading-filler = The document number on MRZ line { $line } starts with '<' at position { $position }; it must start with a letter or digit.
