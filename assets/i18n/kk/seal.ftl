## Verifying a registration certificate file: why it is not genuine.

seal-no-seal = файлда iin-desk тіркеу куәлігінің мөрі жоқ
seal-seals-disagree = беттегі мөр файл метадеректеріндегі мөрден өзгеше
seal-unknown-request = куәліктегі өтінім нөмірі дерекқорда жоқ
seal-not-issued = бұл өтінім бойынша ЖСН қалыптастырылмаған немесе түзетілмеген
seal-iin-differs = мөрдегі ЖСН дерекқордағы ЖСН-нан өзгеше
seal-check-differs = бақылау мәні дерекқордағы өтініммен сәйкес келмейді
seal-printed-iin-differs = бетте басылған ЖСН дерекқордағы ЖСН-нан өзгеше
seal-printed-data-differ = бетте басылған тегі немесе құжат нөмірі дерекқордағы деректерден өзгеше
