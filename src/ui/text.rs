//! Text for people, from the catalogue (`core::i18n`) in the person's
//! language (`state::locale`). Components take every word they show from
//! here: `t("contacts.new")`, `tf("deal.won_on", &[("date", &d)])`,
//! `tn("common.contacts", n)`, `label("priority", p.key())`. The keys live
//! in `src/core/i18n/catalogue/*.txt`. The calls are `state::text`'s, so the
//! UI and the commands' notices say things the same way.

pub use crate::state::text::{label, t, tf, tn, tnf};
