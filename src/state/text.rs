//! Every fixed text of the window, in Kazakh, Russian and English.
//!
//! Field names come from `domain::field::Field::label`, document names from
//! `DocumentKind::name`, so the form, the import report and the printouts agree.

use crate::domain::lang::Tr;

pub const APP_TITLE: Tr = Tr::new(
    "ЖСН — ХҚКО операторы",
    "ИИН — оператор ЦОН",
    "IIN — counter",
);

// Login, first start, lock.
pub const LOGIN_TITLE: Tr = Tr::new("Жүйеге кіру", "Вход в систему", "Log in");
pub const LOGIN: Tr = Tr::new("Логин", "Логин", "Login");
pub const PASSWORD: Tr = Tr::new("Құпиясөз", "Пароль", "Password");
pub const PASSWORD_AGAIN: Tr = Tr::new(
    "Құпиясөзді қайталаңыз",
    "Повторите пароль",
    "Repeat the password",
);
pub const LOG_IN: Tr = Tr::new("Кіру", "Войти", "Log in");
pub const LOG_OUT: Tr = Tr::new("Шығу", "Выйти", "Log out");
pub const LOCK: Tr = Tr::new("Бұғаттау", "Заблокировать", "Lock");
pub const SETUP_TITLE: Tr = Tr::new(
    "Алғашқы баптау: әкімшіні жасаңыз",
    "Первый запуск: создайте администратора",
    "First start: create the administrator",
);
pub const FULL_NAME: Tr = Tr::new("Т.А.Ә.", "Ф.И.О.", "Full name");
pub const CREATE_ADMIN: Tr = Tr::new(
    "Әкімшіні жасау",
    "Создать администратора",
    "Create administrator",
);
pub const PASSWORDS_DIFFER: Tr = Tr::new(
    "Құпиясөздер сәйкес емес",
    "Пароли не совпадают",
    "The passwords do not match",
);
pub const LOCKED_TITLE: Tr = Tr::new(
    "Терезе бұғатталды",
    "Окно заблокировано",
    "The window is locked",
);
pub const UNLOCK: Tr = Tr::new("Ашу", "Разблокировать", "Unlock");
pub const ABOUT: Tr = Tr::new("Бағдарлама туралы", "О программе", "About");
pub const LANGUAGE: Tr = Tr::new("Тіл", "Язык", "Language");

// Navigation.
pub const NAV_DASHBOARD: Tr = Tr::new("Бүгін", "Сегодня", "Today");
pub const NAV_NEW: Tr = Tr::new("Жаңа өтінім", "Новая заявка", "New request");
pub const NAV_JOURNAL: Tr = Tr::new("Журнал", "Журнал", "Journal");
pub const NAV_SETTINGS: Tr = Tr::new("Баптаулар", "Настройки", "Settings");
pub const NAV_ADMIN: Tr = Tr::new("Әкімшілік", "Администрирование", "Administration");

// Dashboard.
pub const TODAY_AT_COUNTER: Tr = Tr::new(
    "Осы терезедегі бүгінгі өтінімдер",
    "Заявки этого окна за сегодня",
    "Today's requests at this counter",
);
pub const PENDING_SYNC: Tr = Tr::new("Жіберуді күтуде", "Ожидают отправки", "Waiting to be sent");
pub const LAST_SYNC: Tr = Tr::new("Соңғы синхрондау", "Последняя синхронизация", "Last sync");
pub const NEVER: Tr = Tr::new("әлі болған жоқ", "ещё не было", "not yet");
pub const NO_REQUESTS_TODAY: Tr = Tr::new(
    "Бүгін өтінім жоқ",
    "Сегодня заявок нет",
    "No requests today",
);
pub const OVERDUE: Tr = Tr::new("мерзімі өтті", "просрочено", "overdue");
pub const SCAN_TO_START: Tr = Tr::new(
    "Паспортты оқу құрылғысынан өткізіңіз — жаңа өтінім ашылады",
    "Проведите паспорт через считыватель — откроется новая заявка",
    "Scan a passport to start a new request",
);
pub const REGISTER_COUNTER: Tr = Tr::new(
    "Терезенің бүгінгі тізілімі",
    "Реестр окна за сегодня",
    "Today's register for this counter",
);
pub const REGISTER_OFFICE: Tr = Tr::new(
    "Бөлімшенің бүгінгі тізілімі",
    "Реестр отделения за сегодня",
    "Today's register for the office",
);
pub const DRAFTS: Tr = Tr::new(
    "Аяқталмаған жобалар",
    "Незавершённые черновики",
    "Unfinished drafts",
);
pub const CONTINUE: Tr = Tr::new("Жалғастыру", "Продолжить", "Continue");

// Columns.
pub const COL_TIME: Tr = Tr::new("Уақыты", "Время", "Time");
pub const COL_KIND: Tr = Tr::new("Түрі", "Вид", "Kind");
pub const COL_STATUS: Tr = Tr::new("Мәртебесі", "Статус", "Status");
pub const COL_DUE: Tr = Tr::new("Мерзімі", "Срок", "Due");
pub const COL_CLERK: Tr = Tr::new("Оператор", "Оператор", "Clerk");
pub const COL_IIN: Tr = Tr::new("ЖСН", "ИИН", "IIN");
pub const COL_APPLICANT: Tr = Tr::new("Өтініш беруші", "Заявитель", "Applicant");
pub const COL_ID: Tr = Tr::new("Нөмірі", "Номер", "Id");

// New request.
pub const KIND: Tr = Tr::new("Өтінім түрі", "Вид заявки", "Request kind");
pub const MRZ_BOX: Tr = Tr::new(
    "MRZ (паспорт оқу құрылғысы)",
    "MRZ (считыватель паспорта)",
    "MRZ (passport reader)",
);
pub const READ_MRZ: Tr = Tr::new("MRZ оқу", "Считать MRZ", "Read MRZ");
pub const MRZ_OK: Tr = Tr::new(
    "MRZ оқылды: барлық бақылау цифрлары дұрыс",
    "MRZ считана: все контрольные цифры верны",
    "MRZ read: every check digit is correct",
);
pub const MRZ_FAILED: Tr = Tr::new(
    "НАЗАР АУДАРЫҢЫЗ: бақылау цифры сәйкес емес — деректерді паспортпен салыстырыңыз",
    "ВНИМАНИЕ: контрольная цифра не сходится — сверьте данные с паспортом",
    "ATTENTION: a check digit does not match — compare the data with the passport",
);
pub const MRZ_REPAIRED: Tr = Tr::new(
    "Бақылау цифры бойынша түзетілді",
    "Исправлено по контрольной цифре",
    "Corrected by the check digit",
);
pub const SECTION_APPLICANT: Tr = Tr::new(
    "Өтініш берушінің деректері",
    "Данные заявителя",
    "Applicant",
);
pub const SECTION_DOCUMENT: Tr = Tr::new(
    "Жеке басты куәландыратын құжат",
    "Документ, удостоверяющий личность",
    "Identity document",
);
pub const SECTION_CONTACT: Tr = Tr::new("Байланыс", "Контакты", "Contact");
pub const HAS_LATIN: Tr = Tr::new(
    "Құжатта деректер кириллицада немесе латынша бар",
    "В документе данные есть кириллицей или латиницей",
    "The document shows the data in Cyrillic or Latin",
);
pub const HAS_REPRESENTATIVE: Tr = Tr::new(
    "Өкіл арқылы жүгінеді",
    "Обращается представитель",
    "A representative applies",
);
pub const SECTION_REPRESENTATIVE: Tr = Tr::new("Өкіл", "Представитель", "Representative");
pub const SECTION_INSTITUTION: Tr = Tr::new(
    "Қылмыстық-атқару мекемесі",
    "Учреждение УИС",
    "Penal institution",
);
pub const SECTION_CORRECTION: Tr = Tr::new("Түзету", "Корректировка", "Correction");
pub const FIND_BY_IIN: Tr = Tr::new("ЖСН бойынша табу", "Найти по ИИН", "Find by IIN");
pub const NOT_FOUND_LOCALLY: Tr = Tr::new(
    "Жергілікті жазбаларда табылмады: ағымдағы деректерді қолмен енгізіңіз",
    "В местных записях не найдено: введите текущие данные вручную",
    "Not in the local records: type the current data",
);
pub const FOUND_LOCALLY: Tr = Tr::new(
    "Ағымдағы деректер жергілікті жазбадан алынды",
    "Текущие данные взяты из местной записи",
    "Current data filled from the local record",
);
pub const COL_PARAMETER: Tr = Tr::new("Параметрлер", "Параметры", "Parameter");
pub const COL_CURRENT: Tr = Tr::new(
    "ІІМ деректер базасындағы ағымдағы мәліметтер",
    "Текущие сведения в базе МВД",
    "Current data",
);
pub const COL_CHANGE: Tr = Tr::new("Өзгерту", "Изменение", "Change");
pub const SECTION_CHECKLIST: Tr = Tr::new(
    "Құжаттар тізбесі",
    "Перечень документов",
    "Document checklist",
);
pub const ALL_HANDED_IN: Tr = Tr::new("Барлығы тапсырылды", "Все сданы", "All handed in");
pub const VALID_UNTIL: Tr = Tr::new("жарамды", "действителен до", "valid until");
pub const EXPIRED: Tr = Tr::new("мерзімі өткен", "просрочен", "expired");
pub const DECISION_ACCEPT: Tr = Tr::new(
    "Құжаттар топтамасы толық: қабылдауға болады",
    "Пакет документов полный: можно принять",
    "The package is complete: it can be accepted",
);
pub const DECISION_REFUSE: Tr = Tr::new(
    "Құжаттарды қабылдаудан бас тарту: ұсынылмаған немесе мерзімі өткен құжаттар",
    "Отказ в приёме документов: не представлены или просрочены",
    "Refuse to accept: documents missing or expired",
);
pub const FIX_FIELDS: Tr = Tr::new(
    "Қате өрістерді түзетіңіз",
    "Исправьте поля с ошибками",
    "Correct the fields with errors",
);
pub const ACCEPT: Tr = Tr::new(
    "Қабылдау және кезекке қою",
    "Принять и поставить в очередь",
    "Accept and queue",
);
pub const REFUSE: Tr = Tr::new(
    "Қабылдаудан бас тарту — қолхат басу…",
    "Отказать в приёме — печать расписки…",
    "Refuse to accept — print receipt…",
);
pub const SAVE_DRAFT: Tr = Tr::new("Жобаны сақтау", "Сохранить черновик", "Save draft");
pub const PRINT_APPLICATION: Tr =
    Tr::new("Өтінішті басу…", "Печать заявления…", "Print application…");
pub const CLOSE: Tr = Tr::new("Жабу", "Закрыть", "Close");
pub const SERVICE_TIME: Tr = Tr::new(
    "Қызмет көрсету уақыты",
    "Время обслуживания",
    "Service time",
);
pub const DRAFT_SAVED: Tr = Tr::new("Жоба сақталды", "Черновик сохранён", "Draft saved");
pub const ACCEPTED_MSG: Tr = Tr::new(
    "Өтінім қабылданды және жіберу кезегіне қойылды",
    "Заявка принята и поставлена в очередь на отправку",
    "Request accepted and queued",
);
pub const REFUSED_MSG: Tr = Tr::new(
    "Қабылдаудан бас тарту тіркелді",
    "Отказ в приёме зарегистрирован",
    "Refusal to accept recorded",
);
pub const DATE_HINT: Tr = Tr::new("КК.АА.ЖЖЖЖ", "ДД.ММ.ГГГГ", "DD.MM.YYYY");
pub const ANY_ERRORS: Tr = Tr::new("қате", "ошибка", "error");

// Journal and request view.
pub const SEARCH: Tr = Tr::new("Іздеу", "Поиск", "Search");
pub const CLEAR: Tr = Tr::new("Тазарту", "Очистить", "Clear");
pub const NAME_FILTER: Tr = Tr::new(
    "Аты-жөні (латын/кирилл)",
    "ФИО (латиница/кириллица)",
    "Name (Latin/Cyrillic)",
);
pub const DOC_FILTER: Tr = Tr::new("Құжат нөмірі", "Номер документа", "Document number");
pub const IIN_FILTER: Tr = Tr::new("ЖСН", "ИИН", "IIN");
pub const FROM: Tr = Tr::new("Бастап", "С", "From");
pub const TO: Tr = Tr::new("Дейін", "По", "To");
pub const ANY: Tr = Tr::new("кез келген", "любой", "any");
pub const FOUND: Tr = Tr::new("Табылды", "Найдено", "Found");
pub const HISTORY: Tr = Tr::new("Тарих", "История", "History");
pub const PRINT: Tr = Tr::new("Басу:", "Печать:", "Print:");
pub const SAVE_AS: Tr = Tr::new("Файлға сақтау:", "Сохранить в файл:", "Save as:");
pub const DOC_CERTIFICATE: Tr = Tr::new(
    "Тіркеу куәлігі",
    "Регистрационное свидетельство",
    "Registration certificate",
);
pub const DOC_RECEIPT: Tr = Tr::new(
    "Қабылдаудан бас тарту туралы қолхат",
    "Расписка об отказе в приёме",
    "Refusal receipt",
);
pub const DOC_APPLICATION: Tr = Tr::new("Өтініш", "Заявление", "Application");
pub const DOC_REFUSAL: Tr = Tr::new(
    "Дәлелді бас тарту",
    "Мотивированный отказ",
    "Reasoned refusal",
);
pub const BACK: Tr = Tr::new("Артқа", "Назад", "Back");
pub const DATA_ERROR: Tr = Tr::new(
    "Деректерді оқу мүмкін болмады",
    "Не удалось прочитать данные",
    "The data could not be read",
);

// Settings and administration.
pub const OFFICE_NAME: Tr = Tr::new("ХҚКО атауы", "Наименование ЦОН", "Office name");
pub const OFFICE_ADDRESS: Tr = Tr::new("ХҚКО мекенжайы", "Адрес ЦОН", "Office address");
pub const COUNTER_NUMBER: Tr = Tr::new("Терезе нөмірі", "Номер окна", "Counter number");
pub const CLERK_PHONE: Tr = Tr::new(
    "Орындаушының телефоны",
    "Телефон исполнителя",
    "Executor's phone",
);
pub const QUEUE_PATH: Tr = Tr::new(
    "Орталық кезек файлы",
    "Файл центральной очереди",
    "Central queue file",
);
pub const LOCKED_BY_MACHINE: Tr = Tr::new(
    "компьютер баптауымен бекітілген",
    "задано настройкой компьютера",
    "set by this PC's configuration",
);
pub const PDF_DIR: Tr = Tr::new(
    "PDF құжаттар қалтасы",
    "Папка PDF-документов",
    "PDF output folder",
);
pub const IDLE_MINUTES: Tr = Tr::new(
    "Әрекетсіздіктен кейін бұғаттау (минут)",
    "Блокировка после бездействия (минут)",
    "Lock after idle (minutes)",
);
pub const BROWSE: Tr = Tr::new("Таңдау…", "Выбрать…", "Browse…");
pub const SAVE: Tr = Tr::new("Сақтау", "Сохранить", "Save");
pub const SAVED: Tr = Tr::new("Сақталды", "Сохранено", "Saved");
pub const USERS: Tr = Tr::new(
    "Қызметкерлердің есептік жазбалары",
    "Учётные записи сотрудников",
    "Staff accounts",
);
pub const ROLE: Tr = Tr::new("Рөлі", "Роль", "Role");
pub const ACTIVE: Tr = Tr::new("Белсенді", "Активна", "Active");
pub const DISABLE: Tr = Tr::new("Өшіру", "Отключить", "Disable");
pub const ENABLE: Tr = Tr::new("Қосу", "Включить", "Enable");
pub const ADD_USER: Tr = Tr::new(
    "Есептік жазба қосу",
    "Добавить учётную запись",
    "Add account",
);
pub const NEW_PASSWORD: Tr = Tr::new("Жаңа құпиясөз", "Новый пароль", "New password");
pub const SET_PASSWORD: Tr = Tr::new("Құпиясөзді орнату", "Задать пароль", "Set password");
pub const CALENDAR: Tr = Tr::new(
    "Жұмыс күнтізбесінің ерекшеліктері",
    "Исключения рабочего календаря",
    "Working-calendar exceptions",
);
pub const IMPORT_CALENDAR: Tr = Tr::new(
    "Жыл файлын жүктеу…",
    "Загрузить файл года…",
    "Import a year's file…",
);
pub const WORKING_DAY: Tr = Tr::new("жұмыс күні", "рабочий день", "working day");
pub const DAY_OFF: Tr = Tr::new("демалыс", "выходной", "day off");
// Back office.
pub const NAV_BACK_OFFICE: Tr = Tr::new(
    "Келіп түскен өтінімдер",
    "Входящие заявки",
    "Incoming requests",
);
pub const INCOMING: Tr = Tr::new(
    "Келіп түскен өтінімдер",
    "Входящие заявки",
    "Incoming requests",
);
pub const REFRESH: Tr = Tr::new("Жаңарту", "Обновить", "Refresh");
pub const OPEN: Tr = Tr::new("Ашу", "Открыть", "Open");
pub const CHOOSE_REQUEST: Tr = Tr::new(
    "Сол жақтан өтінімді таңдаңыз",
    "Выберите заявку слева",
    "Choose a request on the left",
);
pub const DUPLICATES: Tr = Tr::new(
    "Тізілімдегі ықтимал сәйкестіктер",
    "Возможные совпадения в реестре",
    "Possible duplicates in the registry",
);
pub const NO_DUPLICATES: Tr = Tr::new(
    "Сәйкестік табылмады",
    "Совпадений не найдено",
    "No possible duplicates",
);
pub const DECISION: Tr = Tr::new("Шешім", "Решение", "Decision");
pub const COMMENT: Tr = Tr::new("Түсініктеме", "Комментарий", "Comment");
pub const OVERRIDE_REASON: Tr = Tr::new(
    "Сәйкестіктерге қарамастан ЖСН қалыптастыру себебі",
    "Причина формирования ИИН несмотря на совпадения",
    "Reason to form an IIN despite the possible duplicates",
);
pub const FORM_IIN: Tr = Tr::new("ЖСН қалыптастыру", "Сформировать ИИН", "Form IIN");
pub const CORRECT: Tr = Tr::new("Деректерді түзету", "Скорректировать данные", "Correct");
pub const REFUSAL_GROUND: Tr = Tr::new("Бас тарту негізі", "Основание отказа", "Refusal ground");
pub const REFUSE_SERVICE: Tr = Tr::new("Қызметтен бас тарту", "Отказать в услуге", "Refuse");
pub const AWAITING_RESULT: Tr = Tr::new("Нәтиже күтуде", "Ожидают результата", "Awaiting a result");
pub const OFFLINE: Tr = Tr::new(
    "Орталық кезекке қосылу жоқ",
    "Нет связи с центральной очередью",
    "No connection to the central queue",
);
pub const SYNC_NOW: Tr = Tr::new("Қазір синхрондау", "Синхронизировать сейчас", "Sync now");
pub const CANCELLED: Tr = Tr::new("Бас тартылды", "Отменено", "Cancelled");

pub const RECOVERY_KEY: Tr = Tr::new(
    "Қалпына келтіру кілті",
    "Ключ восстановления",
    "Recovery key",
);
pub const RECOVERY_KEY_HELP: Tr = Tr::new(
    "Деректер шифрланған. Бұл кілт тек қазір көрсетіледі: оны қағазға жазып, сейфте сақтаңыз. Барлық құпиясөз жоғалса, деректерді тек осы кілт ашады (iin-desk recover).",
    "Данные зашифрованы. Этот ключ показывается только сейчас: запишите его на бумаге и храните в сейфе. Если все пароли утеряны, данные открывает только он (iin-desk recover).",
    "The data are encrypted. This key is shown only now: write it on paper and keep it in a safe. If every password is lost, only this key opens the data (iin-desk recover).",
);
pub const RECOVERY_KEY_DONE: Tr =
    Tr::new("Жазып алдым", "Я записал ключ", "I have written it down");

pub const NEEDS_PASSWORD: Tr = Tr::new(
    "жаңа құпиясөз керек",
    "нужен новый пароль",
    "needs a new password",
);
pub const KEYS: Tr = Tr::new("Кілттер және кіру", "Ключи и вход", "Keys and logins");
pub const KEYS_HELP: Tr = Tr::new(
    "Деректер шифрланған. Кезек кілті кеңсенің барлық компьютерінде бірдей болуы керек: оны бір компьютерде экспорттап, қалғандарында импорттаңыз.",
    "Данные зашифрованы. Ключ очереди должен быть одинаковым на всех компьютерах офиса: экспортируйте его на одном и импортируйте на остальных.",
    "The data are encrypted. The queue key must be the same on every PC of the office: export it on one and import it on the others.",
);
pub const NEW_RECOVERY_KEY: Tr = Tr::new(
    "Жаңа қалпына келтіру кілті",
    "Новый ключ восстановления",
    "New recovery key",
);
pub const EXPORT_QUEUE_KEY: Tr = Tr::new(
    "Кезек кілтін экспорттау…",
    "Экспорт ключа очереди…",
    "Export the queue key…",
);
pub const IMPORT_QUEUE_KEY: Tr = Tr::new(
    "Кезек кілтін импорттау…",
    "Импорт ключа очереди…",
    "Import the queue key…",
);
pub const QUEUE_KEY_IMPORTED: Tr = Tr::new(
    "Кезек кілті импортталды",
    "Ключ очереди импортирован",
    "The queue key is imported",
);
pub const QUEUE_KEY_EXPORTED: Tr = Tr::new(
    "Кезек кілті жазылды (құпия: импорттағаннан кейін файлды жойыңыз)",
    "Ключ очереди записан (секрет: удалите файл после импорта)",
    "The queue key is written (a secret: delete the file once imported)",
);
pub const LOCKOUT_FAILURES: Tr = Tr::new(
    "Бұғаттауға дейінгі сәтсіз кірулер",
    "Неудачных входов до блокировки",
    "Failed logins before a lockout",
);
pub const LOCKOUT_MINUTES: Tr = Tr::new("Бұғаттау, минут", "Блокировка, минут", "Lockout, minutes");
pub const SAVE_LOCKOUT: Tr = Tr::new(
    "Бұғаттауды сақтау",
    "Сохранить блокировку",
    "Save the lockout",
);
pub const LOCKOUT_INVALID: Tr = Tr::new(
    "«Бұғаттауға дейінгі сәтсіз кірулер»: 1-ден 100-ге дейін; «Бұғаттау, минут»: 1-ден 1440-қа дейін",
    "«Неудачных входов до блокировки»: от 1 до 100; «Блокировка, минут»: от 1 до 1440",
    "«Failed logins before a lockout»: 1 to 100; «Lockout, minutes»: 1 to 1440",
);
