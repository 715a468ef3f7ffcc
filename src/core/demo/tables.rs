//! The demo generator's tables: six countries' names, streets, cities,
//! postal codes and phone formats, and the job titles, tags, sources, notes,
//! products and subjects records are drawn from.

use crate::core::records::CompanySize;

// Tables

pub(super) struct City {
    pub(super) name: &'static str,
    pub(super) region: &'static str,
    /// Postal code pattern: `#` a digit, `?` a letter, `|` separates alternatives.
    pub(super) postal: &'static str,
    /// Telephone area code without the trunk prefix.
    pub(super) area: &'static str,
}

pub(super) const fn city(name: &'static str, region: &'static str, postal: &'static str, area: &'static str) -> City {
    City { name, region, postal, area }
}

pub(super) struct Country {
    pub(super) code: &'static str,
    /// Telephone country code.
    pub(super) cc: &'static str,
    /// Whether national numbers start with a trunk `0`.
    pub(super) trunk: bool,
    /// Digits of a national significant number (landline, mobile), plus up to `nsn_extra`.
    pub(super) nsn_len: usize,
    pub(super) mobile_len: usize,
    pub(super) nsn_extra: u64,
    pub(super) mobile: &'static [&'static str],
    pub(super) given: &'static [&'static str],
    pub(super) family: &'static [&'static str],
    pub(super) streets: &'static [&'static str],
    pub(super) cities: &'static [City],
    pub(super) words: &'static [&'static str],
    /// (name part, industry)
    pub(super) fields: &'static [(&'static str, &'static str)],
    pub(super) prefixes: &'static [(&'static str, &'static str)],
    pub(super) suffixes: &'static [&'static str],
    pub(super) tld: &'static str,
    pub(super) mail: &'static [&'static str],
}

pub(super) const COUNTRY_WEIGHTS: [u32; 6] = [30, 18, 18, 12, 10, 12];

#[rustfmt::skip]
pub(super) const EN_WORDS: &[&str] = &[
    "Bluebird", "Summit", "Northstar", "Redwood", "Ironbridge", "Harbor", "Brightwater", "Granite",
    "Keystone", "Oakridge", "Pinecrest", "Lighthouse", "Westbrook", "Evergreen", "Bluestone",
    "Falcon", "Meridian", "Crescent", "Silverline", "Copperleaf", "Riverside", "Blackthorn",
    "Foxglove", "Kingfisher",
];
#[rustfmt::skip]
pub(super) const EN_FIELDS: &[(&str, &str)] = &[
    ("Analytics", "Software"), ("Logistics", "Logistics"), ("Software", "Software"),
    ("Consulting", "Consulting"), ("Health", "Healthcare"), ("Media", "Media"),
    ("Capital", "Financial services"), ("Foods", "Food & beverage"), ("Energy", "Energy"),
    ("Design", "Design"), ("Labs", "Biotechnology"), ("Systems", "Information technology"),
    ("Robotics", "Manufacturing"), ("Security", "Security"), ("Networks", "Telecommunications"),
    ("Studios", "Media"), ("Supply", "Wholesale"), ("Builders", "Construction"),
    ("Properties", "Real estate"), ("Hotels", "Hospitality"), ("Motors", "Automotive"),
];

#[rustfmt::skip]
pub(super) const COUNTRIES: [Country; 6] = [
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
pub(super) const POSTAL_LETTERS: &[u8] = b"ABDEFGHJLNPRTUWXYZ";

pub(super) const PARTNERSHIP_INDUSTRIES: &[&str] = &["Legal", "Consulting", "Accounting"];

#[rustfmt::skip]
pub(super) const NICKNAMES: &[(&str, &str)] = &[
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
pub(super) const JOB_TITLES: &[&str] = &[
    "Chief Executive Officer", "Managing Director", "Founder", "CTO", "CFO", "Head of Sales",
    "Sales Manager", "Account Executive", "Sales Representative", "Marketing Manager",
    "Head of Marketing", "Product Manager", "Project Manager", "Software Engineer", "Data Analyst",
    "Operations Director", "Office Manager", "Procurement Lead", "Purchasing Manager",
    "HR Business Partner", "Customer Success Manager", "IT Administrator", "Financial Controller",
    "Executive Assistant", "Head of Logistics", "Legal Counsel",
];
#[rustfmt::skip]
pub(super) const OTHER_TITLES: &[&str] = &[
    "Freelance consultant", "Self-employed", "Independent designer", "Student", "Retired",
    "Photographer", "Architect", "Translator",
];

#[rustfmt::skip]
pub(super) const CONTACT_TAGS: &[&str] = &[
    "vip", "newsletter", "partner", "event-2026", "webinar", "decision-maker", "influencer",
    "trial", "renewal-q3", "do-not-call", "beta-tester", "referral-program",
];
#[rustfmt::skip]
pub(super) const COMPANY_TAGS: &[&str] = &[
    "key-account", "partner", "reseller", "supplier", "strategic", "churn-risk", "upsell",
    "public-sector", "startup", "event-2026",
];
pub(super) const TAG_COUNT_WEIGHTS: [u32; 4] = [35, 35, 20, 10];

#[rustfmt::skip]
pub(super) const SOURCES: &[&str] = &[
    "Website", "Referral", "Trade show", "LinkedIn", "Cold call", "Import", "",
];
pub(super) const SOURCE_WEIGHTS: [u32; 7] = [30, 15, 12, 18, 8, 12, 5];

pub(super) const STAGE_WEIGHTS: [u32; 7] = [22, 22, 18, 18, 12, 5, 3];

#[rustfmt::skip]
pub(super) const SIZES: [CompanySize; 6] = [
    CompanySize::Micro,
    CompanySize::Small,
    CompanySize::Medium,
    CompanySize::Large,
    CompanySize::VeryLarge,
    CompanySize::Enterprise,
];
pub(super) const SIZE_WEIGHTS: [u32; 6] = [20, 30, 25, 15, 7, 3];

#[rustfmt::skip]
pub(super) const CONTACT_NOTES: &[&str] = &[
    "Met at the spring trade show.", "Prefers email over phone.", "Asked for a product demo.",
    "Interested in the enterprise plan.", "Call back after the summer holidays.",
    "Introduced by a colleague.", "Budget approved for next year.",
    "Decision expected next quarter.", "Wants a quote for 50 seats.",
    "On parental leave until September.", "Sent the brochure.",
    "Follow up about the pilot project.", "Speaks English, French and German.",
];
#[rustfmt::skip]
pub(super) const COMPANY_NOTES: &[&str] = &[
    "Annual contract renews in March.", "Procurement requires three quotes.",
    "Head office moved last year.", "Prefers invoices by email.", "Framework agreement signed.",
    "Evaluating two competitors.", "Site visit planned for the autumn.",
];
