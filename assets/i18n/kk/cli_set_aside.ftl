# `iin-desk search --set-aside` және `iin-desk sync` жіберетін жаңа мерзімдер
# (src/cli/search_cmds.rs, src/cli/queue_cmds.rs).
cli-search-set-aside-found = шетке қойылған { $n } өтініш табылды, { $shown } көрсетілді
cli-sync-due-updates = Жаңа мерзімдер: орталық кезекке жіберілгені — { $sent }, әлі жіберілмегені — { $pending }
