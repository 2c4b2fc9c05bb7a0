## Reading a machine-readable zone (MRZ): the fields with check digits and why a text could not be read.

mrz-document-td1 = TD1 куәлігінің
mrz-document-td2 = TD2 құжатының
mrz-document-td3 = TD3 паспортының
mrz-field-document-number = Құжат нөмірі
mrz-field-birth-date = Туған күні
mrz-field-expiry-date = Жарамдылық мерзімі
mrz-field-personal-number = Жеке нөмір
mrz-field-composite = Жалпы бақылау цифры
mrz-error-empty = MRZ мәтіні бос. Құжатты оқу құрылғысынан қайта өткізіңіз.
mrz-error-not-an-mrz = Мәтін MRZ-ге ұқсамайды: бірінші жол P, I, A немесе C әрпінен басталып, «<» белгілерін қамтуы керек.
mrz-error-visa = Бұл визаның MRZ-і. Паспортты немесе жеке куәлікті өткізіңіз.
mrz-error-bad-character = MRZ { $line }-жолының { $position }-позициясында рұқсат етілмеген «{ $character }» таңбасы бар; тек A–Z латын әріптері, 0–9 цифрлары және «<» болуы керек.
mrz-error-bad-length = MRZ { $line }-жолында { $length } таңба бар; { $document } жолында { $expected } таңба болуы керек.
mrz-error-incomplete = MRZ толық емес: { $found } жол келді, { $document } аймағында { $expected } жол болады. Құжатты қайта өткізіңіз.
mrz-error-too-many-lines = MRZ-де артық жолдар бар: { $found } жол келді, { $document } аймағында { $expected } жол болады. Өрісті тазалап, құжатты қайта өткізіңіз.
mrz-error-bad-document-code = MRZ 1-жолы «{ $code }» кодымен басталады; { $document } 1-жолы { $codes } әрпінен басталуы керек.
mrz-error-leading-filler = MRZ { $line }-жолындағы құжат нөмірі { $position }-позицияда «<» белгісінен басталады; нөмір әріптен немесе цифрдан басталуы керек.
