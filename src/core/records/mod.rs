//! The records: contacts, companies, deals, activities, tasks and the one
//! settings record, one file per kind, and the parts they share (lifecycle
//! stages, addresses).
//!
//! Architecture invariant: these types are a storage and backup boundary.
//! Their serde form is the documented format (`docs/backup-format.md`,
//! `docs/backup.schema.json`). Field names are `snake_case`; empty strings,
//! empty lists and absent options are left out when written and default when
//! read, so that writing what was read gives the same bytes. Changing a field
//! here is a schema change: it needs a new schema version and an upgrade step.

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

mod activity;
mod company;
mod contact;
mod deal;
mod settings;
mod task;
mod yearly_date;

pub use activity::{Activity, ActivityKind};
pub use company::{Company, CompanySize};
pub use contact::{Contact, Email, EmailKind, ImportantDate, LeadStatus, Phone, PhoneKind};
pub use deal::{Deal, DealStatus};
pub use settings::{DuplicateWeights, PipelineStage, Settings, TagColour, TAG_COLOURS};
pub use task::{Priority, Task};
pub use yearly_date::YearlyDate;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

kind_names!(AddressKind { Work => "work", "Work"; Home => "home", "Home"; Other => "other", "Other" });

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

/// What a postal address is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    #[default]
    Work,
    Home,
    Other,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub kind: AddressKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street: String,
    /// The second street line: a flat, suite, building or c/o (format 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street2: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 code, upper case ("GB", "DE"), or empty; or, when
    /// a file named a country no table knows, its name as written (format 3:
    /// kept rather than lost, and shown as unrecognised).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
}

impl Address {
    pub fn is_blank(&self) -> bool {
        self.street.is_empty()
            && self.street2.is_empty()
            && self.city.is_empty()
            && self.region.is_empty()
            && self.postal_code.is_empty()
            && self.country.is_empty()
    }

    /// One line for lists: "10 Downing St, London, GB".
    pub fn one_line(&self) -> String {
        [&self.street, &self.street2, &self.postal_code, &self.city, &self.region, &self.country]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One lifecycle stage change of a contact or company. `from` is absent for
/// the stage a record was created in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<LifecycleStage>,
    pub to: LifecycleStage,
    pub at: DateTime<Utc>,
}
