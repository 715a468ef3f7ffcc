//! The vCard reader on arbitrary bytes: it never panics, and every card it
//! reads, written back as vCard 4.0 and read again, is one card with the same
//! names, emails and phones.
#![no_main]

use chrono::{TimeZone, Utc};
use crm::core::import::vcard::{parse_vcard_bytes, parse_vcards, write_vcard};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(cards) = parse_vcard_bytes(data) else {
        return;
    };
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    for card in cards {
        let contact = card.contact.into_contact("fuzz".into(), now, None);
        let written = write_vcard(&contact, card.org.as_deref());
        let again = parse_vcards(&written).expect("the writer's output reads back");
        assert_eq!(again.len(), 1, "{written}");
        let back = again[0].contact.clone().into_contact("fuzz".into(), now, None);
        assert_eq!(back.given_name, contact.given_name, "{written}");
        assert_eq!(back.family_name, contact.family_name, "{written}");
        assert_eq!(back.emails, contact.emails, "{written}");
        assert_eq!(back.phones, contact.phones, "{written}");
    }
});
