//! The whole dataset in memory, with what lists need to stay fast at 100k
//! records: a folded search key and a sort key per record, kept up to date as
//! changes are applied, and id → position maps.
//!
//! Invariant: `contacts[i]`, `contact_search[i]` and `contact_sort[i]` describe
//! the same record, and `contact_pos[&contacts[i].id] == i` (likewise for
//! companies).

use std::collections::HashMap;

use super::changes::Change;
use super::model::{Company, Contact};
use super::text::{fold, fold_into};

/// How the contacts list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ContactSort {
    /// Family name, then given name (A–Z).
    #[default]
    Name,
    /// Company name (A–Z), then name.
    Company,
    /// Most recently updated first.
    Updated,
    /// Most recently created first.
    Created,
}

impl ContactSort {
    pub const ALL: [ContactSort; 4] =
        [ContactSort::Name, ContactSort::Company, ContactSort::Updated, ContactSort::Created];

    pub fn key(self) -> &'static str {
        match self {
            ContactSort::Name => "name",
            ContactSort::Company => "company",
            ContactSort::Updated => "updated",
            ContactSort::Created => "created",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ContactSort::Name => "Name (A–Z)",
            ContactSort::Company => "Company (A–Z)",
            ContactSort::Updated => "Recently updated",
            ContactSort::Created => "Recently added",
        }
    }

    pub fn from_key(key: &str) -> ContactSort {
        ContactSort::ALL.into_iter().find(|s| s.key() == key).unwrap_or_default()
    }
}

/// Two records share an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateId {
    pub kind: &'static str,
    pub id: String,
}

#[derive(Clone, Debug, Default)]
pub struct Dataset {
    contacts: Vec<Contact>,
    contact_pos: HashMap<String, usize>,
    contact_search: Vec<String>,
    contact_sort: Vec<String>,
    companies: Vec<Company>,
    company_pos: HashMap<String, usize>,
    company_search: Vec<String>,
}

fn contact_search_key(c: &Contact) -> String {
    let mut key = String::with_capacity(64);
    for part in [&c.given_name, &c.family_name, &c.job_title] {
        fold_into(part, &mut key);
        key.push('\u{1f}');
    }
    for e in &c.emails {
        fold_into(&e.address, &mut key);
        key.push('\u{1f}');
    }
    for p in &c.phones {
        key.extend(p.number.chars().filter(char::is_ascii_digit));
        key.push('\u{1f}');
    }
    for t in &c.tags {
        fold_into(t, &mut key);
        key.push('\u{1f}');
    }
    key
}

fn contact_sort_key(c: &Contact) -> String {
    if c.given_name.is_empty() && c.family_name.is_empty() {
        // Nameless contacts sort after every name, by email.
        let mut k = String::from("\u{10ffff}");
        fold_into(&c.display_name(), &mut k);
        return k;
    }
    let mut k = fold(&c.family_name);
    k.push('\u{1}');
    fold_into(&c.given_name, &mut k);
    k
}

fn company_search_key(c: &Company) -> String {
    let mut key = fold(&c.name);
    key.push('\u{1f}');
    fold_into(&c.domain, &mut key);
    key.push('\u{1f}');
    fold_into(&c.industry, &mut key);
    for t in &c.tags {
        key.push('\u{1f}');
        fold_into(t, &mut key);
    }
    key
}

/// Splits a query into folded terms; every term must match.
pub fn query_terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

impl Dataset {
    pub fn from_records(companies: Vec<Company>, contacts: Vec<Contact>) -> Result<Dataset, DuplicateId> {
        let mut d = Dataset::default();
        d.companies.reserve(companies.len());
        for c in companies {
            if d.company_pos.contains_key(&c.id) {
                return Err(DuplicateId { kind: "company", id: c.id });
            }
            d.put_company(c);
        }
        d.contacts.reserve(contacts.len());
        d.contact_search.reserve(contacts.len());
        d.contact_sort.reserve(contacts.len());
        for c in contacts {
            if d.contact_pos.contains_key(&c.id) {
                return Err(DuplicateId { kind: "contact", id: c.id });
            }
            d.put_contact(c);
        }
        Ok(d)
    }

    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }

    pub fn companies(&self) -> &[Company] {
        &self.companies
    }

    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty() && self.companies.is_empty()
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contact_pos.get(id).map(|&i| &self.contacts[i])
    }

    pub fn company(&self, id: &str) -> Option<&Company> {
        self.company_pos.get(id).map(|&i| &self.companies[i])
    }

    /// The company name of a contact, if it is linked to a company we have.
    pub fn company_name_of(&self, contact: &Contact) -> Option<&str> {
        contact.company_id.as_deref().and_then(|id| self.company(id)).map(|c| c.name.as_str())
    }

    /// Positions of the contacts linked to a company, by name.
    pub fn contacts_of_company(&self, company_id: &str) -> Vec<u32> {
        let mut out: Vec<u32> = (0..self.contacts.len() as u32)
            .filter(|&i| self.contacts[i as usize].company_id.as_deref() == Some(company_id))
            .collect();
        out.sort_by(|&a, &b| self.contact_sort[a as usize].cmp(&self.contact_sort[b as usize]));
        out
    }

    /// Applies one change. Deleting a record that is not there does nothing.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::PutContact { record } => self.put_contact(record.clone()),
            Change::DeleteContact { id } => self.delete_contact(id),
            Change::PutCompany { record } => self.put_company(record.clone()),
            Change::DeleteCompany { id } => self.delete_company(id),
        }
    }

    pub fn put_contact(&mut self, c: Contact) {
        let search = contact_search_key(&c);
        let sort = contact_sort_key(&c);
        match self.contact_pos.get(&c.id) {
            Some(&i) => {
                self.contacts[i] = c;
                self.contact_search[i] = search;
                self.contact_sort[i] = sort;
            }
            None => {
                self.contact_pos.insert(c.id.clone(), self.contacts.len());
                self.contacts.push(c);
                self.contact_search.push(search);
                self.contact_sort.push(sort);
            }
        }
    }

    fn delete_contact(&mut self, id: &str) {
        let Some(i) = self.contact_pos.remove(id) else { return };
        self.contacts.swap_remove(i);
        self.contact_search.swap_remove(i);
        self.contact_sort.swap_remove(i);
        if let Some(moved) = self.contacts.get(i) {
            self.contact_pos.insert(moved.id.clone(), i);
        }
    }

    pub fn put_company(&mut self, c: Company) {
        let search = company_search_key(&c);
        match self.company_pos.get(&c.id) {
            Some(&i) => {
                self.companies[i] = c;
                self.company_search[i] = search;
            }
            None => {
                self.company_pos.insert(c.id.clone(), self.companies.len());
                self.companies.push(c);
                self.company_search.push(search);
            }
        }
    }

    fn delete_company(&mut self, id: &str) {
        let Some(i) = self.company_pos.remove(id) else { return };
        self.companies.swap_remove(i);
        self.company_search.swap_remove(i);
        if let Some(moved) = self.companies.get(i) {
            self.company_pos.insert(moved.id.clone(), i);
        }
    }

    /// Contact positions in the given order. Computed once per data or sort
    /// change; filtering then keeps this order without sorting again.
    pub fn contact_order(&self, sort: ContactSort) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.contacts.len() as u32).collect();
        let name = |i: u32| self.contact_sort[i as usize].as_str();
        match sort {
            ContactSort::Name => order.sort_by(|&a, &b| name(a).cmp(name(b))),
            ContactSort::Company => {
                let company: Vec<String> = self
                    .contacts
                    .iter()
                    .map(|c| self.company_name_of(c).map(fold).unwrap_or_else(|| "\u{10ffff}".into()))
                    .collect();
                order
                    .sort_by(|&a, &b| company[a as usize].cmp(&company[b as usize]).then_with(|| name(a).cmp(name(b))));
            }
            ContactSort::Updated => {
                order.sort_by(|&a, &b| self.contacts[b as usize].updated.cmp(&self.contacts[a as usize].updated))
            }
            ContactSort::Created => {
                order.sort_by(|&a, &b| self.contacts[b as usize].created.cmp(&self.contacts[a as usize].created))
            }
        }
        order
    }

    /// The contacts of `order` that match every term of `query` in their
    /// name, job title, emails, phone digits, tags or company name —
    /// case- and accent-insensitive.
    pub fn filter_contacts(&self, order: &[u32], query: &str) -> Vec<u32> {
        let terms = query_terms(query);
        if terms.is_empty() {
            return order.to_vec();
        }
        // Companies matching each term, so a search for "acme" finds Acme's people.
        let company_hits: Vec<Vec<bool>> = terms
            .iter()
            .map(|t| self.company_search.iter().map(|k| fold_name_part(k).contains(t.as_str())).collect())
            .collect();
        order
            .iter()
            .copied()
            .filter(|&i| {
                let key = &self.contact_search[i as usize];
                terms.iter().enumerate().all(|(t, term)| {
                    key.contains(term.as_str())
                        || self.contacts[i as usize]
                            .company_id
                            .as_deref()
                            .and_then(|id| self.company_pos.get(id))
                            .is_some_and(|&ci| company_hits[t][ci])
                })
            })
            .collect()
    }

    /// Company positions sorted by name, filtered by `query`.
    pub fn query_companies(&self, query: &str) -> Vec<u32> {
        let terms = query_terms(query);
        let mut out: Vec<u32> = (0..self.companies.len() as u32)
            .filter(|&i| {
                let key = &self.company_search[i as usize];
                terms.iter().all(|t| key.contains(t.as_str()))
            })
            .collect();
        out.sort_by_cached_key(|&i| fold(&self.companies[i as usize].name));
        out
    }

    /// Companies sorted by name, for pickers.
    pub fn companies_by_name(&self) -> Vec<(String, String)> {
        self.query_companies("")
            .into_iter()
            .map(|i| {
                let c = &self.companies[i as usize];
                (c.id.clone(), c.name.clone())
            })
            .collect()
    }
}

/// The company's folded name (the part of its search key before the first separator).
fn fold_name_part(key: &str) -> &str {
    key.split('\u{1f}').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Email, EmailKind, Phone, PhoneKind};
    use chrono::{TimeZone, Utc};

    fn person(id: &str, given: &str, family: &str, day: u32) -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap();
        let mut c = Contact::blank(id.into(), t);
        c.given_name = given.into();
        c.family_name = family.into();
        c
    }

    fn sample() -> Dataset {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut acme = Company::blank("co-acme".into(), t);
        acme.name = "Acme Élan".into();
        let mut zed = Company::blank("co-zed".into(), t);
        zed.name = "Zed".into();
        let mut a = person("a", "Zoë", "Ødegaard", 3);
        a.company_id = Some("co-zed".into());
        a.emails.push(Email { kind: EmailKind::Work, address: "zoe@zed.no".into() });
        let mut b = person("b", "Jane", "Roe", 1);
        b.company_id = Some("co-acme".into());
        b.phones.push(Phone { kind: PhoneKind::Work, number: "+44 20 7946 0958".into() });
        let c = person("c", "José", "Álvarez", 2);
        Dataset::from_records(vec![acme, zed], vec![a, b, c]).unwrap()
    }

    fn ids(d: &Dataset, positions: &[u32]) -> Vec<String> {
        positions.iter().map(|&i| d.contacts()[i as usize].id.clone()).collect()
    }

    #[test]
    fn sorts_by_folded_family_name_then_by_date() {
        let d = sample();
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Name)), ["c", "a", "b"]);
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Created)), ["a", "c", "b"]);
        // Acme's Jane, then Zed's Zoë, then José without a company.
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Company)), ["b", "a", "c"]);
    }

    #[test]
    fn search_ignores_case_and_accents_and_keeps_order() {
        let d = sample();
        let order = d.contact_order(ContactSort::Name);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "odegaard")), ["a"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "ALVAREZ jose")), ["c"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "o")), ["c", "a", "b"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "7946")), ["b"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "elan jane")), ["b"]);
        assert!(d.filter_contacts(&order, "nobody").is_empty());
        assert_eq!(d.filter_contacts(&order, "   ").len(), 3);
    }

    #[test]
    fn apply_keeps_positions_consistent() {
        let mut d = sample();
        d.apply(&Change::DeleteContact { id: "a".into() });
        assert!(d.contact("a").is_none());
        assert_eq!(d.contact("c").unwrap().given_name, "José");
        let order = d.contact_order(ContactSort::Name);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "jose")), ["c"]);
        let mut c = d.contact("c").unwrap().clone();
        c.family_name = "Zapata".into();
        d.apply(&Change::PutContact { record: c });
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Name)), ["b", "c"]);
        assert!(d.filter_contacts(&order, "alvarez").is_empty());
        d.apply(&Change::DeleteCompany { id: "co-acme".into() });
        assert_eq!(d.company("co-zed").unwrap().name, "Zed");
        assert_eq!(d.companies_by_name().len(), 1);
    }

    #[test]
    fn rejects_duplicate_ids() {
        let a = person("a", "A", "A", 1);
        let err = Dataset::from_records(vec![], vec![a.clone(), a]).unwrap_err();
        assert_eq!(err, DuplicateId { kind: "contact", id: "a".into() });
    }

    #[test]
    fn finds_a_companys_contacts() {
        let d = sample();
        assert_eq!(ids(&d, &d.contacts_of_company("co-acme")), ["b"]);
        assert_eq!(d.query_companies("ÉLAN").len(), 1);
        assert_eq!(d.query_companies("acme zed").len(), 0);
    }
}
