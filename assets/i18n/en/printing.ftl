# Printing documents and registers to files.
printing-cannot-write-file = { $path }: cannot write the file ({ $source })
