//! Companies and contacts: names, emails, phones and addresses that follow
//! each country's conventions, and near-duplicates of some contacts (a
//! nickname, a typo, an email in other case, a phone written differently).

use std::collections::HashSet;
use std::fmt::Write;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::rng::DemoRng;
use super::tables::*;
use super::text::*;
use crate::core::hash::hash_bytes;
use crate::core::records::*;

// Generator

pub(super) struct CompanyInfo {
    pub(super) country: usize,
    /// Work email pattern: 0 given.family, 1 gfamily, 2 g.family, 3 given.
    pub(super) pattern: u8,
}

pub(super) struct Gen {
    pub(super) rng: DemoRng,
    pub(super) now_s: i64,
    pub(super) now: DateTime<Utc>,
    /// Hashes of the email addresses handed out, to avoid accidental reuse.
    pub(super) emails: HashSet<u64>,
    /// Scratch buffer for email local parts.
    pub(super) local: String,
}

pub(super) const THREE_YEARS: u64 = 3 * 365 * 86_400;

impl Gen {
    fn country(&mut self) -> usize {
        self.rng.weighted(&COUNTRY_WEIGHTS)
    }

    fn stage(&mut self) -> LifecycleStage {
        LifecycleStage::ALL[self.rng.weighted(&STAGE_WEIGHTS)]
    }

    fn time(&mut self, secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or(self.now)
    }

    /// (created, updated): created within three years, updated between it and now.
    fn times(&mut self) -> (DateTime<Utc>, DateTime<Utc>) {
        let created = self.now_s - self.rng.below(THREE_YEARS) as i64;
        let updated = if self.rng.chance(30) {
            created
        } else {
            created + self.rng.below((self.now_s - created) as u64 + 1) as i64
        };
        (self.time(created), self.time(updated))
    }

    fn tags(&mut self, list: &[&str]) -> Vec<String> {
        let n = self.rng.weighted(&TAG_COUNT_WEIGHTS);
        let mut mask = 0u32;
        while (mask.count_ones() as usize) < n {
            mask |= 1 << self.rng.index(list.len());
        }
        (0..list.len()).filter(|i| mask & (1 << i) != 0).map(|i| list[i].to_string()).collect()
    }

    fn notes(&mut self, list: &[&str], percent: u64) -> String {
        if !self.rng.chance(percent) {
            return String::new();
        }
        let first = self.rng.pick(list);
        let second = self.rng.pick(list);
        if first != second && self.rng.chance(30) {
            format!("{first} {second}")
        } else {
            first.to_string()
        }
    }

    fn address(&mut self, c: &Country, city: &City, kind: AddressKind) -> Address {
        let street = self.rng.pick(c.streets);
        let number = 1 + self.rng.below(if c.code == "US" { 4999 } else { 180 });
        let street = match c.code {
            "DE" | "NL" => format!("{street} {number}"),
            "ES" => format!("{street}, {number}"),
            _ => format!("{number} {street}"),
        };
        let alternatives = city.postal.split('|').count();
        let pattern = city.postal.split('|').nth(self.rng.index(alternatives)).unwrap_or("");
        let mut postal_code = String::with_capacity(pattern.len());
        for ch in pattern.chars() {
            match ch {
                '#' => postal_code.push(char::from(b'0' + self.rng.below(10) as u8)),
                '?' => postal_code.push(char::from(self.rng.pick(POSTAL_LETTERS))),
                _ => postal_code.push(ch),
            }
        }
        Address {
            kind,
            street,
            street2: String::new(),
            city: city.name.to_string(),
            region: city.region.to_string(),
            postal_code,
            country: c.code.to_string(),
        }
    }

    fn phone(&mut self, c: &Country, city: &City, mobile: bool, intl: bool) -> String {
        let area = if mobile && !c.mobile.is_empty() { self.rng.pick(c.mobile) } else { city.area };
        let len = if mobile { c.mobile_len } else { c.nsn_len } + self.rng.below(c.nsn_extra + 1) as usize;
        let mut nsn = [0u8; 12];
        nsn[..area.len()].copy_from_slice(area.as_bytes());
        for (i, d) in nsn.iter_mut().enumerate().take(len).skip(area.len()) {
            let first = i == area.len();
            *d = if first { b'2' + self.rng.below(8) as u8 } else { b'0' + self.rng.below(10) as u8 };
        }
        format_phone(c, &nsn[..len], area.len(), intl)
    }

    /// Builds a base name (no legal suffix) into `name`; returns the industry.
    fn base_name(&mut self, c: &Country, name: &mut String) -> &'static str {
        let roll = self.rng.below(100);
        if roll < 50 {
            let (field, industry) = self.rng.pick(c.fields);
            name.push_str(self.rng.pick(c.words));
            name.push(' ');
            name.push_str(field);
            industry
        } else if roll < 68 {
            let (field, industry) = self.rng.pick(c.fields);
            name.push_str(self.rng.pick(c.family));
            name.push(' ');
            name.push_str(field);
            industry
        } else if roll < 85 || c.prefixes.is_empty() {
            let a = self.rng.pick(c.family);
            let mut b = self.rng.pick(c.family);
            if a == b {
                b = c.family[(c.family.iter().position(|f| *f == a).unwrap_or(0) + 1) % c.family.len()];
            }
            name.push_str(a);
            name.push_str(" & ");
            name.push_str(b);
            self.rng.pick(PARTNERSHIP_INDUSTRIES)
        } else {
            let (prefix, industry) = self.rng.pick(c.prefixes);
            name.push_str(prefix);
            name.push(' ');
            name.push_str(self.rng.pick(c.family));
            industry
        }
    }

    pub(super) fn company(&mut self, domains: &mut HashSet<String>) -> (Company, CompanyInfo) {
        let country = self.country();
        let c = &COUNTRIES[country];
        let city = &c.cities[self.rng.index(c.cities.len())];
        let tld = if c.code != "US" && self.rng.chance(20) { "com" } else { c.tld };
        let mut name = String::with_capacity(48);
        let mut domain = String::with_capacity(40);
        let mut industry;
        let mut attempt = 0u32;
        loop {
            name.clear();
            domain.clear();
            industry = self.base_name(c, &mut name);
            if attempt >= 6 {
                name.push(' ');
                name.push_str(city.name);
            }
            push_domain_slug(&mut domain, &name);
            if attempt >= 12 {
                let _ = write!(domain, "-{}", attempt - 10);
            }
            domain.push('.');
            domain.push_str(tld);
            if domains.insert(domain.clone()) {
                break;
            }
            attempt += 1;
        }
        let suffix = self.rng.pick(c.suffixes);
        if !suffix.is_empty() {
            name.push(' ');
            name.push_str(suffix);
        }
        let size = if self.rng.chance(10) { None } else { Some(SIZES[self.rng.weighted(&SIZE_WEIGHTS)]) };
        let pattern = if size == Some(CompanySize::Micro) && self.rng.chance(50) {
            3
        } else {
            self.rng.weighted(&[60, 20, 20]) as u8
        };
        let address = if self.rng.chance(85) { Some(self.address(c, city, AddressKind::Work)) } else { None };
        let (created, updated) = self.times();
        let company = Company {
            id: self.rng.uuid(),
            name,
            domain,
            industry: industry.to_string(),
            size,
            address,
            lifecycle_stage: self.stage(),
            tags: self.tags(COMPANY_TAGS),
            notes: self.notes(COMPANY_NOTES, 20),
            created,
            updated,
            stage_history: Vec::new(),
            owner: String::new(),
        };
        (company, CompanyInfo { country, pattern })
    }

    /// Appends `n` (when non-zero) and `@domain` to the local part in
    /// `self.local`, changing `n` until the address has not been used yet.
    fn unique_email(&mut self, mut n: u32, domain: &str, work: bool) -> String {
        let mut out = String::with_capacity(self.local.len() + domain.len() + 4);
        for attempt in 0..64u32 {
            out.clear();
            out.push_str(&self.local);
            if n > 0 {
                let _ = write!(out, "{n}");
            }
            out.push('@');
            out.push_str(domain);
            // Gmail ignores dots, so "isla.campbell@gmail.com" and
            // "islacampbell@gmail.com" are one mailbox: never give it to two
            // people. (A local rule rather than `normalize::canonical_email`,
            // which would pull its provider tables into every app download.)
            let key = match out.split_once('@') {
                Some((local, "gmail.com")) => format!("{}@gmail.com", local.replace('.', "")),
                _ => out.clone(),
            };
            if self.emails.insert(hash_bytes(key.as_bytes())) {
                break;
            }
            n = if work { n.max(1) + 1 } else { 10 + self.rng.below(90) as u32 + 100 * (attempt / 8) };
        }
        out
    }

    fn work_email(&mut self, given: &str, family: &str, domain: &str, pattern: u8) -> String {
        self.local.clear();
        match pattern {
            1 => {
                push_initial(&mut self.local, given);
                push_local(&mut self.local, family);
            }
            2 => {
                push_initial(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
            3 => push_local(&mut self.local, given),
            _ => {
                push_local(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
        }
        self.unique_email(0, domain, true)
    }

    fn personal_email(&mut self, c: &Country, given: &str, family: &str, birthday: Option<NaiveDate>) -> String {
        let domain = self.rng.pick(c.mail);
        self.local.clear();
        match self.rng.below(5) {
            0 | 1 => {
                push_local(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
            2 => {
                push_local(&mut self.local, given);
                push_local(&mut self.local, family);
            }
            3 => {
                push_initial(&mut self.local, given);
                self.local.push('.');
                push_local(&mut self.local, family);
            }
            _ => {
                push_local(&mut self.local, family);
                self.local.push('.');
                push_local(&mut self.local, given);
            }
        }
        let n = if !self.rng.chance(45) {
            0
        } else if let Some(b) = birthday.filter(|_| self.rng.chance(60)) {
            let year = b.year_ce().1;
            if year % 100 >= 10 && self.rng.chance(50) {
                year % 100
            } else {
                year
            }
        } else {
            10 + self.rng.below(90) as u32
        };
        self.unique_email(n, domain, false)
    }

    pub(super) fn contact(&mut self, companies: &[Company], infos: &[CompanyInfo]) -> (Contact, usize) {
        let company = if !companies.is_empty() && self.rng.chance(85) {
            // Skewed towards the first companies, so some have many contacts.
            Some(self.rng.index(companies.len()).min(self.rng.index(companies.len())))
        } else {
            None
        };
        let country = match company {
            Some(k) if self.rng.chance(80) => infos[k].country,
            _ => self.country(),
        };
        let c = &COUNTRIES[country];
        let city = &c.cities[self.rng.index(c.cities.len())];
        let given = self.rng.pick(c.given);
        let family1 = self.rng.pick(c.family);
        let family_name = if c.code == "ES" && self.rng.chance(35) {
            let second = self.rng.pick(c.family);
            if second == family1 {
                family1.to_string()
            } else {
                format!("{family1} {second}")
            }
        } else {
            family1.to_string()
        };
        let birthday = if self.rng.chance(40) {
            let year = 1950 + self.rng.below(55) as i32;
            NaiveDate::from_yo_opt(year, 1 + self.rng.below(365) as u32)
        } else {
            None
        };

        let mut emails = Vec::with_capacity(2);
        if let Some(k) = company {
            let address = self.work_email(given, family1, &companies[k].domain, infos[k].pattern);
            emails.push(Email { kind: EmailKind::Work, address });
        }
        if company.is_none() || self.rng.chance(25) {
            let address = self.personal_email(c, given, family1, birthday);
            emails.push(Email { kind: EmailKind::Personal, address });
        }

        let intl = self.rng.chance(if c.code == "US" { 15 } else { 55 });
        let n_phones = self.rng.weighted(&[20, 55, 25]);
        let mut phones = Vec::with_capacity(n_phones);
        let first_mobile = self.rng.chance(60);
        for i in 0..n_phones {
            let mobile = first_mobile == (i == 0);
            let kind = if mobile {
                PhoneKind::Mobile
            } else if company.is_some() && self.rng.chance(75) {
                PhoneKind::Work
            } else {
                PhoneKind::Home
            };
            let number = self.phone(c, city, mobile, intl);
            phones.push(Phone { kind, number });
        }

        let mut addresses = Vec::new();
        if self.rng.chance(45) {
            let company_address = company.and_then(|k| companies[k].address.as_ref());
            match company_address {
                Some(a) if self.rng.chance(40) => addresses.push(a.clone()),
                _ => addresses.push(self.address(c, city, AddressKind::Home)),
            }
        }

        let job_title = match company {
            Some(_) if self.rng.chance(90) => self.rng.pick(JOB_TITLES),
            None if self.rng.chance(40) => self.rng.pick(OTHER_TITLES),
            _ => "",
        };
        let (created, updated) = self.times();
        let contact = Contact {
            id: self.rng.uuid(),
            given_name: given.to_string(),
            family_name,
            emails,
            phones,
            addresses,
            job_title: job_title.to_string(),
            company_id: company.map(|k| companies[k].id.clone()),
            lifecycle_stage: self.stage(),
            tags: self.tags(CONTACT_TAGS),
            birthday: birthday.map(Into::into),
            source: SOURCES[self.rng.weighted(&SOURCE_WEIGHTS)].to_string(),
            notes: self.notes(CONTACT_NOTES, 18),
            created,
            updated,
            lead_status: None,
            stage_history: Vec::new(),
            important_dates: Vec::new(),
            cadence_days: None,
            owner: String::new(),
            nickname: String::new(),
            name_prefix: String::new(),
            name_suffix: String::new(),
            department: String::new(),
        };
        (contact, country)
    }

    /// A second record for the same person, as a re-import or a colleague's
    /// hasty entry would make it: the name changed a little, and still sharing
    /// the email (maybe in other case) or the phone (maybe written otherwise).
    pub(super) fn near_duplicate(&mut self, o: &Contact, c: &Country) -> Contact {
        let mut d = o.clone();
        d.id = self.rng.uuid();
        match self.rng.below(4) {
            0 => {
                d.given_name = match NICKNAMES.iter().find(|(full, _)| *full == o.given_name) {
                    Some((_, nick)) => nick.to_string(),
                    None => typo(&mut self.rng, &o.given_name),
                }
            }
            1 => d.given_name = typo(&mut self.rng, &o.given_name),
            2 => d.family_name = typo(&mut self.rng, &o.family_name),
            _ if !o.family_name.is_ascii() => d.family_name = strip_accents(&o.family_name),
            _ if !o.given_name.is_ascii() => d.given_name = strip_accents(&o.given_name),
            _ => d.family_name = typo(&mut self.rng, &o.family_name),
        }

        let has_phone = !o.phones.is_empty();
        let email_mode = self.rng.below(if has_phone { 3 } else { 2 });
        let first = &o.emails[0];
        match email_mode {
            0 => d.emails = vec![Email { kind: first.kind, address: recase(&mut self.rng, &first.address) }],
            1 => d.emails.truncate(1),
            _ => {
                let address = self.personal_email(c, &d.given_name, &d.family_name, None);
                d.emails = vec![Email { kind: EmailKind::Personal, address }];
            }
        }
        if has_phone {
            let p = &o.phones[0];
            let mut phone_mode = self.rng.below(3);
            if email_mode == 2 && phone_mode == 2 {
                phone_mode = 0;
            }
            d.phones = match phone_mode {
                0 => vec![Phone { kind: p.kind, number: alt_phone(c, &p.number) }],
                1 => vec![p.clone()],
                _ => Vec::new(),
            };
        }

        if self.rng.chance(50) {
            d.job_title.clear();
        }
        if self.rng.chance(50) {
            d.addresses.clear();
        }
        if self.rng.chance(50) {
            d.tags.clear();
        }
        if self.rng.chance(50) {
            d.birthday = None;
        }
        d.notes.clear();
        if self.rng.chance(60) {
            d.source = "Import".to_string();
        }
        let (created, updated) = self.times();
        d.created = created;
        d.updated = updated;
        d
    }
}
