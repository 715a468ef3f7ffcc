//! The data audit: how complete the records are, which values look
//! unnormalised (with the fix [`super::normalize`] suggests), which contacts
//! have gone quiet, and the work list of incomplete contacts. One pass over
//! the contacts and companies; "last contacted" comes from the caller (the
//! same pass over activities the reports use).

use chrono::{DateTime, Utc};

use super::dataset::Dataset;
use super::normalize::{suggest_company, suggest_contact, FixReason, Suggestion};
use super::records::{Company, Contact};

/// A field people expect filled, and how many records lack it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completeness {
    pub field: &'static str,
    pub missing: usize,
    /// Positions of the first records missing it (at most [`LISTED`]).
    pub first: Vec<u32>,
}

/// How many records each list of the audit names.
pub const LISTED: usize = 100;

/// A checked field: its name and how to tell it is empty.
type Check<T> = (&'static str, fn(&T) -> bool);

/// The contact fields the audit checks.
const CONTACT_FIELDS: [Check<Contact>; 7] = [
    ("email", |c| c.emails.iter().all(|e| e.address.trim().is_empty())),
    ("phone", |c| c.phones.iter().all(|p| p.number.trim().is_empty())),
    ("company", |c| c.company_id.is_none()),
    ("address", |c| c.addresses.is_empty()),
    ("job title", |c| c.job_title.trim().is_empty()),
    ("owner", |c| c.owner.trim().is_empty()),
    ("source", |c| c.source.trim().is_empty()),
];

const COMPANY_FIELDS: [Check<Company>; 5] = [
    ("web domain", |c| c.domain.trim().is_empty()),
    ("industry", |c| c.industry.trim().is_empty()),
    ("size", |c| c.size.is_none()),
    ("address", |c| c.address.as_ref().is_none_or(|a| a.city.is_empty() && a.country.is_empty())),
    ("owner", |c| c.owner.trim().is_empty()),
];

/// A value with a suggested fix, on a contact or a company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixable {
    /// Position in the contacts or companies.
    pub position: u32,
    pub company: bool,
    pub suggestion: Suggestion,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audit {
    pub contacts: usize,
    pub companies: usize,
    pub contact_fields: Vec<Completeness>,
    pub company_fields: Vec<Completeness>,
    /// How many values have a suggested fix, per reason, most first.
    pub fixable_by_reason: Vec<(FixReason, usize)>,
    /// The first [`LISTED`] fixable values (contacts first).
    pub fixable: Vec<Fixable>,
    pub fixable_total: usize,
    /// Contacts with no call, email or meeting since `stale_before` (or ever).
    pub stale: usize,
    pub stale_first: Vec<u32>,
    /// Contacts missing an email and a phone, or a company (the work list),
    /// in list order.
    pub incomplete: Vec<u32>,
}

/// Audits `data`. `last` holds each contact's last call, email or meeting
/// (by position, as [`super::timeline::last_contacted`] gives it); a contact
/// is stale when that is before `stale_before` or missing. Phone fixes use
/// `default_country` when the contact's address has no country.
pub fn audit(
    data: &Dataset,
    last: &[Option<DateTime<Utc>>],
    stale_before: DateTime<Utc>,
    default_country: &str,
) -> Audit {
    let contacts = data.contacts();
    let companies = data.companies();
    let mut contact_fields: Vec<Completeness> =
        CONTACT_FIELDS.iter().map(|(f, _)| Completeness { field: f, missing: 0, first: Vec::new() }).collect();
    let mut company_fields: Vec<Completeness> =
        COMPANY_FIELDS.iter().map(|(f, _)| Completeness { field: f, missing: 0, first: Vec::new() }).collect();
    let mut reasons: Vec<(FixReason, usize)> = Vec::new();
    let mut fixable = Vec::new();
    let mut fixable_total = 0;
    let mut note = |position: usize, company: bool, list: Vec<Suggestion>| {
        for s in list {
            fixable_total += 1;
            match reasons.iter_mut().find(|(r, _)| *r == s.reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((s.reason, 1)),
            }
            if fixable.len() < LISTED {
                fixable.push(Fixable { position: position as u32, company, suggestion: s });
            }
        }
    };
    let (mut stale, mut stale_first, mut incomplete) = (0, Vec::new(), Vec::new());
    for (i, c) in contacts.iter().enumerate() {
        let mut lacks = [false; CONTACT_FIELDS.len()];
        for (k, (_, empty)) in CONTACT_FIELDS.iter().enumerate() {
            if empty(c) {
                lacks[k] = true;
                let f = &mut contact_fields[k];
                f.missing += 1;
                if f.first.len() < LISTED {
                    f.first.push(i as u32);
                }
            }
        }
        if (lacks[0] && lacks[1]) || lacks[2] {
            incomplete.push(i as u32);
        }
        if last.get(i).copied().flatten().is_none_or(|t| t < stale_before) {
            stale += 1;
            if stale_first.len() < LISTED {
                stale_first.push(i as u32);
            }
        }
        note(i, false, suggest_contact(c, default_country));
    }
    for (i, c) in companies.iter().enumerate() {
        for (k, (_, empty)) in COMPANY_FIELDS.iter().enumerate() {
            if empty(c) {
                let f = &mut company_fields[k];
                f.missing += 1;
                if f.first.len() < LISTED {
                    f.first.push(i as u32);
                }
            }
        }
        note(i, true, suggest_company(c));
    }
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.english().cmp(b.0.english())));
    Audit {
        contacts: contacts.len(),
        companies: companies.len(),
        contact_fields,
        company_fields,
        fixable_by_reason: reasons,
        fixable,
        fixable_total,
        stale,
        stale_first,
        incomplete,
    }
}

/// Every suggested fix of the contacts and companies with `reason`, as the
/// records with those fixes applied (one change each), for "Fix all".
pub fn fix_all(data: &Dataset, reason: FixReason, default_country: &str) -> (Vec<Contact>, Vec<Company>) {
    use super::normalize::{apply_to_company, apply_to_contact};
    let mut contacts = Vec::new();
    for c in data.contacts() {
        let fixes: Vec<Suggestion> =
            suggest_contact(c, default_country).into_iter().filter(|s| s.reason == reason).collect();
        if !fixes.is_empty() {
            let mut fixed = c.clone();
            for s in &fixes {
                apply_to_contact(&mut fixed, s);
            }
            contacts.push(fixed);
        }
    }
    let mut companies = Vec::new();
    for c in data.companies() {
        let fixes: Vec<Suggestion> = suggest_company(c).into_iter().filter(|s| s.reason == reason).collect();
        if !fixes.is_empty() {
            let mut fixed = c.clone();
            for s in &fixes {
                apply_to_company(&mut fixed, s);
            }
            companies.push(fixed);
        }
    }
    (contacts, companies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{Email, Phone};
    use chrono::TimeZone;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, day, 8, 0, 0).unwrap()
    }

    /// Three contacts and one company, written out:
    /// - ann: email, phone, company; job title, owner and source empty; name "ANN" (capitals fix)
    /// - bob: no email, no phone, no company (incomplete); contacted on 10 May
    /// - cy:  email only, no company (incomplete); email "Cy@Example.COM" (case fix)
    /// - acme: domain "https://acme.example/" (bare-domain fix), no industry, size, address, owner
    fn data() -> Dataset {
        let mut acme = Company::blank("acme".into(), t(1));
        acme.name = "Acme".into();
        acme.domain = "https://acme.example/".into();
        let mut ann = Contact::blank("ann".into(), t(1));
        ann.given_name = "ANN".into();
        ann.family_name = "Lee".into();
        ann.emails = vec![Email { address: "ann@acme.example".into(), ..Default::default() }];
        ann.phones = vec![Phone { number: "+442079460958".into(), ..Default::default() }];
        ann.company_id = Some("acme".into());
        let mut bob = Contact::blank("bob".into(), t(1));
        bob.given_name = "Bob".into();
        let mut cy = Contact::blank("cy".into(), t(1));
        cy.given_name = "Cy".into();
        cy.emails = vec![Email { address: "Cy@Example.COM".into(), ..Default::default() }];
        Dataset::from_records(vec![acme], vec![ann, bob, cy]).unwrap()
    }

    fn pos(data: &Dataset, id: &str) -> u32 {
        data.contacts().iter().position(|c| c.id == id).unwrap() as u32
    }

    #[test]
    fn counts_by_hand() {
        let data = data();
        let mut last = vec![None; 3];
        last[pos(&data, "bob") as usize] = Some(t(10));
        let a = audit(&data, &last, t(5), "GB");
        assert_eq!((a.contacts, a.companies), (3, 1));
        let missing: Vec<(&str, usize)> = a.contact_fields.iter().map(|f| (f.field, f.missing)).collect();
        assert_eq!(
            missing,
            [("email", 1), ("phone", 2), ("company", 2), ("address", 3), ("job title", 3), ("owner", 3), ("source", 3)]
        );
        assert_eq!(a.contact_fields[0].first, [pos(&data, "bob")]);
        let company: Vec<(&str, usize)> = a.company_fields.iter().map(|f| (f.field, f.missing)).collect();
        assert_eq!(company, [("web domain", 0), ("industry", 1), ("size", 1), ("address", 1), ("owner", 1)]);
        // Bob was contacted after the cut-off; Ann and Cy never were.
        assert_eq!(a.stale, 2);
        assert!(!a.stale_first.contains(&pos(&data, "bob")));
        let mut incomplete = a.incomplete.clone();
        incomplete.sort();
        let mut want = vec![pos(&data, "bob"), pos(&data, "cy")];
        want.sort();
        assert_eq!(incomplete, want);
        // ANN → Ann, Cy@Example.COM → Cy@example.com, the company's bare domain.
        assert_eq!(a.fixable_total, 3);
        let fields: Vec<(&str, bool)> = a.fixable.iter().map(|f| (f.suggestion.field.as_str(), f.company)).collect();
        assert!(fields.contains(&("given_name", false)) && fields.contains(&("emails[0].address", false)));
        assert!(fields.contains(&("domain", true)));
        assert_eq!(a.fixable_by_reason.iter().map(|(_, n)| n).sum::<usize>(), 3);
    }

    #[test]
    fn fix_all_fixes_one_reason_everywhere() {
        let data = data();
        let a = audit(&data, &[], t(5), "GB");
        let reason = a.fixable.iter().find(|f| f.suggestion.field == "domain").unwrap().suggestion.reason;
        let (contacts, companies) = fix_all(&data, reason, "GB");
        assert!(contacts.is_empty());
        assert_eq!(companies.len(), 1);
        assert_eq!(companies[0].domain, "acme.example");
        let empty = audit(&Dataset::default(), &[], t(5), "GB");
        assert_eq!((empty.contacts, empty.fixable_total, empty.stale), (0, 0, 0));
    }
}
