## Verifying a registration certificate file: why it is not genuine.

seal-no-seal = the file carries no iin-desk certificate seal
seal-seals-disagree = the seal printed on the page differs from the one in the file's metadata
seal-unknown-request = no request with the certificate's request id is in the store
seal-not-issued = the request has no formed or corrected IIN
seal-iin-differs = the IIN in the certificate's seal differs from the stored IIN
seal-check-differs = the check value does not match the stored request
seal-printed-iin-differs = the IIN printed on the page differs from the stored IIN
seal-printed-data-differ = the surname or document number printed on the page differs from the stored data
