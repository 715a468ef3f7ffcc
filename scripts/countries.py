#!/usr/bin/env python3
"""Writes src/core/countries/table.rs: every ISO 3166-1 country with its
alpha-2 and alpha-3 codes and its names in English, German, French, Spanish,
Dutch, Italian and Portuguese (short and common names), from
Debian's iso-codes package (`apt-get install iso-codes`), plus the everyday
names people write that no standard lists (ALIASES).

    python3 scripts/countries.py > src/core/countries/table.rs

The table is data, not code: run this again when iso-codes changes.
"""
import gettext
import json
import sys
import unicodedata

ISO_CODES = '/usr/share/iso-codes/json/iso_3166-1.json'
LOCALES = '/usr/share/locale'
LANGUAGES = ['de', 'fr', 'es', 'nl', 'it', 'pt', 'pt_BR']

# Names in everyday use that iso-codes does not give, by code.
ALIASES = {
    'GB': ['UK', 'U.K.', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland',
           'Grossbritannien', 'Großbritannien', 'Grande-Bretagne', 'Gran Bretaña', 'Groot-Brittannië',
           'Gran Bretagna', 'Grã-Bretanha', 'Inglaterra', 'Angleterre', 'Engeland', 'Inghilterra', 'Schottland',
           'Écosse', 'Escocia', 'Schotland'],
    'US': ['USA', 'U.S.A.', 'U.S.', 'United States of America', 'America', 'Amerika', 'Amérique', 'EEUU',
           'EE. UU.', 'EUA', 'Stati Uniti d\'America', 'Estados Unidos de América', 'Vereinigte Staaten von Amerika',
           'États-Unis d\'Amérique', 'Verenigde Staten van Amerika'],
    'NL': ['Holland', 'The Netherlands', 'Hollande', 'Holanda', 'Olanda'],
    'CZ': ['Czech Republic', 'Tschechische Republik', 'Tschechien', 'République tchèque', 'República Checa',
           'Tsjechische Republiek', 'Repubblica Ceca', 'República Tcheca'],
    'TR': ['Turkey', 'Türkei', 'Turquie', 'Turquía', 'Turkije', 'Turchia', 'Turquia', 'Türkiye'],
    'RU': ['Russia', 'Russland', 'Russie', 'Rusia', 'Rusland', 'Russia', 'Rússia'],
    'KR': ['South Korea', 'Korea', 'Südkorea', 'Corée du Sud', 'Corea del Sur', 'Zuid-Korea', 'Coreia do Sul'],
    'KP': ['North Korea', 'Nordkorea', 'Corée du Nord', 'Corea del Norte', 'Noord-Korea', 'Corea del Nord',
           'Coreia do Norte'],
    'CI': ['Ivory Coast', 'Elfenbeinküste', 'Costa de Marfil'],
    'VN': ['Vietnam', 'Viet Nam'],
    'LA': ['Laos'],
    'SY': ['Syria', 'Syrien', 'Syrie', 'Siria'],
    'IR': ['Iran'],
    'TW': ['Taiwan'],
    'BO': ['Bolivia', 'Bolivien', 'Bolivie', 'Bolívia'],
    'VE': ['Venezuela'],
    'TZ': ['Tanzania', 'Tansania', 'Tanzanie'],
    'MD': ['Moldova', 'Moldau', 'Moldavie', 'Moldavia'],
    'MK': ['Macedonia', 'Mazedonien', 'Macédoine', 'Macedonië', 'Macedônia'],
    'SZ': ['Swaziland', 'Swasiland'],
    'MM': ['Burma', 'Birma', 'Birmanie', 'Birmania'],
    'TL': ['East Timor', 'Osttimor', 'Timor oriental'],
    'CV': ['Cape Verde', 'Kap Verde', 'Cap-Vert', 'Cabo Verde'],
    'VA': ['Vatican', 'Vatican City', 'Vatikan', 'Vatikanstadt', 'Vaticano', 'Holy See'],
    'PS': ['Palestine', 'Palästina', 'Palestina'],
    'FM': ['Micronesia'],
    'BN': ['Brunei'],
    'CD': ['DR Congo', 'DRC', 'Democratic Republic of Congo', 'Congo-Kinshasa', 'Kongo-Kinshasa'],
    'CG': ['Republic of the Congo', 'Congo-Brazzaville', 'Kongo-Brazzaville'],
    'AE': ['UAE', 'Emirates', 'Emirate'],
    'HK': ['Hong Kong'],
    'MO': ['Macau', 'Macao'],
    'DE': ['BRD', 'Federal Republic of Germany', 'Bundesrepublik Deutschland'],
    'CH': ['Schweiz', 'Suisse', 'Svizzera', 'Svizra'],
    'AT': ['Oesterreich'],
}


def folded(name):
    """What the app matches on: lower case, accents removed, letters and digits only."""
    text = unicodedata.normalize('NFKD', name.replace('ß', 'ss').replace('ø', 'o').replace('Ø', 'o'))
    text = ''.join(c for c in text if not unicodedata.combining(c))
    return ''.join(c for c in text.lower() if c.isalnum())


def variants(name):
    """A name and, for "Korea, Republic of", also "Republic of Korea"."""
    out = [name]
    if ', ' in name:
        head, tail = name.split(', ', 1)
        out.append(f'{tail} {head}')
    return out


# Names countries give themselves (endonyms), as files made there write
# them: an export from a Swedish phone says "Sverige".
ENDONYMS = {
    'SE': ['Sverige'], 'NO': ['Norge', 'Noreg'], 'DK': ['Danmark'], 'FI': ['Suomi'], 'IS': ['Ísland'],
    'FO': ['Føroyar'], 'GL': ['Kalaallit Nunaat'], 'EE': ['Eesti'], 'LV': ['Latvija'], 'LT': ['Lietuva'],
    'PL': ['Polska'], 'CZ': ['Česko', 'Česká republika'], 'SK': ['Slovensko'], 'HU': ['Magyarország'],
    'SI': ['Slovenija'], 'HR': ['Hrvatska'], 'RS': ['Srbija', 'Србија'], 'ME': ['Crna Gora'],
    'BA': ['Bosna i Hercegovina'], 'AL': ['Shqipëria'], 'RO': ['România'], 'BG': ['България'],
    'GR': ['Ελλάδα', 'Hellas', 'Ellada'], 'CY': ['Κύπρος', 'Kıbrıs'], 'IE': ['Éire'], 'LU': ['Lëtzebuerg'],
    'UA': ['Україна', 'Ukrajina'], 'BY': ['Беларусь'], 'RU': ['Россия', 'Rossiya'], 'GE': ['Sakartvelo'],
    'AM': ['Hayastan'], 'KZ': ['Қазақстан'], 'IL': ['ישראל'], 'EG': ['مصر', 'Misr'],
    'JP': ['日本', 'Nippon', 'Nihon'], 'CN': ['中国', 'Zhongguo'], 'KR': ['대한민국', 'Hanguk'],
    'TH': ['ประเทศไทย', 'Prathet Thai'], 'VN': ['Việt Nam'], 'IN': ['Bharat', 'भारत'],
}


def main():
    countries = json.load(open(ISO_CODES, encoding='utf-8'))['3166-1']
    translations = [gettext.translation('iso_3166-1', LOCALES, [lang]) for lang in LANGUAGES]
    rows = []
    owners = {}
    for c in sorted(countries, key=lambda c: c['alpha_2']):
        code = c['alpha_2']
        english = c.get('common_name', c['name'])
        names = [english, c['alpha_3']]
        # Official names ("Federal Republic of …") are left out: files hold
        # the short names, and the long ones would double the table.
        originals = [c['name'], c.get('common_name')]
        for original in filter(None, originals):
            names.extend(variants(original))
            for t in translations:
                names.extend(variants(t.gettext(original)))
        names.extend(ALIASES.get(code, []))
        names.extend(ENDONYMS.get(code, []))
        seen = set()
        unique = []
        for n in names:
            key = folded(n)
            if key and key not in seen and '|' not in n:
                seen.add(key)
                unique.append(n)
                owners.setdefault(key, set()).add(code)
        rows.append((code, unique))
    ambiguous = {k for k, v in owners.items() if len(v) > 1}
    for k in sorted(ambiguous):
        print(f'ambiguous, left out: {k} {sorted(owners[k])}', file=sys.stderr)
    out = sys.stdout
    out.write('//! Generated by `scripts/countries.py` from Debian\'s iso-codes; do not edit.\n')
    out.write('//! Each entry: the alpha-2 code, then `|`-separated names: the English\n')
    out.write('//! name first, the alpha-3 code, then names in German, French, Spanish,\n')
    out.write('//! Dutch, Italian and Portuguese and in everyday use.\n\n')
    out.write('pub(super) const COUNTRIES: &[(&str, &str)] = &[\n')
    for code, names in rows:
        kept = [n for n in names if folded(n) not in ambiguous or n == names[0]]
        joined = '|'.join(kept).replace('\\', '\\\\').replace('"', '\\"')
        out.write(f'    ("{code}", "{joined}"),\n')
    out.write('];\n')


if __name__ == '__main__':
    main()
