# PostgreSQL серверіндегі орталық кезек (src/queue/server, src/cli/pg_cmds.rs).
queue-server-unusable = { $server } кезек серверін пайдалану мүмкін емес: { $detail }; өтінімдер осы компьютерде сақталады
queue-server-no-schema = { $server } серверінде iin-desk кезегі жоқ: әкімші оны `iin-desk queue init-server` арқылы жасайды; ештеңе жіберілмеді
queue-server-schema-newer = { $server } серверіндегі кезек схемасының нұсқасы { $found } бағдарламаның нұсқасынан ({ $supported }) жаңа; iin-desk-ті жаңартыңыз — ештеңе өзгертілмеді
queue-server-password-in-url = { $server } кезек серверінің мекенжайында құпиясөз бар: оны алып тастап, PGPASSWORD немесе ~/.pgpass орнатыңыз
queue-server-created = кезек { $server } серверінде жасалды (id { $id }); кеңселердің тіркелгілеріне iin_desk_counter рөлін, операторларға iin_desk_backoffice рөлін беріңіз
queue-server-already = { $server } серверіндегі кезек бұрыннан бар (id { $id }); рөлдердің құқықтары жаңартылды
queue-server-not-a-url = { $location } сервер мекенжайы емес: postgresql://сервер/дерекқор деп жазыңыз
