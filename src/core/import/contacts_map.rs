//! Which contact field each column of an imported file goes to.
//!
//! Each column gets a [`Target`]: the contact field its cells go to.
//! [`auto_map`] guesses targets from the header row, knowing the exports of
//! Google Contacts (the classic and the current one), Outlook (in English
//! and German), HubSpot, Pipedrive and Apple, spreadsheets with separate
//! street-number, street, suburb and postcode columns, and common headers in
//! English, German, French, Spanish, Dutch, Italian and Portuguese; people
//! can then change the guesses, and the list can be saved (targets are serde
//! values). [`super::contacts_rows::map_row`] then applies the targets to
//! each row.
//!
//! Nothing is left out unless a person says so: a column no field takes
//! goes to the record's "Imported extras" ([`Target::Extra`]); only
//! [`Target::Ignore`] ("Don't import") leaves a column out, and the mapping
//! page lists the columns with data that it leaves out. The guesses choose
//! it only for photos (which the app does not keep, as vCard photos).

use serde::{Deserialize, Serialize};

use super::values::header_key;
use crate::core::display::Locale;
use crate::core::i18n;
use crate::core::records::{AddressKind, EmailKind, PhoneKind};

/// A part of a postal address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressPart {
    Street,
    /// The second street line (flat, suite, building); several are joined.
    Street2,
    /// A house number given apart, joined to the street in the order the
    /// address's country writes them ("12 High St", "Hauptstraße 12").
    StreetNumber,
    /// A suburb, locality or town: the city when the address has none,
    /// else a street line.
    Locality,
    City,
    Region,
    PostalCode,
    /// A country name or ISO code; see [`crate::core::countries`].
    Country,
    /// A post office box, kept as a street line.
    PoBox,
    /// The whole address as one block of text (Google's "Formatted"),
    /// split into parts when the address has none.
    Formatted,
}

impl AddressPart {
    pub const ALL: [AddressPart; 10] = [
        AddressPart::Street,
        AddressPart::Street2,
        AddressPart::StreetNumber,
        AddressPart::Locality,
        AddressPart::City,
        AddressPart::Region,
        AddressPart::PostalCode,
        AddressPart::Country,
        AddressPart::PoBox,
        AddressPart::Formatted,
    ];

    fn label(self) -> &'static str {
        match self {
            AddressPart::Street => "street",
            AddressPart::Street2 => "street line 2",
            AddressPart::StreetNumber => "street number",
            AddressPart::Locality => "suburb or locality",
            AddressPart::City => "city",
            AddressPart::Region => "region",
            AddressPart::PostalCode => "postal code",
            AddressPart::Country => "country",
            AddressPart::PoBox => "PO box",
            AddressPart::Formatted => "whole address",
        }
    }

    /// A stable name: the catalogue's `import.address_part.<key>`.
    fn key(self) -> &'static str {
        match self {
            AddressPart::Street => "street",
            AddressPart::Street2 => "street2",
            AddressPart::StreetNumber => "street_number",
            AddressPart::Locality => "locality",
            AddressPart::City => "city",
            AddressPart::Region => "region",
            AddressPart::PostalCode => "postal_code",
            AddressPart::Country => "country",
            AddressPart::PoBox => "po_box",
            AddressPart::Formatted => "formatted",
        }
    }
}

/// Where the cells of one column go.
///
/// Emails, phones, addresses and dates have a `slot`: columns with the same
/// slot belong together, so that a `PhoneType { slot: 2 }` column ("Phone 2 -
/// Type") sets the kind of the `Phone { slot: 2, .. }` value, and the parts of
/// address 1 form one address. A `kind` fixed by the header ("Mobile Phone")
/// wins over a type column. Emails and phones are kept in column order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum Target {
    /// "Don't import": the column is left out, by the person's choice.
    Ignore,
    /// Kept in the "Imported extras" section of the contact's notes, under
    /// the column's header.
    Extra,
    GivenName,
    /// Added to the given name after a space.
    MiddleName,
    FamilyName,
    /// Split into given and family name by [`split_full_name`], used only
    /// when the row has no given or family name.
    ///
    /// [`split_full_name`]: super::values::split_full_name
    FullName,
    NamePrefix,
    NameSuffix,
    Nickname,
    /// One or more addresses (Google separates several with " ::: ").
    Email {
        slot: u8,
        kind: Option<EmailKind>,
    },
    /// The kind of the emails in `slot`: "Work", "Home", "* Other"...
    EmailType {
        slot: u8,
    },
    /// Outlook's display name of the email in `slot` ("Jane Roe
    /// (jane@example.com)"): not kept when it only repeats the name and
    /// address, else kept in the extras.
    EmailDisplayName {
        slot: u8,
    },
    Phone {
        slot: u8,
        kind: Option<PhoneKind>,
    },
    PhoneType {
        slot: u8,
    },
    Address {
        slot: u8,
        part: AddressPart,
        kind: Option<AddressKind>,
    },
    AddressType {
        slot: u8,
    },
    /// The company's name; the import finds or creates the company.
    Company,
    JobTitle,
    Department,
    /// A web address: contacts have no field for one, so it is kept in the
    /// extras under the column's header.
    Website,
    Birthday,
    /// An important date labelled "Anniversary".
    Anniversary,
    /// An important date; its label comes from the `EventType` column of the
    /// same slot ("Anniversary", "Other"), else "Important date".
    Event {
        slot: u8,
    },
    EventType {
        slot: u8,
    },
    /// Tags separated by `;`, `,` or Google's " ::: ".
    Tags,
    /// Several notes columns are joined with a blank line.
    Notes,
    Source,
    LifecycleStage,
}

impl Target {
    /// The name shown in the mapping screen.
    pub fn label(self) -> String {
        let kind = |k: Option<&'static str>| k.map(|k| format!(" ({k})")).unwrap_or_default();
        match self {
            Target::Ignore => "Don't import".into(),
            Target::Extra => "Keep in imported extras".into(),
            Target::GivenName => "First name".into(),
            Target::MiddleName => "Middle name".into(),
            Target::FamilyName => "Last name".into(),
            Target::FullName => "Full name".into(),
            Target::NamePrefix => "Name prefix".into(),
            Target::NameSuffix => "Name suffix".into(),
            Target::Nickname => "Nickname".into(),
            Target::Email { slot, kind: k } => format!("Email {slot}{}", kind(k.map(EmailKind::label))),
            Target::EmailType { slot } => format!("Email {slot} type"),
            Target::EmailDisplayName { slot } => format!("Email {slot} display name"),
            Target::Phone { slot, kind: k } => format!("Phone {slot}{}", kind(k.map(PhoneKind::label))),
            Target::PhoneType { slot } => format!("Phone {slot} type"),
            Target::Address { slot, part, kind: k } => {
                format!("Address {slot} {}{}", part.label(), kind(k.map(AddressKind::label)))
            }
            Target::AddressType { slot } => format!("Address {slot} type"),
            Target::Company => "Company".into(),
            Target::JobTitle => "Job title".into(),
            Target::Department => "Department".into(),
            Target::Website => "Website (kept in imported extras)".into(),
            Target::Birthday => "Birthday".into(),
            Target::Anniversary => "Anniversary".into(),
            Target::Event { slot } => format!("Important date {slot}"),
            Target::EventType { slot } => format!("Important date {slot} label"),
            Target::Tags => "Tags".into(),
            Target::Notes => "Notes".into(),
            Target::Source => "Source".into(),
            Target::LifecycleStage => "Lifecycle stage".into(),
        }
    }

    /// [`Target::label`] in `locale`, from the catalogue's `import.target.*`
    /// entries (the kinds from `label.<kind>.*`).
    pub fn name(self, locale: Locale) -> String {
        let key = |k: &str| format!("import.target.{k}");
        let text = |k: &str| i18n::text(locale, &key(k)).to_string();
        let slotted = |k: &str, slot: u8| i18n::fill(locale, &key(k), &[("slot", &slot.to_string())]);
        let kinded = |field: String, kind: Option<(&str, &str)>| match kind {
            Some((group, k)) => {
                let kind = i18n::label(locale, group, k);
                i18n::fill(locale, "import.target.with_kind", &[("field", &field), ("kind", &kind)])
            }
            None => field,
        };
        match self {
            Target::Ignore => text("ignore"),
            Target::Extra => text("extra"),
            Target::GivenName => text("given_name"),
            Target::MiddleName => text("middle_name"),
            Target::FamilyName => text("family_name"),
            Target::FullName => text("full_name"),
            Target::NamePrefix => text("name_prefix"),
            Target::NameSuffix => text("name_suffix"),
            Target::Nickname => text("nickname"),
            Target::Email { slot, kind } => kinded(slotted("email", slot), kind.map(|k| ("email_kind", k.key()))),
            Target::EmailType { slot } => slotted("email_type", slot),
            Target::EmailDisplayName { slot } => slotted("email_display_name", slot),
            Target::Phone { slot, kind } => kinded(slotted("phone", slot), kind.map(|k| ("phone_kind", k.key()))),
            Target::PhoneType { slot } => slotted("phone_type", slot),
            Target::Address { slot, part, kind } => {
                let part = i18n::lookup(locale, &format!("import.address_part.{}", part.key())).unwrap_or(part.label());
                let field = i18n::fill(locale, &key("address"), &[("slot", &slot.to_string()), ("part", part)]);
                kinded(field, kind.map(|k| ("address_kind", k.key())))
            }
            Target::AddressType { slot } => slotted("address_type", slot),
            Target::Company => text("company"),
            Target::JobTitle => text("job_title"),
            Target::Department => text("department"),
            Target::Website => text("website"),
            Target::Birthday => text("birthday"),
            Target::Anniversary => text("anniversary"),
            Target::Event { slot } => slotted("event", slot),
            Target::EventType { slot } => slotted("event_type", slot),
            Target::Tags => text("tags"),
            Target::Notes => text("notes"),
            Target::Source => text("source"),
            Target::LifecycleStage => text("lifecycle_stage"),
        }
    }

    /// [`Target::expects`] in `locale`: the catalogue's `import.expects.*`.
    pub fn expects_in(self, locale: Locale) -> &'static str {
        let key = match self {
            Target::Email { .. } => "email",
            Target::Phone { .. } => "phone",
            Target::Birthday | Target::Anniversary | Target::Event { .. } => "date",
            Target::Address { part: AddressPart::Country, .. } => "country",
            Target::EmailType { .. } | Target::PhoneType { .. } | Target::AddressType { .. } => "type",
            Target::LifecycleStage => "stage",
            Target::Tags => "tags",
            Target::GivenName | Target::FamilyName | Target::FullName => "name",
            _ => "value",
        };
        i18n::lookup(locale, &format!("import.expects.{key}")).unwrap_or(self.expects())
    }

    /// What a cell of this column should hold, with an example: the hint
    /// beside the box that fixes a cell in the preview.
    pub fn expects(self) -> &'static str {
        match self {
            Target::Email { .. } => "an email address, like jane.roe@example.com",
            Target::Phone { .. } => "a phone number, like +44 20 7946 0958",
            Target::Birthday | Target::Anniversary | Target::Event { .. } => {
                "a date like 1984-03-07 or 07.03.1984, or --03-07 without a year"
            }
            Target::Address { part: AddressPart::Country, .. } => "a country name or code, like Iceland or IS",
            Target::EmailType { .. } | Target::PhoneType { .. } | Target::AddressType { .. } => {
                "a type: Work, Home, Mobile or Other"
            }
            Target::LifecycleStage => "a lifecycle stage, like Lead, Customer or Evangelist",
            Target::Tags => "tags of up to 50 characters, separated by commas, like VIP, Newsletter",
            Target::GivenName | Target::FamilyName | Target::FullName => "a name, like Jane Roe",
            _ => "the value to import",
        }
    }
}

/// Replaces the first run of digits with `#` and returns it as the slot:
/// "email2address" gives ("email#address", 2); no digits gives slot 1.
fn take_slot(key: &str) -> (String, u8) {
    let Some(start) = key.find(|c: char| c.is_ascii_digit()) else { return (key.to_string(), 1) };
    let len = key[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(key.len() - start);
    let slot = key[start..start + len].parse::<u8>().unwrap_or(u8::MAX);
    (format!("{}#{}", &key[..start], &key[start + len..]), slot)
}

/// Recognises one reduced header, with `slot` taken from its number.
fn recognise(key: &str, slot: u8) -> Option<Target> {
    use AddressPart::*;
    let email = |kind| Some(Target::Email { slot, kind });
    let phone = |kind| Some(Target::Phone { slot, kind });
    let address = |part, kind| Some(Target::Address { slot, part, kind });
    // "Address 1", "Address line 2", "street_2": lines of the first address.
    let line = || Some(Target::Address { slot: 1, part: if slot <= 1 { Street } else { Street2 }, kind: None });
    match key {
        "givenname" | "firstname" | "first" | "forename" | "vorname" | "prenom" | "nombre" | "voornaam" | "nome"
        | "primeironome" => Some(Target::GivenName),
        "middlename" | "additionalname" | "secondname" | "tussenvoegsel" | "weiterevornamen" | "secondnome" => {
            Some(Target::MiddleName)
        }
        "familyname" | "lastname" | "last" | "surname" | "nachname" | "familienname" | "nom" | "nomdefamille"
        | "apellidos" | "apellido" | "achternaam" | "cognome" | "sobrenome" | "ultimonome" => Some(Target::FamilyName),
        "name" | "fullname" | "displayname" | "contactname" | "contact" | "naam" | "nomcomplet" | "nombrecompleto"
        | "vollstandigername" | "volledigenaam" | "nomecompleto" => Some(Target::FullName),
        "nameprefix" | "prefix" | "salutation" | "anrede" | "titel" | "civilite" | "tratamiento" | "aanhef"
        | "titolo" | "tratamento" => Some(Target::NamePrefix),
        "namesuffix" | "suffix" | "namenszusatz" | "suffixe" | "sufijo" | "achtervoegsel" | "suffisso" | "sufixo" => {
            Some(Target::NameSuffix)
        }
        "nickname" | "nick" | "spitzname" | "surnom" | "apodo" | "bijnaam" | "soprannome" | "apelido" => {
            Some(Target::Nickname)
        }
        "email" | "email#" | "emailaddress" | "email#address" | "email#value" | "mail" | "emailadresse"
        | "email#adresse" | "adresseemail" | "courriel" | "correo" | "correoelectronico" | "emailadres"
        | "indirizzoemail" | "enderecodeemail" => email(None),
        "workemail" | "businessemail" | "emailwork" => email(Some(EmailKind::Work)),
        "personalemail" | "homeemail" | "privateemail" | "emailhome" | "emailpersonal" => {
            email(Some(EmailKind::Personal))
        }
        "otheremail" | "emailother" => email(Some(EmailKind::Other)),
        "email#type" | "email#label" | "emailtype" | "emailtyp" | "email#typ" => Some(Target::EmailType { slot }),
        "emaildisplayname" | "email#displayname" | "emailangezeigtername" | "email#angezeigtername" => {
            Some(Target::EmailDisplayName { slot })
        }
        "phone" | "phone#" | "phonenumber" | "phone#value" | "telephone" | "telephonenumber" | "tel" | "telefon"
        | "telefonnummer" | "telefono" | "telefoon" | "telefoonnummer" | "numerodetelephone" | "numerodetelefone" => {
            phone(None)
        }
        "mobile" | "mobilephone" | "mobilephone#" | "mobilephonenumber" | "mobilenumber" | "cell" | "cellphone"
        | "phonemobile" | "handy" | "mobil" | "mobiel" | "portable" | "movil" | "mobiltelefon" | "mobiltelefon#"
        | "cellulare" | "celular" | "telemovel" => phone(Some(PhoneKind::Mobile)),
        "businessphone"
        | "businessphone#"
        | "workphone"
        | "officephone"
        | "phonework"
        | "companymainphone"
        | "telefongeschaftlich"
        | "telefongeschaftlich#"
        | "telefonfirma" => phone(Some(PhoneKind::Work)),
        "homephone" | "homephone#" | "phonehome" | "privatephone" | "telefonprivat" | "telefonprivat#" => {
            phone(Some(PhoneKind::Home))
        }
        "otherphone" | "phoneother" | "primaryphone" | "weiterestelefon" | "haupttelefon" => {
            phone(Some(PhoneKind::Other))
        }
        "phone#type" | "phone#label" => Some(Target::PhoneType { slot }),
        "addressline#" | "address#" | "street#" | "streetaddress#" | "adresse#" | "adres#" | "direccion#"
        | "addressline" => line(),
        "address#street" | "street" | "streetaddress" | "address" | "strasse" | "adresse" | "rue" | "direccion"
        | "calle" | "adres" | "straat" | "straatnaam" | "streetname" | "via" | "indirizzo" | "rua" | "endereco"
        | "morada" | "logradouro" => address(Street, None),
        "address#extendedaddress"
        | "extendedaddress"
        | "unit"
        | "apartment"
        | "apt"
        | "suite"
        | "flat"
        | "building"
        | "careof"
        | "adresszusatz"
        | "complementdadresse"
        | "complemento" => address(Street2, None),
        "streetnumber" | "housenumber" | "houseno" | "streetno" | "hausnummer" | "hausnr" | "huisnummer"
        | "numerocivico" | "numerodecasa" | "numerodarua" | "numerodelacalle" => address(StreetNumber, None),
        "address#neighborhood"
        | "address#neighbourhood"
        | "suburb"
        | "locality"
        | "town"
        | "neighborhood"
        | "neighbourhood"
        | "ortsteil"
        | "quartier"
        | "barrio"
        | "colonia"
        | "wijk"
        | "quartiere"
        | "frazione"
        | "bairro"
        | "localidade" => address(Locality, None),
        "address#city" | "city" | "ort" | "stadt" | "ville" | "ciudad" | "plaats" | "woonplaats" | "citta"
        | "cidade" | "localidad" | "localite" => address(City, None),
        "address#region" | "region" | "state" | "stateregion" | "province" | "stateprovince" | "county"
        | "bundesland" | "provincia" | "provincie" | "estado" | "regione" => address(Region, None),
        "address#postalcode" | "postalcode" | "postcode" | "zip" | "zipcode" | "plz" | "postleitzahl"
        | "codepostal" | "codigopostal" | "zippostalcode" | "postalzipcode" | "cap" | "cep" => {
            address(PostalCode, None)
        }
        "address#country" | "country" | "countryregion" | "land" | "pays" | "pais" | "paese" | "nazione" => {
            address(Country, None)
        }
        "address#pobox" | "pobox" | "postfach" | "boitepostale" | "apartado" | "postbus" | "casellapostale"
        | "caixapostal" => address(PoBox, None),
        "address#formatted" | "formattedaddress" | "fulladdress" | "mailingaddress" => address(Formatted, None),
        "address#type" | "address#label" => Some(Target::AddressType { slot }),
        "company" | "companyname" | "organization" | "organisation" | "organization#name" | "organizationname"
        | "account" | "accountname" | "employer" | "firma" | "unternehmen" | "societe" | "entreprise" | "empresa"
        | "bedrijf" | "bedrijfsnaam" | "azienda" | "societa" => Some(Target::Company),
        "jobtitle" | "title" | "position" | "role" | "organization#title" | "organizationtitle" | "funktion"
        | "berufsbezeichnung" | "poste" | "fonction" | "cargo" | "puesto" | "functie" | "ruolo" | "mansione" => {
            Some(Target::JobTitle)
        }
        "department"
        | "dept"
        | "organization#department"
        | "organizationdepartment"
        | "abteilung"
        | "departamento"
        | "afdeling"
        | "reparto"
        | "dipartimento" => Some(Target::Department),
        "website" | "websiteurl" | "website#value" | "web" | "url" | "homepage" | "webpage" | "domain"
        | "companydomainname" | "webseite" | "siteweb" | "sitioweb" | "paginaweb" | "sitoweb" => Some(Target::Website),
        "birthday" | "birthdate" | "dateofbirth" | "dob" | "geburtstag" | "geburtsdatum" | "anniversaire"
        | "datedenaissance" | "cumpleanos" | "fechadenacimiento" | "verjaardag" | "geboortedatum" | "compleanno"
        | "datadinascita" | "datadenascimento" => Some(Target::Birthday),
        "anniversary" | "weddinganniversary" | "jahrestag" | "hochzeitstag" | "aniversario" | "trouwdag"
        | "anniversario" => Some(Target::Anniversary),
        "event#" | "event#value" | "event#date" => Some(Target::Event { slot }),
        "event#type" | "event#label" => Some(Target::EventType { slot }),
        "tags" | "tag" | "labels" | "groupmembership" | "categories" | "category" | "groups" | "kategorien"
        | "schlagworte" | "etiquettes" | "etiquetas" | "categorieen" | "etichette" | "categorie" => Some(Target::Tags),
        "notes" | "note" | "comments" | "comment" | "description" | "notizen" | "notiz" | "bemerkungen"
        | "remarques" | "notas" | "notities" | "opmerkingen" | "note#" | "annotazioni" | "observacoes" => {
            Some(Target::Notes)
        }
        "source" | "leadsource" | "originalsource" | "quelle" | "origine" | "fuente" | "bron" | "fonte" => {
            Some(Target::Source)
        }
        "lifecyclestage" | "lifecycle" | "stage" => Some(Target::LifecycleStage),
        "photo" | "picture" | "image" | "avatar" | "foto" => Some(Target::Ignore),
        _ => outlook_parts(key, slot).map(|(kind, part)| Target::Address {
            slot: kind_slot(kind),
            part,
            kind: Some(kind),
        }),
    }
}

/// The slot auto-mapping gives Outlook's address of each kind.
fn kind_slot(kind: AddressKind) -> u8 {
    match kind {
        AddressKind::Work => 1,
        AddressKind::Home => 2,
        AddressKind::Other => 3,
    }
}

/// Outlook's "Business Street", "Home City", "Other Country/Region",
/// "Business Street 2" and "Business Address PO Box", and its German
/// "Straße geschäftlich", "Ort privat", "Weitere Postleitzahl"...
fn outlook_parts(key: &str, slot: u8) -> Option<(AddressKind, AddressPart)> {
    use AddressPart::*;
    // "Business Street 2" reduces to "businessstreet#".
    let (base, numbered) = key.strip_suffix('#').map_or((key, false), |b| (b, true));
    let part = |rest: &str| {
        Some(match rest {
            "street" | "address" | "strasse" if numbered && slot > 1 => Street2,
            "street" | "address" | "strasse" => Street,
            "city" | "ort" if !numbered => City,
            "state" | "region" | "bundeslandkanton" | "bundesland" if !numbered => Region,
            "postalcode" | "zip" | "postleitzahl" if !numbered => PostalCode,
            "countryregion" | "country" | "landregion" | "land" if !numbered => Country,
            "addresspobox" | "pobox" | "postfach" if !numbered => PoBox,
            _ => return None,
        })
    };
    let english = [("business", AddressKind::Work), ("home", AddressKind::Home), ("other", AddressKind::Other)]
        .into_iter()
        .find_map(|(prefix, kind)| base.strip_prefix(prefix).and_then(part).map(|p| (kind, p)));
    let german = || {
        [("geschaftlich", AddressKind::Work), ("privat", AddressKind::Home)]
            .into_iter()
            .find_map(|(suffix, kind)| base.strip_suffix(suffix).and_then(part).map(|p| (kind, p)))
            .or_else(|| {
                ["weiteresr", "weiterese", "weiteres", "weiterer", "weitere"]
                    .into_iter()
                    .find_map(|prefix| base.strip_prefix(prefix).and_then(part).map(|p| (AddressKind::Other, p)))
            })
    };
    english.or_else(german)
}

/// Headers that only probably mean their target: "Title" may be "Mr." and
/// "Name" may be a company's. They give way to a column that surely does.
const WEAK_KEYS: &[&str] = &["title", "role", "position", "name", "contact", "web", "url", "stage", "account"];

/// The target a header names, and whether that is only a weak guess.
fn guess(header: &str) -> (Option<Target>, bool) {
    let (key, slot) = take_slot(&header_key(header));
    // Pipedrive's "Person - Email" and headers like "Contact Phone" name the person's field.
    let key = match recognise(&key, slot) {
        None => key.strip_prefix("person").or_else(|| key.strip_prefix("contact")).unwrap_or(&key),
        Some(_) => &key,
    };
    (recognise(key, slot), WEAK_KEYS.contains(&key))
}

/// Guesses the target of each column from its header.
///
/// Matching ignores case, accents, spaces and punctuation. A header that is
/// not recognised gives [`Target::Extra`], so its data is kept. When several
/// columns name the same field (two "Company" columns), the first is used
/// and the others keep their data in the extras, except that a weak guess
/// ("Title") gives way to a sure one ("Job Title") wherever it is; a "Title"
/// beside a "Job Title" is the name prefix ("Mr.", as Outlook writes it).
/// Emails, phones, street lines, tags and notes may repeat. In a file whose
/// addresses are kinded (Outlook's "Business City"), a bare "City" or "Ort"
/// column is not an address part ("Ort" is Outlook's location): it goes to
/// the extras.
pub fn auto_map(headers: &[String]) -> Vec<Target> {
    let guesses: Vec<(Option<Target>, bool)> = headers.iter().map(|h| guess(h)).collect();
    let repeatable = |t: Target| {
        matches!(
            t,
            Target::Ignore
                | Target::Extra
                | Target::Email { .. }
                | Target::Phone { .. }
                | Target::Address { part: AddressPart::Street | AddressPart::Street2 | AddressPart::PoBox, .. }
                | Target::Tags
                | Target::Notes
                | Target::Website
        )
    };
    let kinded_addresses = guesses.iter().any(|(t, _)| matches!(t, Some(Target::Address { kind: Some(_), .. })));
    guesses
        .iter()
        .enumerate()
        .map(|(i, &(target, weak))| {
            let Some(target) = target else { return Target::Extra };
            let beaten = guesses.iter().enumerate().any(|(j, &(other, other_weak))| {
                j != i && other == Some(target) && ((weak && !other_weak) || (weak == other_weak && j < i))
            });
            match target {
                Target::JobTitle if beaten && header_key(&headers[i]) == "title" => Target::NamePrefix,
                Target::Address { kind: None, .. } if kinded_addresses => Target::Extra,
                t if beaten && !repeatable(t) => Target::Extra,
                t => t,
            }
        })
        .collect()
}

/// Values that carry no information in a column that no field takes, by the
/// column's reduced header: Outlook writes "Normal", "False" and
/// "Unspecified" in every row whatever the contact. They are not kept.
const QUIET_VALUES: &[(&str, &[&str])] = &[
    ("priority", &["normal"]),
    ("sensitivity", &["normal"]),
    ("private", &["false"]),
    ("gender", &["unspecified"]),
    ("prioritat", &["normal"]),
    ("vertraulichkeit", &["normal"]),
    ("privat", &["aus", "false"]),
    ("geschlecht", &["nichtangegeben", "unbestimmt"]),
];

/// A file's columns and where each goes, prepared once for all its rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    pub headers: Vec<String>,
    pub targets: Vec<Target>,
    /// Per column: the reduced values that say nothing in it.
    quiet: Vec<&'static [&'static str]>,
    /// Per column: whether it holds initials (Outlook's "Initials"), which
    /// only repeat the names when they match them.
    initials: Vec<bool>,
}

impl Mapping {
    pub fn new(headers: Vec<String>, targets: Vec<Target>) -> Mapping {
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        let quiet =
            keys.iter().map(|k| QUIET_VALUES.iter().find(|(h, _)| h == k).map_or(&[][..], |(_, v)| *v)).collect();
        let initials = keys.iter().map(|k| matches!(k.as_str(), "initials" | "initialen" | "initiales")).collect();
        Mapping { headers, targets, quiet, initials }
    }

    /// Whether `value` of column `i` says nothing (see [`QUIET_VALUES`]).
    pub fn is_quiet(&self, i: usize, value: &str) -> bool {
        self.quiet.get(i).is_some_and(|q| !q.is_empty() && q.contains(&header_key(value).as_str()))
    }

    /// Whether column `i` holds initials.
    pub fn is_initials(&self, i: usize) -> bool {
        self.initials.get(i).copied().unwrap_or(false)
    }

    /// The columns holding data in some row that this mapping does not
    /// import ("Don't import"), given which columns hold data.
    pub fn unimported(&self, has_data: &[bool]) -> Vec<usize> {
        (0..self.headers.len())
            .filter(|&i| self.targets.get(i) == Some(&Target::Ignore) && has_data.get(i).copied().unwrap_or(false))
            .collect()
    }
}

/// Short names for targets, for the tests of mapping headers and rows.
#[cfg(test)]
pub(crate) mod targets {
    use super::{AddressPart, Target};
    use crate::core::records::{AddressKind, EmailKind, PhoneKind};

    pub fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    pub fn email(slot: u8, kind: Option<EmailKind>) -> Target {
        Target::Email { slot, kind }
    }

    pub fn phone(slot: u8, kind: Option<PhoneKind>) -> Target {
        Target::Phone { slot, kind }
    }

    pub fn addr(slot: u8, part: AddressPart, kind: Option<AddressKind>) -> Target {
        Target::Address { slot, part, kind }
    }
}

#[cfg(test)]
mod tests {
    use super::targets::{addr, email, headers, phone};
    use super::*;
    use crate::core::import::real_exports::{
        self, GOOGLE_CLASSIC, GOOGLE_CURRENT, OUTLOOK, OUTLOOK_GERMAN, SEPARATE_ADDRESS,
    };
    use AddressPart::*;

    #[test]
    fn every_target_has_a_name_and_a_hint_in_every_language() {
        let mut all = vec![
            Target::Ignore,
            Target::Extra,
            Target::GivenName,
            Target::MiddleName,
            Target::FamilyName,
            Target::FullName,
            Target::NamePrefix,
            Target::NameSuffix,
            Target::Nickname,
            Target::Email { slot: 1, kind: Some(EmailKind::Work) },
            Target::Email { slot: 2, kind: None },
            Target::EmailType { slot: 1 },
            Target::EmailDisplayName { slot: 1 },
            Target::PhoneType { slot: 1 },
            Target::AddressType { slot: 1 },
            Target::Company,
            Target::JobTitle,
            Target::Department,
            Target::Website,
            Target::Birthday,
            Target::Anniversary,
            Target::Event { slot: 1 },
            Target::EventType { slot: 1 },
            Target::Tags,
            Target::Notes,
            Target::Source,
            Target::LifecycleStage,
        ];
        all.extend(PhoneKind::ALL.iter().map(|&k| Target::Phone { slot: 2, kind: Some(k) }));
        all.extend(AddressPart::ALL.map(|part| Target::Address { slot: 1, part, kind: Some(AddressKind::Home) }));
        all.extend(AddressPart::ALL.map(|part| Target::Address { slot: 1, part, kind: None }));
        for t in &all {
            assert_eq!(t.name(Locale::En), t.label(), "{t:?}");
            assert_eq!(t.expects_in(Locale::En), t.expects(), "{t:?}");
        }
        for l in Locale::ALL {
            for t in &all {
                let name = t.name(l);
                assert!(!name.contains("import.") && !name.contains('{'), "{t:?} in {}: {name}", l.tag());
            }
        }
    }

    /// The targets of the named columns, by header.
    fn mapped<'a>(h: &'a [String], t: &[Target], names: &[&str]) -> Vec<(&'a str, Target)> {
        names
            .iter()
            .map(|n| {
                let i = h.iter().position(|x| x == n).unwrap_or_else(|| panic!("no column {n}"));
                (h[i].as_str(), t[i])
            })
            .collect()
    }

    #[test]
    fn maps_the_classic_google_export() {
        let h = real_exports::headers(GOOGLE_CLASSIC);
        let t = auto_map(&h);
        use Target::*;
        let home = None;
        assert_eq!(
            t,
            [
                FullName,
                GivenName,
                MiddleName,
                FamilyName,
                Extra,
                Extra,
                Extra,
                Extra,
                NamePrefix,
                NameSuffix,
                Extra,
                Nickname,
                Extra,
                Extra,
                Birthday,
                Extra,
                Extra,
                Extra,
                Extra,
                Extra,
                Extra,
                Extra,
                Extra,
                Extra,
                Extra,
                Notes,
                Extra,
                Ignore,
                Tags,
                EmailType { slot: 1 },
                email(1, None),
                EmailType { slot: 2 },
                email(2, None),
                PhoneType { slot: 1 },
                phone(1, None),
                PhoneType { slot: 2 },
                phone(2, None),
                AddressType { slot: 1 },
                addr(1, Formatted, home),
                addr(1, Street, home),
                addr(1, City, home),
                addr(1, PoBox, home),
                addr(1, Region, home),
                addr(1, PostalCode, home),
                addr(1, Country, home),
                addr(1, Street2, home),
                Extra,
                Company,
                Extra,
                JobTitle,
                Department,
                Extra,
                Extra,
                Extra,
                Extra,
                Website,
            ]
        );
    }

    #[test]
    fn maps_the_current_google_export() {
        let h = real_exports::headers(GOOGLE_CURRENT);
        let t = auto_map(&h);
        use Target::*;
        assert_eq!(
            mapped(
                &h,
                &t,
                &[
                    "First Name",
                    "Middle Name",
                    "Last Name",
                    "Phonetic First Name",
                    "Name Prefix",
                    "Name Suffix",
                    "Nickname",
                    "File As",
                    "Organization Name",
                    "Organization Title",
                    "Organization Department",
                    "Photo",
                    "Labels",
                    "E-mail 2 - Label",
                    "E-mail 2 - Value",
                    "Address 1 - Extended Address",
                    "Relation 1 - Value",
                    "Website 1 - Label",
                    "Event 1 - Label",
                    "Event 1 - Value",
                    "Custom Field 1 - Value",
                ]
            ),
            [
                ("First Name", GivenName),
                ("Middle Name", MiddleName),
                ("Last Name", FamilyName),
                ("Phonetic First Name", Extra),
                ("Name Prefix", NamePrefix),
                ("Name Suffix", NameSuffix),
                ("Nickname", Nickname),
                ("File As", Extra),
                ("Organization Name", Company),
                ("Organization Title", JobTitle),
                ("Organization Department", Department),
                ("Photo", Ignore),
                ("Labels", Tags),
                ("E-mail 2 - Label", EmailType { slot: 2 }),
                ("E-mail 2 - Value", email(2, None)),
                ("Address 1 - Extended Address", addr(1, Street2, None)),
                ("Relation 1 - Value", Extra),
                ("Website 1 - Label", Extra),
                ("Event 1 - Label", EventType { slot: 1 }),
                ("Event 1 - Value", Event { slot: 1 }),
                ("Custom Field 1 - Value", Extra),
            ]
        );
    }

    #[test]
    fn maps_the_outlook_export_in_english_and_german() {
        use Target::*;
        let (work, home, other) = (Some(AddressKind::Work), Some(AddressKind::Home), Some(AddressKind::Other));
        for (line, names) in [
            (
                OUTLOOK,
                [
                    "Title",
                    "Middle Name",
                    "Suffix",
                    "Department",
                    "Business Street",
                    "Business Street 2",
                    "Business Street 3",
                    "Business City",
                    "Business Country/Region",
                    "Home State",
                    "Other Postal Code",
                    "Business Address PO Box",
                    "Business Phone 2",
                    "Home Phone 2",
                    "Business Fax",
                    "Account",
                    "Anniversary",
                    "E-mail Type",
                    "E-mail 2 Display Name",
                    "Location",
                    "Web Page",
                ],
            ),
            (
                OUTLOOK_GERMAN,
                [
                    "Anrede",
                    "Weitere Vornamen",
                    "Suffix",
                    "Abteilung",
                    "Straße geschäftlich",
                    "Straße geschäftlich 2",
                    "Straße geschäftlich 3",
                    "Ort geschäftlich",
                    "Land/Region geschäftlich",
                    "Bundesland/Kanton privat",
                    "Weitere Postleitzahl",
                    "Postfach geschäftlich",
                    "Telefon geschäftlich 2",
                    "Telefon privat 2",
                    "Fax geschäftlich",
                    "Konto",
                    "Jahrestag",
                    "E-Mail-Typ",
                    "E-Mail 2: Angezeigter Name",
                    "Ort",
                    "Webseite",
                ],
            ),
        ] {
            let h = real_exports::headers(line);
            let t = auto_map(&h);
            let got: Vec<Target> = mapped(&h, &t, &names).into_iter().map(|(_, t)| t).collect();
            assert_eq!(
                got,
                [
                    NamePrefix,
                    MiddleName,
                    NameSuffix,
                    Department,
                    Address { slot: 1, part: Street, kind: work },
                    Address { slot: 1, part: Street2, kind: work },
                    Address { slot: 1, part: Street2, kind: work },
                    Address { slot: 1, part: City, kind: work },
                    Address { slot: 1, part: Country, kind: work },
                    Address { slot: 2, part: Region, kind: home },
                    Address { slot: 3, part: PostalCode, kind: other },
                    Address { slot: 1, part: PoBox, kind: work },
                    phone(2, Some(PhoneKind::Work)),
                    phone(2, Some(PhoneKind::Home)),
                    Extra,
                    Extra,
                    Anniversary,
                    EmailType { slot: 1 },
                    EmailDisplayName { slot: 2 },
                    Extra,
                    Website,
                ],
                "{line}"
            );
            // Nothing is left out by default.
            assert!(t.iter().all(|t| *t != Ignore), "{line}");
        }
    }

    #[test]
    fn maps_separate_address_columns_to_one_address() {
        let h = real_exports::headers(SEPARATE_ADDRESS);
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                GivenName,
                FamilyName,
                email(1, None),
                phone(1, None),
                Company,
                addr(1, StreetNumber, None),
                addr(1, Street, None),
                addr(1, Street2, None),
                addr(1, Locality, None),
                addr(1, Region, None),
                addr(1, PostalCode, None),
                addr(1, Country, None),
            ]
        );
        // "Address line 1/2" and "Street 1/2" too are lines of one address.
        let h = headers("Address Line 1,Address Line 2,Street 2,Town");
        assert_eq!(
            auto_map(&h),
            [addr(1, Street, None), addr(1, Street2, None), addr(1, Street2, None), addr(1, Locality, None)]
        );
    }

    #[test]
    fn maps_hubspot_export() {
        let h = headers(
            "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,\
             Lifecycle Stage,Street Address,City,State/Region,Postal Code,Country/Region,Website URL,\
             Original Source,Create Date",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                Extra,
                GivenName,
                FamilyName,
                email(1, None),
                phone(1, None),
                phone(1, Some(PhoneKind::Mobile)),
                Company,
                JobTitle,
                LifecycleStage,
                addr(1, Street, None),
                addr(1, City, None),
                addr(1, Region, None),
                addr(1, PostalCode, None),
                addr(1, Country, None),
                Website,
                Source,
                Extra,
            ]
        );
    }

    #[test]
    fn maps_pipedrive_export() {
        let h = headers(
            "Person - ID,Person - Name,Person - Email,Person - Phone,Organization - Name,Person - Job title,\
             Person - Labels,Person - Email - Work,Person - Phone - Mobile,Organization - Address",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                Extra,
                FullName,
                email(1, None),
                phone(1, None),
                Company,
                JobTitle,
                Tags,
                email(1, Some(EmailKind::Work)),
                phone(1, Some(PhoneKind::Mobile)),
                Extra,
            ]
        );
    }

    #[test]
    fn maps_spreadsheet_headers_in_several_languages() {
        use Target::*;
        for line in [
            "Vorname;Nachname;E-Mail;Telefon;Firma;Straße;PLZ;Ort;Land;Geburtstag;Spitzname;Abteilung",
            "Prénom;Nom;Courriel;Téléphone;Société;Adresse;Code postal;Ville;Pays;Date de naissance;Surnom;Département",
            "Nombre;Apellidos;Correo electrónico;Teléfono;Empresa;Dirección;Código postal;Ciudad;País;Cumpleaños;Apodo;Departamento",
            "Voornaam;Achternaam;E-mailadres;Telefoon;Bedrijf;Adres;Postcode;Plaats;Land;Geboortedatum;Bijnaam;Afdeling",
            "Nome;Cognome;Email;Telefono;Azienda;Indirizzo;CAP;Città;Paese;Data di nascita;Soprannome;Reparto",
            "FIRST_NAME;last-name;  e mail ;PHONE;company;street;zip;city;country;DOB;nick;dept",
        ] {
            let h: Vec<String> = line.split(';').map(str::to_string).collect();
            let t = auto_map(&h);
            // The French "Département" is a region or a department: it is kept in the extras.
            let department = if line.starts_with("Prénom") { Extra } else { Department };
            assert_eq!(
                t,
                [
                    GivenName,
                    FamilyName,
                    email(1, None),
                    phone(1, None),
                    Company,
                    addr(1, Street, None),
                    addr(1, PostalCode, None),
                    addr(1, City, None),
                    addr(1, Country, None),
                    Birthday,
                    Nickname,
                    department,
                ],
                "{line}"
            );
        }
    }

    #[test]
    fn a_title_beside_a_job_title_is_the_name_prefix_and_second_fields_keep_their_data() {
        use Target::*;
        let h = headers("Title,First Name,Job Title,Company,Employer,City,City");
        assert_eq!(auto_map(&h), [NamePrefix, GivenName, JobTitle, Company, Extra, addr(1, City, None), Extra]);
        // Alone, "Title" is the job title.
        assert_eq!(auto_map(&headers("Name,Title")), [FullName, JobTitle]);
    }

    #[test]
    fn the_mapping_knows_quiet_values_initials_and_what_it_leaves_out() {
        let h = real_exports::headers(OUTLOOK);
        let m = Mapping::new(h.clone(), auto_map(&h));
        let col = |n: &str| h.iter().position(|x| x == n).unwrap();
        assert!(m.is_quiet(col("Priority"), "Normal") && !m.is_quiet(col("Priority"), "High"));
        assert!(m.is_quiet(col("Private"), "False") && m.is_quiet(col("Gender"), " unspecified "));
        assert!(!m.is_quiet(col("Spouse"), "Normal"));
        assert!(m.is_initials(col("Initials")) && !m.is_initials(col("Spouse")));
        assert_eq!(m.unimported(&vec![true; h.len()]), Vec::<usize>::new());
    }

    #[test]
    fn targets_are_stored_as_tagged_json() {
        let t = vec![Target::GivenName, email(2, Some(EmailKind::Personal)), addr(1, PostalCode, None), Target::Extra];
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"[{"target":"given_name"},{"target":"email","slot":2,"kind":"personal"},{"target":"address","slot":1,"part":"postal_code","kind":null},{"target":"extra"}]"#
        );
        assert_eq!(serde_json::from_str::<Vec<Target>>(&json).unwrap(), t);
    }
}
