//! Domain records: contacts and companies (deals, activities, tasks and
//! settings are in [`super::records`]).
//!
//! These types are a storage and backup boundary: their serde form is the
//! documented format (`docs/backup-format.md`, `docs/backup.schema.json`).
//! Field names are `snake_case`; empty strings, empty lists and absent options
//! are left out when written and default when read, so that writing what was
//! read gives the same bytes. Changing a field here is a schema change: it
//! needs a new schema version and an upgrade step.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where a customer is in their relationship with us.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    #[default]
    Reach,
    Acquisition,
    Conversion,
    Retention,
    Loyalty,
    Lost,
    Disqualified,
}

impl LifecycleStage {
    pub const ALL: [LifecycleStage; 7] = [
        LifecycleStage::Reach,
        LifecycleStage::Acquisition,
        LifecycleStage::Conversion,
        LifecycleStage::Retention,
        LifecycleStage::Loyalty,
        LifecycleStage::Lost,
        LifecycleStage::Disqualified,
    ];

    /// The stable name used in stored data and URLs.
    pub fn key(self) -> &'static str {
        match self {
            LifecycleStage::Reach => "reach",
            LifecycleStage::Acquisition => "acquisition",
            LifecycleStage::Conversion => "conversion",
            LifecycleStage::Retention => "retention",
            LifecycleStage::Loyalty => "loyalty",
            LifecycleStage::Lost => "lost",
            LifecycleStage::Disqualified => "disqualified",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            LifecycleStage::Reach => "Reach",
            LifecycleStage::Acquisition => "Acquisition",
            LifecycleStage::Conversion => "Conversion",
            LifecycleStage::Retention => "Retention",
            LifecycleStage::Loyalty => "Loyalty",
            LifecycleStage::Lost => "Lost",
            LifecycleStage::Disqualified => "Disqualified",
        }
    }

    pub fn from_key(key: &str) -> Option<LifecycleStage> {
        LifecycleStage::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What an email address is used for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    #[default]
    Work,
    Personal,
    Other,
}

/// What a phone number is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    #[default]
    Mobile,
    Work,
    Home,
    Other,
}

/// What a postal address is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    #[default]
    Work,
    Home,
    Other,
}

macro_rules! kind_names {
    ($t:ty { $($v:ident => $key:literal, $label:literal);+ $(;)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            pub fn key(self) -> &'static str { match self { $(<$t>::$v => $key),+ } }
            pub fn label(self) -> &'static str { match self { $(<$t>::$v => $label),+ } }
            pub fn from_key(key: &str) -> Option<$t> { Self::ALL.iter().copied().find(|k| k.key() == key) }
        }
    };
}
pub(crate) use kind_names;
kind_names!(EmailKind { Work => "work", "Work"; Personal => "personal", "Personal"; Other => "other", "Other" });
kind_names!(PhoneKind { Mobile => "mobile", "Mobile"; Work => "work", "Work"; Home => "home", "Home"; Other => "other", "Other" });
kind_names!(AddressKind { Work => "work", "Work"; Home => "home", "Home"; Other => "other", "Other" });

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    #[serde(default)]
    pub kind: EmailKind,
    pub address: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    #[serde(default)]
    pub kind: PhoneKind,
    pub number: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub kind: AddressKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 code, upper case ("GB", "DE"), or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
}

impl Address {
    pub fn is_blank(&self) -> bool {
        self.street.is_empty()
            && self.city.is_empty()
            && self.region.is_empty()
            && self.postal_code.is_empty()
            && self.country.is_empty()
    }

    /// One line for lists: "10 Downing St, London, GB".
    pub fn one_line(&self) -> String {
        [&self.street, &self.postal_code, &self.city, &self.region, &self.country]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// A UUID in its lower-case hyphenated text form.
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub given_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub family_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub job_title: String,
    /// The id of a [`Company`], if the person works for one we know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    #[serde(default)]
    pub lifecycle_stage: LifecycleStage,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// A calendar date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<NaiveDate>,
    /// Where the contact came from ("Website", "Referral", an import's name...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// RFC 3339 in UTC.
    pub created: DateTime<Utc>,
    /// RFC 3339 in UTC; the newer record wins in a merge.
    pub updated: DateTime<Utc>,
    /// Where a lead stands while the contact is in acquisition (schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_status: Option<LeadStatus>,
    /// Every lifecycle stage change, oldest first (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_history: Vec<StageChange>,
    /// Anniversaries and other dates that come back every year (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub important_dates: Vec<ImportantDate>,
    /// "Keep in touch every N days" (schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// The team member who looks after this contact (schema 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

impl Contact {
    /// An empty contact with the given id and time, for forms.
    pub fn blank(id: String, now: DateTime<Utc>) -> Contact {
        Contact {
            id,
            given_name: String::new(),
            family_name: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            addresses: Vec::new(),
            job_title: String::new(),
            company_id: None,
            lifecycle_stage: LifecycleStage::default(),
            tags: Vec::new(),
            birthday: None,
            source: String::new(),
            notes: String::new(),
            created: now,
            updated: now,
            lead_status: None,
            stage_history: Vec::new(),
            important_dates: Vec::new(),
            cadence_days: None,
            owner: String::new(),
        }
    }

    /// The name to show: "Given Family", else the first email, else "(no name)".
    pub fn display_name(&self) -> String {
        let name = match (self.given_name.is_empty(), self.family_name.is_empty()) {
            (false, false) => format!("{} {}", self.given_name, self.family_name),
            (false, true) => self.given_name.clone(),
            (true, false) => self.family_name.clone(),
            (true, true) => String::new(),
        };
        if !name.is_empty() {
            name
        } else if let Some(e) = self.emails.first() {
            e.address.clone()
        } else {
            "(no name)".to_string()
        }
    }

    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(|e| e.address.as_str())
    }

    pub fn primary_phone(&self) -> Option<&str> {
        self.phones.first().map(|p| p.number.as_str())
    }
}

/// How many people a company employs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompanySize {
    #[serde(rename = "1-10")]
    Micro,
    #[serde(rename = "11-50")]
    Small,
    #[serde(rename = "51-200")]
    Medium,
    #[serde(rename = "201-1000")]
    Large,
    #[serde(rename = "1001-5000")]
    VeryLarge,
    #[serde(rename = "5001+")]
    Enterprise,
}
kind_names!(CompanySize {
    Micro => "1-10", "1–10 people";
    Small => "11-50", "11–50 people";
    Medium => "51-200", "51–200 people";
    Large => "201-1000", "201–1,000 people";
    VeryLarge => "1001-5000", "1,001–5,000 people";
    Enterprise => "5001+", "More than 5,000 people"
});

/// An organisation that contacts work for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub id: String,
    pub name: String,
    /// A bare host name, lower case, such as `example.com`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub domain: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<CompanySize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default)]
    pub lifecycle_stage: LifecycleStage,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Every lifecycle stage change, oldest first (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_history: Vec<StageChange>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

impl Company {
    pub fn blank(id: String, now: DateTime<Utc>) -> Company {
        Company {
            id,
            name: String::new(),
            domain: String::new(),
            industry: String::new(),
            size: None,
            address: None,
            lifecycle_stage: LifecycleStage::default(),
            tags: Vec::new(),
            notes: String::new(),
            created: now,
            updated: now,
            stage_history: Vec::new(),
            owner: String::new(),
        }
    }
}

/// Where a lead stands while its contact is in acquisition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    New,
    AttemptingContact,
    Qualified,
    Unqualified,
}
kind_names!(LeadStatus {
    New => "new", "New";
    AttemptingContact => "attempting_contact", "Attempting contact";
    Qualified => "qualified", "Qualified";
    Unqualified => "unqualified", "Unqualified"
});

/// One lifecycle stage change of a contact or company. `from` is absent for
/// the stage a record was created in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<LifecycleStage>,
    pub to: LifecycleStage,
    pub at: DateTime<Utc>,
}

/// A date that comes back every year ("Work anniversary", "Wedding").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportantDate {
    pub label: String,
    pub date: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn empty_fields_are_left_out_and_come_back() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank("0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into(), t);
        c.given_name = "Zoë".into();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"id":"0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b","given_name":"Zoë","lifecycle_stage":"reach","created":"2026-01-02T03:04:05Z","updated":"2026-01-02T03:04:05Z"}"#
        );
        let back: Contact = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn company_size_uses_range_names() {
        assert_eq!(serde_json::to_string(&CompanySize::Enterprise).unwrap(), r#""5001+""#);
        assert_eq!(CompanySize::from_key("11-50"), Some(CompanySize::Small));
    }

    #[test]
    fn display_name_falls_back_to_email() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank("x".into(), t);
        assert_eq!(c.display_name(), "(no name)");
        c.emails.push(Email { kind: EmailKind::Work, address: "a@b.co".into() });
        assert_eq!(c.display_name(), "a@b.co");
        c.family_name = "Roe".into();
        assert_eq!(c.display_name(), "Roe");
    }
}
