//! A three-way merge of one record, field by field.
//!
//! An edit form remembers the record as it opened it (`base`). When it saves,
//! the stored record (`theirs`) may have been changed meanwhile by another tab
//! (or, later, by team sync). Writing the form's version (`mine`) whole would
//! undo those changes, so instead each top-level field is decided on its own:
//!
//! | mine vs base | theirs vs base | result |
//! | --- | --- | --- |
//! | same | any | theirs |
//! | changed | same | mine |
//! | changed | changed to the same value | that value |
//! | changed | changed differently | **conflict**: mine for now, both listed |
//!
//! Records are compared in their backup form (`serde_json` objects, any record
//! kind). Lists (emails, phones, tags, contact ids) and nested objects (a
//! company's address) are whole fields: two tabs that each add an email
//! conflict rather than being combined, because a list's order and its
//! removals cannot be merged without guessing. An absent member equals
//! `null`: the backup form leaves empty values out, so "absent" and "empty"
//! are the same value, and a result that is absent on the chosen side stays
//! absent.
//!
//! A conflicted field holds `mine` in the merged record, so a caller that
//! shows the conflicts can offer "keep mine" (nothing to do) or "take theirs"
//! ([`Merged::take_theirs`]). Fields named in `ignore` (such as `updated`,
//! which every save changes) never conflict and take `theirs`; the caller
//! sets them itself.

use serde_json::{Map, Value};

/// One field both sides changed, to different values.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    /// The form's value (`Value::Null` when absent).
    pub mine: Value,
    /// The stored value (`Value::Null` when absent).
    pub theirs: Value,
}

/// The merged record and the fields that need a person's decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub record: Map<String, Value>,
    /// In the order of the fields in `mine`, then those only in `theirs`.
    pub conflicts: Vec<FieldConflict>,
}

impl Merged {
    /// Resolves the conflict on `field` in favour of the stored value.
    /// Returns false when there is no conflict on that field.
    pub fn take_theirs(&mut self, field: &str) -> bool {
        let Some(i) = self.conflicts.iter().position(|c| c.field == field) else { return false };
        let c = self.conflicts.remove(i);
        set(&mut self.record, field, c.theirs);
        true
    }

    /// Resolves the conflict on `field` by keeping the form's value.
    pub fn keep_mine(&mut self, field: &str) -> bool {
        let Some(i) = self.conflicts.iter().position(|c| c.field == field) else { return false };
        self.conflicts.remove(i);
        true
    }
}

/// Why records cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeError {
    /// One of the three is not a JSON object (`which` is base, mine or theirs).
    NotARecord { which: &'static str },
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::NotARecord { which } => {
                write!(f, "The {which} version is not a record, so it cannot be merged.")
            }
        }
    }
}

fn set(record: &mut Map<String, Value>, field: &str, value: Value) {
    if value.is_null() {
        record.remove(field);
    } else {
        record.insert(field.to_string(), value);
    }
}

fn object<'a>(v: &'a Value, which: &'static str) -> Result<&'a Map<String, Value>, MergeError> {
    v.as_object().ok_or(MergeError::NotARecord { which })
}

/// Merges `mine` and `theirs`, both derived from `base`. See the module
/// documentation for the rule. `ignore` lists fields that take `theirs`
/// without ever conflicting.
pub fn merge3(base: &Value, mine: &Value, theirs: &Value, ignore: &[&str]) -> Result<Merged, MergeError> {
    let base = object(base, "base")?;
    let mine = object(mine, "mine")?;
    let theirs = object(theirs, "theirs")?;
    // Field order: mine's, then fields only theirs or only base has.
    let mut fields: Vec<&String> = mine.keys().collect();
    fields.extend(theirs.keys().filter(|k| !mine.contains_key(*k)));
    fields.extend(base.keys().filter(|k| !mine.contains_key(*k) && !theirs.contains_key(*k)));

    let null = Value::Null;
    let mut record = Map::new();
    let mut conflicts = Vec::new();
    for field in fields {
        let b = base.get(field).unwrap_or(&null);
        let m = mine.get(field).unwrap_or(&null);
        let t = theirs.get(field).unwrap_or(&null);
        let value = if ignore.contains(&field.as_str()) || m == b || m == t {
            t
        } else if t == b {
            m
        } else {
            conflicts.push(FieldConflict { field: field.clone(), mine: m.clone(), theirs: t.clone() });
            m
        };
        set(&mut record, field, value.clone());
    }
    Ok(Merged { record, conflicts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn merge(base: Value, mine: Value, theirs: Value) -> Merged {
        merge3(&base, &mine, &theirs, &["updated"]).unwrap()
    }

    #[test]
    fn the_two_tab_save_keeps_both_edits() {
        // Tab A saved a new job title; tab B's form (opened before) changes
        // the family name. B's save must keep A's job title.
        let base = json!({"id":"c1","given_name":"Ann","family_name":"One","job_title":"Buyer","updated":"t0"});
        let theirs = json!({"id":"c1","given_name":"Ann","family_name":"One","job_title":"Head buyer","updated":"t1"});
        let mine = json!({"id":"c1","given_name":"Ann","family_name":"Smith","job_title":"Buyer","updated":"t2"});
        let m = merge(base, mine, theirs);
        assert_eq!(
            Value::Object(m.record),
            json!({"id":"c1","given_name":"Ann","family_name":"Smith","job_title":"Head buyer","updated":"t1"})
        );
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn both_changing_a_field_differently_is_a_conflict_holding_mine() {
        let base = json!({"id":"c1","job_title":"Buyer","notes":"a"});
        let mine = json!({"id":"c1","job_title":"CFO","notes":"a"});
        let theirs = json!({"id":"c1","job_title":"CEO","notes":"b"});
        let mut m = merge(base, mine, theirs);
        assert_eq!(
            m.conflicts,
            vec![FieldConflict { field: "job_title".into(), mine: json!("CFO"), theirs: json!("CEO") }]
        );
        assert_eq!(Value::Object(m.record.clone()), json!({"id":"c1","job_title":"CFO","notes":"b"}));
        assert!(m.take_theirs("job_title"));
        assert!(!m.take_theirs("job_title"));
        assert_eq!(Value::Object(m.record), json!({"id":"c1","job_title":"CEO","notes":"b"}));
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let m = merge(json!({"a":1}), json!({"a":2}), json!({"a":2}));
        assert_eq!(Value::Object(m.record), json!({"a":2}));
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn lists_are_whole_fields() {
        // Each tab adds a different email: a conflict, never a silent mix.
        let base = json!({"emails":[{"kind":"work","address":"a@x.com"}]});
        let mine = json!({"emails":[{"kind":"work","address":"a@x.com"},{"kind":"work","address":"b@x.com"}]});
        let theirs = json!({"emails":[{"kind":"work","address":"a@x.com"},{"kind":"home","address":"c@y.com"}]});
        let m = merge(base.clone(), mine.clone(), theirs.clone());
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].field, "emails");
        assert_eq!(m.conflicts[0].mine, mine["emails"]);
        assert_eq!(m.conflicts[0].theirs, theirs["emails"]);
        // Only one side changed the list: that side's list, whole.
        let m = merge(base.clone(), base.clone(), theirs.clone());
        assert_eq!(Value::Object(m.record), theirs);
        // Reordering is a change too.
        let two = json!({"tags":["a","b"]});
        let m = merge(two.clone(), json!({"tags":["b","a"]}), two);
        assert_eq!(Value::Object(m.record), json!({"tags":["b","a"]}));
    }

    #[test]
    fn absent_means_empty_and_stays_absent() {
        // Mine cleared the notes (the backup form then leaves the member out);
        // theirs changed something else.
        let base = json!({"id":"c1","notes":"call back","job_title":"x"});
        let mine = json!({"id":"c1","job_title":"x"});
        let theirs = json!({"id":"c1","notes":"call back","job_title":"y"});
        let m = merge(base, mine, theirs);
        assert_eq!(Value::Object(m.record), json!({"id":"c1","job_title":"y"}));
        // Theirs added a field mine never saw: it is kept.
        let m = merge(json!({"id":"c1"}), json!({"id":"c1","notes":"n"}), json!({"id":"c1","birthday":"1990-01-02"}));
        assert_eq!(Value::Object(m.record), json!({"id":"c1","notes":"n","birthday":"1990-01-02"}));
        // Mine cleared a field theirs changed: a conflict with null on my side.
        let m = merge(json!({"notes":"a"}), json!({}), json!({"notes":"b"}));
        assert_eq!(m.conflicts, vec![FieldConflict { field: "notes".into(), mine: Value::Null, theirs: json!("b") }]);
        assert!(m.record.is_empty());
    }

    #[test]
    fn ignored_fields_take_theirs_without_conflict() {
        let m = merge(json!({"updated":"t0"}), json!({"updated":"t2"}), json!({"updated":"t1"}));
        assert_eq!(Value::Object(m.record), json!({"updated":"t1"}));
        assert!(m.conflicts.is_empty());
        // Without the ignore list, the same is a conflict.
        let m = merge3(&json!({"updated":"t0"}), &json!({"updated":"t2"}), &json!({"updated":"t1"}), &[]).unwrap();
        assert_eq!(m.conflicts.len(), 1);
    }

    #[test]
    fn nested_objects_are_whole_fields() {
        let base = json!({"address":{"city":"Bonn","street":"A 1"}});
        let mine = json!({"address":{"city":"Köln","street":"A 1"}});
        let theirs = json!({"address":{"city":"Bonn","street":"B 2"}});
        let m = merge(base, mine, theirs);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].field, "address");
    }

    #[test]
    fn keep_mine_resolves_without_changing_the_record() {
        let mut m = merge(json!({"a":1}), json!({"a":2}), json!({"a":3}));
        assert!(m.keep_mine("a"));
        assert!(!m.keep_mine("a"));
        assert_eq!(Value::Object(m.record), json!({"a":2}));
    }

    #[test]
    fn refuses_what_is_not_a_record() {
        assert_eq!(merge3(&json!([]), &json!({}), &json!({}), &[]), Err(MergeError::NotARecord { which: "base" }));
        assert_eq!(merge3(&json!({}), &json!(1), &json!({}), &[]), Err(MergeError::NotARecord { which: "mine" }));
        assert_eq!(merge3(&json!({}), &json!({}), &json!(null), &[]), Err(MergeError::NotARecord { which: "theirs" }));
    }

    #[test]
    fn works_on_real_records_of_every_kind() {
        use crate::core::demo::generate_demo;
        use chrono::TimeZone;
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let demo = generate_demo(3, 20, now).into_records();
        let deal = serde_json::to_value(&demo.deals[0]).unwrap();
        let mut mine = deal.clone();
        mine["title"] = json!("Renamed here");
        let mut theirs = deal.clone();
        theirs["amount_cents"] = json!(123_456);
        let m = merge(deal, mine, theirs);
        assert!(m.conflicts.is_empty());
        let merged: crate::core::records::Deal = serde_json::from_value(Value::Object(m.record)).unwrap();
        assert_eq!((merged.title.as_str(), merged.amount_cents), ("Renamed here", 123_456));
    }

    /// A small record: a few fields whose values are drawn from a small set,
    /// so that equal values (and absent ones) are common.
    fn record() -> impl Strategy<Value = Value> {
        let value = prop_oneof![
            Just(Value::Null),
            (0i64..3).prop_map(Value::from),
            "[ab]{0,2}".prop_map(Value::from),
            proptest::collection::vec(0i64..3, 0..3).prop_map(|v| json!(v)),
        ];
        proptest::collection::btree_map("[a-d]", value, 0..5)
            .prop_map(|m| Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()))
    }

    fn get<'a>(r: &'a Map<String, Value>, k: &str) -> &'a Value {
        r.get(k).unwrap_or(&Value::Null)
    }

    proptest! {
        #[test]
        fn unchanged_on_one_side_gives_the_other(base in record(), other in record()) {
            let m = merge3(&base, &base, &other, &[]).unwrap();
            prop_assert!(m.conflicts.is_empty());
            prop_assert_eq!(Value::Object(m.record), other.clone());
            let m = merge3(&base, &other, &base, &[]).unwrap();
            prop_assert!(m.conflicts.is_empty());
            prop_assert_eq!(Value::Object(m.record), other);
        }

        #[test]
        fn every_field_comes_from_a_side_and_conflicts_are_exactly_the_double_changes(
            base in record(), mine in record(), theirs in record()
        ) {
            let m = merge3(&base, &mine, &theirs, &[]).unwrap();
            let (b, mi, th) = (base.as_object().unwrap(), mine.as_object().unwrap(), theirs.as_object().unwrap());
            for k in b.keys().chain(mi.keys()).chain(th.keys()) {
                let (bv, mv, tv, rv) = (get(b, k), get(mi, k), get(th, k), get(&m.record, k));
                let conflicted = m.conflicts.iter().any(|c| &c.field == k);
                prop_assert_eq!(conflicted, mv != bv && tv != bv && mv != tv, "field {}", k);
                if conflicted {
                    prop_assert_eq!(rv, mv);
                } else if mv != bv {
                    prop_assert_eq!(rv, mv);
                } else {
                    prop_assert_eq!(rv, tv);
                }
            }
            prop_assert!(m.record.values().all(|v| !v.is_null()));
        }

        #[test]
        fn swapping_sides_swaps_the_conflicts(base in record(), mine in record(), theirs in record()) {
            let a = merge3(&base, &mine, &theirs, &[]).unwrap();
            let b = merge3(&base, &theirs, &mine, &[]).unwrap();
            let mut fa: Vec<_> = a.conflicts.iter().map(|c| (c.field.clone(), c.mine.clone(), c.theirs.clone())).collect();
            let mut fb: Vec<_> = b.conflicts.iter().map(|c| (c.field.clone(), c.theirs.clone(), c.mine.clone())).collect();
            fa.sort_by(|x, y| x.0.cmp(&y.0));
            fb.sort_by(|x, y| x.0.cmp(&y.0));
            prop_assert_eq!(fa, fb);
            // Taking theirs on every conflict of one equals keeping mine on the other.
            let mut a = a;
            for f in a.conflicts.clone() { a.take_theirs(&f.field); }
            prop_assert_eq!(Value::Object(a.record), Value::Object(b.record));
        }

        #[test]
        fn merging_is_idempotent_on_its_result(base in record(), mine in record(), theirs in record()) {
            let m = merge3(&base, &mine, &theirs, &[]).unwrap();
            let merged = Value::Object(m.record);
            // Saving the merged record again against the stored one changes nothing further.
            let again = merge3(&theirs, &merged, &theirs, &[]).unwrap();
            prop_assert!(again.conflicts.is_empty());
            prop_assert_eq!(Value::Object(again.record), merged);
        }
    }
}
