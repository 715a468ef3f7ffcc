//! Demo data: a seeded generator of realistic companies, contacts, deals,
//! activities and tasks, used by the "Load demo data" button (100 to 100,000
//! contacts) and by benchmarks.
//! It is deterministic: the same seed, contact count and `now` always give the
//! same records, because every random choice comes from [`DemoRng`] (SplitMix64)
//! and the time is passed in. Names, streets, cities, postal codes and phone
//! numbers follow the conventions of six countries (US, GB, DE, FR, ES, NL), and
//! about 2% of the contacts are near-duplicates of others (a nickname, a typo, an
//! email in other case, a phone number written differently) so that duplicate
//! detection has something to find.
//!
//! For N contacts there are about N/5 deals (60% open, 25% won, 15% lost),
//! 5N activities over the last two years (calls, emails, meetings, notes) and
//! N/20 tasks due within a month either way; contacts and companies get a
//! stage history that leads to their lifecycle stage. These come from a
//! second generator seeded from the same seed, so the people (names, emails,
//! phones) are the same as before these records existed.

use std::collections::HashSet;
use std::fmt::Write;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::core::dataset::Records;
use crate::core::ids::uuid_v4;
use crate::core::model::*;
use crate::core::records::{Activity, ActivityKind, Deal, DealStatus, Priority, Settings, Task};

/// A small, fast, deterministic PRNG (SplitMix64).
#[derive(Clone, Debug)]
pub struct DemoRng {
    state: u64,
}

impl DemoRng {
    pub fn new(seed: u64) -> Self {
        DemoRng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (multiply-shift; 0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A version-4 UUID in lower-case hyphenated form.
    pub fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid_v4(bytes)
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(u64::from(total)) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// Generated records: companies first, then the contacts that may refer to
/// them, then deals, activities and tasks linked to those.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoData {
    pub companies: Vec<Company>,
    pub contacts: Vec<Contact>,
    pub deals: Vec<Deal>,
    pub activities: Vec<Activity>,
    pub tasks: Vec<Task>,
    /// The initial settings, whose pipeline the deals use.
    pub settings: Settings,
}

impl DemoData {
    /// Everything, for [`Dataset::from_parts`](crate::core::dataset::Dataset::from_parts).
    pub fn into_records(self) -> Records {
        Records {
            companies: self.companies,
            contacts: self.contacts,
            deals: self.deals,
            activities: self.activities,
            tasks: self.tasks,
            settings: Some(self.settings),
        }
    }
}

/// Generates `contacts` contacts and about one company per ten of them (at
/// least 3, at most 10,000), with one deal per five contacts, five
/// activities per contact and one task per twenty. `now` is passed in (core
/// never reads the clock); every timestamp is a whole second no later than
/// `now`, except planned meetings (up to two weeks ahead) and tasks' due
/// dates (within 30 days either way). Same `(seed, contacts, now)` gives
/// identical output.
pub fn generate_demo(seed: u64, contacts: usize, now: DateTime<Utc>) -> DemoData {
    let mut g = Gen {
        rng: DemoRng::new(seed),
        now_s: now.timestamp(),
        now,
        emails: HashSet::with_capacity(contacts + contacts / 3 + 16),
        local: String::with_capacity(40),
    };
    let n_companies = (contacts / (8 + g.rng.index(5))).clamp(3, 10_000);
    let mut companies = Vec::with_capacity(n_companies);
    let mut infos = Vec::with_capacity(n_companies);
    let mut domains = HashSet::with_capacity(n_companies);
    for _ in 0..n_companies {
        let (company, info) = g.company(&mut domains);
        companies.push(company);
        infos.push(info);
    }

    let n_dups = contacts / 50;
    let n_orig = contacts - n_dups;
    let mut out = Vec::with_capacity(contacts);
    let mut countries = Vec::with_capacity(n_orig);
    for _ in 0..n_orig {
        let (contact, country) = g.contact(&companies, &infos);
        out.push(contact);
        countries.push(country);
    }
    // Each duplicate copies a different original: one drawn from each stratum.
    if let Some(stride) = n_orig.checked_div(n_dups) {
        for k in 0..n_dups {
            let i = k * stride + g.rng.index(stride);
            let dup = g.near_duplicate(&out[i], &COUNTRIES[countries[i]]);
            out.push(dup);
        }
    }
    // Fisher–Yates, so duplicates land anywhere (before or after their original).
    for i in (1..out.len()).rev() {
        let j = g.rng.index(i + 1);
        out.swap(i, j);
    }
    // The sales records draw from their own generator: the people above are
    // the same as before they existed (the dedupe benchmark relies on them).
    let mut rng = DemoRng::new(seed ^ SALES_SEED);
    let settings = Settings::initial(now);
    enrich_people(&mut rng, &mut companies, &mut out, g.now_s);
    let Sales { deals, activities, tasks } = generate_sales(&mut rng, &companies, &out, &settings, now);
    DemoData { companies, contacts: out, deals, activities, tasks, settings }
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

struct City {
    name: &'static str,
    region: &'static str,
    /// Postal code pattern: `#` a digit, `?` a letter, `|` separates alternatives.
    postal: &'static str,
    /// Telephone area code without the trunk prefix.
    area: &'static str,
}

const fn city(name: &'static str, region: &'static str, postal: &'static str, area: &'static str) -> City {
    City { name, region, postal, area }
}

struct Country {
    code: &'static str,
    /// Telephone country code.
    cc: &'static str,
    /// Whether national numbers start with a trunk `0`.
    trunk: bool,
    /// Digits of a national significant number (landline, mobile), plus up to `nsn_extra`.
    nsn_len: usize,
    mobile_len: usize,
    nsn_extra: u64,
    mobile: &'static [&'static str],
    given: &'static [&'static str],
    family: &'static [&'static str],
    streets: &'static [&'static str],
    cities: &'static [City],
    words: &'static [&'static str],
    /// (name part, industry)
    fields: &'static [(&'static str, &'static str)],
    prefixes: &'static [(&'static str, &'static str)],
    suffixes: &'static [&'static str],
    tld: &'static str,
    mail: &'static [&'static str],
}

const COUNTRY_WEIGHTS: [u32; 6] = [30, 18, 18, 12, 10, 12];

#[rustfmt::skip]
const EN_WORDS: &[&str] = &[
    "Bluebird", "Summit", "Northstar", "Redwood", "Ironbridge", "Harbor", "Brightwater", "Granite",
    "Keystone", "Oakridge", "Pinecrest", "Lighthouse", "Westbrook", "Evergreen", "Bluestone",
    "Falcon", "Meridian", "Crescent", "Silverline", "Copperleaf", "Riverside", "Blackthorn",
    "Foxglove", "Kingfisher",
];
#[rustfmt::skip]
const EN_FIELDS: &[(&str, &str)] = &[
    ("Analytics", "Software"), ("Logistics", "Logistics"), ("Software", "Software"),
    ("Consulting", "Consulting"), ("Health", "Healthcare"), ("Media", "Media"),
    ("Capital", "Financial services"), ("Foods", "Food & beverage"), ("Energy", "Energy"),
    ("Design", "Design"), ("Labs", "Biotechnology"), ("Systems", "Information technology"),
    ("Robotics", "Manufacturing"), ("Security", "Security"), ("Networks", "Telecommunications"),
    ("Studios", "Media"), ("Supply", "Wholesale"), ("Builders", "Construction"),
    ("Properties", "Real estate"), ("Hotels", "Hospitality"), ("Motors", "Automotive"),
];

#[rustfmt::skip]
const COUNTRIES: [Country; 6] = [
    Country {
        code: "US", cc: "1", trunk: false, nsn_len: 10, mobile_len: 10, nsn_extra: 0,
        mobile: &[],
        given: &[
            "James", "Robert", "Michael", "William", "David", "Christopher", "Daniel", "Matthew",
            "Anthony", "Joshua", "Thomas", "Tyler", "Brandon", "José", "André", "Jennifer",
            "Elizabeth", "Katherine", "Jessica", "Sarah", "Ashley", "Emily", "Samantha", "Margaret",
            "Olivia", "Madison", "Zoë", "Renée", "Mia", "Grace",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
            "Rodriguez", "Martinez", "Hernández", "Lopez", "Wilson", "Anderson", "Taylor", "Thomas",
            "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
            "Robinson", "Walker", "Young", "Nguyen", "Kim", "Patel", "O'Brien", "Ødegaard", "Peña",
        ],
        streets: &[
            "Main Street", "Market Street", "Oak Avenue", "Mission Street", "Broadway",
            "Elm Street", "Maple Drive", "Sunset Boulevard", "Pine Street", "Lake Shore Drive",
            "Washington Avenue", "Park Avenue", "Cedar Lane", "Howard Street",
        ],
        cities: &[
            city("San Francisco", "CA", "941##", "415"),
            city("New York", "NY", "100##|101##", "212"),
            city("Chicago", "IL", "606##", "312"),
            city("Austin", "TX", "787##", "512"),
            city("Seattle", "WA", "981##", "206"),
            city("Boston", "MA", "021##", "617"),
            city("Denver", "CO", "802##", "303"),
            city("Atlanta", "GA", "303##", "404"),
        ],
        words: EN_WORDS, fields: EN_FIELDS, prefixes: &[],
        suffixes: &["Inc.", "Inc.", "LLC", "LLC", "Corp.", "Co.", ""],
        tld: "com",
        mail: &["gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com"],
    },
    Country {
        code: "GB", cc: "44", trunk: true, nsn_len: 10, mobile_len: 10, nsn_extra: 0,
        mobile: &["7700", "7712", "7725", "7738", "7747", "7759", "7761", "7774", "7786", "7798"],
        given: &[
            "Oliver", "George", "Harry", "Jack", "William", "Thomas", "James", "Charlie",
            "Alexander", "Edward", "Robert", "Daniel", "Rhys", "Gareth", "Seán", "Łukasz", "Amelia",
            "Olivia", "Isla", "Emily", "Poppy", "Charlotte", "Katherine", "Elizabeth", "Margaret",
            "Sophie", "Eleanor", "Siân", "Niamh", "Zoë", "Ffion", "Aoife",
        ],
        family: &[
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
            "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Hughes", "Edwards", "O'Connor",
            "MacDonald", "Campbell", "Murphy", "Kowalski", "Nowak",
        ],
        streets: &[
            "High Street", "Station Road", "Church Lane", "Victoria Road", "Queen Street",
            "Park Lane", "Mill Road", "King Street", "London Road", "The Crescent", "Baker Street",
            "Chapel Street", "Albert Road",
        ],
        cities: &[
            city(
                "London", "Greater London", "EC1A #??|SW1A #??|N1 #??|SE1 #??|W1D #??|E14 #??",
                "20",
            ),
            city(
                "Manchester", "Greater Manchester", "M1 #??|M4 #??|M20 #??", "161",
            ),
            city("Birmingham", "West Midlands", "B1 #??|B15 #??", "121"),
            city("Edinburgh", "Scotland", "EH1 #??|EH3 #??", "131"),
            city("Bristol", "Bristol", "BS1 #??|BS8 #??", "117"),
            city("Leeds", "West Yorkshire", "LS1 #??|LS6 #??", "113"),
            city("Glasgow", "Scotland", "G1 #??|G12 #??", "141"),
            city("Cardiff", "Wales", "CF10 #??|CF24 #??", "29"),
        ],
        words: EN_WORDS, fields: EN_FIELDS, prefixes: &[],
        suffixes: &["Ltd", "Ltd", "Ltd", "PLC", "LLP"],
        tld: "co.uk",
        mail: &["gmail.com", "outlook.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk"],
    },
    Country {
        code: "DE", cc: "49", trunk: true, nsn_len: 9, mobile_len: 10, nsn_extra: 1,
        mobile: &["151", "152", "157", "160", "162", "170", "171", "172", "176", "177", "179"],
        given: &[
            "Lukas", "Leon", "Maximilian", "Felix", "Jonas", "Paul", "Alexander", "Johannes",
            "Wolfgang", "Friedrich", "Jürgen", "Jörg", "Stefan", "Andreas", "Michael", "Thomas",
            "Björn", "Sören", "Ömer", "Katharina", "Anna", "Lena", "Laura", "Julia", "Sophie",
            "Hannah", "Marie", "Elisabeth", "Ursula", "Jana", "Lea", "Mia",
        ],
        family: &[
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
            "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange",
            "Werner", "Krause", "Lehmann", "Weiß", "Groß", "Yılmaz", "Öztürk",
        ],
        streets: &[
            "Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schillerstraße", "Goethestraße",
            "Lindenallee", "Kirchweg", "Berliner Straße", "Friedrichstraße", "Am Markt",
            "Mühlenweg", "Schulstraße", "Königsallee",
        ],
        cities: &[
            city("Berlin", "Berlin", "10###|12###|13###", "30"),
            city("Hamburg", "Hamburg", "20###|22###", "40"),
            city("München", "Bayern", "80###|81###", "89"),
            city("Köln", "Nordrhein-Westfalen", "50###|51###", "221"),
            city("Frankfurt am Main", "Hessen", "60###", "69"),
            city("Stuttgart", "Baden-Württemberg", "70###", "711"),
            city("Düsseldorf", "Nordrhein-Westfalen", "40###", "211"),
            city("Leipzig", "Sachsen", "04###", "341"),
        ],
        words: &[
            "Nordwind", "Alpen", "Rheinland", "Sonnenberg", "Hansa", "Elbtal", "Schwarzwald",
            "Lindenhof", "Adler", "Falkenstein", "Isartal", "Spreewald", "Weserland", "Ostsee",
            "Bergblick", "Löwen", "Eichenwald", "Sternberg", "Taunus",
        ],
        fields: &[
            ("Logistik", "Logistics"), ("Software", "Software"), ("Beratung", "Consulting"),
            ("Maschinenbau", "Manufacturing"), ("Medien", "Media"), ("Energie", "Energy"),
            ("Systeme", "Information technology"), ("Bau", "Construction"), ("Handel", "Wholesale"),
            ("Technik", "Engineering"), ("Versicherungen", "Insurance"), ("Druck", "Printing"),
            ("Feinkost", "Food & beverage"), ("Immobilien", "Real estate"),
            ("Pharma", "Pharmaceuticals"), ("Reisen", "Travel"),
        ],
        prefixes: &[
            ("Autohaus", "Automotive"), ("Brauerei", "Food & beverage"),
            ("Bäckerei", "Food & beverage"), ("Steuerberatung", "Accounting"),
            ("Druckerei", "Printing"), ("Elektro", "Construction"),
        ],
        suffixes: &["GmbH", "GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG"],
        tld: "de",
        mail: &["web.de", "gmx.de", "gmail.com", "t-online.de", "outlook.de"],
    },
    Country {
        code: "FR", cc: "33", trunk: true, nsn_len: 9, mobile_len: 9, nsn_extra: 0,
        mobile: &["6", "7"],
        given: &[
            "Jean", "Pierre", "Nicolas", "Christophe", "Frédéric", "François", "Julien",
            "Sébastien", "Thomas", "Antoine", "Mathieu", "Jérôme", "Gaël", "Hugo", "Louis",
            "Jean-Luc", "Marie", "Camille", "Léa", "Chloé", "Manon", "Inès", "Zoë", "Hélène",
            "Élodie", "Céline", "Margaux", "Juliette", "Océane", "Anaïs", "Noémie", "Anne-Sophie",
        ],
        family: &[
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
            "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
            "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
            "Dupont", "Lambert", "Bonnet", "François", "Faure", "Rousseau", "Chevalier",
        ],
        streets: &[
            "rue de la République", "rue Victor Hugo", "rue de la Paix", "boulevard Saint-Michel",
            "avenue Jean Jaurès", "rue du Moulin", "place de la Mairie", "rue Pasteur",
            "allée des Tilleuls", "rue Émile Zola", "quai de la Loire", "chemin des Vignes",
        ],
        cities: &[
            city("Paris", "Île-de-France", "7500#|7501#", "1"),
            city("Lyon", "Auvergne-Rhône-Alpes", "6900#", "4"),
            city(
                "Marseille", "Provence-Alpes-Côte d'Azur", "1300#|1301#", "4",
            ),
            city("Toulouse", "Occitanie", "31#00", "5"),
            city(
                "Bordeaux", "Nouvelle-Aquitaine", "33000|33100|33200|33300|33800", "5",
            ),
            city("Nantes", "Pays de la Loire", "44000|44100|44200|44300", "2"),
            city("Lille", "Hauts-de-France", "59000|59160|59260|59800", "3"),
            city("Strasbourg", "Grand Est", "67000|67100|67200", "3"),
        ],
        words: &[
            "Lumière", "Horizon", "Azur", "Mistral", "Étoile", "Océane", "Provence", "Bellevue",
            "Hexagone", "Rivage", "Aurore", "Sillage", "Cèdre", "Alliance",
        ],
        fields: &[
            ("Conseil", "Consulting"), ("Informatique", "Information technology"),
            ("Logistique", "Logistics"), ("Énergie", "Energy"), ("Médias", "Media"),
            ("Santé", "Healthcare"), ("Distribution", "Retail"), ("Ingénierie", "Engineering"),
            ("Immobilier", "Real estate"), ("Voyages", "Travel"), ("Finance", "Financial services"),
            ("Bâtiment", "Construction"), ("Gastronomie", "Food & beverage"), ("Design", "Design"),
        ],
        prefixes: &[
            ("Atelier", "Design"), ("Groupe", "Consulting"), ("Maison", "Food & beverage"),
            ("Cabinet", "Legal"), ("Éditions", "Publishing"), ("Laboratoires", "Pharmaceuticals"),
            ("Transports", "Logistics"), ("Établissements", "Wholesale"),
        ],
        suffixes: &["SARL", "SAS", "SAS", "SA", "EURL"],
        tld: "fr",
        mail: &["orange.fr", "gmail.com", "free.fr", "laposte.net", "sfr.fr", "hotmail.fr"],
    },
    Country {
        code: "ES", cc: "34", trunk: false, nsn_len: 9, mobile_len: 9, nsn_extra: 0,
        mobile: &["6"],
        given: &[
            "José", "Antonio", "Manuel", "Francisco", "Alejandro", "Javier", "David", "Daniel",
            "Carlos", "Jesús", "Miguel", "Guillermo", "Álvaro", "Sergio", "Pablo", "Raúl", "Iñaki",
            "María", "Carmen", "Ana", "Lucía", "Laura", "Marta", "Cristina", "Elena", "Dolores",
            "Pilar", "Isabel", "Sofía", "Paula", "Begoña", "Nerea", "Ainhoa",
        ],
        family: &[
            "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
            "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
            "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos",
            "Gil", "Serrano", "Blanco", "Molina", "Núñez", "Peña", "Ibáñez", "Castillo",
        ],
        streets: &[
            "Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Real",
            "Gran Vía", "Paseo de Gracia", "Calle del Sol", "Plaza de España", "Calle San Vicente",
            "Avenida de Andalucía", "Calle Nueva", "Ronda de Segovia",
        ],
        cities: &[
            city("Madrid", "Comunidad de Madrid", "280##", "91"),
            city("Barcelona", "Cataluña", "080##", "93"),
            city("Valencia", "Comunidad Valenciana", "460##", "96"),
            city("Sevilla", "Andalucía", "410##", "954"),
            city("Bilbao", "País Vasco", "480##", "94"),
            city("Málaga", "Andalucía", "290##", "952"),
            city("Zaragoza", "Aragón", "500##", "976"),
        ],
        words: &[
            "Solana", "Ibérica", "Mediterránea", "Alborán", "Levante", "Castellana", "Aurora",
            "Cantábrica", "Atlántida", "Guadalquivir", "Brisa", "Olivo", "Tajo", "Sierra Nevada",
        ],
        fields: &[
            ("Logística", "Logistics"), ("Consultores", "Consulting"), ("Software", "Software"),
            ("Energía", "Energy"), ("Medios", "Media"), ("Salud", "Healthcare"),
            ("Inmobiliaria", "Real estate"), ("Ingeniería", "Engineering"),
            ("Alimentación", "Food & beverage"), ("Viajes", "Travel"), ("Seguros", "Insurance"),
            ("Tecnología", "Information technology"),
        ],
        prefixes: &[
            ("Grupo", "Consulting"), ("Talleres", "Automotive"), ("Construcciones", "Construction"),
            ("Distribuciones", "Wholesale"), ("Transportes", "Logistics"),
            ("Bodegas", "Food & beverage"),
        ],
        suffixes: &["S.L.", "S.L.", "S.L.", "S.A.", "S.L.U."],
        tld: "es",
        mail: &["gmail.com", "gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"],
    },
    Country {
        code: "NL", cc: "31", trunk: true, nsn_len: 9, mobile_len: 9, nsn_extra: 0,
        mobile: &["6"],
        given: &[
            "Daan", "Sem", "Lucas", "Levi", "Finn", "Bram", "Jesse", "Thijs", "Ruben", "Lars",
            "Pieter", "Hendrik", "Johannes", "Willem", "Jan", "Daniël", "Sanne", "Emma", "Julia",
            "Tess", "Anouk", "Fleur", "Femke", "Lotte", "Eva", "Noa", "Saar", "Zoë", "Joëlle",
            "Inge", "Marloes", "Annelies",
        ],
        family: &[
            "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
            "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
            "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
            "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
        ],
        streets: &[
            "Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg", "Hoofdstraat", "Prinsengracht",
            "Herengracht", "Julianalaan", "Beatrixstraat", "Schoolstraat", "Marktplein",
            "Parallelweg",
        ],
        cities: &[
            city("Amsterdam", "Noord-Holland", "10## ??", "20"),
            city("Rotterdam", "Zuid-Holland", "30## ??", "10"),
            city("Den Haag", "Zuid-Holland", "25## ??", "70"),
            city("Utrecht", "Utrecht", "35## ??", "30"),
            city("Eindhoven", "Noord-Brabant", "56## ??", "40"),
            city("Groningen", "Groningen", "97## ??", "50"),
        ],
        words: &[
            "Zeewind", "Oranje", "Polder", "Delta", "Tulp", "Molen", "Noorderlicht", "Duinzicht",
            "Kanaal", "Gracht", "Veluwe", "Eiland", "Lindeboom", "Horizon",
        ],
        fields: &[
            ("Logistiek", "Logistics"), ("Software", "Software"), ("Advies", "Consulting"),
            ("Techniek", "Engineering"), ("Bouw", "Construction"), ("Media", "Media"),
            ("Installaties", "Construction"), ("Handel", "Wholesale"), ("Energie", "Energy"),
            ("Zorg", "Healthcare"), ("Vastgoed", "Real estate"), ("Reizen", "Travel"),
        ],
        prefixes: &[
            ("Bouwbedrijf", "Construction"), ("Transportbedrijf", "Logistics"),
            ("Adviesbureau", "Consulting"), ("Bakkerij", "Food & beverage"),
        ],
        suffixes: &["B.V.", "B.V.", "B.V.", "B.V.", "N.V.", "V.O.F."],
        tld: "nl",
        mail: &["gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.nl", "outlook.com"],
    },
];

/// Letters used in British inward codes and Dutch postcodes.
const POSTAL_LETTERS: &[u8] = b"ABDEFGHJLNPRTUWXYZ";

const PARTNERSHIP_INDUSTRIES: &[&str] = &["Legal", "Consulting", "Accounting"];

#[rustfmt::skip]
const NICKNAMES: &[(&str, &str)] = &[
    ("Robert", "Bob"), ("Katherine", "Kate"), ("William", "Bill"), ("Elizabeth", "Liz"),
    ("Michael", "Mike"), ("Jennifer", "Jenny"), ("Thomas", "Tom"), ("Alexander", "Alex"),
    ("Christopher", "Chris"), ("Margaret", "Maggie"), ("Daniel", "Dan"), ("Samantha", "Sam"),
    ("Matthew", "Matt"), ("Joshua", "Josh"), ("Anthony", "Tony"), ("Edward", "Ed"),
    ("James", "Jim"), ("Charlotte", "Lottie"), ("Eleanor", "Ellie"), ("Johannes", "Hannes"),
    ("Wolfgang", "Wolf"), ("Friedrich", "Fritz"), ("Katharina", "Kathi"), ("Maximilian", "Max"),
    ("Elisabeth", "Lisa"), ("Andreas", "Andi"), ("Francisco", "Paco"), ("José", "Pepe"),
    ("Guillermo", "Guille"), ("Dolores", "Lola"), ("Alejandro", "Álex"), ("Manuel", "Manolo"),
    ("Frédéric", "Fred"), ("Christophe", "Chris"), ("Nicolas", "Nico"), ("Hendrik", "Henk"),
    ("Willem", "Wim"), ("Pieter", "Piet"), ("Alexander", "Sasha"),
];

#[rustfmt::skip]
const JOB_TITLES: &[&str] = &[
    "Chief Executive Officer", "Managing Director", "Founder", "CTO", "CFO", "Head of Sales",
    "Sales Manager", "Account Executive", "Sales Representative", "Marketing Manager",
    "Head of Marketing", "Product Manager", "Project Manager", "Software Engineer", "Data Analyst",
    "Operations Director", "Office Manager", "Procurement Lead", "Purchasing Manager",
    "HR Business Partner", "Customer Success Manager", "IT Administrator", "Financial Controller",
    "Executive Assistant", "Head of Logistics", "Legal Counsel",
];
#[rustfmt::skip]
const OTHER_TITLES: &[&str] = &[
    "Freelance consultant", "Self-employed", "Independent designer", "Student", "Retired",
    "Photographer", "Architect", "Translator",
];

#[rustfmt::skip]
const CONTACT_TAGS: &[&str] = &[
    "vip", "newsletter", "partner", "event-2026", "webinar", "decision-maker", "influencer",
    "trial", "renewal-q3", "do-not-call", "beta-tester", "referral-program",
];
#[rustfmt::skip]
const COMPANY_TAGS: &[&str] = &[
    "key-account", "partner", "reseller", "supplier", "strategic", "churn-risk", "upsell",
    "public-sector", "startup", "event-2026",
];
const TAG_COUNT_WEIGHTS: [u32; 4] = [35, 35, 20, 10];

#[rustfmt::skip]
const SOURCES: &[&str] = &[
    "Website", "Referral", "Trade show", "LinkedIn", "Cold call", "Import", "",
];
const SOURCE_WEIGHTS: [u32; 7] = [30, 15, 12, 18, 8, 12, 5];

const STAGE_WEIGHTS: [u32; 7] = [22, 22, 18, 18, 12, 5, 3];

#[rustfmt::skip]
const SIZES: [CompanySize; 6] = [
    CompanySize::Micro,
    CompanySize::Small,
    CompanySize::Medium,
    CompanySize::Large,
    CompanySize::VeryLarge,
    CompanySize::Enterprise,
];
const SIZE_WEIGHTS: [u32; 6] = [20, 30, 25, 15, 7, 3];

#[rustfmt::skip]
const CONTACT_NOTES: &[&str] = &[
    "Met at the spring trade show.", "Prefers email over phone.", "Asked for a product demo.",
    "Interested in the enterprise plan.", "Call back after the summer holidays.",
    "Introduced by a colleague.", "Budget approved for next year.",
    "Decision expected next quarter.", "Wants a quote for 50 seats.",
    "On parental leave until September.", "Sent the brochure.",
    "Follow up about the pilot project.", "Speaks English, French and German.",
];
#[rustfmt::skip]
const COMPANY_NOTES: &[&str] = &[
    "Annual contract renews in March.", "Procurement requires three quotes.",
    "Head office moved last year.", "Prefers invoices by email.", "Framework agreement signed.",
    "Evaluating two competitors.", "Site visit planned for the autumn.",
];

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

struct CompanyInfo {
    country: usize,
    /// Work email pattern: 0 given.family, 1 gfamily, 2 g.family, 3 given.
    pattern: u8,
}

struct Gen {
    rng: DemoRng,
    now_s: i64,
    now: DateTime<Utc>,
    /// Hashes of the email addresses handed out, to avoid accidental reuse.
    emails: HashSet<u64>,
    /// Scratch buffer for email local parts.
    local: String,
}

const THREE_YEARS: u64 = 3 * 365 * 86_400;

impl Gen {
    fn country(&mut self) -> usize {
        self.rng.weighted(&COUNTRY_WEIGHTS)
    }

    fn stage(&mut self) -> LifecycleStage {
        LifecycleStage::ALL[self.rng.weighted(&STAGE_WEIGHTS)]
    }

    fn time(&mut self, secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or(self.now)
    }

    /// (created, updated): created within three years, updated between it and now.
    fn times(&mut self) -> (DateTime<Utc>, DateTime<Utc>) {
        let created = self.now_s - self.rng.below(THREE_YEARS) as i64;
        let updated = if self.rng.chance(30) {
            created
        } else {
            created + self.rng.below((self.now_s - created) as u64 + 1) as i64
        };
        (self.time(created), self.time(updated))
    }

    fn tags(&mut self, list: &[&str]) -> Vec<String> {
        let n = self.rng.weighted(&TAG_COUNT_WEIGHTS);
        let mut mask = 0u32;
        while (mask.count_ones() as usize) < n {
            mask |= 1 << self.rng.index(list.len());
        }
        (0..list.len()).filter(|i| mask & (1 << i) != 0).map(|i| list[i].to_string()).collect()
    }

    fn notes(&mut self, list: &[&str], percent: u64) -> String {
        if !self.rng.chance(percent) {
            return String::new();
        }
        let first = self.rng.pick(list);
        let second = self.rng.pick(list);
        if first != second && self.rng.chance(30) {
            format!("{first} {second}")
        } else {
            first.to_string()
        }
    }

    fn address(&mut self, c: &Country, city: &City, kind: AddressKind) -> Address {
        let street = self.rng.pick(c.streets);
        let number = 1 + self.rng.below(if c.code == "US" { 4999 } else { 180 });
        let street = match c.code {
            "DE" | "NL" => format!("{street} {number}"),
            "ES" => format!("{street}, {number}"),
            _ => format!("{number} {street}"),
        };
        let alternatives = city.postal.split('|').count();
        let pattern = city.postal.split('|').nth(self.rng.index(alternatives)).unwrap_or("");
        let mut postal_code = String::with_capacity(pattern.len());
        for ch in pattern.chars() {
            match ch {
                '#' => postal_code.push(char::from(b'0' + self.rng.below(10) as u8)),
                '?' => postal_code.push(char::from(self.rng.pick(POSTAL_LETTERS))),
                _ => postal_code.push(ch),
            }
        }
        Address {
            kind,
            street,
            city: city.name.to_string(),
            region: city.region.to_string(),
            postal_code,
            country: c.code.to_string(),
        }
    }

    fn phone(&mut self, c: &Country, city: &City, mobile: bool, intl: bool) -> String {
        let area = if mobile && !c.mobile.is_empty() { self.rng.pick(c.mobile) } else { city.area };
        let len = if mobile { c.mobile_len } else { c.nsn_len } + self.rng.below(c.nsn_extra + 1) as usize;
        let mut nsn = [0u8; 12];
        nsn[..area.len()].copy_from_slice(area.as_bytes());
        for (i, d) in nsn.iter_mut().enumerate().take(len).skip(area.len()) {
            let first = i == area.len();
            *d = if first { b'2' + self.rng.below(8) as u8 } else { b'0' + self.rng.below(10) as u8 };
        }
        format_phone(c, &nsn[..len], area.len(), intl)
    }

    /// Builds a base name (no legal suffix) into `name`; returns the industry.
    fn base_name(&mut self, c: &Country, name: &mut String) -> &'static str {
        let roll = self.rng.below(100);
        if roll < 50 {
            let (field, industry) = self.rng.pick(c.fields);
            name.push_str(self.rng.pick(c.words));
            name.push(' ');
            name.push_str(field);
            industry
        } else if roll < 68 {
            let (field, industry) = self.rng.pick(c.fields);
            name.push_str(self.rng.pick(c.family));
            name.push(' ');
            name.push_str(field);
            industry
        } else if roll < 85 || c.prefixes.is_empty() {
            let a = self.rng.pick(c.family);
            let mut b = self.rng.pick(c.family);
            if a == b {
                b = c.family[(c.family.iter().position(|f| *f == a).unwrap_or(0) + 1) % c.family.len()];
            }
            name.push_str(a);
            name.push_str(" & ");
            name.push_str(b);
            self.rng.pick(PARTNERSHIP_INDUSTRIES)
        } else {
            let (prefix, industry) = self.rng.pick(c.prefixes);
            name.push_str(prefix);
            name.push(' ');
            name.push_str(self.rng.pick(c.family));
            industry
        }
    }

    fn company(&mut self, domains: &mut HashSet<String>) -> (Company, CompanyInfo) {
        let country = self.country();
        let c = &COUNTRIES[country];
        let city = &c.cities[self.rng.index(c.cities.len())];
        let tld = if c.code != "US" && self.rng.chance(20) { "com" } else { c.tld };
        let mut name = String::with_capacity(48);
        let mut domain = String::with_capacity(40);
        let mut industry;
        let mut attempt = 0u32;
        loop {
            name.clear();
            domain.clear();
            industry = self.base_name(c, &mut name);
            if attempt >= 6 {
                name.push(' ');
                name.push_str(city.name);
            }
            push_domain_slug(&mut domain, &name);
            if attempt >= 12 {
                let _ = write!(domain, "-{}", attempt - 10);
            }
            domain.push('.');
            domain.push_str(tld);
            if domains.insert(domain.clone()) {
                break;
            }
            attempt += 1;
        }
        let suffix = self.rng.pick(c.suffixes);
        if !suffix.is_empty() {
            name.push(' ');
            name.push_str(suffix);
        }
        let size = if self.rng.chance(10) { None } else { Some(SIZES[self.rng.weighted(&SIZE_WEIGHTS)]) };
        let pattern = if size == Some(CompanySize::Micro) && self.rng.chance(50) {
            3
        } else {
            self.rng.weighted(&[60, 20, 20]) as u8
        };
        let address = if self.rng.chance(85) { Some(self.address(c, city, AddressKind::Work)) } else { None };
        let (created, updated) = self.times();
        let company = Company {
            id: self.rng.uuid(),
            name,
            domain,
            industry: industry.to_string(),
            size,
            address,
            lifecycle_stage: self.stage(),
            tags: self.tags(COMPANY_TAGS),
            notes: self.notes(COMPANY_NOTES, 20),
            created,
            updated,
            stage_history: Vec::new(),
            owner: String::new(),
        };
        (company, CompanyInfo { country, pattern })
    }

    /// Appends `n` (when non-zero) and `@domain` to the local part in
    /// `self.local`, changing `n` until the address has not been used yet.
    fn unique_email(&mut self, mut n: u32, domain: &str, work: bool) -> String {
        let mut out = String::with_capacity(self.local.len() + domain.len() + 4);
        for attempt in 0..64u32 {
            out.clear();
            out.push_str(&self.local);
            if n > 0 {
                let _ = write!(out, "{n}");
            }
            out.push('@');
            out.push_str(domain);
            // Gmail ignores dots, so "isla.campbell@gmail.com" and
            // "islacampbell@gmail.com" are one mailbox: never give it to two
            // people. (A local rule rather than `normalize::canonical_email`,
            // which would pull its provider tables into every app download.)
            let key = match out.split_once('@') {
                Some((local, "gmail.com")) => format!("{}@gmail.com", local.replace('.', "")),
                _ => out.clone(),
            };
            if self.emails.insert(fnv1a(key.as_bytes())) {
                break;
            }
            n = if work { n.max(1) + 1 } else { 10 + self.rng.below(90) as u32 + 100 * (attempt / 8) };
        }
        out
    }

    fn work_email(&mut self, given: &str, family: &str, domain: &str, pattern: u8) -> String {
        self.local.clear();
        match pattern {
            1 => {
                push_initial(&mut self.local, given);
                push_local(&mut self.local, family);
            }
            2 => {
                push_initial(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
            3 => push_local(&mut self.local, given),
            _ => {
                push_local(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
        }
        self.unique_email(0, domain, true)
    }

    fn personal_email(&mut self, c: &Country, given: &str, family: &str, birthday: Option<NaiveDate>) -> String {
        let domain = self.rng.pick(c.mail);
        self.local.clear();
        match self.rng.below(5) {
            0 | 1 => {
                push_local(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
            2 => {
                push_local(&mut self.local, given);
                push_local(&mut self.local, family);
            }
            3 => {
                push_initial(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
            _ => {
                push_local(&mut self.local, family);
                self.local.push('.');
                push_local(&mut self.local, given);
            }
        }
        let n = if !self.rng.chance(45) {
            0
        } else if let Some(b) = birthday.filter(|_| self.rng.chance(60)) {
            let year = b.year_ce().1;
            if year % 100 >= 10 && self.rng.chance(50) {
                year % 100
            } else {
                year
            }
        } else {
            10 + self.rng.below(90) as u32
        };
        self.unique_email(n, domain, false)
    }

    fn contact(&mut self, companies: &[Company], infos: &[CompanyInfo]) -> (Contact, usize) {
        let company = if !companies.is_empty() && self.rng.chance(85) {
            // Skewed towards the first companies, so some have many contacts.
            Some(self.rng.index(companies.len()).min(self.rng.index(companies.len())))
        } else {
            None
        };
        let country = match company {
            Some(k) if self.rng.chance(80) => infos[k].country,
            _ => self.country(),
        };
        let c = &COUNTRIES[country];
        let city = &c.cities[self.rng.index(c.cities.len())];
        let given = self.rng.pick(c.given);
        let family1 = self.rng.pick(c.family);
        let family_name = if c.code == "ES" && self.rng.chance(35) {
            let second = self.rng.pick(c.family);
            if second == family1 {
                family1.to_string()
            } else {
                format!("{family1} {second}")
            }
        } else {
            family1.to_string()
        };
        let birthday = if self.rng.chance(40) {
            let year = 1950 + self.rng.below(55) as i32;
            NaiveDate::from_yo_opt(year, 1 + self.rng.below(365) as u32)
        } else {
            None
        };

        let mut emails = Vec::with_capacity(2);
        if let Some(k) = company {
            let address = self.work_email(given, family1, &companies[k].domain, infos[k].pattern);
            emails.push(Email { kind: EmailKind::Work, address });
        }
        if company.is_none() || self.rng.chance(25) {
            let address = self.personal_email(c, given, family1, birthday);
            emails.push(Email { kind: EmailKind::Personal, address });
        }

        let intl = self.rng.chance(if c.code == "US" { 15 } else { 55 });
        let n_phones = self.rng.weighted(&[20, 55, 25]);
        let mut phones = Vec::with_capacity(n_phones);
        let first_mobile = self.rng.chance(60);
        for i in 0..n_phones {
            let mobile = first_mobile == (i == 0);
            let kind = if mobile {
                PhoneKind::Mobile
            } else if company.is_some() && self.rng.chance(75) {
                PhoneKind::Work
            } else {
                PhoneKind::Home
            };
            let number = self.phone(c, city, mobile, intl);
            phones.push(Phone { kind, number });
        }

        let mut addresses = Vec::new();
        if self.rng.chance(45) {
            let company_address = company.and_then(|k| companies[k].address.as_ref());
            match company_address {
                Some(a) if self.rng.chance(40) => addresses.push(a.clone()),
                _ => addresses.push(self.address(c, city, AddressKind::Home)),
            }
        }

        let job_title = match company {
            Some(_) if self.rng.chance(90) => self.rng.pick(JOB_TITLES),
            None if self.rng.chance(40) => self.rng.pick(OTHER_TITLES),
            _ => "",
        };
        let (created, updated) = self.times();
        let contact = Contact {
            id: self.rng.uuid(),
            given_name: given.to_string(),
            family_name,
            emails,
            phones,
            addresses,
            job_title: job_title.to_string(),
            company_id: company.map(|k| companies[k].id.clone()),
            lifecycle_stage: self.stage(),
            tags: self.tags(CONTACT_TAGS),
            birthday,
            source: SOURCES[self.rng.weighted(&SOURCE_WEIGHTS)].to_string(),
            notes: self.notes(CONTACT_NOTES, 18),
            created,
            updated,
            lead_status: None,
            stage_history: Vec::new(),
            important_dates: Vec::new(),
            cadence_days: None,
            owner: String::new(),
        };
        (contact, country)
    }

    /// A second record for the same person, as a re-import or a colleague's
    /// hasty entry would make it: the name changed a little, and still sharing
    /// the email (maybe in other case) or the phone (maybe written otherwise).
    fn near_duplicate(&mut self, o: &Contact, c: &Country) -> Contact {
        let mut d = o.clone();
        d.id = self.rng.uuid();
        match self.rng.below(4) {
            0 => {
                d.given_name = match NICKNAMES.iter().find(|(full, _)| *full == o.given_name) {
                    Some((_, nick)) => nick.to_string(),
                    None => typo(&mut self.rng, &o.given_name),
                }
            }
            1 => d.given_name = typo(&mut self.rng, &o.given_name),
            2 => d.family_name = typo(&mut self.rng, &o.family_name),
            _ if !o.family_name.is_ascii() => d.family_name = strip_accents(&o.family_name),
            _ if !o.given_name.is_ascii() => d.given_name = strip_accents(&o.given_name),
            _ => d.family_name = typo(&mut self.rng, &o.family_name),
        }

        let has_phone = !o.phones.is_empty();
        let email_mode = self.rng.below(if has_phone { 3 } else { 2 });
        let first = &o.emails[0];
        match email_mode {
            0 => d.emails = vec![Email { kind: first.kind, address: recase(&mut self.rng, &first.address) }],
            1 => d.emails.truncate(1),
            _ => {
                let address = self.personal_email(c, &d.given_name, &d.family_name, None);
                d.emails = vec![Email { kind: EmailKind::Personal, address }];
            }
        }
        if has_phone {
            let p = &o.phones[0];
            let mut phone_mode = self.rng.below(3);
            if email_mode == 2 && phone_mode == 2 {
                phone_mode = 0;
            }
            d.phones = match phone_mode {
                0 => vec![Phone { kind: p.kind, number: alt_phone(c, &p.number) }],
                1 => vec![p.clone()],
                _ => Vec::new(),
            };
        }

        if self.rng.chance(50) {
            d.job_title.clear();
        }
        if self.rng.chance(50) {
            d.addresses.clear();
        }
        if self.rng.chance(50) {
            d.tags.clear();
        }
        if self.rng.chance(50) {
            d.birthday = None;
        }
        d.notes.clear();
        if self.rng.chance(60) {
            d.source = "Import".to_string();
        }
        let (created, updated) = self.times();
        d.created = created;
        d.updated = updated;
        d
    }
}

// ---------------------------------------------------------------------------
// Sales records: stage histories, owners, deals, activities, tasks
// ---------------------------------------------------------------------------

/// The team members who own records.
const TEAM: &[&str] = &["Alex Morgan", "Priya Shah", "Jonas Weber", "Camille Laurent", "Lucía Romero", "Sam Okafor"];
const LOST_REASONS: &[&str] = &["Price", "Chose a competitor", "No budget", "No decision", "Timing"];
const LOST_REASON_WEIGHTS: [u32; 5] = [30, 25, 20, 15, 10];
const PRODUCTS: &[&str] = &[
    "Annual licence",
    "Pilot project",
    "Support renewal",
    "Fleet contract",
    "Consulting retainer",
    "Data migration",
    "Training package",
    "Expansion",
    "Website redesign",
    "Hardware upgrade",
    "Framework agreement",
    "Onboarding",
];
const CALL_SUBJECTS: &[&str] =
    &["Intro call", "Follow-up call", "Check-in", "Pricing questions", "Renewal call", "Discovery call"];
const EMAIL_SUBJECTS: &[&str] =
    &["Proposal", "Re: Quote", "Meeting notes", "Introduction", "Contract draft", "Re: Next steps", "Invoice"];
const MEETING_SUBJECTS: &[&str] = &["Demo", "Kick-off", "Quarterly review", "Site visit", "Workshop", "Lunch"];
const NOTE_SUBJECTS: &[&str] = &[
    "Prefers email",
    "Budget approved",
    "Decision maker is the CFO",
    "Evaluating competitors",
    "Back from leave next month",
    "Asked for references",
];
const TASK_VERBS: &[&str] =
    &["Call back", "Send proposal to", "Prepare demo for", "Follow up with", "Book a meeting with", "Send contract to"];
const DATE_LABELS: &[&str] = &["Work anniversary", "Contract anniversary", "Wedding anniversary", "Name day"];
const CADENCES: &[u32] = &[7, 14, 30, 90];
/// Deal amounts in euros at 21 evenly spaced points of a log scale from 500
/// to 250,000 (500 · 500^(i/20)); amounts interpolate between them, so no
/// floating point is needed and every platform gives the same numbers.
const AMOUNT_SCALE: [u64; 21] = [
    500, 682, 931, 1270, 1733, 2364, 3226, 4402, 6006, 8194, 11180, 15255, 20814, 28399, 38748, 52869, 72135, 98423,
    134290, 183228, 250000,
];
const DAY: i64 = 86_400;
const TWO_YEARS: i64 = 730 * DAY;
/// Seeds the generator of the sales records apart from the people, so that
/// adding sales data left every contact's name, email and phone as before.
const SALES_SEED: u64 = 0x5A1E_5DA7_A5EE_D000;

/// Stages a contact or company went through to reach `stage`, from reach.
fn stage_path(rng: &mut DemoRng, stage: LifecycleStage) -> &'static [LifecycleStage] {
    use LifecycleStage::*;
    const FUNNEL: [LifecycleStage; 5] = [Reach, Acquisition, Conversion, Retention, Loyalty];
    const LOST: [&[LifecycleStage]; 4] = [
        &[Reach, Lost],
        &[Reach, Acquisition, Lost],
        &[Reach, Acquisition, Conversion, Lost],
        &[Reach, Acquisition, Conversion, Retention, Lost],
    ];
    const DISQUALIFIED: [&[LifecycleStage]; 2] = [&[Reach, Disqualified], &[Reach, Acquisition, Disqualified]];
    match stage {
        Lost => LOST[rng.weighted(&[20, 40, 25, 15])],
        Disqualified => DISQUALIFIED[rng.weighted(&[60, 40])],
        _ => &FUNNEL[..=FUNNEL.iter().position(|&s| s == stage).unwrap_or(0)],
    }
}

/// A stage history ending in `stage`: the first entry at `created`, the
/// others at increasing times up to `updated` (which moves later when the
/// record was never updated but went through several stages).
fn stage_history(
    rng: &mut DemoRng,
    stage: LifecycleStage,
    created: DateTime<Utc>,
    updated: &mut DateTime<Utc>,
    now_s: i64,
) -> Vec<StageChange> {
    let path = stage_path(rng, stage);
    let created_s = created.timestamp();
    let mut end_s = updated.timestamp();
    if path.len() > 1 && end_s == created_s {
        end_s = created_s + rng.below((now_s - created_s) as u64 + 1) as i64;
        *updated = at(end_s);
    }
    let mut times: Vec<i64> =
        (1..path.len()).map(|_| created_s + rng.below((end_s - created_s) as u64 + 1) as i64).collect();
    times.sort_unstable();
    let mut out = Vec::with_capacity(path.len());
    out.push(StageChange { from: None, to: path[0], at: created });
    for (k, &t) in times.iter().enumerate() {
        out.push(StageChange { from: Some(path[k]), to: path[k + 1], at: at(t) });
    }
    out
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// A time between `from` and `to` (inclusive), in whole seconds.
fn between(rng: &mut DemoRng, from: i64, to: i64) -> i64 {
    from + rng.below((to - from).max(0) as u64 + 1) as i64
}

fn team_member(rng: &mut DemoRng) -> String {
    rng.pick(TEAM).to_string()
}

/// A deal amount in euros, log-normal-ish between 500 and 250,000, rounded
/// to a plausible figure.
fn amount_euros(rng: &mut DemoRng) -> u64 {
    // The sum of two uniform draws peaks in the middle of the log scale.
    let t = rng.below(1001) + rng.below(1001);
    let (i, frac) = ((t / 100) as usize, t % 100);
    let (lo, hi) = (AMOUNT_SCALE[i], AMOUNT_SCALE[(i + 1).min(20)]);
    let euros = lo + (hi - lo) * frac / 100;
    let step = if euros < 5_000 {
        50
    } else if euros < 50_000 {
        500
    } else {
        5_000
    };
    (euros + step / 2) / step * step
}

/// Adds stage histories, lead statuses, cadences, important dates and owners.
fn enrich_people(rng: &mut DemoRng, companies: &mut [Company], contacts: &mut [Contact], now_s: i64) {
    for c in companies.iter_mut() {
        c.stage_history = stage_history(rng, c.lifecycle_stage, c.created, &mut c.updated, now_s);
        if rng.chance(10) {
            c.owner = team_member(rng);
        }
    }
    for c in contacts.iter_mut() {
        c.stage_history = stage_history(rng, c.lifecycle_stage, c.created, &mut c.updated, now_s);
        if c.lifecycle_stage == LifecycleStage::Acquisition {
            const STATUSES: [LeadStatus; 4] =
                [LeadStatus::New, LeadStatus::AttemptingContact, LeadStatus::Qualified, LeadStatus::Unqualified];
            c.lead_status = Some(STATUSES[rng.weighted(&[30, 35, 25, 10])]);
        }
        if rng.chance(5) {
            c.cadence_days = Some(rng.pick(CADENCES));
        }
        if rng.chance(3) {
            let year = 2000 + rng.below(25) as i32;
            let date = NaiveDate::from_yo_opt(year, 1 + rng.below(365) as u32);
            if let Some(date) = date {
                c.important_dates.push(ImportantDate { label: rng.pick(DATE_LABELS).to_string(), date });
            }
        }
        if rng.chance(10) {
            c.owner = team_member(rng);
        }
    }
}

/// Deals, activities and tasks for the given people.
struct Sales {
    deals: Vec<Deal>,
    activities: Vec<Activity>,
    tasks: Vec<Task>,
}

fn generate_sales(
    rng: &mut DemoRng,
    companies: &[Company],
    contacts: &[Contact],
    settings: &Settings,
    now: DateTime<Utc>,
) -> Sales {
    let now_s = now.timestamp();
    let today = now.date_naive();
    let company_pos: std::collections::HashMap<&str, usize> =
        companies.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let contact_company: Vec<Option<usize>> =
        contacts.iter().map(|c| c.company_id.as_deref().and_then(|id| company_pos.get(id).copied())).collect();
    // Activities start no earlier than two years ago, nor before their contact.
    let contact_start: Vec<i64> = contacts.iter().map(|c| c.created.timestamp().max(now_s - TWO_YEARS)).collect();
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); companies.len()];
    for (i, k) in contact_company.iter().enumerate() {
        if let Some(k) = k {
            members[*k].push(i as u32);
        }
    }

    // Deals: one per five contacts, at the company of a random contact.
    let n = contacts.len();
    let mut deals = Vec::with_capacity(n / 5);
    let mut deal_company = Vec::with_capacity(n / 5);
    let mut company_deals: Vec<Vec<u32>> = vec![Vec::new(); companies.len()];
    for _ in 0..n / 5 {
        let Some((first, k)) = (0..8).find_map(|_| {
            let i = rng.index(n);
            contact_company[i].map(|k| (i, k))
        }) else {
            continue;
        };
        let company = &companies[k];
        let mut contact_ids = vec![contacts[first].id.clone()];
        let team = &members[k];
        for _ in 0..rng.weighted(&[55, 30, 15]) {
            let other = &contacts[team[rng.index(team.len())] as usize].id;
            if !contact_ids.contains(other) {
                contact_ids.push(other.clone());
            }
        }
        let status = [DealStatus::Open, DealStatus::Won, DealStatus::Lost][rng.weighted(&[60, 25, 15])];
        let stages = &settings.pipeline;
        let stage = match status {
            DealStatus::Won => &stages[stages.len() - 1],
            _ => &stages[rng.weighted(&[30, 25, 20, 15, 10]).min(stages.len() - 1)],
        };
        let created_s = between(rng, (now_s - TWO_YEARS).max(company.created.timestamp()), now_s);
        let (closed, updated_s) = match status {
            DealStatus::Open => (None, between(rng, created_s, now_s)),
            _ => {
                let closed = between(rng, created_s, now_s);
                (Some(at(closed)), closed)
            }
        };
        let expected_close = match closed {
            Some(c) => c.date_naive(),
            None => today + chrono::Duration::days(rng.below(105) as i64 - 14),
        };
        deals.push(Deal {
            id: rng.uuid(),
            title: format!("{} – {}", rng.pick(PRODUCTS), company.name),
            company_id: Some(company.id.clone()),
            contact_ids,
            amount_cents: (amount_euros(rng) * 100) as i64,
            currency: settings.currency.clone(),
            stage: stage.id.clone(),
            probability: match status {
                DealStatus::Open => stage.probability,
                DealStatus::Won => 100,
                DealStatus::Lost => 0,
            },
            expected_close: Some(expected_close),
            owner: if rng.chance(85) { team_member(rng) } else { String::new() },
            status,
            lost_reason: match status {
                DealStatus::Lost => LOST_REASONS[rng.weighted(&LOST_REASON_WEIGHTS)].to_string(),
                _ => String::new(),
            },
            tags: if rng.chance(10) { vec!["priority".to_string()] } else { Vec::new() },
            notes: String::new(),
            created: at(created_s),
            updated: at(updated_s),
            closed,
        });
        company_deals[k].push((deals.len() - 1) as u32);
        deal_company.push(k);
    }

    // Activities: five per contact, over the last two years; a few meetings ahead.
    let mut activities = Vec::with_capacity(n * 5);
    for _ in 0..n * 5 {
        let i = rng.index(n);
        let contact = &contacts[i];
        const KINDS: [ActivityKind; 4] =
            [ActivityKind::Call, ActivityKind::Email, ActivityKind::Meeting, ActivityKind::Note];
        let kind = KINDS[rng.weighted(&[35, 35, 15, 15])];
        let start = contact_start[i];
        let planned = kind == ActivityKind::Meeting && rng.chance(4);
        let (at_s, created_s) = if planned {
            let at_s = now_s + 3600 + rng.below(14 * DAY as u64) as i64;
            (at_s, between(rng, start.max(now_s - 14 * DAY), now_s))
        } else {
            let at_s = between(rng, start, now_s);
            (at_s, at_s)
        };
        let (subjects, duration_min) = match kind {
            ActivityKind::Call => (CALL_SUBJECTS, Some(2 + rng.below(44) as u32)),
            ActivityKind::Email => (EMAIL_SUBJECTS, None),
            ActivityKind::Meeting => (MEETING_SUBJECTS, Some(15 * (1 + rng.below(8) as u32))),
            ActivityKind::Note => (NOTE_SUBJECTS, None),
        };
        let outcomes = kind.outcomes();
        let outcome = if planned || outcomes.is_empty() {
            String::new()
        } else {
            outcomes[rng.index(outcomes.len())].to_string()
        };
        let company = contact_company[i];
        let deal_id = company
            .map(|k| &company_deals[k])
            .filter(|d| !d.is_empty() && rng.chance(30))
            .map(|d| deals[d[rng.index(d.len())] as usize].id.clone());
        activities.push(Activity {
            id: rng.uuid(),
            kind,
            at: at(at_s),
            duration_min,
            outcome,
            subject: rng.pick(subjects).to_string(),
            body: if kind == ActivityKind::Note && rng.chance(50) {
                rng.pick(CONTACT_NOTES).to_string()
            } else {
                String::new()
            },
            contact_ids: vec![contact.id.clone()],
            company_id: company.map(|k| companies[k].id.clone()),
            deal_id,
            owner: if contact.owner.is_empty() { team_member(rng) } else { contact.owner.clone() },
            created: at(created_s),
            updated: at(created_s),
        });
    }

    // Tasks: one per twenty contacts, due within a month either way.
    let mut tasks = Vec::with_capacity(n / 20);
    for _ in 0..n / 20 {
        let due_in = if rng.chance(10) { 0 } else { rng.below(61) as i64 - 30 };
        let created_s = (now_s - rng.below(45 * DAY as u64) as i64).min(now_s);
        let done_at = if rng.chance(30) { Some(between(rng, created_s, now_s)) } else { None };
        let (title, contact_id, company_id, deal_id);
        if deals.is_empty() || rng.chance(60) {
            let c = &contacts[rng.index(n)];
            title = format!("{} {} {}", rng.pick(TASK_VERBS), c.given_name, c.family_name);
            contact_id = Some(c.id.clone());
            company_id = c.company_id.clone();
            deal_id = None;
        } else {
            let d = rng.index(deals.len());
            title = format!("{} {}", rng.pick(TASK_VERBS), companies[deal_company[d]].name);
            contact_id = None;
            company_id = deals[d].company_id.clone();
            deal_id = Some(deals[d].id.clone());
        }
        const PRIORITIES: [Priority; 3] = [Priority::Low, Priority::Normal, Priority::High];
        tasks.push(Task {
            id: rng.uuid(),
            title,
            due: Some(today + chrono::Duration::days(due_in)),
            priority: PRIORITIES[rng.weighted(&[25, 55, 20])],
            done_at: done_at.map(at),
            contact_id,
            company_id,
            deal_id,
            owner: team_member(rng),
            notes: String::new(),
            created: at(created_s),
            updated: at(done_at.unwrap_or(created_s)),
        });
    }
    Sales { deals, activities, tasks }
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

/// 64-bit FNV-1a, for remembering which emails were handed out.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Appends the lower-case ASCII spelling of `c` ("ü" → "ue", "é" → "e");
/// characters without one are dropped.
fn push_ascii(out: &mut String, c: char) {
    let lc = c.to_lowercase().next().unwrap_or(c);
    let s = match lc {
        'a'..='z' | '0'..='9' => {
            out.push(lc);
            return;
        }
        'ä' | 'æ' => "ae",
        'ö' | 'ø' | 'œ' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'å' => "aa",
        'à' | 'á' | 'â' | 'ã' | 'ą' => "a",
        'ç' | 'ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' => "o",
        'ù' | 'ú' | 'û' => "u",
        'ý' | 'ÿ' => "y",
        'ł' => "l",
        'ś' | 'ş' => "s",
        'ź' | 'ż' => "z",
        'ğ' => "g",
        _ => "",
    };
    out.push_str(s);
}

/// Appends a name as an email local part: "Zoë" → "zoe", "van den Berg" →
/// "vandenberg", "Jean-Luc" → "jean-luc", "O'Brien" → "obrien".
fn push_local(out: &mut String, name: &str) {
    let start = out.len();
    for c in name.chars() {
        if c == '-' {
            if out.len() > start && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            push_ascii(out, c);
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

/// Appends the first ASCII letter of a name ("Łukasz" → "l").
fn push_initial(out: &mut String, name: &str) {
    let start = out.len();
    if let Some(c) = name.chars().next() {
        push_ascii(out, c);
    }
    if out.len() > start {
        out.truncate(start + 1);
    } else {
        out.push('x');
    }
}

/// Appends a domain label for a company name: "Nordwind Logistik" → "nordwind-logistik".
fn push_domain_slug(out: &mut String, name: &str) {
    let start = out.len();
    for c in name.chars() {
        let before = out.len();
        push_ascii(out, c);
        if out.len() == before && c != '\'' && out.len() > start && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

/// "Müller" → "Muller", "José" → "Jose", "Weiß" → "Weiss": how names look when
/// typed on a keyboard without accents.
fn strip_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let lc = c.to_lowercase().next().unwrap_or(c);
        let base = match lc {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' => "a",
            'ç' | 'ć' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ę' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
            'ñ' | 'ń' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'ł' => "l",
            'ś' | 'ş' => "s",
            'ź' | 'ż' => "z",
            'ğ' => "g",
            _ => {
                out.push(c);
                continue;
            }
        };
        if c.is_uppercase() {
            let mut chars = base.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
            }
            out.push_str(chars.as_str());
        } else {
            out.push_str(base);
        }
    }
    out
}

/// A one-letter typo in a lower-case ASCII letter after the first: two letters
/// swapped, one dropped, or one doubled.
fn typo(rng: &mut DemoRng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    for _ in 0..16 {
        if n < 2 {
            break;
        }
        let i = 1 + rng.index(n - 1);
        if !chars[i].is_ascii_lowercase() {
            continue;
        }
        match rng.below(3) {
            0 if i + 1 < n && chars[i + 1].is_ascii_lowercase() && chars[i] != chars[i + 1] => chars.swap(i, i + 1),
            1 if n > 3 && chars[i - 1] != ' ' => {
                chars.remove(i);
            }
            _ => chars.insert(i, chars[i]),
        }
        return chars.into_iter().collect();
    }
    let mut out = s.to_string();
    if let Some(last) = s.chars().last() {
        out.push(last);
    }
    out
}

/// The same address in other letter case: "Jose.Garcia@acme.com",
/// "JOSE.GARCIA@ACME.COM" or "Jose.garcia@Acme.com".
fn recase(rng: &mut DemoRng, address: &str) -> String {
    let mode = rng.below(3);
    if mode == 1 {
        return address.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(address.len());
    let mut capital = true;
    let mut in_domain = false;
    for c in address.chars() {
        let upper = capital && ((mode == 0 && !in_domain) || mode == 2);
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        if c == '@' {
            in_domain = true;
            capital = true;
        } else {
            capital = mode == 0 && !in_domain && matches!(c, '.' | '-' | '_');
        }
    }
    out
}

/// Writes a national significant number the way people of that country do,
/// nationally ("(415) 555-0142", "020 7946 0958") or internationally
/// ("+44 20 7946 0958", "+49 30 1234567", "+33 1 23 45 67 89").
fn format_phone(c: &Country, nsn: &[u8], area: usize, intl: bool) -> String {
    fn push(out: &mut String, digits: &[u8]) {
        out.extend(digits.iter().map(|&b| char::from(b)));
    }
    fn push_groups(out: &mut String, digits: &[u8], groups: &[usize]) {
        let mut rest = digits;
        for (i, &g) in groups.iter().enumerate() {
            if rest.is_empty() {
                break;
            }
            let g = if i + 1 == groups.len() { rest.len() } else { g.min(rest.len()) };
            if i > 0 {
                out.push(' ');
            }
            push(out, &rest[..g]);
            rest = &rest[g..];
        }
    }
    let mut out = String::with_capacity(20);
    let (a, rest) = nsn.split_at(area.min(nsn.len()));
    match c.code {
        "US" if !intl => {
            out.push('(');
            push(&mut out, a);
            out.push_str(") ");
            push(&mut out, &rest[..3.min(rest.len())]);
            out.push('-');
            push(&mut out, &rest[3.min(rest.len())..]);
        }
        "ES" => {
            if intl {
                out.push_str("+34 ");
                push_groups(&mut out, nsn, &[3, 3, 3]);
            } else {
                push_groups(&mut out, nsn, &[3, 2, 2, 2]);
            }
        }
        _ => {
            if intl {
                out.push('+');
                out.push_str(c.cc);
                out.push(' ');
            } else if c.trunk {
                out.push('0');
            }
            push(&mut out, a);
            out.push(' ');
            match (c.code, rest.len()) {
                ("FR", _) => push_groups(&mut out, rest, &[2, 2, 2, 2]),
                ("US", _) => push_groups(&mut out, rest, &[3, 4]),
                ("GB", 8) => push_groups(&mut out, rest, &[4, 4]),
                ("GB" | "NL", 7) => push_groups(&mut out, rest, &[3, 4]),
                _ => push(&mut out, rest),
            }
        }
    }
    out
}

/// The same number written another way: an international number as a plain
/// national one ("02079460958", "415-555-0142"), a national one in compact
/// international form ("+442079460958").
fn alt_phone(c: &Country, number: &str) -> String {
    let digits: Vec<u8> = number.bytes().filter(u8::is_ascii_digit).collect();
    let intl = number.starts_with('+');
    let nsn = if intl {
        digits.strip_prefix(c.cc.as_bytes()).unwrap_or(&digits)
    } else if c.trunk {
        digits.strip_prefix(b"0").unwrap_or(&digits)
    } else {
        &digits[..]
    };
    let mut out = String::with_capacity(16);
    if !intl {
        out.push('+');
        out.push_str(c.cc);
    } else if c.code == "US" && nsn.len() == 10 {
        for (i, &b) in nsn.iter().enumerate() {
            if i == 3 || i == 6 {
                out.push('-');
            }
            out.push(char::from(b));
        }
        return out;
    } else if c.trunk {
        out.push('0');
    }
    out.extend(nsn.iter().map(|&b| char::from(b)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::HashMap;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 14, 15, 9, 26).unwrap() + chrono::Duration::milliseconds(535)
    }

    fn uuid_shaped(s: &str) -> bool {
        s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            })
    }

    fn country(code: &str) -> &'static Country {
        COUNTRIES.iter().find(|c| c.code == code).unwrap()
    }

    fn all_strings(d: &DemoData) -> Vec<&str> {
        let mut out = Vec::new();
        for co in &d.companies {
            out.extend([co.name.as_str(), &co.domain, &co.industry, &co.notes]);
            out.extend(co.tags.iter().map(String::as_str));
            if let Some(a) = &co.address {
                out.extend([a.street.as_str(), &a.city, &a.region, &a.postal_code, &a.country]);
            }
        }
        for c in &d.contacts {
            out.extend([c.given_name.as_str(), &c.family_name, &c.job_title, &c.source, &c.notes]);
            out.extend(c.tags.iter().map(String::as_str));
            out.extend(c.emails.iter().map(|e| e.address.as_str()));
            out.extend(c.phones.iter().map(|p| p.number.as_str()));
            for a in &c.addresses {
                out.extend([a.street.as_str(), &a.city, &a.region, &a.postal_code, &a.country]);
            }
        }
        out
    }

    #[test]
    fn same_seed_gives_same_data_and_other_seeds_differ() {
        let a = generate_demo(7, 500, now());
        let b = generate_demo(7, 500, now());
        assert_eq!(a, b);
        let c = generate_demo(8, 500, now());
        assert_ne!(a.contacts, c.contacts);
        assert_ne!(a.companies, c.companies);
    }

    #[test]
    fn gives_exactly_the_requested_count_and_about_one_company_per_ten() {
        for n in [0, 1, 7, 49, 50, 100, 1000, 2345] {
            let d = generate_demo(n as u64, n, now());
            assert_eq!(d.contacts.len(), n);
            assert!(d.companies.len() >= 3);
        }
        let d = generate_demo(1, 1000, now());
        assert!((83..=125).contains(&d.companies.len()), "{}", d.companies.len());
    }

    #[test]
    fn ids_are_unique_lower_case_uuids() {
        let d = generate_demo(3, 3000, now());
        let mut seen = HashSet::new();
        for id in d.companies.iter().map(|c| &c.id).chain(d.contacts.iter().map(|c| &c.id)) {
            assert!(uuid_shaped(id), "{id}");
            assert_eq!(&id[14..15], "4");
            assert!(seen.insert(id.clone()), "duplicate id {id}");
        }
        let mut rng = DemoRng::new(0);
        assert!(uuid_shaped(&rng.uuid()));
    }

    #[test]
    fn company_ids_refer_to_generated_companies() {
        let d = generate_demo(4, 1000, now());
        let ids: HashSet<&str> = d.companies.iter().map(|c| c.id.as_str()).collect();
        let with_company = d.contacts.iter().filter(|c| c.company_id.is_some()).count();
        assert!((750..=950).contains(&with_company), "{with_company}");
        for c in &d.contacts {
            if let Some(id) = &c.company_id {
                assert!(ids.contains(id.as_str()));
            }
        }
        // Most company contacts have an email at the company's domain.
        let domains: HashMap<&str, &str> = d.companies.iter().map(|c| (c.id.as_str(), c.domain.as_str())).collect();
        let at_company = d
            .contacts
            .iter()
            .filter(|c| {
                c.company_id.as_deref().is_some_and(|id| {
                    let suffix = format!("@{}", domains[id]);
                    c.emails.iter().any(|e| e.address.to_ascii_lowercase().ends_with(&suffix))
                })
            })
            .count();
        assert!(at_company * 100 >= with_company * 95, "{at_company} of {with_company}");
    }

    #[test]
    fn emails_and_domains_are_well_formed() {
        let d = generate_demo(5, 2000, now());
        for co in &d.companies {
            assert!(co.domain.contains('.'));
            assert!(co.domain.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
            assert!(!co.domain.starts_with('-') && !co.domain.contains("-."), "{}", co.domain);
        }
        let mut seen = HashMap::new();
        for c in &d.contacts {
            assert!((1..=2).contains(&c.emails.len()));
            assert!(c.phones.len() <= 2 && c.addresses.len() <= 1 && c.tags.len() <= 3);
            for e in &c.emails {
                let (local, domain) = e.address.split_once('@').expect("an @");
                assert!(!local.is_empty() && local.is_ascii() && !local.contains(' '), "{}", e.address);
                assert!(!domain.contains('@') && !domain.contains(' '), "{}", e.address);
                let dot = domain.rfind('.').expect("a dot in the domain");
                assert!(dot > 0 && domain.len() - dot > 2, "{}", e.address);
                *seen.entry(e.address.to_ascii_lowercase()).or_insert(0) += 1;
            }
        }
        // Only near-duplicates share an address.
        let shared = seen.values().filter(|&&n| n > 1).count();
        assert!(shared <= d.contacts.len() / 25, "{shared}");
    }

    #[test]
    fn timestamps_are_whole_seconds_in_the_past_and_ordered() {
        let now = now();
        let d = generate_demo(6, 2000, now);
        let times = d.contacts.iter().map(|c| (c.created, c.updated));
        for (created, updated) in times.chain(d.companies.iter().map(|c| (c.created, c.updated))) {
            assert!(created <= updated && updated <= now);
            assert!(created >= now - chrono::Duration::days(3 * 366));
            assert_eq!(created.timestamp_subsec_nanos(), 0);
        }
        let birthdays: Vec<_> = d.contacts.iter().filter_map(|c| c.birthday).collect();
        assert!((600..=1000).contains(&birthdays.len()), "{}", birthdays.len());
        assert!(birthdays.iter().all(|b| (1950..=2004).contains(&b.year())));
    }

    #[test]
    fn strings_are_trimmed_and_single_spaced() {
        let d = generate_demo(9, 3000, now());
        for s in all_strings(&d) {
            assert_eq!(s, s.trim(), "{s:?}");
            assert!(!s.contains("  "), "{s:?}");
        }
    }

    #[test]
    fn names_include_non_ascii_and_emails_are_transliterated() {
        let d = generate_demo(10, 1000, now());
        let non_ascii = d.contacts.iter().filter(|c| !c.given_name.is_ascii() || !c.family_name.is_ascii()).count();
        assert!(non_ascii >= 50, "{non_ascii}");
        let mut local = String::new();
        push_local(&mut local, "Zoë");
        local.push('.');
        push_local(&mut local, "Müller");
        assert_eq!(local, "zoe.mueller");
        local.clear();
        push_local(&mut local, "van den Berg");
        push_local(&mut local, "O'Brien");
        push_local(&mut local, "Jean-Luc");
        push_local(&mut local, "Łukasz Ødegaard Núñez Weiß");
        assert_eq!(local, "vandenbergobrienjean-luclukaszoedegaardnunezweiss");
        let mut slug = String::new();
        push_domain_slug(&mut slug, "Nordwind Logistik");
        slug.push('|');
        push_domain_slug(&mut slug, "van Dijk & de Vries Amsterdam");
        slug.push('|');
        push_domain_slug(&mut slug, "Éditions Lefèvre");
        assert_eq!(slug, "nordwind-logistik|van-dijk-de-vries-amsterdam|editions-lefevre");
        assert_eq!(strip_accents("Ødegaard Müller Weiß Álvaro"), "Odegaard Muller Weiss Alvaro");
    }

    #[test]
    fn all_countries_appear_with_matching_postal_codes() {
        let d = generate_demo(11, 1000, now());
        let addresses: Vec<&Address> = d
            .contacts
            .iter()
            .flat_map(|c| &c.addresses)
            .chain(d.companies.iter().filter_map(|c| c.address.as_ref()))
            .collect();
        let codes: HashSet<&str> = addresses.iter().map(|a| a.country.as_str()).collect();
        for code in ["US", "GB", "DE", "FR", "ES", "NL"] {
            assert!(codes.contains(code), "{code} missing");
        }
        for a in addresses {
            let p = a.postal_code.as_bytes();
            let ok = match a.country.as_str() {
                "US" | "DE" | "FR" | "ES" => p.len() == 5 && p.iter().all(u8::is_ascii_digit),
                "NL" => {
                    p.len() == 7
                        && p[..4].iter().all(u8::is_ascii_digit)
                        && p[4] == b' '
                        && p[5..].iter().all(u8::is_ascii_uppercase)
                }
                "GB" => {
                    let (out, inward) = a.postal_code.split_once(' ').unwrap();
                    (2..=4).contains(&out.len())
                        && inward.len() == 3
                        && inward.as_bytes()[0].is_ascii_digit()
                        && inward.as_bytes()[1..].iter().all(u8::is_ascii_uppercase)
                }
                other => panic!("unexpected country {other}"),
            };
            assert!(ok, "{a:?}");
            assert!(!a.street.is_empty() && !a.city.is_empty() && !a.region.is_empty());
        }
    }

    #[test]
    fn phones_follow_national_formats() {
        let f =
            |code: &str, nsn: &str, area: usize, intl: bool| format_phone(country(code), nsn.as_bytes(), area, intl);
        assert_eq!(f("US", "4155550142", 3, false), "(415) 555-0142");
        assert_eq!(f("US", "4155550142", 3, true), "+1 415 555 0142");
        assert_eq!(f("GB", "2079460958", 2, true), "+44 20 7946 0958");
        assert_eq!(f("GB", "1614960123", 3, false), "0161 496 0123");
        assert_eq!(f("GB", "7700900123", 4, true), "+44 7700 900123");
        assert_eq!(f("DE", "301234567", 2, true), "+49 30 1234567");
        assert_eq!(f("DE", "15123456789", 3, false), "0151 23456789");
        assert_eq!(f("FR", "123456789", 1, true), "+33 1 23 45 67 89");
        assert_eq!(f("FR", "612345678", 1, false), "06 12 34 56 78");
        assert_eq!(f("ES", "912345678", 2, true), "+34 912 345 678");
        assert_eq!(f("ES", "912345678", 2, false), "912 34 56 78");
        assert_eq!(f("NL", "201234567", 2, true), "+31 20 123 4567");
        assert_eq!(f("NL", "612345678", 1, false), "06 12345678");
        assert_eq!(alt_phone(country("GB"), "+44 20 7946 0958"), "02079460958");
        assert_eq!(alt_phone(country("GB"), "020 7946 0958"), "+442079460958");
        assert_eq!(alt_phone(country("US"), "+1 415 555 0142"), "415-555-0142");
        assert_eq!(alt_phone(country("US"), "(415) 555-0142"), "+14155550142");
        assert_eq!(alt_phone(country("ES"), "912 34 56 78"), "+34912345678");

        let d = generate_demo(12, 1000, now());
        let phones: Vec<&str> = d.contacts.iter().flat_map(|c| &c.phones).map(|p| p.number.as_str()).collect();
        assert!(phones.len() > 800, "{}", phones.len());
        for p in phones {
            let digits = p.bytes().filter(u8::is_ascii_digit).count();
            assert!((9..=13).contains(&digits), "{p}");
            assert!(p.bytes().all(|b| b.is_ascii_digit() || b" +()-".contains(&b)), "{p}");
        }
    }

    /// Pairs of contacts sharing a lower-cased email or the last eight digits of a phone.
    fn linked_pairs(contacts: &[Contact]) -> HashSet<(usize, usize)> {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in contacts.iter().enumerate() {
            let mut keys: Vec<String> = c.emails.iter().map(|e| e.address.to_ascii_lowercase()).collect();
            for p in &c.phones {
                let digits: String = p.number.chars().filter(char::is_ascii_digit).collect();
                keys.push(format!("tel:{}", &digits[digits.len() - 8..]));
            }
            keys.sort();
            keys.dedup();
            for k in keys {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut pairs = HashSet::new();
        for v in by_key.values() {
            for (n, &i) in v.iter().enumerate() {
                for &j in &v[n + 1..] {
                    pairs.insert((i, j));
                }
            }
        }
        pairs
    }

    #[test]
    fn about_two_percent_are_near_duplicates_spread_through_the_list() {
        for seed in [13, 14, 15] {
            let d = generate_demo(seed, 2000, now());
            let pairs = linked_pairs(&d.contacts);
            assert!((20..=80).contains(&pairs.len()), "{} pairs", pairs.len());
            for &(i, j) in &pairs {
                let (a, b) = (&d.contacts[i], &d.contacts[j]);
                assert_ne!(a.id, b.id);
                assert_ne!((&a.given_name, &a.family_name), (&b.given_name, &b.family_name));
                assert_eq!(a.company_id, b.company_id);
            }
            // Not all at the end: some pair has its later record in the first half.
            assert!(pairs.iter().any(|&(_, j)| j < 1000));
        }
    }

    #[test]
    fn sales_records_are_deterministic() {
        let a = generate_demo(21, 400, now());
        let b = generate_demo(21, 400, now());
        assert_eq!(a, b);
        assert_ne!(a.activities, generate_demo(22, 400, now()).activities);
        // The people do not depend on the sales records drawn after them.
        let later = generate_demo(21, 400, now() + chrono::Duration::days(1));
        assert_eq!(a.contacts[0].emails, later.contacts[0].emails);
    }

    #[test]
    fn proportions_of_deals_activities_and_tasks() {
        let d = generate_demo(23, 1000, now());
        assert!((190..=200).contains(&d.deals.len()), "{}", d.deals.len());
        assert_eq!(d.activities.len(), 5000);
        assert_eq!(d.tasks.len(), 50);
        let share = |n: usize, of: usize| n * 100 / of.max(1);
        let status = |s: DealStatus| d.deals.iter().filter(|x| x.status == s).count();
        assert!((50..=70).contains(&share(status(DealStatus::Open), d.deals.len())));
        assert!((17..=33).contains(&share(status(DealStatus::Won), d.deals.len())));
        assert!((8..=22).contains(&share(status(DealStatus::Lost), d.deals.len())));
        let kind = |k: ActivityKind| share(d.activities.iter().filter(|a| a.kind == k).count(), 5000);
        assert!((31..=39).contains(&kind(ActivityKind::Call)), "{}", kind(ActivityKind::Call));
        assert!((31..=39).contains(&kind(ActivityKind::Email)));
        assert!((12..=18).contains(&kind(ActivityKind::Meeting)));
        assert!((12..=18).contains(&kind(ActivityKind::Note)));
        let with_deal = share(d.activities.iter().filter(|a| a.deal_id.is_some()).count(), 5000);
        assert!((15..=32).contains(&with_deal), "{with_deal}");
        let open_tasks = d.tasks.iter().filter(|t| t.done_at.is_none()).count();
        assert!((25..=45).contains(&open_tasks), "{open_tasks}");
        let count = |f: &dyn Fn(&Contact) -> bool| d.contacts.iter().filter(|c| f(c)).count();
        assert!((20..=85).contains(&count(&|c| c.cadence_days.is_some())));
        assert!((8..=60).contains(&count(&|c| !c.important_dates.is_empty())));
        assert!((60..=140).contains(&count(&|c| !c.owner.is_empty())));
        let owners: HashSet<&str> = d.activities.iter().map(|a| a.owner.as_str()).collect();
        assert!(owners.iter().all(|o| TEAM.contains(o)));
        let amounts: Vec<i64> = d.deals.iter().map(|x| x.amount_cents).collect();
        assert!(amounts.iter().all(|&a| (50_000..=25_000_000).contains(&a) && a % 5_000 == 0), "{amounts:?}");
        let mut sorted = amounts.clone();
        sorted.sort_unstable();
        let median = sorted[sorted.len() / 2];
        assert!((500_000..=3_000_000).contains(&median), "{median}");
    }

    #[test]
    fn deals_activities_and_tasks_link_to_existing_records() {
        let d = generate_demo(24, 1000, now());
        let contacts: HashMap<&str, &Contact> = d.contacts.iter().map(|c| (c.id.as_str(), c)).collect();
        let companies: HashSet<&str> = d.companies.iter().map(|c| c.id.as_str()).collect();
        let deals: HashMap<&str, &Deal> = d.deals.iter().map(|x| (x.id.as_str(), x)).collect();
        for deal in &d.deals {
            let company = deal.company_id.as_deref().unwrap();
            assert!(companies.contains(company));
            assert!((1..=3).contains(&deal.contact_ids.len()));
            for id in &deal.contact_ids {
                assert_eq!(contacts[id.as_str()].company_id.as_deref(), Some(company), "a contact of the company");
            }
            assert!(d.settings.stage(&deal.stage).is_some());
            assert!(crate::core::validate::validate_deal(deal, &d.settings).is_empty(), "{deal:?}");
            let expected = match deal.status {
                DealStatus::Open => d.settings.stage(&deal.stage).unwrap().probability,
                DealStatus::Won => 100,
                DealStatus::Lost => 0,
            };
            assert_eq!(deal.probability, expected);
            assert_eq!(deal.lost_reason.is_empty(), deal.status != DealStatus::Lost);
        }
        for a in &d.activities {
            assert_eq!(a.contact_ids.len(), 1);
            let c = contacts[a.contact_ids[0].as_str()];
            assert_eq!(a.company_id, c.company_id);
            if let Some(deal) = &a.deal_id {
                assert_eq!(deals[deal.as_str()].company_id, a.company_id);
            }
            assert!(crate::core::validate::validate_activity(a).is_empty(), "{a:?}");
        }
        for t in &d.tasks {
            assert!(t.contact_id.is_some() != t.deal_id.is_some());
            assert!(t.contact_id.as_deref().is_none_or(|id| contacts.contains_key(id)));
            assert!(t.deal_id.as_deref().is_none_or(|id| deals.contains_key(id)));
            assert!(t.company_id.as_deref().is_none_or(|id| companies.contains(id)));
            assert!(crate::core::validate::validate_task(t).is_empty(), "{t:?}");
        }
        // The whole lot loads as one dataset.
        let data = crate::core::dataset::Dataset::from_parts(d.clone().into_records()).unwrap();
        assert_eq!(data.activities().len(), 5000);
        assert_eq!(data.settings(), &d.settings);
    }

    #[test]
    fn stage_histories_lead_to_the_current_stage() {
        let d = generate_demo(25, 1000, now());
        let today = now().date_naive();
        let people = d.contacts.iter().map(|c| (&c.stage_history, c.lifecycle_stage, c.created, c.updated));
        let firms = d.companies.iter().map(|c| (&c.stage_history, c.lifecycle_stage, c.created, c.updated));
        for (history, stage, created, updated) in people.chain(firms) {
            assert_eq!(history[0], StageChange { from: None, to: LifecycleStage::Reach, at: created });
            assert_eq!(history.last().unwrap().to, stage);
            for w in history.windows(2) {
                assert_eq!(w[1].from, Some(w[0].to));
                assert!(w[0].at <= w[1].at && w[1].at <= updated && updated <= now());
            }
        }
        for c in &d.contacts {
            assert_eq!(c.lead_status.is_some(), c.lifecycle_stage == LifecycleStage::Acquisition);
            assert!(crate::core::validate::validate_contact(c, today).is_empty(), "{c:?}");
        }
        let lost_via_conversion = d
            .contacts
            .iter()
            .filter(|c| c.lifecycle_stage == LifecycleStage::Lost)
            .any(|c| c.stage_history.iter().any(|s| s.to == LifecycleStage::Conversion));
        assert!(lost_via_conversion);
    }

    #[test]
    fn only_planned_meetings_and_due_dates_are_ahead_of_now() {
        let now = now();
        let d = generate_demo(26, 2000, now);
        let ahead: Vec<&Activity> = d.activities.iter().filter(|a| a.at > now).collect();
        assert!(!ahead.is_empty() && ahead.len() < 100, "{}", ahead.len());
        for a in &ahead {
            assert_eq!(a.kind, ActivityKind::Meeting);
            assert!(a.at <= now + chrono::Duration::days(15) && a.outcome.is_empty());
        }
        for a in &d.activities {
            assert!(a.created <= now && a.updated <= now && a.at >= now - chrono::Duration::days(731));
            assert_eq!(a.at.timestamp_subsec_nanos(), 0);
        }
        for x in &d.deals {
            assert!(x.created <= x.updated && x.updated <= now);
            assert!(x.closed.is_none_or(|c| x.created <= c && c <= now));
        }
        let today = now.date_naive();
        for t in &d.tasks {
            assert!(t.created <= t.updated && t.updated <= now);
            let due = t.due.unwrap();
            assert!((today - chrono::Duration::days(30)..=today + chrono::Duration::days(30)).contains(&due));
        }
        assert!(d.tasks.iter().any(|t| t.due == Some(today)));
    }

    #[test]
    fn rng_is_in_range_and_covers_it() {
        let mut rng = DemoRng::new(42);
        assert_eq!(rng.below(0), 0);
        let mut hit = [false; 7];
        for _ in 0..1000 {
            let v = rng.below(7);
            assert!(v < 7);
            hit[v as usize] = true;
        }
        assert!(hit.iter().all(|&h| h));
        assert_ne!(DemoRng::new(1).next_u64(), DemoRng::new(2).next_u64());
        let stages: HashSet<LifecycleStage> =
            generate_demo(16, 1000, now()).contacts.iter().map(|c| c.lifecycle_stage).collect();
        assert_eq!(stages.len(), LifecycleStage::ALL.len());
    }
}
