# The central queue on a PostgreSQL server (src/queue/server, src/cli/pg_cmds.rs).
queue-server-unusable = cannot use the queue server { $server }: { $detail }; requests are kept on this computer
queue-server-no-schema = the server { $server } has no iin-desk queue: the administrator creates it with `iin-desk queue init-server`; nothing was sent
queue-server-schema-newer = the queue on the server { $server } has schema version { $found }, newer than this program's { $supported }; update iin-desk — nothing was changed
queue-server-password-in-url = the queue server URL for { $server } contains a password: remove it and set PGPASSWORD or ~/.pgpass instead
queue-server-created = the queue was created on { $server } (id { $id }); give office logins the role iin_desk_counter and operators the role iin_desk_backoffice
queue-server-already = the queue on { $server } is already there (id { $id }); the roles' rights were renewed
queue-server-not-a-url = { $location } is not a server URL: write postgresql://host/database
