#!/usr/bin/env python3
"""Generate src/domain/countries.tsv for iin-desk.

Source data: Debian's `iso-codes` package (apt-get install iso-codes):

* /usr/share/iso-codes/json/iso_3166-1.json            -- codes and English names
* /usr/share/locale/{ru,kk}/LC_MESSAGES/iso_3166-1.mo   -- Russian / Kazakh names

English display names use `common_name` where iso-codes gives one (e.g.
"South Korea" instead of "Korea, Republic of"), plus the few overrides in
EN_OVERRIDE.  Russian and Kazakh names are the gettext translations of the
ISO `name`; entries missing from a catalogue are filled from RU_FALLBACK /
KK_FALLBACK (hand-written), and known-bad or non-customary catalogue entries
are replaced by RU_OVERRIDE / KK_OVERRIDE.  Every substitution is printed to
stderr so the report of a regeneration shows them.

After the ISO 3166-1 rows come the ICAO Doc 9303 Part 3 codes that appear in
machine-readable zones but are not ISO 3166-1 countries (ICAO_EXTRA).

Output: `alpha3<TAB>en<TAB>ru<TAB>kk`, a header line, rows sorted by alpha3.

Usage:
    python3 scripts/gen_countries.py [OUTPUT]   (default: src/domain/countries.tsv)
"""

import gettext
import json
import os
import re
import sys

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
LOCALE_DIR = "/usr/share/locale"
DOMAIN = "iso_3166-1"

# English display names where neither `name` nor `common_name` is the usual one.
EN_OVERRIDE = {
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
}

# Russian names used instead of the catalogue's (the catalogue entry is
# missing, or not the name used in Kazakhstan's documents).
RU_OVERRIDE = {
    "GBR": "Великобритания",
    "KGZ": "Кыргызстан",
    "TUR": "Турция",
    "USA": "Соединённые Штаты Америки",
}

# Kazakh names used instead of the catalogue's (the catalogue entry is wrong
# or abbreviated).
KK_OVERRIDE = {
    "ASM": "Америкалық Самоа",  # catalogue: "Шығыс Самоа (АҚШ)"
    "ATF": "Францияның Оңтүстік аумақтары",  # catalogue says "Northern"
    "MYT": "Майотта",  # catalogue: "Мариотт"
    "USA": "Америка Құрама Штаттары",  # catalogue: "АҚШ"
}

# Used only where a catalogue has no translation (hand-written; official
# Kazakh / Russian names as used in Kazakhstan).
RU_FALLBACK = {
    "TUR": "Турция",
}
KK_FALLBACK = {
    "AFG": "Ауғанстан",
    "ARE": "Біріккен Араб Әмірліктері",
    "ARM": "Армения",
    "AZE": "Әзірбайжан",
    "BLR": "Беларусь",
    "CHN": "Қытай",
    "DEU": "Германия",
    "EGY": "Мысыр",
    "FRA": "Франция",
    "GBR": "Ұлыбритания",
    "GEO": "Грузия",
    "IND": "Үндістан",
    "IRN": "Иран",
    "JPN": "Жапония",
    "KAZ": "Қазақстан",
    "KGZ": "Қырғызстан",
    "KOR": "Корея Республикасы",
    "MNG": "Моңғолия",
    "PAK": "Пәкістан",
    "RUS": "Ресей",
    "TJK": "Тәжікстан",
    "TKM": "Түрікменстан",
    "TUR": "Түркия",
    "UKR": "Украина",
    "USA": "Америка Құрама Штаттары",
    "UZB": "Өзбекстан",
}

# ICAO Doc 9303 Part 3 codes that are not ISO 3166-1 alpha-3 countries.
# alpha3: (en, ru, kk)
ICAO_EXTRA = {
    "XXA": ("Stateless person", "Лицо без гражданства", "Азаматтығы жоқ адам"),
    "XXB": (
        "Refugee (1951 Convention)",
        "Беженец (Конвенция 1951 года)",
        "Босқын (1951 жылғы Конвенция)",
    ),
    "XXC": ("Refugee (other)", "Беженец (иной)", "Босқын (басқа)"),
    "XXX": (
        "Unspecified nationality",
        "Гражданство не указано",
        "Азаматтығы көрсетілмеген",
    ),
    "UNO": (
        "United Nations Organization",
        "Организация Объединённых Наций",
        "Біріккен Ұлттар Ұйымы",
    ),
    "UNA": (
        "Specialized agency of the United Nations",
        "Специализированное учреждение ООН",
        "БҰҰ-ның мамандандырылған мекемесі",
    ),
    "UNK": (
        "Resident of Kosovo (UNMIK)",
        "Житель Косово (МООНК)",
        "Косово тұрғыны (БҰҰ Косоводағы миссиясы)",
    ),
    "EUE": ("European Union", "Европейский союз", "Еуропалық Одақ"),
    "XOM": (
        "Sovereign Military Order of Malta",
        "Суверенный военный Мальтийский орден",
        "Мальта егемен әскери ордені",
    ),
    "XPO": (
        "Interpol",
        "Интерпол",
        "Интерпол",
    ),
    "RKS": ("Kosovo", "Косово", "Косово"),
    "GBD": (
        "British Overseas Territories Citizen",
        "Гражданин британских заморских территорий",
        "Британияның шетелдегі аумақтарының азаматы",
    ),
    "GBN": (
        "British National (Overseas)",
        "Британский национал (заморский)",
        "Британ ұлттық азаматы (шетелдегі)",
    ),
    "GBO": (
        "British Overseas Citizen",
        "Британский заморский гражданин",
        "Британияның шетелдегі азаматы",
    ),
    "GBP": (
        "British Protected Person",
        "Лицо под защитой Великобритании",
        "Ұлыбритания қорғауындағы адам",
    ),
    "GBS": ("British Subject", "Британский подданный", "Британ боданы"),
    "UTO": (
        "Utopia (ICAO specimen)",
        "Утопия (образец ИКАО)",
        "Утопия (ИКАО үлгісі)",
    ),
}

CYRILLIC = re.compile("[\u0400-\u04ff]")


def translator(lang):
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


def translate(tr, msgid):
    """The catalogue's translation of msgid, or None where it has none."""
    text = tr.gettext(msgid)
    if text == msgid or not CYRILLIC.search(text):
        return None
    return text


def pick(code, lang, catalogue, override, fallback, log):
    if code in override:
        log.append(f"{lang} {code}: override {override[code]!r} (catalogue: {catalogue!r})")
        return override[code]
    if catalogue is not None:
        return catalogue
    if code in fallback:
        log.append(f"{lang} {code}: filled by hand {fallback[code]!r} (missing in catalogue)")
        return fallback[code]
    raise SystemExit(f"no {lang} name for {code}: add it to {lang.upper()}_FALLBACK")


def clean(field):
    field = " ".join(field.split())
    if not field or "\t" in field:
        raise SystemExit(f"bad field {field!r}")
    return field


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "src/domain/countries.tsv"
    with open(ISO_JSON, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    ru_tr, kk_tr = translator("ru"), translator("kk")
    log = []
    rows = {}
    for entry in iso:
        code = entry["alpha_3"]
        name = entry["name"]
        en = EN_OVERRIDE.get(code) or entry.get("common_name") or name
        ru = pick(code, "ru", translate(ru_tr, name), RU_OVERRIDE, RU_FALLBACK, log)
        kk = pick(code, "kk", translate(kk_tr, name), KK_OVERRIDE, KK_FALLBACK, log)
        rows[code] = (en, ru, kk)
    for code, names in ICAO_EXTRA.items():
        if code in rows:
            raise SystemExit(f"ICAO code {code} collides with ISO 3166-1")
        rows[code] = names
    for code in rows:
        if not re.fullmatch("[A-Z]{3}", code):
            raise SystemExit(f"bad code {code!r}")
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("alpha3\ten\tru\tkk\n")
        for code in sorted(rows):
            f.write("\t".join([code] + [clean(x) for x in rows[code]]) + "\n")
    for line in log:
        print(line, file=sys.stderr)
    print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
