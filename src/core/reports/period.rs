//! The period picker of the reports: the choices people have (this month,
//! last quarter, a custom range…), the [`Period`] each means on a given day,
//! and the sentence that says which days it covers.

use chrono::{Duration, NaiveDate};

use super::Period;
use crate::core::display::Locale;
use crate::core::i18n;

/// A choice of the period picker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PeriodChoice {
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    #[default]
    ThisYear,
    Last12Months,
    Custom,
}

impl PeriodChoice {
    pub const ALL: [PeriodChoice; 7] = [
        PeriodChoice::ThisMonth,
        PeriodChoice::LastMonth,
        PeriodChoice::ThisQuarter,
        PeriodChoice::LastQuarter,
        PeriodChoice::ThisYear,
        PeriodChoice::Last12Months,
        PeriodChoice::Custom,
    ];

    /// The stable name used in the URL (`?period=last-month`).
    pub fn key(self) -> &'static str {
        match self {
            PeriodChoice::ThisMonth => "month",
            PeriodChoice::LastMonth => "last-month",
            PeriodChoice::ThisQuarter => "quarter",
            PeriodChoice::LastQuarter => "last-quarter",
            PeriodChoice::ThisYear => "year",
            PeriodChoice::Last12Months => "12-months",
            PeriodChoice::Custom => "custom",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            PeriodChoice::ThisMonth => "This month",
            PeriodChoice::LastMonth => "Last month",
            PeriodChoice::ThisQuarter => "This quarter",
            PeriodChoice::LastQuarter => "Last quarter",
            PeriodChoice::ThisYear => "This year",
            PeriodChoice::Last12Months => "Last 12 months",
            PeriodChoice::Custom => "Custom range",
        }
    }

    /// [`PeriodChoice::label`] in `locale`: the catalogue's
    /// `reports.period.<key>`.
    pub fn name(self, locale: Locale) -> &'static str {
        i18n::lookup(locale, &format!("reports.period.{}", self.key())).unwrap_or(self.label())
    }

    /// The choice named `key`; an unknown key is this year.
    pub fn from_key(key: &str) -> PeriodChoice {
        PeriodChoice::ALL.into_iter().find(|c| c.key() == key).unwrap_or(PeriodChoice::ThisYear)
    }
}

/// The period a choice means on `today`; custom ranges (`from` and `to` as
/// `YYYY-MM-DD`) include their last day. The calendar periods (this month,
/// quarter, year) are whole, days to come included, as their names say;
/// the last 12 months end today (see [`Period::last_12_months`]). An
/// unreadable or reversed custom range is an error for people, given as
/// the catalogue key of its message (`i18n::text` says it in a language).
pub fn period_of(choice: PeriodChoice, today: NaiveDate, from: &str, to: &str) -> Result<Period, String> {
    Ok(match choice {
        PeriodChoice::ThisMonth => Period::this_month(today),
        PeriodChoice::LastMonth => Period::this_month(today).previous(),
        PeriodChoice::ThisQuarter => Period::this_quarter(today),
        PeriodChoice::LastQuarter => Period::this_quarter(today).previous(),
        PeriodChoice::ThisYear => Period::this_year(today),
        PeriodChoice::Last12Months => Period::last_12_months(today),
        PeriodChoice::Custom => {
            let parse = |s: &str, what: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| what.to_string());
            let (from, to) = (parse(from, "reports.period.error.first")?, parse(to, "reports.period.error.last")?);
            if to < from {
                return Err("reports.period.error.reversed".into());
            }
            Period::new(from, to + Duration::days(1))
        }
    })
}

/// "2026-01-01 to 2026-12-31", with ", compared with …" for the previous
/// period when comparing, in `locale`. Both ends are days in the period.
pub fn period_text(locale: Locale, p: &Period, compare: bool) -> String {
    let range = |p: &Period| {
        let (from, to) = (p.start.to_string(), (p.end - Duration::days(1)).to_string());
        i18n::fill(locale, "reports.period.range", &[("from", &from), ("to", &to)])
    };
    let text = range(p);
    if compare {
        i18n::fill(locale, "reports.period.compared", &[("range", &text), ("previous", &range(&p.previous()))])
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn range(choice: PeriodChoice, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let p = period_of(choice, today, "", "").unwrap();
        (p.start, p.end)
    }

    #[test]
    fn each_choice_on_a_day_in_may() {
        let today = day(2026, 5, 20);
        assert_eq!(range(PeriodChoice::ThisMonth, today), (day(2026, 5, 1), day(2026, 6, 1)));
        assert_eq!(range(PeriodChoice::LastMonth, today), (day(2026, 4, 1), day(2026, 5, 1)));
        assert_eq!(range(PeriodChoice::ThisQuarter, today), (day(2026, 4, 1), day(2026, 7, 1)));
        assert_eq!(range(PeriodChoice::LastQuarter, today), (day(2026, 1, 1), day(2026, 4, 1)));
        assert_eq!(range(PeriodChoice::ThisYear, today), (day(2026, 1, 1), day(2027, 1, 1)));
        // The 12 months up to today: 21 May 2025 to 20 May 2026.
        assert_eq!(range(PeriodChoice::Last12Months, today), (day(2025, 5, 21), day(2026, 5, 21)));
    }

    #[test]
    fn last_month_and_quarter_cross_the_year() {
        let today = day(2026, 1, 31);
        assert_eq!(range(PeriodChoice::LastMonth, today), (day(2025, 12, 1), day(2026, 1, 1)));
        assert_eq!(range(PeriodChoice::LastQuarter, today), (day(2025, 10, 1), day(2026, 1, 1)));
        assert_eq!(range(PeriodChoice::Last12Months, day(2026, 12, 31)), (day(2026, 1, 1), day(2027, 1, 1)));
        // On 4 December it is not the calendar year: no day to come.
        assert_eq!(range(PeriodChoice::Last12Months, day(2026, 12, 4)), (day(2025, 12, 5), day(2026, 12, 5)));
    }

    #[test]
    fn a_custom_range_includes_its_last_day() {
        let p = period_of(PeriodChoice::Custom, day(2026, 5, 20), "2026-05-01", "2026-05-10").unwrap();
        assert_eq!((p.start, p.end), (day(2026, 5, 1), day(2026, 5, 11)));
        let one = period_of(PeriodChoice::Custom, day(2026, 5, 20), "2026-05-03", "2026-05-03").unwrap();
        assert_eq!((one.start, one.end), (day(2026, 5, 3), day(2026, 5, 4)));
    }

    #[test]
    fn a_bad_custom_range_says_what_to_fix() {
        let today = day(2026, 5, 20);
        let err = |from: &str, to: &str| period_of(PeriodChoice::Custom, today, from, to).unwrap_err();
        let err = |a: &str, b: &str| i18n::text(Locale::En, &err(a, b)).to_string();
        assert_eq!(err("", "2026-05-10"), "Enter the first date of the range.");
        assert_eq!(err("2026-05-01", "10/05/2026"), "Enter the last date of the range.");
        assert_eq!(err("2026-05-10", "2026-05-01"), "The last date of the range is before its first date.");
        for c in PeriodChoice::ALL {
            for l in Locale::ALL {
                assert!(i18n::lookup(l, &format!("reports.period.{}", c.key())).is_some(), "{}", c.key());
            }
            assert_eq!(c.name(Locale::En), c.label());
        }
    }

    #[test]
    fn keys_round_trip_and_unknown_keys_are_this_year() {
        for c in PeriodChoice::ALL {
            assert_eq!(PeriodChoice::from_key(c.key()), c);
        }
        assert_eq!(PeriodChoice::from_key("fortnight"), PeriodChoice::ThisYear);
        assert_eq!(PeriodChoice::default(), PeriodChoice::ThisYear);
    }

    #[test]
    fn the_text_names_first_and_last_days() {
        let p = Period::new(day(2026, 4, 1), day(2026, 7, 1));
        assert_eq!(period_text(Locale::En, &p, false), "2026-04-01 to 2026-06-30");
        assert_eq!(
            period_text(Locale::En, &p, true),
            "2026-04-01 to 2026-06-30, compared with 2026-01-01 to 2026-03-31"
        );
        let custom = Period::new(day(2026, 5, 3), day(2026, 5, 13));
        assert_eq!(
            period_text(Locale::En, &custom, true),
            "2026-05-03 to 2026-05-12, compared with 2026-04-23 to 2026-05-02"
        );
    }
}
