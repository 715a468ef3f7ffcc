//! The user-adjustable settings of duplicate detection, stored with the
//! app's other settings (serde; missing fields take their defaults).

use serde::{Deserialize, Serialize};

/// Thresholds and limits for duplicate detection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DedupeSettings {
    /// Pairs scoring at least this (0..1) are shown as probable duplicates.
    pub threshold_probable: f64,
    /// Pairs scoring at least this (0..1) are shown as possible duplicates.
    pub threshold_possible: f64,
    /// ISO country used to read phone numbers written without "+".
    pub default_country: String,
    /// Blocks with more members than this are split by a finer key, and
    /// skipped (and reported) if still too big.
    pub max_block_size: usize,
    /// How many neighbours on each side the sorted-name pass compares.
    pub window: usize,
}

impl Default for DedupeSettings {
    fn default() -> Self {
        DedupeSettings {
            threshold_probable: 0.9,
            threshold_possible: 0.5,
            default_country: "GB".to_string(),
            max_block_size: 40,
            window: 4,
        }
    }
}

impl DedupeSettings {
    /// The settings the app scans with: the defaults, with the app's default
    /// country for phone numbers when one is set.
    pub fn for_app(settings: &crate::core::records::Settings) -> DedupeSettings {
        let mut out = DedupeSettings::default();
        if !settings.default_country.is_empty() {
            out.default_country = settings.default_country.clone();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_country_replaces_the_default_one() {
        let mut app = crate::core::records::Settings::default();
        assert_eq!(DedupeSettings::for_app(&app), DedupeSettings::default());
        app.default_country = "DE".into();
        assert_eq!(DedupeSettings::for_app(&app).default_country, "DE");
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s: DedupeSettings = serde_json::from_str(r#"{"threshold_probable":0.95}"#).unwrap();
        assert_eq!(s.threshold_probable, 0.95);
        assert_eq!(s.threshold_possible, 0.5);
        let back: DedupeSettings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }
}
