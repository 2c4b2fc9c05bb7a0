about-title = About
about-summary = Formation and correction of the IIN of foreigners and stateless persons temporarily staying in the Republic of Kazakhstan: the counter window of the State Corporation "Government for Citizens".
about-version = Version
about-rules-edition = Rules edition
about-edition-in-force = { $edition } (in force from { $from })
about-licence = Licence
about-third-party = Third-party licences
