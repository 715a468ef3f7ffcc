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
    /// Whether weights are learned from the contacts (else hand-set).
    pub learn_weights: bool,
}

/// The default thresholds in percent: (probable, possible).
pub const DEFAULT_THRESHOLDS: (u8, u8) = (90, 50);

impl Default for DedupeSettings {
    fn default() -> Self {
        DedupeSettings {
            threshold_probable: f64::from(DEFAULT_THRESHOLDS.0) / 100.0,
            threshold_possible: f64::from(DEFAULT_THRESHOLDS.1) / 100.0,
            default_country: "GB".to_string(),
            max_block_size: 40,
            window: 4,
            learn_weights: true,
        }
    }
}

impl DedupeSettings {
    /// The settings the app scans with: the defaults, with the app's default
    /// country for phone numbers, its thresholds when they are set, and
    /// hand-set weights when it says so.
    pub fn for_app(settings: &crate::core::records::Settings) -> DedupeSettings {
        let mut out = DedupeSettings::default();
        if !settings.default_country.is_empty() {
            out.default_country = settings.default_country.clone();
        }
        if let Some((probable, possible)) = settings.duplicate_thresholds {
            out.threshold_probable = f64::from(probable) / 100.0;
            out.threshold_possible = f64::from(possible) / 100.0;
        }
        out.learn_weights = settings.duplicate_weights != Some(crate::core::records::DuplicateWeights::HandSet);
        out
    }
}

/// Checks thresholds typed in percent: 1 ≤ possible < probable ≤ 100.
pub fn check_thresholds(probable: u8, possible: u8) -> Result<(), String> {
    if !(1..=100).contains(&probable) || !(1..=100).contains(&possible) {
        return Err("Enter thresholds from 1 to 100 (percent).".into());
    }
    if possible >= probable {
        return Err("The possible-duplicate threshold must be below the probable one.".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_thresholds_are_stored_in_percent_and_optional() {
        let app = crate::core::records::Settings {
            duplicate_thresholds: Some((80, 40)),
            ..crate::core::records::Settings::default()
        };
        let s = DedupeSettings::for_app(&app);
        assert_eq!((s.threshold_probable, s.threshold_possible), (0.8, 0.4));
        // Settings written before the field existed read as the defaults.
        let mut json = serde_json::to_value(crate::core::records::Settings::default()).unwrap();
        assert!(json.get("duplicate_thresholds").is_none(), "the default is not written");
        let old: crate::core::records::Settings = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(old.duplicate_thresholds, None);
        json["duplicate_thresholds"] = serde_json::json!([80, 40]);
        let new: crate::core::records::Settings = serde_json::from_value(json).unwrap();
        assert_eq!(new, app);
        assert_eq!(check_thresholds(80, 40), Ok(()));
        assert!(check_thresholds(50, 50).is_err());
        assert!(check_thresholds(101, 40).is_err());
        assert!(check_thresholds(80, 0).is_err());
    }

    #[test]
    fn the_app_country_replaces_the_default_one() {
        let mut app = crate::core::records::Settings::default();
        assert_eq!(DedupeSettings::for_app(&app), DedupeSettings::default());
        app.default_country = "DE".into();
        assert_eq!(DedupeSettings::for_app(&app).default_country, "DE");
    }

    #[test]
    fn learned_weights_are_the_default_and_can_be_reset() {
        use crate::core::records::{DuplicateWeights, Settings};
        let mut app = Settings::default();
        assert!(DedupeSettings::for_app(&app).learn_weights);
        app.duplicate_weights = Some(DuplicateWeights::HandSet);
        assert!(!DedupeSettings::for_app(&app).learn_weights);
        // Stored as a word; settings written before the field read as learned.
        let json = serde_json::to_value(&app).unwrap();
        assert_eq!(json["duplicate_weights"], "hand_set");
        let mut old = json.clone();
        old.as_object_mut().unwrap().remove("duplicate_weights");
        let read: Settings = serde_json::from_value(old).unwrap();
        assert_eq!(read.duplicate_weights, None);
        assert!(serde_json::to_value(Settings::default()).unwrap().get("duplicate_weights").is_none());
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
