# Printing documents and registers to files.
printing-cannot-write-file = { $path }: не удаётся записать файл ({ $source })
