field-id = Request id
field-kind = Request kind
field-channel = Channel
field-status = Status
field-submitted-at = Submitted at
field-surname = Surname (Latin)
field-name = Name (Latin)
field-patronymic = Patronymic (Latin)
field-surname-cyrillic = Surname (Cyrillic)
field-name-cyrillic = Name (Cyrillic)
field-patronymic-cyrillic = Patronymic (Cyrillic)
field-birth-date = Date of birth
field-birth-place = Place of birth
field-citizenship = Citizenship
field-sex = Sex
field-document-number = Document number
field-document-issue-date = Document issue date
field-document-expiry-date = Document validity date
field-issuing-country = Issuing country
field-address = Address of stay in Kazakhstan
field-phone = Phone
field-representative-name = Representative's full name
field-representative-document = Representative's identity document
field-power-of-attorney-number = Power of attorney number
field-power-of-attorney-date = Power of attorney date
field-power-of-attorney-notary = Notary of the power of attorney
field-power-of-attorney-valid-until = Power of attorney valid until
field-institution-name = Penal institution
field-institution-head = Head of the institution
field-current-iin = Current IIN
field-changes = Parameters to correct
field-documents = Documents
field-result-iin = Formed IIN
field-refusal-ground = Refusal ground
field-decided-at = Decision date
problem-required = is required
problem-not-a-date = is not a date; a real date as DD.MM.YYYY or YYYY-MM-DD is expected
problem-not-a-date-time = a date and time as YYYY-MM-DDTHH:MM[:SS] is expected
problem-in-future = must not be in the future
problem-birth-before1900 = must not be before 1900
problem-issue-not-before-expiry = the issue date must be before the validity date
problem-wrong-script-latin = only Latin letters, spaces, hyphens and apostrophes are expected
problem-wrong-script-cyrillic = only Cyrillic letters (Kazakh ones included), spaces, hyphens and apostrophes are expected
problem-unknown-country = unknown country; an ISO 3166-1 three-letter code is expected (e.g. UZB, XXA for a stateless person)
problem-not-a-sex = M (male) or F (female) is expected
problem-not-a-document-number = only Latin letters and digits are expected (at most 20)
problem-not-a-phone = a phone number of 10–15 digits is expected, e.g. +7 701 234 56 78
problem-no-change = at least one parameter must change
problem-same-as-current = the new value equals the current one; fill in only the parameters that change
problem-not-allowed = is not allowed for this kind of request under the rules in force
problem-checklist-refuses = the document package is incomplete or expired; it cannot be accepted
problem-nothing-to-refuse = the package is complete and in date; a refusal to accept needs a missing or expired document
problem-no-edition = no edition of the rules is known to be in force on this date
problem-not-an-id = a UUID is expected
field-change = Change: { $parameter }
field-error = «{ $field }»: { $problem }
problem-expired = expired on { $valid_until }; a document valid on the application day { $on } is expected
problem-too-long = is too long; at most { $max } { $max ->
        [one] character
       *[other] characters
    }
problem-not-one-of = one of these is expected: { $values }
sex-male = male
sex-female = female
role-clerk = Clerk
role-supervisor = Supervisor
role-back-office = Back-office operator
role-administrator = Administrator
password-needs-letters-and-digits = The password must contain both letters and digits
password-same-as-login = The password must not equal the login
kind-formation = IIN formation
kind-formation-convicted = IIN formation for a convicted person (no documents)
kind-correction = IIN correction
channel-counter = State Corporation counter
channel-portal = Portal
status-draft = Draft
status-accepted = Accepted
status-sent = Sent
status-formed = IIN formed
status-corrected = IIN corrected
status-refused = Service refused
status-refused-to-accept = Refused to accept

password-too-short = The password is too short: at least { $min } { $min ->
        [one] character is
       *[other] characters are
    } needed
iin-empty = the IIN is empty; 12 digits are expected
iin-wrong-length = the IIN has { $len } { $len ->
        [one] character
       *[other] characters
    }; 12 digits are expected
iin-non-digit = character { $position } of the IIN is not a digit; only digits are expected
iin-check-digit = the IIN's check digit is { $found }, but the first 11 digits give { $expected }; check the number
iin-never-issued = such an IIN is never issued: no check digit exists (remainder 10 twice)
