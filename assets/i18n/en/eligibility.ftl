# Who may apply, control characters, unknown import keys, representatives (issue 15).
field-office = Office
field-counter = Counter
field-clerk = Clerk
field-comment = Operator's comment
field-representative-basis = Representative acts as
field-legal-representative-document = Document proving legal representation
problem-control-character = contains the control character { $code } (a line break, tab, NUL or the like); only printable text is expected
problem-citizen-of-kazakhstan = a citizen of Kazakhstan cannot apply: the service is for foreigners and stateless persons (a foreign country's code, or XXA, XXB, XXC, XXX is expected)
problem-no-document-expected = must be empty: the convicted person's request (Appendix 2) is for a person without an identity document
import-unknown-key = unknown key «{ $key }»; did you mean «{ $nearest }»?
config-value-of = «{ $key }»: { $problem }
