//! The person's time zone as data: the UTC offset it has at every instant,
//! so that a timestamp falls on the right local day on both sides of a
//! daylight-saving change.
//!
//! `core` reads no clock and knows no time-zone database, so the zone is a
//! parameter: the browser layer (`state::Clock::zone`) asks the browser for
//! the offsets and their changes once, and everything here is plain
//! arithmetic on that list. Offsets are minutes east of UTC (Paris in winter
//! is `+60`, New York in winter `-300`).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// A time zone: an offset before the first change, then each change (from
/// this UTC instant on, this offset), in time order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zone {
    /// The zone's name for people ("Europe/Berlin"); empty when unknown.
    name: String,
    initial: i32,
    /// `(UTC seconds, offset)`, sorted by time, each offset differing from
    /// the one before it.
    changes: Vec<(i64, i32)>,
}

impl Zone {
    /// A zone with one offset for all time (UTC is `Zone::fixed(0)`).
    pub fn fixed(offset_minutes: i32) -> Zone {
        Zone { name: String::new(), initial: offset_minutes, changes: Vec::new() }
    }

    /// A zone named `name` with `initial` before the first of `changes`
    /// (instants with the offset from then on, in any order). Changes that
    /// keep the offset are dropped.
    pub fn new(name: &str, initial: i32, mut changes: Vec<(DateTime<Utc>, i32)>) -> Zone {
        changes.sort_by_key(|c| c.0);
        let mut kept: Vec<(i64, i32)> = Vec::with_capacity(changes.len());
        let mut current = initial;
        for (at, offset) in changes {
            if offset != current {
                kept.push((at.timestamp(), offset));
                current = offset;
            }
        }
        Zone { name: name.to_string(), initial, changes: kept }
    }

    /// The zone's name ("Europe/Berlin"), empty when unknown.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the offset never changes.
    pub fn is_fixed(&self) -> bool {
        self.changes.is_empty()
    }

    /// The offset at the instant `t`, in minutes east of UTC.
    pub fn offset_at(&self, t: DateTime<Utc>) -> i32 {
        let secs = t.timestamp();
        match self.changes.partition_point(|&(at, _)| at <= secs) {
            0 => self.initial,
            i => self.changes[i - 1].1,
        }
    }

    /// The local wall-clock time of `t`.
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.naive_utc() + Duration::minutes(i64::from(self.offset_at(t)))
    }

    /// The local calendar day of `t`.
    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date()
    }

    /// The instant a local wall-clock time means. A time that happens twice
    /// (the hour repeated when clocks go back) is its first occurrence; a
    /// time that does not happen (the hour skipped when clocks go forward)
    /// is the instant the clocks jumped, the first one after it.
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let naive = local.and_utc();
        // Every offset that can be in force within a day of the time.
        let near = |d: i64| naive + Duration::hours(d);
        let mut offsets = vec![self.offset_at(near(-26)), self.offset_at(near(26))];
        let (from, to) = (near(-26).timestamp(), near(26).timestamp());
        let first = self.changes.partition_point(|&(at, _)| at < from);
        offsets.extend(self.changes[first..].iter().take_while(|&&(at, _)| at <= to).map(|&(_, o)| o));
        let valid =
            offsets.iter().map(|&o| naive - Duration::minutes(i64::from(o))).filter(|&t| self.local(t) == local).min();
        if let Some(t) = valid {
            return t;
        }
        // Skipped: the change whose jump passes over `local`.
        self.changes[first..]
            .iter()
            .take_while(|&&(at, _)| at <= to)
            .map(|&(at, _)| DateTime::from_timestamp(at, 0).expect("a stored instant"))
            .find(|&at| self.local(at) > local)
            .unwrap_or(naive - Duration::minutes(i64::from(self.offset_at(naive))))
    }

    /// The first instant of the local day `day` (usually its midnight).
    pub fn start_of_day(&self, day: NaiveDate) -> DateTime<Utc> {
        self.instant(day.and_time(NaiveTime::MIN))
    }
}

/// An offset as people read it beside a time: "UTC+01:00", "UTC−05:00",
/// "UTC+05:45", and "UTC" for zero.
pub fn offset_text(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".to_string();
    }
    let sign = if offset_minutes < 0 { '−' } else { '+' };
    let abs = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", abs / 60, abs % 60)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Central European time in 2026: +60, +120 from 01:00 UTC on 29 March,
    /// +60 again from 01:00 UTC on 25 October.
    pub fn berlin() -> Zone {
        Zone::new("Europe/Berlin", 60, vec![(at(2026, 3, 29, 1, 0), 120), (at(2026, 10, 25, 1, 0), 60)])
    }

    #[test]
    fn offsets_change_at_their_instant() {
        let z = berlin();
        assert_eq!(z.offset_at(at(2026, 3, 29, 0, 59)), 60);
        assert_eq!(z.offset_at(at(2026, 3, 29, 1, 0)), 120);
        assert_eq!(z.offset_at(at(2026, 10, 25, 0, 59)), 120);
        assert_eq!(z.offset_at(at(2026, 10, 25, 1, 0)), 60);
        assert_eq!(z.offset_at(at(1990, 1, 1, 0, 0)), 60);
        assert_eq!(z.name(), "Europe/Berlin");
        assert!(!z.is_fixed() && Zone::fixed(0).is_fixed());
    }

    #[test]
    fn a_late_winter_evening_stays_on_its_day_in_summer() {
        // 23:30 on 10 January in Berlin is 22:30 UTC. With one offset for
        // the whole year (summer's +120) it would fall on 11 January.
        let z = berlin();
        let evening = at(2026, 1, 10, 22, 30);
        assert_eq!(z.local_date(evening), day(2026, 1, 10));
        assert_eq!(Zone::fixed(120).local_date(evening), day(2026, 1, 11));
        // And 00:30 on 1 July (22:30 UTC on 30 June) is 1 July.
        assert_eq!(z.local_date(at(2026, 6, 30, 22, 30)), day(2026, 7, 1));
    }

    #[test]
    fn days_start_at_local_midnight_on_both_sides_of_a_change() {
        let z = berlin();
        assert_eq!(z.start_of_day(day(2026, 3, 29)), at(2026, 3, 28, 23, 0));
        assert_eq!(z.start_of_day(day(2026, 3, 30)), at(2026, 3, 29, 22, 0));
        assert_eq!(z.start_of_day(day(2026, 10, 25)), at(2026, 10, 24, 22, 0));
        assert_eq!(z.start_of_day(day(2026, 10, 26)), at(2026, 10, 25, 23, 0));
        // The day of the spring change has 23 hours, the autumn one 25.
        assert_eq!((z.start_of_day(day(2026, 3, 30)) - z.start_of_day(day(2026, 3, 29))).num_hours(), 23);
        assert_eq!((z.start_of_day(day(2026, 10, 26)) - z.start_of_day(day(2026, 10, 25))).num_hours(), 25);
    }

    #[test]
    fn skipped_and_repeated_times() {
        let z = berlin();
        let local = |d: u32, m: u32, h: u32, min: u32| day(2026, m, d).and_hms_opt(h, min, 0).unwrap();
        // 02:30 on 29 March does not happen: the clocks jumped at 01:00 UTC.
        assert_eq!(z.instant(local(29, 3, 2, 30)), at(2026, 3, 29, 1, 0));
        // 02:30 on 25 October happens twice: the first is 00:30 UTC.
        assert_eq!(z.instant(local(25, 10, 2, 30)), at(2026, 10, 25, 0, 30));
        assert_eq!(z.instant(local(25, 10, 3, 30)), at(2026, 10, 25, 2, 30));
        // A zone that skips midnight itself (clocks from 00:00 to 01:00).
        let santiago = Zone::new("America/Santiago", -240, vec![(at(2026, 9, 6, 4, 0), -180)]);
        assert_eq!(santiago.start_of_day(day(2026, 9, 6)), at(2026, 9, 6, 4, 0));
        assert_eq!(santiago.local_date(at(2026, 9, 6, 4, 0)), day(2026, 9, 6));
    }

    #[test]
    fn changes_are_sorted_and_repeats_dropped() {
        let z = Zone::new(
            "",
            0,
            vec![
                (at(2026, 9, 1, 0, 0), 60),
                (at(2026, 1, 1, 0, 0), 0),
                (at(2026, 3, 1, 0, 0), 60),
                (at(2026, 6, 1, 0, 0), 60),
            ],
        );
        assert_eq!(z, Zone::new("", 0, vec![(at(2026, 3, 1, 0, 0), 60)]));
        assert_eq!(z.offset_at(at(2026, 12, 1, 0, 0)), 60);
    }

    #[test]
    fn offsets_read_as_utc_plus_minus() {
        assert_eq!(offset_text(0), "UTC");
        assert_eq!(offset_text(60), "UTC+01:00");
        assert_eq!(offset_text(-300), "UTC−05:00");
        assert_eq!(offset_text(345), "UTC+05:45");
    }
}
