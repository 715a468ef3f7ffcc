//! An organisation that contacts work for.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Address, LifecycleStage, StageChange};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_size_uses_range_names() {
        assert_eq!(serde_json::to_string(&CompanySize::Enterprise).unwrap(), r#""5001+""#);
        assert_eq!(CompanySize::from_key("11-50"), Some(CompanySize::Small));
    }
}
