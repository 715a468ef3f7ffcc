//! Duplicate companies: companies are few (about one per ten contacts) and
//! identified by their web domain or name, so exact matching on normalised
//! forms is enough. Two companies are duplicates when their normalised
//! domains are equal, or their names are equal once folded and stripped of
//! legal suffixes ("Acme Ltd" and "ACME Limited").

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::core::normalize::normalize_domain;
use crate::core::records::Company;
use crate::core::text::fold;

/// Legal-form words ignored when comparing company names.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "llc",
    "corp",
    "co",
    "ltd",
    "limited",
    "plc",
    "llp",
    "gmbh",
    "ag",
    "kg",
    "sarl",
    "sas",
    "sa",
    "eurl",
    "sl",
    "slu",
    "bv",
    "nv",
    "vof",
    "company",
    "corporation",
];

/// A group of companies that look like one organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyGroup {
    /// Indexes into the list, ascending.
    pub members: Vec<u32>,
    /// "same domain example.com" or "same name acme".
    pub reason: String,
}

/// A company name folded with punctuation and legal forms removed:
/// "Acme & Co. Ltd" → "acme".
pub fn company_name_key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|w| w.replace('.', ""))
        .filter(|w| !w.is_empty() && !LEGAL_FORMS.contains(&w.as_str()))
        .collect();
    words.join(" ")
}

/// Groups of companies sharing a normalised domain or name key. A company in
/// both kinds of group appears in each.
pub fn company_duplicates(companies: &[Company]) -> Vec<CompanyGroup> {
    let mut by_domain: HashMap<String, Vec<u32>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, c) in companies.iter().enumerate() {
        if let Some(d) = normalize_domain(&c.domain) {
            by_domain.entry(d).or_default().push(i as u32);
        }
        let key = company_name_key(&c.name);
        if !key.is_empty() {
            by_name.entry(key).or_default().push(i as u32);
        }
    }
    let groups = |map: HashMap<String, Vec<u32>>, what: &str| {
        map.into_iter()
            .filter(|(_, m)| m.len() > 1)
            .map(|(k, members)| CompanyGroup { members, reason: format!("same {what} {k}") })
            .collect::<Vec<_>>()
    };
    let mut out = groups(by_domain, "domain");
    let named: Vec<CompanyGroup> =
        groups(by_name, "name").into_iter().filter(|g| !out.iter().any(|d| d.members == g.members)).collect();
    out.extend(named);
    out.sort_by(|x, y| x.members.cmp(&y.members));
    out
}

/// Companies' normalised domains and name keys, to look up a company being
/// typed in O(1) ("Looks like Acme Ltd, acme.com").
#[derive(Clone, Debug, Default)]
pub struct CompanyKeys {
    by_domain: HashMap<String, u32>,
    by_name: HashMap<String, u32>,
}

impl CompanyKeys {
    pub fn new(companies: &[Company]) -> CompanyKeys {
        let mut keys = CompanyKeys::default();
        for (i, c) in companies.iter().enumerate() {
            if let Some(d) = normalize_domain(&c.domain) {
                keys.by_domain.entry(d).or_insert(i as u32);
            }
            let key = company_name_key(&c.name);
            if !key.is_empty() {
                keys.by_name.entry(key).or_insert(i as u32);
            }
        }
        keys
    }

    /// The company `draft` looks like (by domain first, then by name) and
    /// why, leaving out the company with `draft`'s own id.
    pub fn lookup(&self, companies: &[Company], draft: &Company) -> Option<(u32, String)> {
        let other = |i: &u32| companies.get(*i as usize).is_some_and(|c| c.id != draft.id);
        let by_domain = normalize_domain(&draft.domain)
            .and_then(|d| self.by_domain.get(&d).copied().filter(other).map(|i| (i, format!("same domain {d}"))));
        by_domain.or_else(|| {
            let key = company_name_key(&draft.name);
            (!key.is_empty())
                .then(|| self.by_name.get(&key).copied().filter(other).map(|i| (i, format!("same name {key}"))))
                .flatten()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(name: &str, domain: &str) -> Company {
        let mut c = Company::blank("x".into(), chrono::DateTime::from_timestamp(0, 0).unwrap());
        c.name = name.into();
        c.domain = domain.into();
        c
    }

    #[test]
    fn name_keys_ignore_legal_forms_and_case() {
        assert_eq!(company_name_key("ACME Ltd."), "acme");
        assert_eq!(company_name_key("Acme & Co. Limited"), "acme");
        assert_eq!(company_name_key("Müller GmbH & Co. KG"), "muller");
        assert_eq!(company_name_key("Hansa Logistik"), "hansa logistik");
    }

    #[test]
    fn groups_by_domain_or_name() {
        let list = [
            company("Acme Ltd", "acme.co.uk"),
            company("Acme Trading", "https://www.ACME.co.uk/"),
            company("ACME Limited", ""),
            company("Globex", "globex.com"),
        ];
        let groups = company_duplicates(&list);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0], CompanyGroup { members: vec![0, 1], reason: "same domain acme.co.uk".into() });
        assert_eq!(groups[1], CompanyGroup { members: vec![0, 2], reason: "same name acme".into() });
    }

    #[test]
    fn a_company_being_typed_is_looked_up_by_domain_then_name() {
        let mut list = vec![company("Acme Ltd", "acme.co.uk"), company("Globex", "globex.com")];
        list[0].id = "acme".into();
        list[1].id = "globex".into();
        let keys = CompanyKeys::new(&list);
        let mut draft = company("ACME Limited", "");
        draft.id = "new".into();
        assert_eq!(keys.lookup(&list, &draft), Some((0, "same name acme".into())));
        draft.domain = "https://www.globex.com/".into();
        assert_eq!(keys.lookup(&list, &draft), Some((1, "same domain globex.com".into())));
        // A company never looks like itself.
        draft.id = "globex".into();
        assert_eq!(keys.lookup(&list, &draft), Some((0, "same name acme".into())));
        draft.name = "Initech".into();
        assert_eq!(keys.lookup(&list, &draft), None);
    }
}
