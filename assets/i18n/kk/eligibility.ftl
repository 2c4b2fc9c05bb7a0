# Кім жүгіне алады, басқарушы таңбалар, импорттың белгісіз кілттері, өкілдер (15-міндет).
field-office = Бөлімше
field-counter = Терезе
field-clerk = Қызметкер
field-comment = Оператордың түсініктемесі
field-representative-basis = Өкіл ретінде әрекет етеді
field-legal-representative-document = Заңды өкілдікті растайтын құжат
problem-control-character = { $code } басқарушы таңбасы бар (жол ауыстыру, табуляция, NUL және т.б.); тек басылатын мәтін күтіледі
problem-citizen-of-kazakhstan = Қазақстан азаматы жүгіне алмайды: қызмет шетелдіктер мен азаматтығы жоқ адамдарға көрсетіледі (шет мемлекеттің коды не XXA, XXB, XXC, XXX күтіледі)
problem-no-document-expected = бос болуы керек: сотталғанның өтініші (2-қосымша) жеке басын куәландыратын құжаты жоқ адам үшін беріледі
import-unknown-key = «{ $key }» белгісіз кілт; «{ $nearest }» деп айтқыңыз келді ме?
config-value-of = «{ $key }»: { $problem }
