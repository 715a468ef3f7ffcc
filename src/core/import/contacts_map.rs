//! Which contact field each column of an imported file goes to.
//!
//! Each column gets a [`Target`]: the contact field its cells go to.
//! [`auto_map`] guesses targets from the header row, knowing the exports of
//! Google Contacts (old and new), Outlook, HubSpot and Pipedrive and common
//! headers in English, German, French, Spanish and Dutch; people can then
//! change the guesses, and the list can be saved (targets are serde values).
//! [`super::contacts_rows::map_row`] then applies the targets to each row.

use serde::{Deserialize, Serialize};

use super::values::header_key;
use crate::core::records::{AddressKind, EmailKind, PhoneKind};

/// A part of a postal address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressPart {
    Street,
    City,
    Region,
    PostalCode,
    /// A country name or ISO code; see [`country_code`].
    Country,
}

/// Where the cells of one column go.
///
/// Emails, phones and addresses have a `slot`: columns with the same slot
/// belong together, so that a `PhoneType { slot: 2 }` column ("Phone 2 -
/// Type") sets the kind of the `Phone { slot: 2, .. }` value, and the parts of
/// address 1 form one address. A `kind` fixed by the header ("Mobile Phone")
/// wins over a type column. Emails and phones are kept in column order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum Target {
    /// The column is not imported.
    Ignore,
    GivenName,
    /// Added to the given name after a space.
    MiddleName,
    FamilyName,
    /// Split into given and family name by [`split_full_name`], used only
    /// when the row has no given or family name.
    FullName,
    /// One or more addresses (Google separates several with " ::: ").
    Email {
        slot: u8,
        kind: Option<EmailKind>,
    },
    /// The kind of the emails in `slot`: "Work", "Home", "* Other"...
    EmailType {
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
    /// The company's name, returned apart as [`MappedRow::company_name`].
    Company,
    JobTitle,
    /// A web address; its host becomes [`MappedRow::company_domain`].
    Website,
    Birthday,
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
            Target::GivenName => "First name".into(),
            Target::MiddleName => "Middle name".into(),
            Target::FamilyName => "Last name".into(),
            Target::FullName => "Full name".into(),
            Target::Email { slot, kind: k } => format!("Email {slot}{}", kind(k.map(EmailKind::label))),
            Target::EmailType { slot } => format!("Email {slot} type"),
            Target::Phone { slot, kind: k } => format!("Phone {slot}{}", kind(k.map(PhoneKind::label))),
            Target::PhoneType { slot } => format!("Phone {slot} type"),
            Target::Address { slot, part, kind: k } => {
                let part = match part {
                    AddressPart::Street => "street",
                    AddressPart::City => "city",
                    AddressPart::Region => "region",
                    AddressPart::PostalCode => "postal code",
                    AddressPart::Country => "country",
                };
                format!("Address {slot} {part}{}", kind(k.map(AddressKind::label)))
            }
            Target::AddressType { slot } => format!("Address {slot} type"),
            Target::Company => "Company".into(),
            Target::JobTitle => "Job title".into(),
            Target::Website => "Website".into(),
            Target::Birthday => "Birthday".into(),
            Target::Tags => "Tags".into(),
            Target::Notes => "Notes".into(),
            Target::Source => "Source".into(),
            Target::LifecycleStage => "Lifecycle stage".into(),
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
    // Outlook writes business, home and other addresses side by side; they
    // take slots 1, 2 and 3.
    let outlook_address = |part, kind| Some(Target::Address { slot: kind_slot(kind), part, kind: Some(kind) });
    match key {
        "givenname" | "firstname" | "first" | "forename" | "vorname" | "prenom" | "nombre" | "voornaam" | "nome" => {
            Some(Target::GivenName)
        }
        "middlename" | "additionalname" | "secondname" | "tussenvoegsel" => Some(Target::MiddleName),
        "familyname" | "lastname" | "last" | "surname" | "nachname" | "familienname" | "nom" | "nomdefamille"
        | "apellidos" | "apellido" | "achternaam" | "cognome" => Some(Target::FamilyName),
        "name" | "fullname" | "displayname" | "contactname" | "contact" | "naam" | "nomcomplet" | "nombrecompleto"
        | "vollstandigername" | "volledigenaam" => Some(Target::FullName),
        "email" | "email#" | "emailaddress" | "email#address" | "email#value" | "mail" | "emailadresse"
        | "adresseemail" | "courriel" | "correo" | "correoelectronico" | "emailadres" => email(None),
        "workemail" | "businessemail" | "emailwork" => email(Some(EmailKind::Work)),
        "personalemail" | "homeemail" | "privateemail" | "emailhome" | "emailpersonal" => {
            email(Some(EmailKind::Personal))
        }
        "otheremail" | "emailother" => email(Some(EmailKind::Other)),
        "email#type" | "email#label" => Some(Target::EmailType { slot }),
        "phone" | "phone#" | "phonenumber" | "phone#value" | "telephone" | "telephonenumber" | "tel" | "telefon"
        | "telefonnummer" | "telefono" | "telefoon" | "telefoonnummer" | "numerodetelephone" => phone(None),
        "mobile" | "mobilephone" | "mobilephonenumber" | "mobilenumber" | "cell" | "cellphone" | "phonemobile"
        | "handy" | "mobil" | "mobiel" | "portable" | "movil" => phone(Some(PhoneKind::Mobile)),
        "businessphone" | "businessphone#" | "workphone" | "officephone" | "phonework" | "companymainphone" => {
            phone(Some(PhoneKind::Work))
        }
        "homephone" | "homephone#" | "phonehome" | "privatephone" => phone(Some(PhoneKind::Home)),
        "otherphone" | "phoneother" => phone(Some(PhoneKind::Other)),
        "phone#type" | "phone#label" => Some(Target::PhoneType { slot }),
        "addressline#" => Some(Target::Address { slot: 1, part: Street, kind: None }),
        "address#street" | "street" | "streetaddress" | "address" | "address#" | "strasse" | "adresse" | "rue"
        | "direccion" | "calle" | "adres" | "straat" => address(Street, None),
        "address#city" | "city" | "town" | "ort" | "stadt" | "ville" | "ciudad" | "plaats" | "woonplaats" => {
            address(City, None)
        }
        "address#region" | "region" | "state" | "stateregion" | "province" | "stateprovince" | "bundesland"
        | "provincia" | "provincie" => address(Region, None),
        "address#postalcode" | "postalcode" | "postcode" | "zip" | "zipcode" | "plz" | "postleitzahl"
        | "codepostal" | "codigopostal" | "zippostalcode" | "postalzipcode" => address(PostalCode, None),
        "address#country" | "country" | "countryregion" | "land" | "pays" | "pais" => address(Country, None),
        "address#type" | "address#label" => Some(Target::AddressType { slot }),
        "company" | "companyname" | "organization" | "organisation" | "organization#name" | "organizationname"
        | "account" | "accountname" | "employer" | "firma" | "unternehmen" | "societe" | "entreprise" | "empresa"
        | "bedrijf" | "bedrijfsnaam" => Some(Target::Company),
        "jobtitle" | "title" | "position" | "role" | "organization#title" | "organizationtitle" | "funktion"
        | "berufsbezeichnung" | "poste" | "fonction" | "cargo" | "puesto" | "functie" => Some(Target::JobTitle),
        "website" | "websiteurl" | "website#value" | "web" | "url" | "homepage" | "webpage" | "domain"
        | "companydomainname" | "webseite" | "siteweb" | "sitioweb" | "paginaweb" => Some(Target::Website),
        "birthday" | "birthdate" | "dateofbirth" | "dob" | "geburtstag" | "geburtsdatum" | "anniversaire"
        | "datedenaissance" | "cumpleanos" | "fechadenacimiento" | "verjaardag" | "geboortedatum" => {
            Some(Target::Birthday)
        }
        "tags" | "tag" | "labels" | "groupmembership" | "categories" | "category" | "groups" | "kategorien"
        | "schlagworte" | "etiquettes" | "etiquetas" | "categorieen" => Some(Target::Tags),
        "notes" | "note" | "comments" | "comment" | "description" | "notizen" | "notiz" | "bemerkungen"
        | "remarques" | "notas" | "notities" | "opmerkingen" => Some(Target::Notes),
        "source" | "leadsource" | "originalsource" | "quelle" | "origine" | "fuente" | "bron" => Some(Target::Source),
        "lifecyclestage" | "lifecycle" | "stage" => Some(Target::LifecycleStage),
        _ => outlook_parts(key).and_then(|(kind, part)| outlook_address(part, kind)),
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

/// Outlook's "Business Street", "Home City", "Other Country/Region"...
fn outlook_parts(key: &str) -> Option<(AddressKind, AddressPart)> {
    let (kind, rest) = [("business", AddressKind::Work), ("home", AddressKind::Home), ("other", AddressKind::Other)]
        .into_iter()
        .find_map(|(prefix, kind)| key.strip_prefix(prefix).map(|rest| (kind, rest)))?;
    let part = match rest {
        "street" | "address" => AddressPart::Street,
        "city" => AddressPart::City,
        "state" | "region" => AddressPart::Region,
        "postalcode" | "zip" => AddressPart::PostalCode,
        "countryregion" | "country" => AddressPart::Country,
        _ => return None,
    };
    Some((kind, part))
}

/// Headers that only probably mean their target: "Title" may be "Mr." and
/// "Name" may be a company's. They give way to a column that surely does.
const WEAK_KEYS: &[&str] = &["title", "role", "position", "name", "contact", "web", "url", "stage", "account"];

/// The target a header names, and whether that is only a weak guess.
fn guess(header: &str) -> (Target, bool) {
    let (key, slot) = take_slot(&header_key(header));
    // Pipedrive's "Person - Email" and headers like "Contact Phone" name the person's field.
    let key = match recognise(&key, slot) {
        None => key.strip_prefix("person").or_else(|| key.strip_prefix("contact")).unwrap_or(&key),
        Some(_) => &key,
    };
    (recognise(key, slot).unwrap_or(Target::Ignore), WEAK_KEYS.contains(&key))
}

/// Guesses the target of each column from its header.
///
/// Matching ignores case, accents, spaces and punctuation. A header that is
/// not recognised gives [`Target::Ignore`]. When several columns name the
/// same field (two "Company" columns), the first is used and the others are
/// ignored, except that a weak guess ("Title") gives way to a sure one
/// ("Job Title") wherever it is. Emails, phones, streets ("Address Line 1",
/// "Address Line 2"), tags and notes may repeat.
pub fn auto_map(headers: &[String]) -> Vec<Target> {
    let guesses: Vec<(Target, bool)> = headers.iter().map(|h| guess(h)).collect();
    let repeatable = |t: Target| {
        matches!(
            t,
            Target::Ignore
                | Target::Email { .. }
                | Target::Phone { .. }
                | Target::Address { part: AddressPart::Street, .. }
                | Target::Tags
                | Target::Notes
        )
    };
    guesses
        .iter()
        .enumerate()
        .map(|(i, &(target, weak))| {
            let beaten = guesses.iter().enumerate().any(|(j, &(other, other_weak))| {
                j != i && other == target && ((weak && !other_weak) || (weak == other_weak && j < i))
            });
            if beaten && !repeatable(target) {
                Target::Ignore
            } else {
                target
            }
        })
        .collect()
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
    use AddressPart::*;

    #[test]
    fn maps_old_google_export() {
        let h = headers(
            "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Name Prefix,Nickname,Birthday,\
             Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,\
             Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,\
             Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,\
             Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,Website 1 - Type,Website 1 - Value",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                FullName,
                GivenName,
                MiddleName,
                FamilyName,
                Ignore,
                Ignore,
                Ignore,
                Ignore,
                Birthday,
                Notes,
                Tags,
                EmailType { slot: 1 },
                email(1, None),
                EmailType { slot: 2 },
                email(2, None),
                PhoneType { slot: 1 },
                phone(1, None),
                AddressType { slot: 1 },
                Ignore,
                addr(1, Street, None),
                addr(1, City, None),
                addr(1, Region, None),
                addr(1, PostalCode, None),
                addr(1, Country, None),
                Ignore,
                Company,
                JobTitle,
                Ignore,
                Website,
            ]
        );
    }

    #[test]
    fn maps_new_google_export() {
        let h = headers(
            "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,E-mail 1 - Label,\
             E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,\
             Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country,Organization Name,\
             Organization Title,Organization Department,Birthday,Notes,Labels",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                GivenName,
                MiddleName,
                FamilyName,
                Ignore,
                Ignore,
                Ignore,
                EmailType { slot: 1 },
                email(1, None),
                PhoneType { slot: 1 },
                phone(1, None),
                PhoneType { slot: 2 },
                phone(2, None),
                AddressType { slot: 1 },
                addr(1, Street, None),
                addr(1, City, None),
                addr(1, PostalCode, None),
                addr(1, Country, None),
                Company,
                JobTitle,
                Ignore,
                Birthday,
                Notes,
                Tags,
            ]
        );
    }

    #[test]
    fn maps_outlook_export() {
        let h = headers(
            "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,\
             Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,\
             Home Postal Code,Home Country/Region,Business Phone,Business Phone 2,Home Phone,Mobile Phone,\
             Other Phone,Birthday,Categories,E-mail Address,E-mail Display Name,E-mail 2 Address,Notes,Web Page",
        );
        use Target::*;
        let work = Some(AddressKind::Work);
        let home = Some(AddressKind::Home);
        assert_eq!(
            auto_map(&h),
            [
                // "Title" alone is only a weak guess for the job title, and Outlook has a "Job Title".
                Ignore,
                GivenName,
                MiddleName,
                FamilyName,
                Ignore,
                Company,
                Ignore,
                JobTitle,
                Address { slot: 1, part: Street, kind: work },
                Address { slot: 1, part: City, kind: work },
                Address { slot: 1, part: Region, kind: work },
                Address { slot: 1, part: PostalCode, kind: work },
                Address { slot: 1, part: Country, kind: work },
                Address { slot: 2, part: Street, kind: home },
                Address { slot: 2, part: City, kind: home },
                Address { slot: 2, part: PostalCode, kind: home },
                Address { slot: 2, part: Country, kind: home },
                phone(1, Some(PhoneKind::Work)),
                phone(2, Some(PhoneKind::Work)),
                phone(1, Some(PhoneKind::Home)),
                phone(1, Some(PhoneKind::Mobile)),
                phone(1, Some(PhoneKind::Other)),
                Birthday,
                Tags,
                email(1, None),
                Ignore,
                email(2, None),
                Notes,
                Website,
            ]
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
                Ignore,
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
                Ignore,
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
                Ignore,
                FullName,
                email(1, None),
                phone(1, None),
                Company,
                JobTitle,
                Tags,
                email(1, Some(EmailKind::Work)),
                phone(1, Some(PhoneKind::Mobile)),
                Ignore,
            ]
        );
    }

    #[test]
    fn maps_spreadsheet_headers_in_several_languages() {
        use Target::*;
        for line in [
            "Vorname;Nachname;E-Mail;Telefon;Firma;Straße;PLZ;Ort;Land;Geburtstag",
            "Prénom;Nom;Courriel;Téléphone;Société;Adresse;Code postal;Ville;Pays;Date de naissance",
            "Nombre;Apellidos;Correo electrónico;Teléfono;Empresa;Dirección;Código postal;Ciudad;País;Cumpleaños",
            "Voornaam;Achternaam;E-mailadres;Telefoon;Bedrijf;Adres;Postcode;Plaats;Land;Geboortedatum",
            "FIRST_NAME;last-name;  e mail ;PHONE;company;street;zip;city;country;DOB",
        ] {
            let h: Vec<String> = line.split(';').map(str::to_string).collect();
            assert_eq!(
                auto_map(&h),
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
                ],
                "{line}"
            );
        }
    }

    #[test]
    fn targets_are_stored_as_tagged_json() {
        let t = vec![Target::GivenName, email(2, Some(EmailKind::Personal)), addr(1, PostalCode, None)];
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"[{"target":"given_name"},{"target":"email","slot":2,"kind":"personal"},{"target":"address","slot":1,"part":"postal_code","kind":null}]"#
        );
        assert_eq!(serde_json::from_str::<Vec<Target>>(&json).unwrap(), t);
    }
}
