//! The Today list (overdue and due tasks, dates this week, lapsed contacts),
//! derived once per data change and shared by the Today page and the count
//! in the navigation.

use leptos::prelude::*;

use super::AppState;
use crate::core::timeline::last_contacted_where;
use crate::core::today::{count, today_list, TodayList};

#[derive(Clone, Copy)]
pub struct Today(Memo<TodayList>);

impl Today {
    pub fn provide(state: AppState) -> Today {
        let list = Memo::new(move |_| {
            state.data.with(|d| {
                let t = state.clock.now();
                today_list(d, &last_contacted_where(d, t, |c| c.cadence_days.is_some()), state.clock.today(), t)
            })
        });
        let today = Today(list);
        provide_context(today);
        today
    }

    pub fn expect() -> Today {
        expect_context::<Today>()
    }

    /// The list, recomputed when the data changes.
    pub fn list(self) -> Memo<TodayList> {
        self.0
    }

    /// How many entries the list has (the navigation's badge).
    pub fn count(self) -> usize {
        self.0.with(count)
    }
}
