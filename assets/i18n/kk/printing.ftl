# Printing documents and registers to files.
printing-cannot-write-file = { $path }: файлды жазу мүмкін емес ({ $source })
