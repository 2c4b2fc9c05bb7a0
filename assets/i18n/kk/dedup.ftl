## Possible duplicates: why two identities look alike (or not), shown to the MIA operator next to the score.

dedup-same-name = аты-жөні бірдей (транслитерациядан кейін)
dedup-similar-name = аты-жөні ұқсас ({ $percent }%)
dedup-name-order-differs = аты-жөнінің бөліктері басқа ретпен
dedup-same-birth-date = туған күні бірдей
dedup-near-birth-date = туған күні бір таңбаға өзгеше
dedup-same-document = құжат нөмірі бірдей
dedup-near-document = құжат нөмірі бір таңбаға өзгеше
dedup-same-citizenship = азаматтығы бірдей
dedup-different-citizenship = азаматтығы басқа
dedup-different-document = құжат нөмірі басқа
dedup-different-sex = жынысы басқа
