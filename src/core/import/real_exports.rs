//! The header lines of real contact exports, written from the formats'
//! public documentation and the files these programs write (not copied
//! files), for the tests of header recognition, row mapping and the rule
//! that no value with data is dropped. Rows are given as (header, value)
//! pairs; every other column of the row is empty, as in the real files.

/// Google Contacts' classic "Google CSV": 56 columns for contacts with up
/// to two emails, two phones, one address, one organisation and one website
/// (the export adds numbered groups as the contacts need them).
pub const GOOGLE_CLASSIC: &str = "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,\
Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,\
Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,\
Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,\
Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,\
Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,\
Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,\
Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,\
Organization 1 - Job Description,Website 1 - Type,Website 1 - Value";

/// Google Contacts' current export ("First Name … Labels … E-mail 1 -
/// Label"), written with a UTF-8 byte order mark.
pub const GOOGLE_CURRENT: &str = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,\
Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,\
Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,\
E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,\
Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,\
Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Relation 1 - Label,Relation 1 - Value,\
Website 1 - Label,Website 1 - Value,Event 1 - Label,Event 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value";

/// Outlook's "Comma Separated Values" export: the fixed 92 columns (in a
/// European locale the separator is ";" and every field is quoted).
pub const OUTLOOK: &str = "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,\
Business Street,Business Street 2,Business Street 3,Business City,Business State,Business Postal Code,\
Business Country/Region,Home Street,Home Street 2,Home Street 3,Home City,Home State,Home Postal Code,\
Home Country/Region,Other Street,Other Street 2,Other Street 3,Other City,Other State,Other Postal Code,\
Other Country/Region,Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,\
Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,\
Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,Assistant's Name,Billing Information,Birthday,\
Business Address PO Box,Categories,Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,\
E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,Gender,\
Government ID Number,Hobby,Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,Location,\
Manager's Name,Mileage,Notes,Office Location,Organizational ID Number,Other Address PO Box,Priority,Private,\
Profession,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page";

/// The same export from a German Outlook.
pub const OUTLOOK_GERMAN: &str = "Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,\
Straße geschäftlich,Straße geschäftlich 2,Straße geschäftlich 3,Ort geschäftlich,Region geschäftlich,\
Postleitzahl geschäftlich,Land/Region geschäftlich,Straße privat,Straße privat 2,Straße privat 3,Ort privat,\
Bundesland/Kanton privat,Postleitzahl privat,Land/Region privat,Weitere Straße,Weitere Straße 2,\
Weitere Straße 3,Weiterer Ort,Weiteres/r Bundesland/Kanton,Weitere Postleitzahl,Weiteres/e Land/Region,\
Telefon Assistent,Fax geschäftlich,Telefon geschäftlich,Telefon geschäftlich 2,Rückmeldung,Autotelefon,\
Telefon Firma,Fax privat,Telefon privat,Telefon privat 2,ISDN,Mobiltelefon,Weiteres Fax,Weiteres Telefon,Pager,\
Haupttelefon,Mobiltelefon 2,Telefon für Hörbehinderte,Telex,Abrechnungsinformation,Benutzer 1,Benutzer 2,\
Benutzer 3,Benutzer 4,Beruf,Büro,E-Mail-Adresse,E-Mail-Typ,E-Mail: Angezeigter Name,E-Mail 2: Adresse,\
E-Mail 2: Typ,E-Mail 2: Angezeigter Name,E-Mail 3: Adresse,E-Mail 3: Typ,E-Mail 3: Angezeigter Name,\
Empfohlen von,Geburtstag,Geschlecht,Hobby,Initialen,Internet Frei/Gebucht,Jahrestag,Kategorien,Kinder,Konto,\
Name des/r Vorgesetzten,Notizen,Organisationsnr.,Ort,Partner/in,Postfach geschäftlich,Postfach privat,Priorität,\
Privat,Reisekilometer,Sprache,Stichwörter,Vertraulichkeit,Verzeichnisserver,Webseite,Weiteres Postfach";

/// A database or spreadsheet export with the address in separate columns
/// (as Australian address data and many shop systems have it).
pub const SEPARATE_ADDRESS: &str =
    "first_name,last_name,email,phone,company,street_number,address_1,address_2,suburb,state,postcode,country";

/// The columns of a comma-separated header line.
pub fn headers(line: &str) -> Vec<String> {
    line.split(',').map(str::to_string).collect()
}

/// A row of `headers` with the given cells and every other one empty.
/// Panics on a header the line does not have, so a typo cannot pass.
pub fn row(headers: &[String], cells: &[(&str, &str)]) -> Vec<String> {
    let mut out = vec![String::new(); headers.len()];
    for (header, value) in cells {
        let i = headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("no column {header:?}"));
        out[i] = value.to_string();
    }
    out
}
