//! A labelled benchmark for duplicate detection, built from scratch and
//! deterministic from a seed: realistic people from nine countries, some of
//! whom appear more than once, each copy corrupted the way real data is
//! corrupted, plus people who are NOT duplicates but look like them
//! (household members, colleagues at one office, a father and son of one
//! name). Shared by `examples/dedupe_accuracy.rs` and
//! `tests/dedupe_benchmark.rs` (included with `#[path]`).
//!
//! Fields go where an import puts them: house number and street in the
//! street line ("12 Main Street", "Hauptstraße 12", "Calle Mayor, 12"), a
//! second address line ("Unit 3", "Flat 2", a building name) after a comma,
//! on its own line, or before the street; suburb as city, state as region.
//!
//! The corruptions (each duplicate gets one to four) are listed in
//! [`Corruption`]. The nickname table here is written independently of the
//! engine's, and includes forms the engine does not know. Names are drawn
//! with Zipf-like frequencies, so common names repeat as in real lists.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use crm::core::records::{Address, Contact, Email, EmailKind, Phone, PhoneKind};

/// A deterministic SplitMix64 generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6a09_e667_f3bc_c908)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An item with Zipf-like weight 1/(rank + 4): the first names of a
    /// list are common, the last rare.
    pub fn zipf<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let total: f64 = (0..items.len()).map(|i| 1.0 / (i as f64 + 4.0)).sum();
        let mut r = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        for (i, item) in items.iter().enumerate() {
            r -= 1.0 / (i as f64 + 4.0);
            if r <= 0.0 {
                return item;
            }
        }
        &items[items.len() - 1]
    }
}

struct Country {
    code: &'static str,
    male: &'static [&'static str],
    female: &'static [&'static str],
    family: &'static [&'static str],
    streets: &'static [&'static str],
    /// Street types, long form then short form.
    types: &'static [(&'static str, &'static str)],
    /// (suburb or city, state or region, postcode prefix, postcode digits after it)
    places: &'static [(&'static str, &'static str, &'static str, usize)],
    /// How the street line is written: 0 "12 Main Street", 1 "Hauptstraße 12"
    /// (type joined), 2 "Calle Mayor, 12", 3 "12 rue de la Paix", 4 "Via Roma 12".
    style: u8,
    units: &'static [&'static str],
    buildings: &'static [&'static str],
    phone: (&'static str, usize),
    weight: usize,
}

#[rustfmt::skip]
const COUNTRIES: &[Country] = &[
    Country {
        code: "AU",
        male: &["Jack", "William", "Oliver", "Thomas", "James", "Lachlan", "Joshua", "Benjamin", "Samuel", "Daniel", "Matthew", "Ryan", "Liam", "Noah", "Ethan", "Cooper", "Riley", "Harrison", "Nathan", "Mitchell", "Blake", "Connor", "Hamish", "Angus", "Declan", "Kieran", "Jayden", "Tyson", "Brodie", "Callum", "Minh", "Wei", "Arjun", "Nikolaos", "Giuseppe"],
        female: &["Charlotte", "Olivia", "Ruby", "Chloe", "Emily", "Sophie", "Jessica", "Mia", "Isabella", "Grace", "Lily", "Ella", "Amelia", "Zoe", "Hannah", "Madison", "Sienna", "Tahlia", "Brooke", "Jade", "Kayla", "Courtney", "Rebecca", "Sarah", "Lauren", "Bethany", "Mei", "Priya", "Anh", "Georgia"],
        family: &["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson", "Thompson", "Nguyen", "Thomas", "Walker", "Harris", "Lee", "Ryan", "Robinson", "Kelly", "King", "Davis", "Wright", "Evans", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Tran", "Le", "Pham", "Chen", "Wang", "Papadopoulos", "Russo", "O'Brien", "McDonald", "Campbell", "Stewart", "Murray", "Hughes", "Edwards", "Mitchell", "Young", "Hill", "Morris", "Doherty", "Sutherland", "Fitzgerald", "Hewitt", "Kowalczyk", "Van der Merwe"],
        streets: &["George", "Elizabeth", "Victoria", "Church", "High", "Station", "King", "Queen", "Albert", "Bridge", "Park", "Railway", "Main", "William", "Macquarie", "Pitt", "Bourke", "Collins", "Flinders", "Swanston", "Anzac", "Wattle", "Banksia", "Jacaranda", "Kurrajong", "Boundary", "Hume", "Oxley", "Sturt", "Parramatta"],
        types: &[("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Parade", "Pde"), ("Crescent", "Cres"), ("Place", "Pl"), ("Drive", "Dr"), ("Court", "Ct"), ("Terrace", "Tce"), ("Circuit", "Cct")],
        places: &[("Bondi", "NSW", "20", 2), ("Parramatta", "NSW", "21", 2), ("Newtown", "NSW", "20", 2), ("Chatswood", "NSW", "20", 2), ("Penrith", "NSW", "27", 2), ("Wollongong", "NSW", "25", 2), ("Newcastle", "NSW", "23", 2), ("Fitzroy", "VIC", "30", 2), ("St Kilda", "VIC", "31", 2), ("Geelong", "VIC", "32", 2), ("Ballarat", "VIC", "33", 2), ("Box Hill", "VIC", "31", 2), ("Fortitude Valley", "QLD", "40", 2), ("Toowong", "QLD", "40", 2), ("Southport", "QLD", "42", 2), ("Cairns", "QLD", "48", 2), ("Fremantle", "WA", "61", 2), ("Subiaco", "WA", "60", 2), ("Glenelg", "SA", "50", 2), ("Norwood", "SA", "50", 2), ("Hobart", "TAS", "70", 2), ("Launceston", "TAS", "72", 2), ("Braddon", "ACT", "26", 2), ("Darwin", "NT", "08", 2)],
        style: 0,
        units: &["Unit", "Unit", "Apt", "Flat", "Level"],
        buildings: &["Rose Villa", "Harbour View", "The Summit", "Kooyong Apartments", "Wattle Park", "Brentwood Village", "Seaview Towers", "Parkside Court", "Riverside Gardens", "Banksia Lodge"],
        phone: ("+61", 9),
        weight: 22,
    },
    Country {
        code: "US",
        male: &["James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Christopher", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Andrew", "Joshua", "Kevin", "Brian", "Tyrone", "DeShawn", "Carlos", "Luis", "Jorge", "Hiroshi", "Jamal", "Dwayne", "Cody"],
        female: &["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa", "Nancy", "Betty", "Sandra", "Margaret", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Latoya", "Keisha", "Maria", "Guadalupe", "Yesenia", "Brittany", "Tiffany", "Amber", "Heather", "Crystal"],
        family: &["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Washington", "Kowalski", "O'Connor", "Schneider", "Yamamoto", "Goldberg", "Jefferson", "Okafor", "Castillo", "Delgado"],
        streets: &["Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Walnut", "Sunset", "Lincoln", "Jackson", "Church", "Highland", "Madison", "Jefferson", "Ridge", "Spring", "Willow", "Chestnut", "Franklin", "Meadow", "River", "Center", "Mill", "Forest", "Broad", "Adams"],
        types: &[("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Drive", "Dr"), ("Lane", "Ln"), ("Boulevard", "Blvd"), ("Court", "Ct"), ("Place", "Pl")],
        places: &[("Springfield", "IL", "627", 2), ("Austin", "TX", "787", 2), ("Brooklyn", "NY", "112", 2), ("Cambridge", "MA", "021", 2), ("Columbus", "OH", "432", 2), ("Denver", "CO", "802", 2), ("Fresno", "CA", "937", 2), ("Oakland", "CA", "946", 2), ("Pasadena", "CA", "911", 2), ("Tucson", "AZ", "857", 2), ("Madison", "WI", "537", 2), ("Raleigh", "NC", "276", 2), ("Savannah", "GA", "314", 2), ("Spokane", "WA", "992", 2), ("Omaha", "NE", "681", 2), ("Boise", "ID", "837", 2)],
        style: 0,
        units: &["Apt", "Apt", "Suite", "Unit", "#"],
        buildings: &["Riverside Towers", "Park Plaza", "The Willows", "Lakeview Commons", "Maple Court"],
        phone: ("+1", 10),
        weight: 18,
    },
    Country {
        code: "GB",
        male: &["Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "Oscar", "William", "James", "Henry", "Alfie", "Leo", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander", "Joseph", "Edward", "Samuel", "Max", "Daniel", "Arthur", "Lucas", "Gareth", "Rhys", "Dafydd", "Callum", "Mohammed"],
        female: &["Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Poppy", "Ella", "Lily", "Evie", "Isabella", "Sophie", "Ivy", "Freya", "Harper", "Willow", "Charlotte", "Jessica", "Siobhan", "Niamh", "Aoife", "Ffion", "Cerys", "Bethan", "Imogen", "Harriet", "Philippa", "Fatima"],
        family: &["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "Ahmed", "Khan", "Singh", "O'Neill", "MacLeod", "Featherstonehaugh", "Cholmondeley", "Llewellyn", "Pritchard", "Ashworth"],
        streets: &["High", "Station", "Church", "Victoria", "Green", "Manor", "Park", "Queens", "Kings", "Grange", "New", "Mill", "School", "North", "London", "Albert", "Springfield", "Windsor", "Highfield", "Chapel", "Orchard", "Meadow", "Cromwell", "Nelson", "Wellington"],
        types: &[("Road", "Rd"), ("Street", "St"), ("Lane", "Ln"), ("Avenue", "Ave"), ("Close", "Cl"), ("Drive", "Dr"), ("Crescent", "Cres"), ("Grove", "Gr"), ("Way", "Way"), ("Terrace", "Tce")],
        places: &[("Islington", "Greater London", "N1 ", 0), ("Camden", "Greater London", "NW1 ", 0), ("Hackney", "Greater London", "E8 ", 0), ("Didsbury", "Greater Manchester", "M20 ", 0), ("Headingley", "West Yorkshire", "LS6 ", 0), ("Clifton", "Bristol", "BS8 ", 0), ("Edgbaston", "West Midlands", "B15 ", 0), ("Morningside", "Scotland", "EH10 ", 0), ("Roath", "Wales", "CF24 ", 0), ("Jesmond", "Tyne and Wear", "NE2 ", 0), ("Headington", "Oxfordshire", "OX3 ", 0), ("Chesterton", "Cambridgeshire", "CB4 ", 0)],
        style: 0,
        units: &["Flat", "Flat", "Apartment", "Unit"],
        buildings: &["Rose Cottage", "The Old Rectory", "Willow House", "Mill House", "Ivy Cottage", "Orchard Court", "Kingsley House"],
        phone: ("+44", 10),
        weight: 16,
    },
    Country {
        code: "DE",
        male: &["Lukas", "Leon", "Maximilian", "Paul", "Jonas", "Felix", "Tim", "Jan", "Niklas", "Moritz", "Alexander", "David", "Philipp", "Tobias", "Florian", "Sebastian", "Stefan", "Thomas", "Michael", "Andreas", "Jürgen", "Klaus", "Wolfgang", "Uwe", "Dieter", "Mehmet", "Jörg", "Matthias", "Sven", "Dirk"],
        female: &["Anna", "Lea", "Hannah", "Lena", "Laura", "Julia", "Sarah", "Lisa", "Katharina", "Johanna", "Sophie", "Marie", "Emma", "Mia", "Sabine", "Petra", "Monika", "Ursula", "Claudia", "Susanne", "Birgit", "Andrea", "Nicole", "Stefanie", "Ayşe", "Franziska", "Jana", "Annika", "Theresa", "Greta"],
        family: &["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Yılmaz", "Kaya", "Nowak", "Kowalski", "von Bülow", "Oberhuber", "Lindemann", "Vogt", "Brandt"],
        streets: &["Haupt", "Schul", "Garten", "Bahnhof", "Dorf", "Kirch", "Berg", "Wald", "Linden", "Ring", "Goethe", "Schiller", "Mühlen", "Wiesen", "Rosen", "Birken", "Friedhof", "Feld", "Jahn", "Uhland"],
        types: &[("straße", "str."), ("weg", "weg"), ("gasse", "gasse"), ("platz", "platz")],
        places: &[("Berlin", "Berlin", "10", 3), ("Hamburg", "Hamburg", "20", 3), ("München", "Bayern", "80", 3), ("Köln", "Nordrhein-Westfalen", "50", 3), ("Frankfurt am Main", "Hessen", "60", 3), ("Stuttgart", "Baden-Württemberg", "70", 3), ("Leipzig", "Sachsen", "04", 3), ("Dresden", "Sachsen", "01", 3), ("Hannover", "Niedersachsen", "30", 3), ("Nürnberg", "Bayern", "90", 3), ("Bremen", "Bremen", "28", 3), ("Freiburg", "Baden-Württemberg", "79", 3)],
        style: 1,
        units: &["Whg.", "App.", "Etage"],
        buildings: &["Hinterhaus", "Seitenflügel", "Haus B", "Gartenhaus"],
        phone: ("+49", 10),
        weight: 12,
    },
    Country {
        code: "FR",
        male: &["Jean", "Pierre", "Michel", "André", "Philippe", "Nicolas", "Julien", "Thomas", "Antoine", "Lucas", "Hugo", "Louis", "Mathieu", "François", "Olivier", "Sébastien", "Guillaume", "Théo", "Maxime", "Karim"],
        female: &["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Camille", "Léa", "Manon", "Chloé", "Inès", "Sophie", "Julie", "Céline", "Amélie", "Aurélie", "Hélène", "Émilie", "Margaux", "Élodie", "Yasmine"],
        family: &["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Benali", "Nguyen", "Le Gall", "de la Fontaine", "Rousseau"],
        streets: &["de la Paix", "Victor Hugo", "de la République", "Pasteur", "Jean Jaurès", "du Général de Gaulle", "des Lilas", "de la Gare", "Voltaire", "du Moulin", "des Écoles", "Nationale"],
        types: &[("rue", "rue"), ("avenue", "av."), ("boulevard", "bd"), ("place", "pl.")],
        places: &[("Paris", "Île-de-France", "750", 2), ("Lyon", "Auvergne-Rhône-Alpes", "6900", 1), ("Marseille", "Provence-Alpes-Côte d'Azur", "130", 2), ("Toulouse", "Occitanie", "310", 2), ("Nantes", "Pays de la Loire", "440", 2), ("Lille", "Hauts-de-France", "590", 2), ("Bordeaux", "Nouvelle-Aquitaine", "330", 2), ("Strasbourg", "Grand Est", "670", 2)],
        style: 3,
        units: &["Appt", "Bât.", "Esc."],
        buildings: &["Résidence les Pins", "Résidence du Parc", "Les Jardins"],
        phone: ("+33", 9),
        weight: 8,
    },
    Country {
        code: "ES",
        male: &["Antonio", "José", "Manuel", "Francisco", "David", "Juan", "Javier", "Daniel", "Carlos", "Jesús", "Alejandro", "Miguel", "Rafael", "Pablo", "Sergio", "Fernando", "Jorge", "Alberto", "Álvaro", "Iñaki"],
        female: &["María", "Carmen", "Ana", "Isabel", "Laura", "Cristina", "Marta", "Lucía", "Pilar", "Dolores", "Elena", "Paula", "Raquel", "Rosa", "Sara", "Beatriz", "Nuria", "Silvia", "Montserrat", "Ainhoa"],
        family: &["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "García López", "Fernández Ruiz", "Sánchez-Vicario", "de la Cruz", "Etxeberria"],
        streets: &["Mayor", "Real", "de Alcalá", "Gran Vía", "del Sol", "de la Constitución", "San Juan", "de Goya", "del Carmen", "Nueva", "de Cervantes", "del Mar"],
        types: &[("Calle", "C/"), ("Avenida", "Avda."), ("Plaza", "Pza."), ("Paseo", "Pº")],
        places: &[("Madrid", "Madrid", "280", 2), ("Barcelona", "Cataluña", "080", 2), ("Valencia", "Comunidad Valenciana", "460", 2), ("Sevilla", "Andalucía", "410", 2), ("Bilbao", "País Vasco", "480", 2), ("Málaga", "Andalucía", "290", 2), ("Zaragoza", "Aragón", "500", 2)],
        style: 2,
        units: &["Piso", "Puerta", "Esc."],
        buildings: &["Edificio Sol", "Bloque 3", "Urbanización Los Pinos"],
        phone: ("+34", 9),
        weight: 7,
    },
    Country {
        code: "IT",
        male: &["Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro", "Salvatore", "Marco", "Alessandro", "Andrea", "Luca", "Matteo"],
        female: &["Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela", "Francesca", "Giulia", "Chiara", "Sara", "Martina", "Alessandra"],
        family: &["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "D'Angelo", "Di Stefano"],
        streets: &["Roma", "Garibaldi", "Mazzini", "Dante", "Cavour", "Verdi", "Marconi", "Matteotti", "XX Settembre", "Vittorio Emanuele"],
        types: &[("Via", "V."), ("Piazza", "P.zza"), ("Corso", "C.so"), ("Viale", "V.le")],
        places: &[("Roma", "Lazio", "001", 2), ("Milano", "Lombardia", "201", 2), ("Napoli", "Campania", "801", 2), ("Torino", "Piemonte", "101", 2), ("Bologna", "Emilia-Romagna", "401", 2), ("Firenze", "Toscana", "501", 2)],
        style: 4,
        units: &["Int.", "Scala", "Piano"],
        buildings: &["Palazzo B", "Condominio Aurora"],
        phone: ("+39", 10),
        weight: 6,
    },
    Country {
        code: "NL",
        male: &["Daan", "Sem", "Lucas", "Levi", "Bram", "Thomas", "Jesse", "Ruben", "Tim", "Lars", "Pieter", "Jan", "Hendrik", "Willem", "Joost", "Sander", "Bas", "Koen", "Niels", "Wouter"],
        female: &["Emma", "Julia", "Sophie", "Anna", "Tess", "Lisa", "Sanne", "Fleur", "Eva", "Iris", "Anouk", "Femke", "Lotte", "Maaike", "Ingrid", "Marieke", "Noor", "Roos", "Esther", "Annelies"],
        family: &["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "van der Meer", "Kramer", "Verhoeven", "Koster", "Prins"],
        streets: &["Kerk", "School", "Molen", "Dorps", "Nieuwe", "Wilhelmina", "Juliana", "Beatrix", "Oranje", "Heren", "Keizers", "Prinsen"],
        types: &[("straat", "str."), ("weg", "weg"), ("laan", "ln"), ("plein", "pl."), ("gracht", "gr.")],
        places: &[("Amsterdam", "Noord-Holland", "10", 2), ("Rotterdam", "Zuid-Holland", "30", 2), ("Utrecht", "Utrecht", "35", 2), ("Den Haag", "Zuid-Holland", "25", 2), ("Eindhoven", "Noord-Brabant", "56", 2), ("Groningen", "Groningen", "97", 2)],
        style: 1,
        units: &["bis", "hs", "boven"],
        buildings: &["Hofje", "Achterhuis"],
        phone: ("+31", 9),
        weight: 6,
    },
    Country {
        code: "IN",
        male: &["Rahul", "Amit", "Rajesh", "Suresh", "Vijay", "Sanjay", "Arjun", "Rohan", "Vikram", "Anil", "Deepak", "Karthik", "Srinivas", "Venkatesh", "Mohammed"],
        female: &["Priya", "Anjali", "Sunita", "Pooja", "Neha", "Kavita", "Lakshmi", "Deepa", "Divya", "Meera", "Aishwarya", "Shreya", "Fatima", "Radha", "Swati"],
        family: &["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Rao", "Mehta", "Joshi", "Desai", "Banerjee", "Chatterjee", "Khan", "Pillai", "Menon", "Agarwal", "Venkataraman", "Subramanian"],
        streets: &["MG", "Gandhi", "Nehru", "Station", "Temple", "Lake", "Church", "Brigade", "Residency", "Park"],
        types: &[("Road", "Rd"), ("Street", "St"), ("Nagar", "Ngr"), ("Marg", "Marg")],
        places: &[("Bengaluru", "Karnataka", "560", 3), ("Mumbai", "Maharashtra", "400", 3), ("Chennai", "Tamil Nadu", "600", 3), ("Pune", "Maharashtra", "411", 3), ("Hyderabad", "Telangana", "500", 3)],
        style: 0,
        units: &["Flat", "Flat", "Door No."],
        buildings: &["Prestige Towers", "Sai Residency", "Green Park Apartments", "Lakeview Enclave"],
        phone: ("+91", 10),
        weight: 5,
    },
];

/// Parts of family names, (first, second), by language.
#[rustfmt::skip]
const EN_PARTS: (&[&str], &[&str]) = (
    &["Ash", "Black", "Brad", "Brook", "Chad", "Crom", "Dal", "Fair", "Green", "Hart", "Holl", "Kings", "Lang", "Mar", "North", "Pem", "Rad", "Shel", "Stan", "Thorn", "Wake", "Whit", "Win", "Wood", "Ather", "Bur", "Cal", "Dun", "Els", "Fen"],
    &["ford", "wood", "ley", "ton", "well", "by", "field", "worth", "ham", "more", "brook", "ridge", "combe", "shaw", "stead", "cott", "den", "hurst", "wick", "land"],
);
#[rustfmt::skip]
const DE_PARTS: (&[&str], &[&str]) = (
    &["Stein", "Berg", "Wald", "Hof", "Lin", "Rosen", "Kirch", "Eich", "Brun", "Fal", "Grün", "Hassel", "Lichten", "Mühl", "Oster", "Schön", "Sonnen", "Wester", "Van Gelder", "Ter"],
    &["berg", "mann", "feld", "bach", "er", "hauser", "meier", "heim", "ner", "huber", "brink", "kamp", "stra", "inga", "kötter"],
);
#[rustfmt::skip]
const IT_PARTS: (&[&str], &[&str]) = (
    &["Bel", "Cas", "Fer", "Gal", "Mar", "Pel", "Ros", "San", "Val", "Bar", "Cor", "Del", "Mon", "Ter", "Ver"],
    &["lini", "tano", "rari", "dini", "ucci", "etti", "oni", "ardi", "aro", "ero", "ino", "esi", "ato", "iga"],
);
#[rustfmt::skip]
const FR_PARTS: (&[&str], &[&str]) = (
    &["Beau", "Bon", "Char", "Du", "Fon", "Gau", "Le", "Mal", "Mont", "Roche", "Ver", "Ville"],
    &["champ", "mont", "pont", "lin", "vert", "teau", "ret", "bois", "fort", "val", "lier", "neuve"],
);
#[rustfmt::skip]
const IN_PARTS: (&[&str], &[&str]) = (
    &["Krishna", "Rama", "Subra", "Venkata", "Srini", "Bala", "Chandra", "Gopala", "Hari", "Raghu"],
    &["murthy", "swamy", "krishnan", "raman", "vasan", "chandran", "nathan", "prasad", "rao", "iah"],
);

/// Nicknames and other forms of given names, as people actually use them;
/// written independently of the engine's table (several are not in it).
#[rustfmt::skip]
const NICKNAMES: &[(&str, &[&str])] = &[
    ("William", &["Bill", "Will", "Billy", "Liam"]), ("Robert", &["Bob", "Rob", "Bobby", "Robbie"]),
    ("James", &["Jim", "Jimmy", "Jamie"]), ("John", &["Jack", "Johnny"]), ("Michael", &["Mike", "Mick", "Mikey"]),
    ("Richard", &["Rick", "Dick", "Richie"]), ("Thomas", &["Tom", "Tommy"]), ("Daniel", &["Dan", "Danny"]),
    ("Matthew", &["Matt"]), ("Joseph", &["Joe", "Joey"]), ("Christopher", &["Chris", "Kit"]),
    ("Anthony", &["Tony"]), ("Andrew", &["Andy", "Drew"]), ("Joshua", &["Josh"]), ("Samuel", &["Sam", "Sammy"]),
    ("Benjamin", &["Ben", "Benny"]), ("Alexander", &["Alex", "Sandy"]), ("Edward", &["Ed", "Ted", "Eddie"]),
    ("Charles", &["Charlie", "Chuck"]), ("Henry", &["Hank", "Harry"]), ("Steven", &["Steve"]), ("David", &["Dave"]),
    ("Nathan", &["Nate"]), ("Nicholas", &["Nick"]), ("Donald", &["Don"]), ("Kevin", &["Kev"]),
    ("Elizabeth", &["Liz", "Beth", "Betty", "Lisa", "Eliza"]), ("Margaret", &["Maggie", "Peggy", "Meg"]),
    ("Jennifer", &["Jenny", "Jen"]), ("Jessica", &["Jess", "Jessie"]), ("Katharina", &["Kathi", "Kati"]),
    ("Susan", &["Sue", "Susie"]), ("Patricia", &["Pat", "Patty", "Trish"]), ("Sarah", &["Sally", "Sadie"]),
    ("Mary", &["Molly", "Polly"]), ("Barbara", &["Barb", "Babs"]), ("Kimberly", &["Kim"]), ("Rebecca", &["Becky"]),
    ("Isabella", &["Bella", "Izzy"]), ("Charlotte", &["Lottie", "Charlie"]), ("Olivia", &["Liv", "Livvy"]),
    ("Amelia", &["Millie"]), ("Harriet", &["Hattie"]), ("Philippa", &["Pippa"]),
    ("Johannes", &["Hans", "Jan"]), ("Wolfgang", &["Wolf"]), ("Maximilian", &["Max"]), ("Matthias", &["Matze"]),
    ("Franziska", &["Franzi"]), ("Stefanie", &["Steffi"]), ("Giuseppe", &["Peppe", "Beppe"]), ("Francesco", &["Franco"]),
    ("Giovanni", &["Gianni"]), ("Salvatore", &["Totò", "Salvo"]), ("Luigi", &["Gigi"]), ("Vincenzo", &["Enzo"]),
    ("José", &["Pepe"]), ("Francisco", &["Paco", "Curro"]), ("Manuel", &["Manolo"]), ("Dolores", &["Lola"]),
    ("Jesús", &["Chus", "Chucho"]), ("Antonio", &["Toni"]), ("Montserrat", &["Montse"]), ("Guadalupe", &["Lupe"]),
    ("Pieter", &["Piet"]), ("Hendrik", &["Henk"]), ("Willem", &["Wim"]), ("Jan", &["Jan"]),
    ("Venkatesh", &["Venky"]), ("Srinivas", &["Srini"]), ("Lakshmi", &["Lux"]), ("Mohammed", &["Mo"]),
    ("Nikolaos", &["Nick", "Nikos"]), ("Callum", &["Cal"]), ("Lachlan", &["Lachie"]), ("Harrison", &["Harry"]),
];

/// How a duplicate was corrupted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Corruption {
    TypoInsert,
    TypoDelete,
    TypoSubstitute,
    TypoTranspose,
    Ocr,
    Phonetic,
    Nickname,
    NamesSwapped,
    NamesInOneField,
    GivenMissing,
    FamilyMissing,
    GivenReplaced,
    FamilyReplaced,
    LetterCase,
    HouseNumberTypo,
    PostcodeDigit,
    PostcodeSwap,
    PostcodeMissing,
    StreetTypo,
    StreetWordsSplit,
    StreetWordsMerged,
    StreetTypeWritten,
    AddressLinesSwapped,
    SecondLineMissing,
    SecondLineMoved,
    CityTypo,
    CityMissing,
    RegionMissing,
    AddressMissing,
    Moved,
    DayMonthSwapped,
    BirthdayDigit,
    BirthdayMissing,
    BirthdayReplaced,
    EmailChanged,
    PhoneChanged,
}

/// What a record is, relative to the person it was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Original,
    Duplicate,
    /// Same family name and address, another given name and birthday.
    Household,
    /// Same company and office address, own name.
    Colleague,
    /// Same given and family name and address, a generation apart, with a
    /// Jr. or Sr. on at least one record.
    Junior,
}

/// Which fields the benchmark keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Names, address, birthday, emails and phones.
    Full,
    /// Names, address and birthday.
    WithBirthdays,
    /// Names and address only.
    NamesAddress,
}

/// One generated record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub contact: Contact,
    /// The person it stands for: records of one person are duplicates.
    pub person: usize,
    pub role: Role,
    /// For duplicates, how they were corrupted.
    pub corruptions: Vec<Corruption>,
    /// Which file it is in (0 or 1) when two files are linked.
    pub file: u8,
}

/// How many of each kind of record to make, per 100 people.
#[derive(Clone, Copy, Debug)]
pub struct Mix {
    /// People with one duplicate (a fifth of them get a second).
    pub duplicated: usize,
    pub households: usize,
    pub colleagues: usize,
    pub juniors: usize,
}

pub const MIX: Mix = Mix { duplicated: 30, households: 5, colleagues: 5, juniors: 1 };

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

/// A generated person before being written as a contact.
#[derive(Clone, Debug)]
struct Person {
    country: usize,
    female: bool,
    given: String,
    family: String,
    number: String,
    street: String,
    stype: usize,
    second: Option<String>,
    place: usize,
    postcode: String,
    birthday: NaiveDate,
    company: Option<String>,
}

struct Gen {
    rng: Rng,
    next_id: u64,
}

impl Gen {
    fn id(&mut self) -> String {
        self.next_id += 1;
        format!("00000000-0000-4000-8000-{:012x}", self.next_id)
    }

    fn person(&mut self) -> Person {
        let weights: Vec<usize> = COUNTRIES.iter().map(|c| c.weight).collect();
        let mut r = self.rng.below(weights.iter().sum());
        let country = weights.iter().position(|&w| {
            let hit = r < w;
            r = r.saturating_sub(w);
            hit
        });
        let country = country.unwrap_or(0);
        let c = &COUNTRIES[country];
        let female = self.rng.chance(50);
        let given = self.rng.zipf(if female { c.female } else { c.male }).to_string();
        // Real family names are far more varied than any list: half the
        // people get one composed from parts of their language.
        let family = match (c.code, self.rng.chance(50)) {
            ("AU" | "US" | "GB", true) => format!("{}{}", self.rng.pick(EN_PARTS.0), self.rng.pick(EN_PARTS.1)),
            ("DE" | "NL", true) => format!("{}{}", self.rng.pick(DE_PARTS.0), self.rng.pick(DE_PARTS.1)),
            ("IT" | "ES", true) => format!("{}{}", self.rng.pick(IT_PARTS.0), self.rng.pick(IT_PARTS.1)),
            ("FR", true) => format!("{}{}", self.rng.pick(FR_PARTS.0), self.rng.pick(FR_PARTS.1)),
            ("IN", true) => format!("{}{}", self.rng.pick(IN_PARTS.0), self.rng.pick(IN_PARTS.1)),
            _ => self.rng.zipf(c.family).to_string(),
        };
        let mut p = Person {
            country,
            female,
            given,
            family,
            number: String::new(),
            street: String::new(),
            stype: 0,
            second: None,
            place: 0,
            postcode: String::new(),
            birthday: NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
            company: None,
        };
        self.home(&mut p);
        let year = 1935 + self.rng.below(70) as i32;
        p.birthday = NaiveDate::from_yo_opt(year, 1 + self.rng.below(365) as u32).unwrap();
        p
    }

    /// A new address in the person's country.
    fn home(&mut self, p: &mut Person) {
        let c = &COUNTRIES[p.country];
        let most = if self.rng.chance(70) { 99 } else { 2000 };
        p.number = (1 + self.rng.below(most)).to_string();
        if self.rng.chance(8) {
            p.number.push(char::from(b'a' + self.rng.below(3) as u8));
        }
        p.street = self.rng.zipf(c.streets).to_string();
        p.stype = self.rng.below(c.types.len());
        p.second = match self.rng.below(100) {
            0..=19 => Some(format!("{} {}", self.rng.pick(c.units), 1 + self.rng.below(40))),
            20..=27 => Some(self.rng.pick(c.buildings).to_string()),
            _ => None,
        };
        p.place = self.rng.below(c.places.len());
        p.postcode = self.postcode(c, p.place);
    }

    fn postcode(&mut self, c: &Country, place: usize) -> String {
        let (_, _, prefix, digits) = c.places[place];
        let mut out = prefix.to_string();
        if c.code == "GB" {
            out.push(char::from(b'1' + self.rng.below(9) as u8));
            for _ in 0..2 {
                out.push(char::from(b'A' + self.rng.below(26) as u8));
            }
        } else {
            for _ in 0..digits {
                out.push(char::from(b'0' + self.rng.below(10) as u8));
            }
            if c.code == "NL" {
                out.push(' ');
                out.push(char::from(b'A' + self.rng.below(26) as u8));
                out.push(char::from(b'A' + self.rng.below(26) as u8));
            }
        }
        out
    }

    /// The contact a person is written as. `second_at`: 0 after a comma, 1
    /// on its own line, 2 before the street line.
    fn contact(&mut self, p: &Person, second_at: usize, short_type: bool) -> Contact {
        let c = &COUNTRIES[p.country];
        let mut contact = Contact::blank(self.id(), now());
        contact.given_name = p.given.clone();
        contact.family_name = p.family.clone();
        contact.birthday = Some(p.birthday.into());
        let street = street_line(c, p, short_type);
        let street = match (&p.second, second_at) {
            (None, _) => street,
            (Some(s), 0) => format!("{street}, {s}"),
            (Some(s), 1) => format!("{street}\n{s}"),
            (Some(s), _) => format!("{s}, {street}"),
        };
        let (city, region, _, _) = c.places[p.place];
        contact.addresses.push(Address {
            street,
            city: city.to_string(),
            region: region.to_string(),
            postal_code: p.postcode.clone(),
            country: c.code.to_string(),
            ..Default::default()
        });
        let local = format!("{}.{}", ascii_lower(&p.given), ascii_lower(&p.family)).replace([' ', '\''], "");
        let domain = match &p.company {
            Some(company) => format!("{}.example", ascii_lower(company).replace(' ', "")),
            None => {
                ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "bigpond.com"][self.rng.below(5)].to_string()
            }
        };
        let n = if p.company.is_some() { String::new() } else { self.rng.below(100).to_string() };
        contact.emails.push(Email { kind: EmailKind::Personal, address: format!("{local}{n}@{domain}") });
        let digits: String = (0..c.phone.1)
            .map(|i| char::from(b'0' + if i == 0 { 2 + self.rng.below(7) } else { self.rng.below(10) } as u8))
            .collect();
        contact.phones.push(Phone { kind: PhoneKind::Mobile, number: format!("{} {digits}", c.phone.0) });
        contact.company_id = p.company.clone();
        contact
    }
}

fn street_line(c: &Country, p: &Person, short: bool) -> String {
    let (long, abbr) = c.types[p.stype];
    let t = if short { abbr } else { long };
    match c.style {
        1 => {
            // Joined: "Hauptstraße 12"; the short form is written apart: "Haupt str. 12".
            if short {
                format!("{} {t} {}", p.street, p.number)
            } else {
                format!("{}{t} {}", p.street, p.number)
            }
        }
        2 => format!("{t} {}, {}", p.street, p.number),
        3 => format!("{} {t} {}", p.number, p.street),
        4 => format!("{t} {} {}", p.street, p.number),
        _ => format!("{} {} {t}", p.number, p.street),
    }
}

fn ascii_lower(s: &str) -> String {
    crm::core::text::fold(s)
}

/// A labelled list: records and the true duplicate pairs (indexes, smaller first).
pub struct Labelled {
    pub records: Vec<Record>,
    pub truth: Vec<(u32, u32)>,
}

impl Labelled {
    pub fn contacts(&self) -> Vec<Contact> {
        self.records.iter().map(|r| r.contact.clone()).collect()
    }
}

/// About `people` people with duplicates and look-alikes, shuffled.
/// `two_files`: every original (and look-alike) in file 0 gets exactly one
/// corrupted copy in file 1, and only pairs across the files count.
pub fn generate(seed: u64, people: usize, variant: Variant, two_files: bool, mix: Mix) -> Labelled {
    let mut g = Gen { rng: Rng::new(seed), next_id: seed << 32 };
    let mut records: Vec<Record> = Vec::new();
    let mut persons: Vec<Person> = Vec::new();
    // Companies: an office address shared by colleagues.
    let companies: Vec<(String, Person)> = (0..people / 40 + 1)
        .map(|i| {
            let mut office = g.person();
            office.second = Some(format!("Level {}", 1 + g.rng.below(30)));
            (format!("{} {}", ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell"][i % 7], i), office)
        })
        .collect();
    for _ in 0..people {
        let mut p = g.person();
        if g.rng.chance(15) {
            let (name, office) = g.rng.pick(&companies).clone();
            p.company = Some(name);
            if g.rng.chance(50) {
                copy_address(&mut p, &office);
            }
        }
        let id = persons.len();
        persons.push(p.clone());
        let second_at = g.rng.below(3);
        let short = g.rng.chance(30);
        records.push(Record {
            contact: g.contact(&p, second_at, short),
            person: id,
            role: Role::Original,
            corruptions: vec![],
            file: 0,
        });
        if g.rng.chance(mix.households) {
            let mut h = p.clone();
            let female = g.rng.chance(50);
            let c = &COUNTRIES[p.country];
            loop {
                h.given = g.rng.zipf(if female { c.female } else { c.male }).to_string();
                if h.given != p.given {
                    break;
                }
            }
            h.birthday = other_birthday(&mut g.rng, p.birthday, 2);
            h.company = None;
            let hid = persons.len();
            persons.push(h.clone());
            records.push(Record {
                contact: g.contact(&h, second_at, short),
                person: hid,
                role: Role::Household,
                corruptions: vec![],
                file: 0,
            });
        }
        if p.company.is_some() && g.rng.chance(mix.colleagues * 100 / 15) {
            let mut k = g.person();
            k.company = p.company.clone();
            copy_address(&mut k, &p);
            let kid = persons.len();
            persons.push(k.clone());
            records.push(Record {
                contact: g.contact(&k, second_at, short),
                person: kid,
                role: Role::Colleague,
                corruptions: vec![],
                file: 0,
            });
        }
        if g.rng.chance(mix.juniors) && !p.female {
            let mut j = p.clone();
            j.birthday = other_birthday(&mut g.rng, p.birthday, 25);
            j.company = None;
            let jid = persons.len();
            persons.push(j.clone());
            let mut son = g.contact(&j, second_at, short);
            let suffix = *g.rng.pick(&[" Jr.", " Jr", " II", " Junior"]);
            son.family_name.push_str(suffix);
            if g.rng.chance(30) {
                if let Some(father) = records.iter_mut().rev().find(|r| r.person == id) {
                    father.contact.family_name.push_str(" Sr.");
                }
            }
            records.push(Record { contact: son, person: jid, role: Role::Junior, corruptions: vec![], file: 0 });
        }
    }
    let originals = records.len();
    for i in 0..originals {
        let copies = if two_files {
            1
        } else if records[i].role == Role::Original && g.rng.chance(mix.duplicated) {
            if g.rng.chance(20) {
                2
            } else {
                1
            }
        } else {
            0
        };
        for _ in 0..copies {
            let p = persons[records[i].person].clone();
            let source = records[i].clone();
            let mut d = corrupt(&mut g, &p, &source.contact, variant);
            d.file = u8::from(two_files);
            d.person = source.person;
            records.push(d);
        }
    }
    for r in &mut records {
        match variant {
            Variant::Full => {}
            Variant::WithBirthdays => {
                r.contact.emails.clear();
                r.contact.phones.clear();
            }
            Variant::NamesAddress => {
                r.contact.emails.clear();
                r.contact.phones.clear();
                r.contact.birthday = None;
            }
        }
        if variant != Variant::Full {
            r.contact.company_id = None;
        }
        r.corruptions.retain(|k| relevant(*k, variant));
    }
    for i in (1..records.len()).rev() {
        let j = g.rng.below(i + 1);
        records.swap(i, j);
    }
    let truth = true_pairs(&records, two_files);
    Labelled { records, truth }
}

/// Whether a corruption touches a field the variant keeps.
fn relevant(k: Corruption, variant: Variant) -> bool {
    use Corruption::*;
    match k {
        DayMonthSwapped | BirthdayDigit | BirthdayMissing | BirthdayReplaced => variant != Variant::NamesAddress,
        // With names and address only, a copy without its address (or with
        // a new one) leaves nothing but a name, which nobody can tell from a
        // namesake's: these are measured where birthdays or emails remain.
        AddressMissing | Moved => variant != Variant::NamesAddress,
        EmailChanged | PhoneChanged => variant == Variant::Full,
        _ => true,
    }
}

fn copy_address(p: &mut Person, from: &Person) {
    p.country = from.country;
    p.number = from.number.clone();
    p.street = from.street.clone();
    p.stype = from.stype;
    p.second = from.second.clone();
    p.place = from.place;
    p.postcode = from.postcode.clone();
}

/// A birthday at least `years` away (or, for small `years`, any other).
fn other_birthday(rng: &mut Rng, birthday: NaiveDate, years: i32) -> NaiveDate {
    loop {
        let offset = years + rng.below(12) as i32;
        let year = if years >= 20 { birthday.year() + offset.min(40) } else { 1935 + rng.below(85) as i32 };
        let d = NaiveDate::from_yo_opt(year.min(2024), 1 + rng.below(365) as u32).unwrap();
        if d != birthday {
            return d;
        }
    }
}

fn true_pairs(records: &[Record], two_files: bool) -> Vec<(u32, u32)> {
    let mut by_person: HashMap<usize, Vec<u32>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        by_person.entry(r.person).or_default().push(i as u32);
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for m in by_person.values() {
        for (i, &a) in m.iter().enumerate() {
            for &b in &m[i + 1..] {
                if !two_files || records[a as usize].file != records[b as usize].file {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// A corrupted copy of `source` (the record as first written).
fn corrupt(g: &mut Gen, p: &Person, source: &Contact, variant: Variant) -> Record {
    use Corruption::*;
    let mut d = source.clone();
    d.id = g.id();
    let mut done: Vec<Corruption> = Vec::new();
    let count = match g.rng.below(100) {
        0..=34 => 1,
        35..=69 => 2,
        70..=91 => 3,
        _ => 4,
    };
    // Kinds with their weights; those on fields the variant drops are
    // redrawn, so every duplicate is corrupted where it is compared.
    #[rustfmt::skip]
    let kinds: &[(Corruption, usize)] = &[
        (TypoInsert, 5), (TypoDelete, 5), (TypoSubstitute, 6), (TypoTranspose, 5), (Ocr, 3), (Phonetic, 4),
        (Nickname, 5), (NamesSwapped, 3), (NamesInOneField, 2), (GivenMissing, 2), (FamilyMissing, 1),
        (GivenReplaced, 2), (FamilyReplaced, 2), (LetterCase, 3),
        (HouseNumberTypo, 5), (PostcodeDigit, 5), (PostcodeSwap, 3), (PostcodeMissing, 2), (StreetTypo, 4),
        (StreetWordsSplit, 3), (StreetWordsMerged, 3), (StreetTypeWritten, 3), (AddressLinesSwapped, 3),
        (SecondLineMissing, 3), (SecondLineMoved, 2), (CityTypo, 3), (CityMissing, 2), (RegionMissing, 2),
        (AddressMissing, 1), (Moved, 1),
        (DayMonthSwapped, 4), (BirthdayDigit, 5), (BirthdayMissing, 3), (BirthdayReplaced, 1),
        (EmailChanged, 3), (PhoneChanged, 2),
    ];
    let total: usize = kinds.iter().filter(|(k, _)| relevant(*k, variant)).map(|(_, w)| w).sum();
    let mut tries = 0;
    while done.len() < count && tries < 40 {
        tries += 1;
        let mut r = g.rng.below(total);
        let Some(&(kind, _)) = kinds.iter().filter(|(k, _)| relevant(*k, variant)).find(|(_, w)| {
            let hit = r < *w;
            r = r.saturating_sub(*w);
            hit
        }) else {
            continue;
        };
        if done.contains(&kind) {
            continue;
        }
        if apply(g, p, &mut d, kind) {
            done.push(kind);
        }
    }
    done.sort();
    Record { contact: d, person: 0, role: Role::Duplicate, corruptions: done, file: 0 }
}

/// Applies one corruption; false when it does not apply to this record.
fn apply(g: &mut Gen, p: &Person, d: &mut Contact, kind: Corruption) -> bool {
    use Corruption::*;
    if kind == Moved {
        let mut q = p.clone();
        g.home(&mut q);
        let moved = g.contact(&q, 0, false);
        d.addresses = moved.addresses;
        return true;
    }
    let rng = &mut g.rng;
    let c = &COUNTRIES[p.country];
    let name_field = |rng: &mut Rng| rng.chance(50);
    match kind {
        TypoInsert | TypoDelete | TypoSubstitute | TypoTranspose | Ocr | Phonetic => {
            let given = name_field(rng);
            let field = if given { &mut d.given_name } else { &mut d.family_name };
            let changed = match kind {
                TypoInsert => typo(rng, field, 0),
                TypoDelete => typo(rng, field, 1),
                TypoSubstitute => typo(rng, field, 2),
                TypoTranspose => typo(rng, field, 3),
                Ocr => ocr(rng, field),
                _ => phonetic(rng, field),
            };
            match changed {
                Some(v) => {
                    *field = v;
                    true
                }
                None => false,
            }
        }
        Nickname => {
            let Some((_, forms)) = NICKNAMES.iter().find(|(n, _)| *n == p.given) else { return false };
            d.given_name = rng.pick(forms).to_string();
            d.given_name != p.given
        }
        NamesSwapped => {
            std::mem::swap(&mut d.given_name, &mut d.family_name);
            true
        }
        NamesInOneField => {
            if rng.chance(50) {
                d.family_name = format!("{} {}", d.given_name, d.family_name);
                d.given_name.clear();
            } else {
                d.given_name = format!("{} {}", d.given_name, d.family_name);
                d.family_name.clear();
            }
            true
        }
        GivenMissing => !std::mem::take(&mut d.given_name).is_empty(),
        FamilyMissing => !std::mem::take(&mut d.family_name).is_empty(),
        GivenReplaced => {
            let list = if p.female { c.female } else { c.male };
            let other = rng.pick(list).to_string();
            let changed = other != d.given_name;
            d.given_name = other;
            changed
        }
        FamilyReplaced => {
            let other = rng.pick(c.family).to_string();
            let changed = other != d.family_name;
            d.family_name = other;
            changed
        }
        LetterCase => {
            if rng.chance(50) {
                d.given_name = d.given_name.to_uppercase();
                d.family_name = d.family_name.to_uppercase();
            } else {
                d.given_name = crm::core::text::fold(&d.given_name);
                d.family_name = crm::core::text::fold(&d.family_name);
            }
            true
        }
        HouseNumberTypo => {
            let Some(v) = number_typo(rng, &p.number) else { return false };
            edit_street(d, |s| s.replacen(&p.number, &v, 1))
        }
        PostcodeDigit | PostcodeSwap => {
            let Some(a) = d.addresses.first_mut() else { return false };
            let Some(v) = code_typo(rng, &a.postal_code, kind == PostcodeSwap) else { return false };
            a.postal_code = v;
            true
        }
        PostcodeMissing => d.addresses.first_mut().is_some_and(|a| !std::mem::take(&mut a.postal_code).is_empty()),
        StreetTypo => {
            let k = rng_kind(rng);
            let Some(v) = typo(rng, &p.street, k) else { return false };
            edit_street(d, |s| s.replacen(&p.street, &v, 1))
        }
        StreetWordsSplit => {
            let s = p.street.clone();
            let chars: Vec<char> = s.chars().collect();
            if chars.len() < 4 {
                return false;
            }
            let at = 2 + rng.below(chars.len() - 3);
            let split: String = chars[..at].iter().collect::<String>() + " " + &chars[at..].iter().collect::<String>();
            edit_street(d, |line| line.replacen(&s, &split, 1))
        }
        StreetWordsMerged => edit_street(d, |line| {
            let first = line.lines().next().unwrap_or("").to_string();
            let merged = first.replacen(&format!("{} ", p.street), &p.street, 1);
            let merged = if merged == first { first.replacen(&format!(" {}", p.street), &p.street, 1) } else { merged };
            line.replacen(&first, &merged, 1)
        }),
        StreetTypeWritten => {
            let (long, short) = c.types[p.stype];
            if long == short {
                return false;
            }
            edit_street(d, |s| if s.contains(long) { s.replacen(long, short, 1) } else { s.replacen(short, long, 1) })
        }
        AddressLinesSwapped => {
            let Some(second) = &p.second else { return false };
            let line = street_line(c, p, false);
            let line_short = street_line(c, p, true);
            edit_street(d, |s| {
                let main = if s.contains(&line) { line.clone() } else { line_short.clone() };
                if s.starts_with(second.as_str()) {
                    format!("{main}, {second}")
                } else {
                    format!("{second}\n{main}")
                }
            })
        }
        SecondLineMissing => {
            let Some(second) = &p.second else { return false };
            edit_street(d, |s| {
                s.replace(&format!(", {second}"), "")
                    .replace(&format!("\n{second}"), "")
                    .replace(&format!("{second}, "), "")
            })
        }
        SecondLineMoved => {
            let Some(second) = &p.second else { return false };
            edit_street(d, |s| {
                if s.contains('\n') {
                    s.replace('\n', ", ")
                } else {
                    s.replace(&format!(", {second}"), &format!("\n{second}"))
                }
            })
        }
        CityTypo => {
            let Some(a) = d.addresses.first_mut() else { return false };
            let k = rng_kind(rng);
            let Some(v) = typo(rng, &a.city, k) else { return false };
            a.city = v;
            true
        }
        CityMissing => d.addresses.first_mut().is_some_and(|a| !std::mem::take(&mut a.city).is_empty()),
        RegionMissing => d.addresses.first_mut().is_some_and(|a| !std::mem::take(&mut a.region).is_empty()),
        AddressMissing => !std::mem::take(&mut d.addresses).is_empty(),
        Moved => true,
        DayMonthSwapped => {
            let Some(b) = d.birthday.and_then(|b| b.date()) else { return false };
            if b.day() > 12 || b.day() == b.month() {
                return false;
            }
            d.birthday = NaiveDate::from_ymd_opt(b.year(), b.day(), b.month()).map(Into::into);
            d.birthday.is_some()
        }
        BirthdayDigit => {
            let Some(b) = d.birthday.and_then(|b| b.date()) else { return false };
            let digits = format!("{:04}{:02}{:02}", b.year(), b.month(), b.day());
            for _ in 0..20 {
                let swap = rng.chance(30);
                let Some(v) = code_typo(rng, &digits, swap) else { continue };
                let (y, m, dd) =
                    (v[..4].parse().unwrap_or(0), v[4..6].parse().unwrap_or(0), v[6..].parse().unwrap_or(0));
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, dd).filter(|x| x.year() <= 2025 && x.year() >= 1900) {
                    d.birthday = Some(date.into());
                    return true;
                }
            }
            false
        }
        BirthdayMissing => d.birthday.take().is_some(),
        BirthdayReplaced => {
            let Some(b) = d.birthday.and_then(|b| b.date()) else { return false };
            d.birthday = Some(other_birthday(rng, b, 1).into());
            true
        }
        EmailChanged => {
            if rng.chance(50) {
                d.emails.clear();
            } else {
                let local = ascii_lower(&p.given).replace(' ', "") + &rng.below(1000).to_string();
                d.emails = vec![Email { kind: EmailKind::Personal, address: format!("{local}@hotmail.com") }];
            }
            true
        }
        PhoneChanged => {
            if rng.chance(50) {
                d.phones.clear();
            } else if let Some(ph) = d.phones.first_mut() {
                ph.number = ph.number.replace(' ', "");
            }
            true
        }
    }
}

fn rng_kind(rng: &mut Rng) -> u8 {
    rng.below(4) as u8
}

/// Changes the first address's street field; false if there is none or
/// nothing changed.
fn edit_street(d: &mut Contact, f: impl FnOnce(&str) -> String) -> bool {
    let Some(a) = d.addresses.first_mut() else { return false };
    let v = f(&a.street);
    if v == a.street {
        return false;
    }
    a.street = v;
    true
}

/// Keys near each other on a QWERTY keyboard.
fn neighbour(c: char, rng: &mut Rng) -> char {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let lower = c.to_ascii_lowercase();
    for (r, row) in ROWS.iter().enumerate() {
        if let Some(i) = row.find(lower) {
            let mut options: Vec<char> = Vec::new();
            let bytes = row.as_bytes();
            if i > 0 {
                options.push(bytes[i - 1] as char);
            }
            if i + 1 < bytes.len() {
                options.push(bytes[i + 1] as char);
            }
            for other in [r.wrapping_sub(1), r + 1] {
                if let Some(o) = ROWS.get(other).and_then(|row| row.as_bytes().get(i)) {
                    options.push(*o as char);
                }
            }
            let pick = *rng.pick(&options);
            return if c.is_uppercase() { pick.to_ascii_uppercase() } else { pick };
        }
    }
    'e'
}

/// A typo: 0 insert, 1 delete, 2 substitute (a neighbouring key), 3 swap of
/// neighbours; rarely in the first letter.
fn typo(rng: &mut Rng, s: &str, kind: u8) -> Option<String> {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let i = if rng.chance(10) { 0 } else { 1 + rng.below(chars.len() - 1) };
    match kind {
        0 => {
            let c = neighbour(chars[i], rng);
            chars.insert(i, c.to_ascii_lowercase());
        }
        1 => {
            chars.remove(i);
        }
        2 => chars[i] = neighbour(chars[i], rng),
        _ => {
            let j = if i + 1 < chars.len() { i + 1 } else { i - 1 };
            if chars[i] == chars[j] {
                return None;
            }
            chars.swap(i, j);
        }
    }
    Some(chars.into_iter().collect())
}

/// An OCR error: letters that look alike.
fn ocr(rng: &mut Rng, s: &str) -> Option<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("m", "rn"),
        ("rn", "m"),
        ("d", "cl"),
        ("cl", "d"),
        ("h", "b"),
        ("e", "c"),
        ("o", "0"),
        ("l", "1"),
        ("i", "l"),
        ("u", "v"),
        ("n", "ri"),
        ("g", "q"),
        ("S", "5"),
        ("B", "8"),
    ];
    let options: Vec<&(&str, &str)> = PAIRS.iter().filter(|(from, _)| s.contains(from)).collect();
    if options.is_empty() {
        return None;
    }
    let (from, to) = **rng.pick(&options);
    Some(s.replacen(from, to, 1))
}

/// A phonetic misspelling: the name written as it sounds.
fn phonetic(rng: &mut Rng, s: &str) -> Option<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("ph", "f"),
        ("f", "ph"),
        ("ck", "k"),
        ("c", "k"),
        ("k", "c"),
        ("ie", "y"),
        ("y", "ie"),
        ("ou", "ow"),
        ("ee", "ea"),
        ("z", "s"),
        ("s", "z"),
        ("th", "t"),
        ("ll", "l"),
        ("tt", "t"),
        ("nn", "n"),
        ("ei", "ai"),
        ("ai", "ei"),
        ("v", "w"),
        ("w", "v"),
        ("ch", "sh"),
        ("sch", "sh"),
        ("gh", "g"),
        ("dt", "t"),
        ("ae", "e"),
        ("x", "ks"),
        ("qu", "kw"),
        ("j", "y"),
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
    ];
    let lower = s.to_lowercase();
    let options: Vec<&(&str, &str)> = PAIRS.iter().filter(|(from, _)| lower.contains(from)).collect();
    if options.is_empty() {
        return None;
    }
    let (from, to) = **rng.pick(&options);
    let at = lower.find(from)?;
    let mut out = String::new();
    out.push_str(&s[..at]);
    let original = &s[at..at + from.len()];
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut cs = to.chars();
        if let Some(first) = cs.next() {
            out.extend(first.to_uppercase());
            out.extend(cs);
        }
    } else {
        out.push_str(to);
    }
    out.push_str(&s[at + from.len()..]);
    (out != s).then_some(out)
}

/// A typo in a house number: a digit changed, dropped, added, or two swapped.
fn number_typo(rng: &mut Rng, n: &str) -> Option<String> {
    let digits: Vec<char> = n.chars().collect();
    for _ in 0..10 {
        let mut d = digits.clone();
        let i = rng.below(d.len());
        match rng.below(4) {
            0 if d[i].is_ascii_digit() => d[i] = char::from(b'0' + rng.below(10) as u8),
            1 if d.len() > 1 => {
                d.remove(i);
            }
            2 => d.insert(i, char::from(b'1' + rng.below(9) as u8)),
            3 if d.len() > 1 && i + 1 < d.len() => d.swap(i, i + 1),
            _ => continue,
        }
        let v: String = d.into_iter().collect();
        if v != n && !v.starts_with('0') && v.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(v);
        }
    }
    None
}

/// One digit of a code changed, or two neighbouring digits swapped.
fn code_typo(rng: &mut Rng, code: &str, swap: bool) -> Option<String> {
    let chars: Vec<char> = code.chars().collect();
    let digits: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    for _ in 0..10 {
        let mut c = chars.clone();
        let i = *rng.pick(&digits);
        if swap {
            if i + 1 >= c.len() || !c[i + 1].is_ascii_digit() || c[i] == c[i + 1] {
                continue;
            }
            c.swap(i, i + 1);
        } else {
            let v = char::from(b'0' + rng.below(10) as u8);
            if v == c[i] {
                continue;
            }
            c[i] = v;
        }
        return Some(c.into_iter().collect());
    }
    None
}

/// Pairwise accuracy against the true pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    pub missed: usize,
}

/// Compares found pairs with true pairs (order within a pair does not matter).
pub fn evaluate(found: &HashSet<(u32, u32)>, truth: &HashSet<(u32, u32)>) -> Metrics {
    let tp = found.intersection(truth).count();
    let (fp, missed) = (found.len() - tp, truth.len() - tp);
    let ratio = |x: usize, total: usize| if total == 0 { 1.0 } else { x as f64 / total as f64 };
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + missed);
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Metrics { precision, recall, f1, tp, fp, missed }
}

/// The pairs clusters claim are duplicates (smaller index first);
/// `two_files` keeps only pairs across the files.
pub fn claimed(clusters: &[crm::core::dedupe::Cluster], records: &[Record], two_files: bool) -> HashSet<(u32, u32)> {
    clusters
        .iter()
        .flat_map(|c| c.member_pairs())
        .map(|(a, b)| (a.min(b), a.max(b)))
        .filter(|&(a, b)| !two_files || records[a as usize].file != records[b as usize].file)
        .collect()
}

/// The corruptions of a true pair (those of both records).
pub fn pair_kinds(records: &[Record], (a, b): (u32, u32)) -> Vec<Corruption> {
    let mut k: Vec<Corruption> =
        records[a as usize].corruptions.iter().chain(&records[b as usize].corruptions).copied().collect();
    k.sort();
    k.dedup();
    k
}

/// The role of a false pair: the look-alike's role, else "stranger".
pub fn pair_role(records: &[Record], (a, b): (u32, u32)) -> &'static str {
    let roles = [records[a as usize].role, records[b as usize].role];
    let related = |x: &Record, y: &Record| {
        let (cx, cy) = (&x.contact, &y.contact);
        cx.addresses.first().zip(cy.addresses.first()).is_some_and(|(p, q)| p.postal_code == q.postal_code)
    };
    let near = related(&records[a as usize], &records[b as usize]);
    if near && roles.contains(&Role::Household) {
        "household"
    } else if near && roles.contains(&Role::Colleague) {
        "colleague"
    } else if near && roles.contains(&Role::Junior) {
        "father and son"
    } else {
        "other people"
    }
}

/// Look-alike pairs of a list: each household member, colleague or son with
/// the person they were made from (and that person's copies).
pub fn lookalike_pairs(records: &[Record]) -> Vec<((u32, u32), Role)> {
    // Look-alikes were made right after their person, with the next ids;
    // match them by shared postcode and family name or company instead.
    let mut out = Vec::new();
    let mut by_postcode: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(a) = r.contact.addresses.first() {
            by_postcode.entry(a.postal_code.as_str()).or_default().push(i as u32);
        }
    }
    for members in by_postcode.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (ra, rb) = (&records[a as usize], &records[b as usize]);
                if ra.person == rb.person {
                    continue;
                }
                let role = [ra.role, rb.role]
                    .into_iter()
                    .find(|r| matches!(r, Role::Household | Role::Colleague | Role::Junior));
                let street = |r: &Record| r.contact.addresses[0].street.clone();
                if let Some(role) = role {
                    if street(ra) == street(rb) {
                        out.push(((a.min(b), a.max(b)), role));
                    }
                }
            }
        }
    }
    out.sort_by_key(|&(p, _)| p);
    out
}
