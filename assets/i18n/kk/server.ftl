# Орталық кезек қабылдамаған және шетке қойылған өтініштер (src/queue/reject.rs, src/queue/sync.rs, src/ui/set_aside.rs, src/cli/pg_cmds.rs).
server-reject-conflict = кезекте осы сәйкестендіргіші бар, бірақ деректері басқа өтініш бар, не бұл басқа кеңсенің өтініші
server-reject-damaged = өтініш деректері кезекте тексеруден өтпеді (хеш, сәйкестендіргіш немесе өрістер)
server-reject-refused = кезек сервері оны қабылдамады: { $detail }
server-not-set-aside = { $id } өтініші шетке қойылмаған
server-set-aside-line = { $id } ({ $when } бастап): { $reason }
server-set-aside-title = { $n ->
        [one] { $n } өтінішті кезек қабылдамады, ол шетке қойылды
       *[other] { $n } өтінішті кезек қабылдамады, олар шетке қойылды
    }; қалғандары әдеттегідей жіберіледі
server-set-aside-hint = Басшыға хабарлаңыз: себебі жойылған соң ол осы жерде «Қайта жіберу» батырмасын басады немесе `iin-desk queue retry ID` командасын орындайды.
server-set-aside-none = шетке қойылған өтініш жоқ
server-set-aside-retried = { $id } өтініші жіберу кезегіне қайтарылды; келесі синхрондау оны қайта жібереді
server-sync-set-aside = { $id } шетке қойылды: { $reason }
# Кезек серверінің құпиясөзі, жергілікті шифрланған базада сақталады (src/cli/pg_cmds.rs).
server-password-prompt = Осы орнатудың кезек серверіндегі есептік жазбасының құпиясөзі (көрсетілмейді):
server-password-empty = құпиясөз енгізілмеді: оны енгізіңіз немесе сақталғанын --clear кілтімен жойыңыз
server-password-kept = кезек серверінің құпиясөзі шифрланған жергілікті базада сақталды
server-password-cleared = сақталған кезек серверінің құпиясөзі жойылды
# «Баптаулар» экранының кезек серверіне қатысты бөлігі (src/ui/queue_settings.rs).
server-settings-title = Кезек сервері
server-settings-hint = Осы орнатудың кезек серверіндегі есептік жазбасының құпиясөзі шифрланған жергілікті базада сақталады (PGPASSWORD немесе ~/.pgpass берілсе, солар басым). Оны ешқашан мекенжайға жазбаңыз.
server-settings-password = Құпиясөз
server-settings-keep = Шифрлап сақтау
server-settings-clear = Жою
