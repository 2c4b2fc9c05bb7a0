# Сервердегі сұлбаны жаңарту, синтетикалық тізілім және кеңсені кезек файлынан серверге
# көшіру (src/queue/server, src/cli/pg_cmds.rs).
queue-server-schema-older = { $server } серверіндегі кезек сұлбасының нұсқасы ({ $found }) бағдарлама нұсқасынан ({ $supported }) ескі: әкімші оны `iin-desk queue init-server` командасымен жаңартады; ештеңе өзгертілмеді
queue-server-upgraded = { $server } серверіндегі кезек (id { $id }) сұлбаның { $from } нұсқасынан { $to } нұсқасына жаңартылды; рөлдердің құқықтары жаңартылды
queue-demo-registry-progress = { $n ->
    [one] { $n } синтетикалық тұлға жазылды…
   *[other] { $n } синтетикалық тұлға жазылды…
}
queue-demo-registry-done = { $server }: { $added ->
    [one] { $added } синтетикалық тұлға қосылды
   *[other] { $added } синтетикалық тұлға қосылды
}, бұрыннан бар: { $skipped }, тізілімде: { $total } ({ $seconds } с)
queue-migrate-requests = өтініштер: { $added } қосылды, { $updated } файлдағы нәтижені алды, { $unchanged } серверде бұрыннан бар
queue-migrate-persons = тізілімдегі тұлғалар: { $added } қосылды, { $updated } файлдағы жаңа нұсқаға жаңартылды, { $unchanged } серверде бұрыннан бар
queue-migrate-history = тұлғалар деректерінің бұрынғы нұсқалары: { $added } қосылды, { $unchanged } серверде бұрыннан бар
queue-migrate-known-iins = бұрын берілген не аталған ЖСН: { $added } қосылды, { $unchanged } серверде бұрыннан бар
queue-migrate-audit = аудит журналының жазбалары: { $added } қосылды, { $unchanged } бұрын көшірілген
queue-migrate-done = кеңсенің кезек файлы { $server } серверіне көшірілді: кассалар осы мекенжайды кезек ретінде көрсетіп ауысады; әлі жіберілмегені келесі синхрондауда серверге кетеді
queue-migrate-nothing-to-do = { $server } серверінде бұл кезек файлындағының бәрі бар: ештеңе өзгертілмеді
