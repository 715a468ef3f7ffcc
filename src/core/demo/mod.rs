//! Demo data: a seeded generator of realistic companies, contacts, deals,
//! activities and tasks, used by the "Load demo data" button (100 to 100,000
//! contacts) and by benchmarks.
//! It is deterministic: the same seed, contact count and `now` always give the
//! same records, because every random choice comes from [`DemoRng`] (SplitMix64)
//! and the time is passed in. Names, streets, cities, postal codes and phone
//! numbers follow the conventions of six countries (US, GB, DE, FR, ES, NL), and
//! about 2% of the contacts are near-duplicates of others (a nickname, a typo, an
//! email in other case, a phone number written differently) so that duplicate
//! detection has something to find.
//!
//! For N contacts there are about N/5 deals (60% open, 25% won, 15% lost),
//! 5N activities over the last two years (calls, emails, meetings, notes) and
//! N/20 tasks due within a month either way; contacts and companies get a
//! stage history that leads to their lifecycle stage. These come from a
//! second generator seeded from the same seed, so the people (names, emails,
//! phones) are the same as before these records existed.

mod people;
mod rng;
mod sales;
mod tables;
mod text;

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::core::dataset::Records;
use crate::core::records::{Activity, Company, Contact, Deal, Settings, Task};
use people::Gen;
pub use rng::DemoRng;
use sales::{enrich_people, generate_sales, Sales, SALES_SEED};
use tables::COUNTRIES;

/// Generated records: companies first, then the contacts that may refer to
/// them, then deals, activities and tasks linked to those.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoData {
    pub companies: Vec<Company>,
    pub contacts: Vec<Contact>,
    pub deals: Vec<Deal>,
    pub activities: Vec<Activity>,
    pub tasks: Vec<Task>,
    /// The initial settings, whose pipeline the deals use.
    pub settings: Settings,
}

impl DemoData {
    /// Everything, for [`Dataset::from_parts`](crate::core::dataset::Dataset::from_parts).
    pub fn into_records(self) -> Records {
        Records {
            companies: self.companies,
            contacts: self.contacts,
            deals: self.deals,
            activities: self.activities,
            tasks: self.tasks,
            settings: Some(self.settings),
        }
    }
}

/// Generates `contacts` contacts and about one company per ten of them (at
/// least 3, at most 10,000), with one deal per five contacts, five
/// activities per contact and one task per twenty. `now` is passed in (core
/// never reads the clock); every timestamp is a whole second no later than
/// `now`, except planned meetings (up to two weeks ahead) and tasks' due
/// dates (within 30 days either way). Same `(seed, contacts, now)` gives
/// identical output.
pub fn generate_demo(seed: u64, contacts: usize, now: DateTime<Utc>) -> DemoData {
    let mut g = Gen {
        rng: DemoRng::new(seed),
        now_s: now.timestamp(),
        now,
        emails: HashSet::with_capacity(contacts + contacts / 3 + 16),
        local: String::with_capacity(40),
    };
    let n_companies = (contacts / (8 + g.rng.index(5))).clamp(3, 10_000);
    let mut companies = Vec::with_capacity(n_companies);
    let mut infos = Vec::with_capacity(n_companies);
    let mut domains = HashSet::with_capacity(n_companies);
    for _ in 0..n_companies {
        let (company, info) = g.company(&mut domains);
        companies.push(company);
        infos.push(info);
    }

    let n_dups = contacts / 50;
    let n_orig = contacts - n_dups;
    let mut out = Vec::with_capacity(contacts);
    let mut countries = Vec::with_capacity(n_orig);
    for _ in 0..n_orig {
        let (contact, country) = g.contact(&companies, &infos);
        out.push(contact);
        countries.push(country);
    }
    // Each duplicate copies a different original: one drawn from each stratum.
    if let Some(stride) = n_orig.checked_div(n_dups) {
        for k in 0..n_dups {
            let i = k * stride + g.rng.index(stride);
            let dup = g.near_duplicate(&out[i], &COUNTRIES[countries[i]]);
            out.push(dup);
        }
    }
    // Fisher–Yates, so duplicates land anywhere (before or after their original).
    for i in (1..out.len()).rev() {
        let j = g.rng.index(i + 1);
        out.swap(i, j);
    }
    // The sales records draw from their own generator: the people above are
    // the same as before they existed (the dedupe benchmark relies on them).
    let mut rng = DemoRng::new(seed ^ SALES_SEED);
    let settings = Settings::initial(now);
    enrich_people(&mut rng, &mut companies, &mut out, g.now_s);
    let Sales { deals, activities, tasks } = generate_sales(&mut rng, &companies, &out, &settings, now);
    DemoData { companies, contacts: out, deals, activities, tasks, settings }
}

#[cfg(test)]
mod tests {
    use super::sales::TEAM;
    use super::tables::*;
    use super::text::*;
    use super::*;
    use crate::core::records::*;
    use chrono::TimeZone;
    use std::collections::HashMap;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 14, 15, 9, 26).unwrap() + chrono::Duration::milliseconds(535)
    }

    fn uuid_shaped(s: &str) -> bool {
        s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            })
    }

    fn country(code: &str) -> &'static Country {
        COUNTRIES.iter().find(|c| c.code == code).unwrap()
    }

    fn all_strings(d: &DemoData) -> Vec<&str> {
        let mut out = Vec::new();
        for co in &d.companies {
            out.extend([co.name.as_str(), &co.domain, &co.industry, &co.notes]);
            out.extend(co.tags.iter().map(String::as_str));
            if let Some(a) = &co.address {
                out.extend([a.street.as_str(), &a.city, &a.region, &a.postal_code, &a.country]);
            }
        }
        for c in &d.contacts {
            out.extend([c.given_name.as_str(), &c.family_name, &c.job_title, &c.source, &c.notes]);
            out.extend(c.tags.iter().map(String::as_str));
            out.extend(c.emails.iter().map(|e| e.address.as_str()));
            out.extend(c.phones.iter().map(|p| p.number.as_str()));
            for a in &c.addresses {
                out.extend([a.street.as_str(), &a.city, &a.region, &a.postal_code, &a.country]);
            }
        }
        out
    }

    #[test]
    fn same_seed_gives_same_data_and_other_seeds_differ() {
        let a = generate_demo(7, 500, now());
        let b = generate_demo(7, 500, now());
        assert_eq!(a, b);
        let c = generate_demo(8, 500, now());
        assert_ne!(a.contacts, c.contacts);
        assert_ne!(a.companies, c.companies);
    }

    #[test]
    fn gives_exactly_the_requested_count_and_about_one_company_per_ten() {
        for n in [0, 1, 7, 49, 50, 100, 1000, 2345] {
            let d = generate_demo(n as u64, n, now());
            assert_eq!(d.contacts.len(), n);
            assert!(d.companies.len() >= 3);
        }
        let d = generate_demo(1, 1000, now());
        assert!((83..=125).contains(&d.companies.len()), "{}", d.companies.len());
    }

    #[test]
    fn ids_are_unique_lower_case_uuids() {
        let d = generate_demo(3, 3000, now());
        let mut seen = HashSet::new();
        for id in d.companies.iter().map(|c| &c.id).chain(d.contacts.iter().map(|c| &c.id)) {
            assert!(uuid_shaped(id), "{id}");
            assert_eq!(&id[14..15], "4");
            assert!(seen.insert(id.clone()), "duplicate id {id}");
        }
        let mut rng = DemoRng::new(0);
        assert!(uuid_shaped(&rng.uuid()));
    }

    #[test]
    fn company_ids_refer_to_generated_companies() {
        let d = generate_demo(4, 1000, now());
        let ids: HashSet<&str> = d.companies.iter().map(|c| c.id.as_str()).collect();
        let with_company = d.contacts.iter().filter(|c| c.company_id.is_some()).count();
        assert!((750..=950).contains(&with_company), "{with_company}");
        for c in &d.contacts {
            if let Some(id) = &c.company_id {
                assert!(ids.contains(id.as_str()));
            }
        }
        // Most company contacts have an email at the company's domain.
        let domains: HashMap<&str, &str> = d.companies.iter().map(|c| (c.id.as_str(), c.domain.as_str())).collect();
        let at_company = d
            .contacts
            .iter()
            .filter(|c| {
                c.company_id.as_deref().is_some_and(|id| {
                    let suffix = format!("@{}", domains[id]);
                    c.emails.iter().any(|e| e.address.to_ascii_lowercase().ends_with(&suffix))
                })
            })
            .count();
        assert!(at_company * 100 >= with_company * 95, "{at_company} of {with_company}");
    }

    #[test]
    fn emails_and_domains_are_well_formed() {
        let d = generate_demo(5, 2000, now());
        for co in &d.companies {
            assert!(co.domain.contains('.'));
            assert!(co.domain.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
            assert!(!co.domain.starts_with('-') && !co.domain.contains("-."), "{}", co.domain);
        }
        let mut seen = HashMap::new();
        for c in &d.contacts {
            assert!((1..=2).contains(&c.emails.len()));
            assert!(c.phones.len() <= 2 && c.addresses.len() <= 1 && c.tags.len() <= 3);
            for e in &c.emails {
                let (local, domain) = e.address.split_once('@').expect("an @");
                assert!(!local.is_empty() && local.is_ascii() && !local.contains(' '), "{}", e.address);
                assert!(!domain.contains('@') && !domain.contains(' '), "{}", e.address);
                let dot = domain.rfind('.').expect("a dot in the domain");
                assert!(dot > 0 && domain.len() - dot > 2, "{}", e.address);
                *seen.entry(e.address.to_ascii_lowercase()).or_insert(0) += 1;
            }
        }
        // Only near-duplicates share an address.
        let shared = seen.values().filter(|&&n| n > 1).count();
        assert!(shared <= d.contacts.len() / 25, "{shared}");
    }

    #[test]
    fn timestamps_are_whole_seconds_in_the_past_and_ordered() {
        let now = now();
        let d = generate_demo(6, 2000, now);
        let times = d.contacts.iter().map(|c| (c.created, c.updated));
        for (created, updated) in times.chain(d.companies.iter().map(|c| (c.created, c.updated))) {
            assert!(created <= updated && updated <= now);
            assert!(created >= now - chrono::Duration::days(3 * 366));
            assert_eq!(created.timestamp_subsec_nanos(), 0);
        }
        let birthdays: Vec<_> = d.contacts.iter().filter_map(|c| c.birthday).collect();
        assert!((600..=1000).contains(&birthdays.len()), "{}", birthdays.len());
        assert!(birthdays.iter().all(|b| b.year().is_some_and(|y| (1950..=2004).contains(&y))));
    }

    #[test]
    fn strings_are_trimmed_and_single_spaced() {
        let d = generate_demo(9, 3000, now());
        for s in all_strings(&d) {
            assert_eq!(s, s.trim(), "{s:?}");
            assert!(!s.contains("  "), "{s:?}");
        }
    }

    #[test]
    fn names_include_non_ascii_and_emails_are_transliterated() {
        let d = generate_demo(10, 1000, now());
        let non_ascii = d.contacts.iter().filter(|c| !c.given_name.is_ascii() || !c.family_name.is_ascii()).count();
        assert!(non_ascii >= 50, "{non_ascii}");
        let mut local = String::new();
        push_local(&mut local, "Zoë");
        local.push('.');
        push_local(&mut local, "Müller");
        assert_eq!(local, "zoe.mueller");
        local.clear();
        push_local(&mut local, "van den Berg");
        push_local(&mut local, "O'Brien");
        push_local(&mut local, "Jean-Luc");
        push_local(&mut local, "Łukasz Ødegaard Núñez Weiß");
        assert_eq!(local, "vandenbergobrienjean-luclukaszoedegaardnunezweiss");
        let mut slug = String::new();
        push_domain_slug(&mut slug, "Nordwind Logistik");
        slug.push('|');
        push_domain_slug(&mut slug, "van Dijk & de Vries Amsterdam");
        slug.push('|');
        push_domain_slug(&mut slug, "Éditions Lefèvre");
        assert_eq!(slug, "nordwind-logistik|van-dijk-de-vries-amsterdam|editions-lefevre");
        assert_eq!(strip_accents("Ødegaard Müller Weiß Álvaro"), "Odegaard Muller Weiss Alvaro");
    }

    #[test]
    fn all_countries_appear_with_matching_postal_codes() {
        let d = generate_demo(11, 1000, now());
        let addresses: Vec<&Address> = d
            .contacts
            .iter()
            .flat_map(|c| &c.addresses)
            .chain(d.companies.iter().filter_map(|c| c.address.as_ref()))
            .collect();
        let codes: HashSet<&str> = addresses.iter().map(|a| a.country.as_str()).collect();
        for code in ["US", "GB", "DE", "FR", "ES", "NL"] {
            assert!(codes.contains(code), "{code} missing");
        }
        for a in addresses {
            let p = a.postal_code.as_bytes();
            let ok = match a.country.as_str() {
                "US" | "DE" | "FR" | "ES" => p.len() == 5 && p.iter().all(u8::is_ascii_digit),
                "NL" => {
                    p.len() == 7
                        && p[..4].iter().all(u8::is_ascii_digit)
                        && p[4] == b' '
                        && p[5..].iter().all(u8::is_ascii_uppercase)
                }
                "GB" => {
                    let (out, inward) = a.postal_code.split_once(' ').unwrap();
                    (2..=4).contains(&out.len())
                        && inward.len() == 3
                        && inward.as_bytes()[0].is_ascii_digit()
                        && inward.as_bytes()[1..].iter().all(u8::is_ascii_uppercase)
                }
                other => panic!("unexpected country {other}"),
            };
            assert!(ok, "{a:?}");
            assert!(!a.street.is_empty() && !a.city.is_empty() && !a.region.is_empty());
        }
    }

    #[test]
    fn phones_follow_national_formats() {
        let f =
            |code: &str, nsn: &str, area: usize, intl: bool| format_phone(country(code), nsn.as_bytes(), area, intl);
        assert_eq!(f("US", "4155550142", 3, false), "(415) 555-0142");
        assert_eq!(f("US", "4155550142", 3, true), "+1 415 555 0142");
        assert_eq!(f("GB", "2079460958", 2, true), "+44 20 7946 0958");
        assert_eq!(f("GB", "1614960123", 3, false), "0161 496 0123");
        assert_eq!(f("GB", "7700900123", 4, true), "+44 7700 900123");
        assert_eq!(f("DE", "301234567", 2, true), "+49 30 1234567");
        assert_eq!(f("DE", "15123456789", 3, false), "0151 23456789");
        assert_eq!(f("FR", "123456789", 1, true), "+33 1 23 45 67 89");
        assert_eq!(f("FR", "612345678", 1, false), "06 12 34 56 78");
        assert_eq!(f("ES", "912345678", 2, true), "+34 912 345 678");
        assert_eq!(f("ES", "912345678", 2, false), "912 34 56 78");
        assert_eq!(f("NL", "201234567", 2, true), "+31 20 123 4567");
        assert_eq!(f("NL", "612345678", 1, false), "06 12345678");
        assert_eq!(alt_phone(country("GB"), "+44 20 7946 0958"), "02079460958");
        assert_eq!(alt_phone(country("GB"), "020 7946 0958"), "+442079460958");
        assert_eq!(alt_phone(country("US"), "+1 415 555 0142"), "415-555-0142");
        assert_eq!(alt_phone(country("US"), "(415) 555-0142"), "+14155550142");
        assert_eq!(alt_phone(country("ES"), "912 34 56 78"), "+34912345678");

        let d = generate_demo(12, 1000, now());
        let phones: Vec<&str> = d.contacts.iter().flat_map(|c| &c.phones).map(|p| p.number.as_str()).collect();
        assert!(phones.len() > 800, "{}", phones.len());
        for p in phones {
            let digits = p.bytes().filter(u8::is_ascii_digit).count();
            assert!((9..=13).contains(&digits), "{p}");
            assert!(p.bytes().all(|b| b.is_ascii_digit() || b" +()-".contains(&b)), "{p}");
        }
    }

    /// Pairs of contacts sharing a lower-cased email or the last eight digits of a phone.
    fn linked_pairs(contacts: &[Contact]) -> HashSet<(usize, usize)> {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in contacts.iter().enumerate() {
            let mut keys: Vec<String> = c.emails.iter().map(|e| e.address.to_ascii_lowercase()).collect();
            for p in &c.phones {
                let digits: String = p.number.chars().filter(char::is_ascii_digit).collect();
                keys.push(format!("tel:{}", &digits[digits.len() - 8..]));
            }
            keys.sort();
            keys.dedup();
            for k in keys {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut pairs = HashSet::new();
        for v in by_key.values() {
            for (n, &i) in v.iter().enumerate() {
                for &j in &v[n + 1..] {
                    pairs.insert((i, j));
                }
            }
        }
        pairs
    }

    #[test]
    fn about_two_percent_are_near_duplicates_spread_through_the_list() {
        for seed in [13, 14, 15] {
            let d = generate_demo(seed, 2000, now());
            let pairs = linked_pairs(&d.contacts);
            assert!((20..=80).contains(&pairs.len()), "{} pairs", pairs.len());
            for &(i, j) in &pairs {
                let (a, b) = (&d.contacts[i], &d.contacts[j]);
                assert_ne!(a.id, b.id);
                assert_ne!((&a.given_name, &a.family_name), (&b.given_name, &b.family_name));
                assert_eq!(a.company_id, b.company_id);
            }
            // Not all at the end: some pair has its later record in the first half.
            assert!(pairs.iter().any(|&(_, j)| j < 1000));
        }
    }

    #[test]
    fn sales_records_are_deterministic() {
        let a = generate_demo(21, 400, now());
        let b = generate_demo(21, 400, now());
        assert_eq!(a, b);
        assert_ne!(a.activities, generate_demo(22, 400, now()).activities);
        // The people do not depend on the sales records drawn after them.
        let later = generate_demo(21, 400, now() + chrono::Duration::days(1));
        assert_eq!(a.contacts[0].emails, later.contacts[0].emails);
    }

    #[test]
    fn proportions_of_deals_activities_and_tasks() {
        let d = generate_demo(23, 1000, now());
        assert!((190..=200).contains(&d.deals.len()), "{}", d.deals.len());
        assert_eq!(d.activities.len(), 5000);
        assert_eq!(d.tasks.len(), 50);
        let share = |n: usize, of: usize| n * 100 / of.max(1);
        let status = |s: DealStatus| d.deals.iter().filter(|x| x.status == s).count();
        assert!((50..=70).contains(&share(status(DealStatus::Open), d.deals.len())));
        assert!((17..=33).contains(&share(status(DealStatus::Won), d.deals.len())));
        assert!((8..=22).contains(&share(status(DealStatus::Lost), d.deals.len())));
        let kind = |k: ActivityKind| share(d.activities.iter().filter(|a| a.kind == k).count(), 5000);
        assert!((31..=39).contains(&kind(ActivityKind::Call)), "{}", kind(ActivityKind::Call));
        assert!((31..=39).contains(&kind(ActivityKind::Email)));
        assert!((12..=18).contains(&kind(ActivityKind::Meeting)));
        assert!((12..=18).contains(&kind(ActivityKind::Note)));
        let with_deal = share(d.activities.iter().filter(|a| a.deal_id.is_some()).count(), 5000);
        assert!((15..=32).contains(&with_deal), "{with_deal}");
        let open_tasks = d.tasks.iter().filter(|t| t.done_at.is_none()).count();
        assert!((25..=45).contains(&open_tasks), "{open_tasks}");
        let count = |f: &dyn Fn(&Contact) -> bool| d.contacts.iter().filter(|c| f(c)).count();
        assert!((20..=85).contains(&count(&|c| c.cadence_days.is_some())));
        assert!((8..=60).contains(&count(&|c| !c.important_dates.is_empty())));
        assert!((60..=140).contains(&count(&|c| !c.owner.is_empty())));
        let owners: HashSet<&str> = d.activities.iter().map(|a| a.owner.as_str()).collect();
        assert!(owners.iter().all(|o| TEAM.contains(o)));
        let amounts: Vec<i64> = d.deals.iter().map(|x| x.amount_cents).collect();
        assert!(amounts.iter().all(|&a| (50_000..=25_000_000).contains(&a) && a % 5_000 == 0), "{amounts:?}");
        let mut sorted = amounts.clone();
        sorted.sort_unstable();
        let median = sorted[sorted.len() / 2];
        assert!((500_000..=3_000_000).contains(&median), "{median}");
    }

    #[test]
    fn deals_activities_and_tasks_link_to_existing_records() {
        let d = generate_demo(24, 1000, now());
        let contacts: HashMap<&str, &Contact> = d.contacts.iter().map(|c| (c.id.as_str(), c)).collect();
        let companies: HashSet<&str> = d.companies.iter().map(|c| c.id.as_str()).collect();
        let deals: HashMap<&str, &Deal> = d.deals.iter().map(|x| (x.id.as_str(), x)).collect();
        for deal in &d.deals {
            let company = deal.company_id.as_deref().unwrap();
            assert!(companies.contains(company));
            assert!((1..=3).contains(&deal.contact_ids.len()));
            for id in &deal.contact_ids {
                assert_eq!(contacts[id.as_str()].company_id.as_deref(), Some(company), "a contact of the company");
            }
            assert!(d.settings.stage(&deal.stage).is_some());
            assert!(crate::core::validate::validate_deal(deal, &d.settings).is_empty(), "{deal:?}");
            let expected = match deal.status {
                DealStatus::Open => d.settings.stage(&deal.stage).unwrap().probability,
                DealStatus::Won => 100,
                DealStatus::Lost => 0,
            };
            assert_eq!(deal.probability, expected);
            assert_eq!(deal.lost_reason.is_empty(), deal.status != DealStatus::Lost);
        }
        for a in &d.activities {
            assert_eq!(a.contact_ids.len(), 1);
            let c = contacts[a.contact_ids[0].as_str()];
            assert_eq!(a.company_id, c.company_id);
            if let Some(deal) = &a.deal_id {
                assert_eq!(deals[deal.as_str()].company_id, a.company_id);
            }
            assert!(crate::core::validate::validate_activity(a).is_empty(), "{a:?}");
        }
        for t in &d.tasks {
            assert!(t.contact_id.is_some() != t.deal_id.is_some());
            assert!(t.contact_id.as_deref().is_none_or(|id| contacts.contains_key(id)));
            assert!(t.deal_id.as_deref().is_none_or(|id| deals.contains_key(id)));
            assert!(t.company_id.as_deref().is_none_or(|id| companies.contains(id)));
            assert!(crate::core::validate::validate_task(t).is_empty(), "{t:?}");
        }
        // The whole lot loads as one dataset.
        let data = crate::core::dataset::Dataset::from_parts(d.clone().into_records()).unwrap();
        assert_eq!(data.activities().len(), 5000);
        assert_eq!(data.settings(), &d.settings);
    }

    #[test]
    fn stage_histories_lead_to_the_current_stage() {
        let d = generate_demo(25, 1000, now());
        let today = now().date_naive();
        let people = d.contacts.iter().map(|c| (&c.stage_history, c.lifecycle_stage, c.created, c.updated));
        let firms = d.companies.iter().map(|c| (&c.stage_history, c.lifecycle_stage, c.created, c.updated));
        for (history, stage, created, updated) in people.chain(firms) {
            assert_eq!(history[0], StageChange { from: None, to: LifecycleStage::Reach, at: created });
            assert_eq!(history.last().unwrap().to, stage);
            for w in history.windows(2) {
                assert_eq!(w[1].from, Some(w[0].to));
                assert!(w[0].at <= w[1].at && w[1].at <= updated && updated <= now());
            }
        }
        for c in &d.contacts {
            assert_eq!(c.lead_status.is_some(), c.lifecycle_stage == LifecycleStage::Acquisition);
            assert!(crate::core::validate::validate_contact(c, today).is_empty(), "{c:?}");
        }
        let lost_via_conversion = d
            .contacts
            .iter()
            .filter(|c| c.lifecycle_stage == LifecycleStage::Lost)
            .any(|c| c.stage_history.iter().any(|s| s.to == LifecycleStage::Conversion));
        assert!(lost_via_conversion);
    }

    #[test]
    fn only_planned_meetings_and_due_dates_are_ahead_of_now() {
        let now = now();
        let d = generate_demo(26, 2000, now);
        let ahead: Vec<&Activity> = d.activities.iter().filter(|a| a.at > now).collect();
        assert!(!ahead.is_empty() && ahead.len() < 100, "{}", ahead.len());
        for a in &ahead {
            assert_eq!(a.kind, ActivityKind::Meeting);
            assert!(a.at <= now + chrono::Duration::days(15) && a.outcome.is_empty());
        }
        for a in &d.activities {
            assert!(a.created <= now && a.updated <= now && a.at >= now - chrono::Duration::days(731));
            assert_eq!(a.at.timestamp_subsec_nanos(), 0);
        }
        for x in &d.deals {
            assert!(x.created <= x.updated && x.updated <= now);
            assert!(x.closed.is_none_or(|c| x.created <= c && c <= now));
        }
        let today = now.date_naive();
        for t in &d.tasks {
            assert!(t.created <= t.updated && t.updated <= now);
            let due = t.due.unwrap();
            assert!((today - chrono::Duration::days(30)..=today + chrono::Duration::days(30)).contains(&due));
        }
        assert!(d.tasks.iter().any(|t| t.due == Some(today)));
    }

    #[test]
    fn every_lifecycle_stage_appears() {
        let stages: HashSet<LifecycleStage> =
            generate_demo(16, 1000, now()).contacts.iter().map(|c| c.lifecycle_stage).collect();
        assert_eq!(stages.len(), LifecycleStage::ALL.len());
    }
}
