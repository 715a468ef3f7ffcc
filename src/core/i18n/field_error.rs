//! Validation messages in the person's language. `core::validate` and
//! `core::forms` write them in English (files and the native tools read
//! them too); this maps each to its catalogue entry (`fields.error.*`).

use super::{fill, text, Locale};

/// A validation message of `core::validate` or `core::forms` in the
/// person's language. Core writes them in English (files and the native
/// tools read them too); a message this list does not know is shown as it
/// is.
pub fn field_error(locale: Locale, message: &str) -> String {
    use crate::core::forms as f;
    use crate::core::validate as v;
    let tag_message = format!("A tag has 1 to {} characters and no comma", v::MAX_TAG_LEN); // not text: core's message
    let key = match message {
        v::MSG_NEED_NAME => "fields.error.need_name",
        v::MSG_EMAIL => "fields.error.email",
        v::MSG_PHONE => "fields.error.phone",
        v::MSG_DOMAIN => "fields.error.domain",
        v::MSG_NEED_TITLE => "fields.error.need_title",
        v::MSG_UPDATED => "fields.error.updated",
        v::MSG_CURRENCY => "fields.error.currency",
        v::MSG_COUNTRY => "fields.error.country",
        v::MSG_BIRTHDAY_FUTURE => "fields.error.birthday_future",
        v::MSG_BIRTHDAY_1900 => "fields.error.birthday_1900",
        v::MSG_AMOUNT => "fields.error.amount",
        v::MSG_PROBABILITY => "fields.error.probability",
        v::MSG_STAGE => "fields.error.stage",
        v::MSG_CLOSED_NEEDED => "fields.error.closed_needed",
        v::MSG_CLOSED_OPEN => "fields.error.closed_open",
        v::MSG_CLOSED_BEFORE => "fields.error.closed_before",
        v::MSG_DURATION => "fields.error.duration",
        v::MSG_NO_DURATION => "fields.error.no_duration",
        v::MSG_EMPTY_NOTE => "fields.error.empty_note",
        v::MSG_CADENCE => "fields.error.cadence",
        v::MSG_DATE_LABEL => "fields.error.date_label",
        v::MSG_HISTORY_ORDER => "fields.error.history_order",
        v::MSG_NEED_STAGES => "fields.error.need_stages",
        v::MSG_STAGE_ID => "fields.error.stage_id",
        v::MSG_STAGE_NAME => "fields.error.stage_name",
        v::MSG_TAG_COLOUR => "fields.error.tag_colour",
        v::MSG_NOT_DUPLICATE_PAIR => "fields.error.not_duplicate_pair",
        v::MSG_WON_STAGE => "fields.error.won_stage",
        f::MSG_DATE => "fields.error.date",
        f::MSG_DAYS => "fields.error.days",
        f::MSG_AMOUNT_TEXT => "fields.error.amount_text",
        f::MSG_PROBABILITY_TEXT => "fields.error.probability_text",
        f::MSG_WHEN => "fields.error.when",
        f::MSG_MINUTES => "fields.error.minutes",
        f::MSG_DAY_MONTH => "fields.error.day_month",
        f::MSG_NO_SUCH_DAY => "fields.error.no_such_day",
        f::MSG_YEAR => "fields.error.year",
        "Choose a company from the list" => "fields.error.choose_company", // not text: core's message, matched
        "Enter the company's name" => "fields.error.company_name",         // not text: core's message, matched
        "Choose contacts from the list" => "fields.error.choose_contacts", // not text: core's message, matched
        "Choose a contact from the list" => "fields.error.choose_contact", // not text: core's message, matched
        "Choose a deal from the list" => "fields.error.choose_deal",       // not text: core's message, matched
        "The id must be a lower-case UUID" => "fields.error.id",           // not text: core's message, matched
        m if m == tag_message => {
            return fill(locale, "fields.error.tag", &[("max", &v::MAX_TAG_LEN.to_string())]);
        }
        "Enter thresholds from 1 to 100 (percent)." => "fields.error.thresholds", // not text: core's message, matched
        "The possible-duplicate threshold must be below the probable one." => "fields.error.threshold_order", // not text: core's message, matched
        m => {
            let max = m.strip_prefix("Use at most ").and_then(|r| r.strip_suffix(" characters")); // not text: core's message, matched
            if let Some(max) = max {
                return fill(locale, "fields.error.too_long", &[("max", max)]);
            }
            // The backup schedule's "Enter a number of days from 0 to 365" (`BackupSettings::from_texts`).
            let ranges = [
                ("Enter a number of days from ", "fields.error.range_days"), // not text: core's message, matched
                ("Enter a number of changes from ", "fields.error.range_changes"), // not text: core's message, matched
                ("Enter a number of minutes from ", "fields.error.range_minutes"), // not text: core's message, matched
                ("Enter a number of files from ", "fields.error.range_files"), // not text: core's message, matched
            ];
            for (prefix, key) in ranges {
                if let Some((min, max)) = m.strip_prefix(prefix).and_then(|r| r.split_once(" to ")) {
                    return fill(locale, key, &[("min", min), ("max", max)]);
                }
            }
            return m.to_string();
        }
    };
    text(locale, key).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::backup::files::BackupSettings;
    use crate::core::dedupe::settings::check_thresholds;
    use crate::core::validate as v;

    #[test]
    fn every_message_reads_the_same_in_english_and_is_translated() {
        let range = BackupSettings::from_texts("x", "x", "x", "x").unwrap_err();
        let mut messages: Vec<String> = range.into_iter().map(|e| e.message).collect();
        messages.push(check_thresholds(0, 0).unwrap_err());
        messages.push(check_thresholds(40, 80).unwrap_err());
        messages.push(v::MSG_EMAIL.into());
        messages.push("Use at most 200 characters".into());
        for m in &messages {
            assert_eq!(field_error(Locale::En, m), *m);
            assert_ne!(field_error(Locale::De, m), *m, "{m} has no German");
        }
        assert_eq!(
            field_error(Locale::De, "Enter a number of minutes from 1 to 1440"),
            "Geben Sie eine Anzahl von Minuten von 1 bis 1440 ein"
        );
        assert_eq!(field_error(Locale::Fr, "not one of core's"), "not one of core's");
    }
}
