//! A date that comes back every year, a birthday or an anniversary, known
//! with its year or only by its day and month ("7 March").
//!
//! Its text form is what backups, journal entries and vCard 4 use: a full
//! date is `YYYY-MM-DD`, exactly as dates were written before yearless dates
//! existed (so old data reads unchanged), and a date without a year is
//! `--MM-DD` (ISO 8601's reduced form, vCard 4's `--MMDD` with dashes).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A day and month, with the year when it is known.
///
/// Ordered by year (unknown first), then month and day. 29 February without
/// a year is allowed: it is a birthday like any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearlyDate {
    year: Option<i32>,
    month: u8,
    day: u8,
}

impl YearlyDate {
    /// A date with its year.
    pub fn full(date: NaiveDate) -> YearlyDate {
        YearlyDate { year: Some(date.year()), month: date.month() as u8, day: date.day() as u8 }
    }

    /// A day and month without a year; `None` when no year has that day
    /// (30 February, 31 April).
    pub fn without_year(month: u32, day: u32) -> Option<YearlyDate> {
        // 2000 is a leap year, so 29 February passes.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(YearlyDate { year: None, month: month as u8, day: day as u8 })
    }

    /// A date with or without its year; `None` when it does not exist.
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Option<YearlyDate> {
        match year {
            Some(y) => NaiveDate::from_ymd_opt(y, month, day).map(YearlyDate::full),
            None => YearlyDate::without_year(month, day),
        }
    }

    pub fn year(self) -> Option<i32> {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// 1 to 31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// The calendar date, when the year is known.
    pub fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month(), self.day())
    }

    /// The day it falls on in `year`: 29 February falls on 28 February in
    /// years without one. `None` only outside chrono's range of years.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month(), self.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month(), self.day() - 1))
    }

    /// Reads `YYYY-MM-DD` (as chrono reads dates) or `--MM-DD` / `--MMDD`.
    pub fn parse(text: &str) -> Option<YearlyDate> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("--") {
            let (month, day) = match rest.len() {
                5 if rest.as_bytes()[2] == b'-' => (rest.get(..2)?, rest.get(3..)?),
                4 => (rest.get(..2)?, rest.get(2..)?),
                _ => return None,
            };
            if !(month.bytes().chain(day.bytes())).all(|b| b.is_ascii_digit()) {
                return None;
            }
            return YearlyDate::without_year(month.parse().ok()?, day.parse().ok()?);
        }
        text.parse::<NaiveDate>().ok().map(YearlyDate::full)
    }
}

impl From<NaiveDate> for YearlyDate {
    fn from(date: NaiveDate) -> YearlyDate {
        YearlyDate::full(date)
    }
}

impl fmt::Display for YearlyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.date() {
            // chrono's form, as every stored date was written before.
            Some(date) => write!(f, "{date}"),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl Serialize for YearlyDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearlyDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<YearlyDate, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = YearlyDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD, or --MM-DD without a year")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<YearlyDate, E> {
                YearlyDate::parse(text).ok_or_else(|| E::custom(format!("{text:?} is not a date")))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn full_dates_read_and_write_as_before() {
        for text in ["1984-03-07", "0899-12-31", "2000-02-29"] {
            let date: NaiveDate = text.parse().unwrap();
            let y = YearlyDate::parse(text).unwrap();
            assert_eq!(y, YearlyDate::full(date));
            assert_eq!(y.to_string(), date.to_string());
            assert_eq!(serde_json::to_string(&y).unwrap(), serde_json::to_string(&date).unwrap());
            assert_eq!(serde_json::from_str::<YearlyDate>(&serde_json::to_string(&date).unwrap()).unwrap(), y);
        }
    }

    #[test]
    fn dates_without_a_year() {
        let d = YearlyDate::without_year(3, 7).unwrap();
        assert_eq!((d.year(), d.month(), d.day(), d.date()), (None, 3, 7, None));
        assert_eq!(d.to_string(), "--03-07");
        assert_eq!(YearlyDate::parse("--03-07"), Some(d));
        assert_eq!(YearlyDate::parse("--0307"), Some(d));
        assert_eq!(serde_json::to_string(&d).unwrap(), r#""--03-07""#);
        assert_eq!(serde_json::from_str::<YearlyDate>(r#""--03-07""#).unwrap(), d);
        assert!(YearlyDate::without_year(2, 29).is_some());
        for bad in ["--02-30", "--13-01", "--3-7", "--03-07-", "--0a07", "1984-02-30", "7 March", ""] {
            assert_eq!(YearlyDate::parse(bad), None, "{bad}");
        }
        assert!(serde_json::from_str::<YearlyDate>(r#""--02-30""#).is_err());
        assert!(serde_json::from_str::<YearlyDate>("719163").is_err());
    }

    #[test]
    fn falls_on_the_same_day_each_year_and_29_february_on_the_28th() {
        let leap = YearlyDate::without_year(2, 29).unwrap();
        assert_eq!(leap.in_year(2027), Some(ymd(2027, 2, 28)));
        assert_eq!(leap.in_year(2028), Some(ymd(2028, 2, 29)));
        assert_eq!(YearlyDate::full(ymd(1984, 3, 7)).in_year(2026), Some(ymd(2026, 3, 7)));
    }

    #[test]
    fn orders_by_year_then_day() {
        let mut v = [
            YearlyDate::full(ymd(1990, 1, 2)),
            YearlyDate::without_year(12, 1).unwrap(),
            YearlyDate::full(ymd(1980, 5, 5)),
            YearlyDate::without_year(1, 9).unwrap(),
        ];
        v.sort();
        let texts: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["--01-09", "--12-01", "1980-05-05", "1990-01-02"]);
    }
}
