//! What the record forms do when a person presses Save: read the fields that
//! are typed as text (tags, dates, numbers), tidy the record, stamp its
//! times, record a lifecycle stage change, and validate it. The result is the
//! record to write, or every problem at once, each naming its form field.
//!
//! A form is a view plus one call to a `finish_*` function; the rules live
//! here so they are tested natively. `now` and `today` are passed in (core
//! never reads the clock). `is_new` says whether the form creates the record
//! (it then gets `created = now`); `before` is the stored record the form
//! edits, if it still exists, for the stage history.

use chrono::{DateTime, NaiveDate, Utc};

use super::display::{parse_iso_date, parse_money};
use super::lifecycle::{record_company_stage_edit, record_stage_edit};
use super::records::{Activity, Company, Contact, Deal, Settings, Task, YearlyDate};
use super::validate::{
    parse_tags, tidy_company, tidy_contact, validate_activity, validate_company, validate_contact, validate_deal,
    validate_task, FieldError,
};

pub const MSG_DATE: &str = "Enter a date as YYYY-MM-DD";
pub const MSG_DAYS: &str = "Enter a number of days";
pub const MSG_AMOUNT_TEXT: &str = "Enter an amount like 12,500 or 99.50";
pub const MSG_PROBABILITY_TEXT: &str = "Enter a whole number from 0 to 100";
pub const MSG_WHEN: &str = "Enter a date and time";
pub const MSG_MINUTES: &str = "Enter the duration in whole minutes";
pub const MSG_DAY_MONTH: &str = "Enter a day and a month; the year may be left empty";
pub const MSG_NO_SUCH_DAY: &str = "There is no such day: check the day and the month";
pub const MSG_YEAR: &str = "Enter the year as four digits, or leave it empty";

fn error(field: &str, message: &str) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// Sets `updated` to `now`, and `created` too for a new record.
fn stamp(created: &mut DateTime<Utc>, updated: &mut DateTime<Utc>, is_new: bool, now: DateTime<Utc>) {
    *updated = now;
    if is_new {
        *created = now;
    }
}

fn finished<T>(record: T, errs: Vec<FieldError>) -> Result<T, Vec<FieldError>> {
    if errs.is_empty() {
        Ok(record)
    } else {
        Err(errs)
    }
}

/// A birthday or yearly date as the form's three fields hold it: a day, a
/// month (1 to 12, the value of a select) and a year that may be left empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    /// The fields showing `date` (all empty for none).
    pub fn of(date: Option<YearlyDate>) -> DateParts {
        match date {
            None => DateParts::default(),
            Some(d) => DateParts {
                day: d.day().to_string(),
                month: d.month().to_string(),
                year: d.year().map(|y| y.to_string()).unwrap_or_default(),
            },
        }
    }

    /// The date the fields give: `None` when all three are empty, an error
    /// message when they do not make a date.
    pub fn read(&self) -> Result<Option<YearlyDate>, &'static str> {
        let (day, month, year) = (self.day.trim(), self.month.trim(), self.year.trim());
        if day.is_empty() && month.is_empty() && year.is_empty() {
            return Ok(None);
        }
        let (Ok(day), Ok(month)) = (day.parse::<u32>(), month.parse::<u32>()) else { return Err(MSG_DAY_MONTH) };
        let year = match year {
            "" => None,
            y if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => y.parse::<i32>().ok(),
            _ => return Err(MSG_YEAR),
        };
        YearlyDate::new(year, month, day).map(Some).ok_or(MSG_NO_SUCH_DAY)
    }
}

/// The contact form's fields that are typed as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactTexts {
    /// "vip, newsletter".
    pub tags: String,
    pub birthday: DateParts,
    /// The dates of the contact's important dates, in their order; their
    /// labels are in the draft.
    pub important_dates: Vec<DateParts>,
    /// Whole days, or empty.
    pub cadence_days: String,
}

/// The contact to save from the contact form, or every problem (the ones
/// reading the text fields first, then validation's).
pub fn finish_contact(
    draft: Contact,
    texts: &ContactTexts,
    before: Option<&Contact>,
    is_new: bool,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Contact, Vec<FieldError>> {
    let mut c = draft;
    c.tags = parse_tags(&texts.tags);
    tidy_contact(&mut c);
    let mut errs = Vec::new();
    c.birthday = texts.birthday.read().unwrap_or_else(|message| {
        errs.push(error("birthday", message));
        None
    });
    for (i, (d, parts)) in c.important_dates.iter_mut().zip(&texts.important_dates).enumerate() {
        match parts.read() {
            Ok(Some(date)) => d.date = date,
            Ok(None) => errs.push(error(&format!("important_dates[{i}].date"), MSG_DAY_MONTH)),
            Err(message) => errs.push(error(&format!("important_dates[{i}].date"), message)),
        }
    }
    stamp(&mut c.created, &mut c.updated, is_new, now);
    c.cadence_days = match texts.cadence_days.trim() {
        "" => None,
        text => text.parse::<u32>().ok().or_else(|| {
            errs.push(error("cadence_days", MSG_DAYS));
            None
        }),
    };
    c.owner = c.owner.trim().to_string();
    record_stage_edit(before, &mut c, now);
    errs.extend(validate_contact(&c, today));
    finished(c, errs)
}

/// The company to save from the company form (`tags` as typed), or every
/// problem.
pub fn finish_company(
    draft: Company,
    tags: &str,
    before: Option<&Company>,
    is_new: bool,
    now: DateTime<Utc>,
) -> Result<Company, Vec<FieldError>> {
    let mut c = draft;
    c.tags = parse_tags(tags);
    tidy_company(&mut c);
    stamp(&mut c.created, &mut c.updated, is_new, now);
    record_company_stage_edit(before, &mut c, now);
    let errs = validate_company(&c);
    finished(c, errs)
}

/// The deal form's fields that are typed as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DealTexts {
    /// "12,500" or "99.50"; empty is zero.
    pub amount: String,
    /// `YYYY-MM-DD`, or empty.
    pub expected_close: String,
    /// 0 to 100.
    pub probability: String,
    pub tags: String,
}

/// The deal to save from the deal form, or every problem. Its stage must be
/// one of `settings`' pipeline.
pub fn finish_deal(
    draft: Deal,
    texts: &DealTexts,
    settings: &Settings,
    is_new: bool,
    now: DateTime<Utc>,
) -> Result<Deal, Vec<FieldError>> {
    let mut deal = draft;
    let mut errs = Vec::new();
    match parse_money(&texts.amount) {
        Some(c) => deal.amount_cents = c,
        None => errs.push(error("amount_cents", MSG_AMOUNT_TEXT)),
    }
    match texts.expected_close.trim() {
        "" => deal.expected_close = None,
        t => match parse_iso_date(t) {
            Some(d) => deal.expected_close = Some(d),
            None => errs.push(error("expected_close", MSG_DATE)),
        },
    }
    match texts.probability.trim().parse::<u8>() {
        Ok(p) if p <= 100 => deal.probability = p,
        _ => errs.push(error("probability", MSG_PROBABILITY_TEXT)),
    }
    deal.title = deal.title.trim().to_string();
    deal.owner = deal.owner.trim().to_string();
    deal.currency = deal.currency.trim().to_ascii_uppercase();
    deal.tags = parse_tags(&texts.tags);
    stamp(&mut deal.created, &mut deal.updated, is_new, now);
    errs.extend(validate_deal(&deal, settings));
    finished(deal, errs)
}

/// The task to save from a quick-add form: `draft` holds its links and
/// priority, `title` and `due` are as typed.
pub fn finish_task(draft: Task, title: &str, due: &str) -> Result<Task, Vec<FieldError>> {
    let mut t = draft;
    t.title = title.trim().to_string();
    let mut errs = Vec::new();
    if !due.trim().is_empty() {
        match parse_iso_date(due) {
            Some(d) => t.due = Some(d),
            None => errs.push(error("due", MSG_DATE)),
        }
    }
    errs.extend(validate_task(&t));
    finished(t, errs)
}

/// The activity form's fields that are typed as text. `at` is the time the
/// person gave, already read in their time zone (`None` when unreadable).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityTexts {
    pub at: Option<DateTime<Utc>>,
    /// Whole minutes, or empty.
    pub duration: String,
    pub outcome: String,
    pub subject: String,
    pub body: String,
}

/// The activity to save from a timeline's form: `draft` holds its kind,
/// links and times.
pub fn finish_activity(draft: Activity, texts: &ActivityTexts) -> Result<Activity, Vec<FieldError>> {
    let mut a = draft;
    let mut errs = Vec::new();
    match texts.at {
        Some(when) => a.at = when,
        None => errs.push(error("at", MSG_WHEN)),
    }
    let d = texts.duration.trim();
    if !d.is_empty() {
        match d.parse::<u32>() {
            Ok(m) => a.duration_min = Some(m),
            Err(_) => errs.push(error("duration_min", MSG_MINUTES)),
        }
    }
    a.outcome = texts.outcome.trim().to_string();
    a.subject = texts.subject.trim().to_string();
    a.body = texts.body.trim().to_string();
    errs.extend(validate_activity(&a));
    finished(a, errs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{ActivityKind, Email, LifecycleStage, StageChange};
    use chrono::TimeZone;

    const ID: &str = "0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, day, 9, 30, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 10).unwrap()
    }

    fn fields(errs: &[FieldError]) -> Vec<(&str, &str)> {
        errs.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect()
    }

    fn parts(day: &str, month: &str, year: &str) -> DateParts {
        DateParts { day: day.into(), month: month.into(), year: year.into() }
    }

    #[test]
    fn a_birthday_may_leave_out_its_year() {
        let mut draft = Contact::blank(ID.into(), at(1));
        draft.family_name = "Roe".into();
        draft.important_dates = vec![
            crate::core::records::ImportantDate {
                label: "Wedding".into(),
                date: YearlyDate::without_year(1, 1).unwrap(),
            },
            crate::core::records::ImportantDate {
                label: "Started".into(),
                date: YearlyDate::without_year(1, 1).unwrap(),
            },
        ];
        let texts = ContactTexts {
            birthday: parts("29", "2", ""),
            important_dates: vec![parts("21", "6", "2001"), parts("7", "3", "")],
            ..Default::default()
        };
        let c = finish_contact(draft.clone(), &texts, None, true, at(5), today()).unwrap();
        assert_eq!(c.birthday, YearlyDate::without_year(2, 29));
        assert_eq!(c.important_dates[0].date, YearlyDate::new(Some(2001), 6, 21).unwrap());
        assert_eq!(c.important_dates[1].date, YearlyDate::without_year(3, 7).unwrap());
        // The fields show what is stored.
        assert_eq!(DateParts::of(c.birthday), parts("29", "2", ""));
        assert_eq!(DateParts::of(Some(c.important_dates[0].date)), parts("21", "6", "2001"));
        // A day that no year has, a two-digit year, or a date left empty are named.
        let texts = ContactTexts {
            birthday: parts("30", "2", ""),
            important_dates: vec![parts("1", "1", "84"), parts("", "", "")],
            ..Default::default()
        };
        let errs = finish_contact(draft, &texts, None, true, at(5), today()).unwrap_err();
        assert_eq!(
            fields(&errs),
            [
                ("birthday", MSG_NO_SUCH_DAY),
                ("important_dates[0].date", MSG_YEAR),
                ("important_dates[1].date", MSG_DAY_MONTH)
            ]
        );
    }

    #[test]
    fn a_new_contact_is_tidied_stamped_and_starts_its_history() {
        let mut draft = Contact::blank(ID.into(), at(1));
        draft.given_name = "  Ada   King ".into();
        draft.emails = vec![Email { address: " ada@example.com ".into(), ..Default::default() }, Email::default()];
        draft.owner = " sam ".into();
        let texts = ContactTexts {
            tags: "vip, , VIP, board".into(),
            birthday: parts(" 10", "12", "1985 "),
            cadence_days: "30".into(),
            ..Default::default()
        };
        let c = finish_contact(draft, &texts, None, true, at(5), today()).unwrap();
        assert_eq!(c.given_name, "Ada King");
        assert_eq!(c.emails.len(), 1);
        assert_eq!(c.emails[0].address, "ada@example.com");
        assert_eq!(c.tags, ["vip", "board"]);
        assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1985, 12, 10).map(Into::into));
        assert_eq!(c.cadence_days, Some(30));
        assert_eq!(c.owner, "sam");
        assert_eq!((c.created, c.updated), (at(5), at(5)));
        assert_eq!(c.stage_history, [StageChange { from: None, to: LifecycleStage::Reach, at: at(5) }]);
    }

    #[test]
    fn an_edit_keeps_created_and_records_the_stage_change() {
        let before = {
            let mut c = Contact::blank(ID.into(), at(1));
            c.given_name = "Ada".into();
            c
        };
        let mut draft = before.clone();
        draft.lifecycle_stage = LifecycleStage::Acquisition;
        let c = finish_contact(draft, &ContactTexts::default(), Some(&before), false, at(6), today()).unwrap();
        assert_eq!((c.created, c.updated), (at(1), at(6)));
        assert_eq!(
            c.stage_history,
            [
                StageChange { from: None, to: LifecycleStage::Reach, at: at(1) },
                StageChange { from: Some(LifecycleStage::Reach), to: LifecycleStage::Acquisition, at: at(6) },
            ]
        );
        assert_eq!((c.birthday, c.cadence_days), (None, None));
    }

    #[test]
    fn unreadable_texts_come_first_then_validation() {
        let draft = Contact::blank(ID.into(), at(1));
        let texts =
            ContactTexts { birthday: parts("10", "", "1815"), cadence_days: "monthly".into(), ..Default::default() };
        let errs = finish_contact(draft, &texts, None, true, at(5), today()).unwrap_err();
        assert_eq!(
            fields(&errs),
            [
                ("birthday", MSG_DAY_MONTH),
                ("cadence_days", MSG_DAYS),
                ("given_name", crate::core::validate::MSG_NEED_NAME)
            ]
        );
    }

    #[test]
    fn a_birthday_in_the_future_is_refused() {
        let mut draft = Contact::blank(ID.into(), at(1));
        draft.family_name = "Roe".into();
        let texts = ContactTexts { birthday: parts("11", "6", "2026"), ..Default::default() };
        let errs = finish_contact(draft, &texts, None, true, at(5), today()).unwrap_err();
        assert_eq!(fields(&errs), [("birthday", crate::core::validate::MSG_BIRTHDAY_FUTURE)]);
    }

    #[test]
    fn a_company_is_tidied_stamped_and_validated() {
        let mut draft = Company::blank(ID.into(), at(1));
        draft.name = " Acme   Ltd ".into();
        draft.domain = " acme.example ".into();
        let c = finish_company(draft.clone(), "b2b,  b2b ", None, true, at(4)).unwrap();
        assert_eq!((c.name.as_str(), c.domain.as_str()), ("Acme Ltd", "acme.example"));
        assert_eq!(c.tags, ["b2b"]);
        assert_eq!((c.created, c.updated), (at(4), at(4)));
        assert_eq!(c.stage_history.len(), 1);
        let edited = finish_company(c.clone(), "", Some(&c), false, at(7)).unwrap();
        assert_eq!((edited.created, edited.updated, edited.stage_history.len()), (at(4), at(7), 1));
        draft.name = "  ".into();
        draft.domain = "not a domain".into();
        let errs = finish_company(draft, "", None, true, at(4)).unwrap_err();
        assert_eq!(
            fields(&errs),
            [("name", "Enter the company's name"), ("domain", crate::core::validate::MSG_DOMAIN)]
        );
    }

    #[test]
    fn a_deal_reads_amount_date_and_probability() {
        let settings = Settings::initial(at(1));
        let mut draft = Deal::blank(ID.into(), &settings.pipeline[1], " eur ", at(1));
        draft.title = " Roof ".into();
        let texts = DealTexts {
            amount: "12,500.5".into(),
            expected_close: "2026-07-01".into(),
            probability: " 35 ".into(),
            tags: "big, roof".into(),
        };
        let d = finish_deal(draft.clone(), &texts, &settings, true, at(3)).unwrap();
        assert_eq!((d.title.as_str(), d.currency.as_str(), d.amount_cents), ("Roof", "EUR", 1_250_050));
        assert_eq!((d.expected_close, d.probability), (NaiveDate::from_ymd_opt(2026, 7, 1), 35));
        assert_eq!(d.tags, ["big", "roof"]);
        assert_eq!((d.created, d.updated), (at(3), at(3)));
        // An empty amount is zero; an empty close date clears it.
        let cleared = DealTexts { amount: String::new(), expected_close: " ".into(), ..texts.clone() };
        let d = finish_deal(d, &cleared, &settings, false, at(4)).unwrap();
        assert_eq!((d.amount_cents, d.expected_close, d.created, d.updated), (0, None, at(3), at(4)));
        let bad = DealTexts {
            amount: "12.345".into(),
            expected_close: "soon".into(),
            probability: "101".into(),
            tags: String::new(),
        };
        let errs = finish_deal(draft, &bad, &settings, true, at(3)).unwrap_err();
        assert_eq!(
            fields(&errs),
            [("amount_cents", MSG_AMOUNT_TEXT), ("expected_close", MSG_DATE), ("probability", MSG_PROBABILITY_TEXT)]
        );
    }

    #[test]
    fn a_task_needs_a_title_and_a_readable_date() {
        let draft = Task::blank(ID.into(), at(1));
        let t = finish_task(draft.clone(), "  Call back ", "2026-06-12").unwrap();
        assert_eq!((t.title.as_str(), t.due), ("Call back", NaiveDate::from_ymd_opt(2026, 6, 12)));
        let errs = finish_task(draft, " ", "12 June").unwrap_err();
        assert_eq!(fields(&errs), [("due", MSG_DATE), ("title", crate::core::validate::MSG_NEED_TITLE)]);
    }

    #[test]
    fn an_activity_takes_its_time_and_minutes() {
        let draft = Activity::blank(ID.into(), ActivityKind::Call, at(1));
        let texts = ActivityTexts {
            at: Some(at(2)),
            duration: " 15 ".into(),
            outcome: "Connected ".into(),
            subject: " Intro".into(),
            body: String::new(),
        };
        let a = finish_activity(draft.clone(), &texts).unwrap();
        assert_eq!(
            (a.at, a.duration_min, a.outcome.as_str(), a.subject.as_str()),
            (at(2), Some(15), "Connected", "Intro")
        );
        let errs =
            finish_activity(draft, &ActivityTexts { at: None, duration: "a while".into(), ..texts }).unwrap_err();
        assert_eq!(fields(&errs), [("at", MSG_WHEN), ("duration_min", MSG_MINUTES)]);
    }
}
