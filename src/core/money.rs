//! Arithmetic on money. Amounts are integer cents; the one rule for every
//! division of money (an average, a probability-weighted amount, a value
//! per customer, whole units on a tile) is [`div_round`]: to the nearest
//! cent, halves away from zero ("commercial rounding": 0.5 → 1, −0.5 → −1).
//! Sums of rounded amounts are kept as they are (a column of weighted
//! amounts adds up to its total), so a total is never rounded twice.

/// `numerator / denominator` to the nearest integer, halves away from zero.
/// A zero denominator gives zero (an average over nothing is shown as
/// empty by its caller, never divided).
pub fn div_round(numerator: i128, denominator: i128) -> i64 {
    if denominator == 0 {
        return 0;
    }
    let negative = (numerator < 0) != (denominator < 0);
    let (n, d) = (numerator.unsigned_abs(), denominator.unsigned_abs());
    let q = (n + d / 2) / d;
    let q = i128::try_from(q).unwrap_or(i128::MAX).min(i128::from(i64::MAX)) as i64;
    if negative {
        -q
    } else {
        q
    }
}

/// The average of `total_cents` over `count`, to the cent; `None` for none.
pub fn average_cents(total_cents: i64, count: usize) -> Option<i64> {
    (count > 0).then(|| div_round(i128::from(total_cents), count as i128))
}

/// `amount × percent / 100`, to the cent (a deal's weighted amount).
pub fn percent_of(amount_cents: i64, percent: u8) -> i64 {
    div_round(i128::from(amount_cents) * i128::from(percent.min(100)), 100)
}

/// Cents rounded to whole currency units, still in cents (123456 →
/// 123500): what a tile shows.
pub fn round_to_units(cents: i64) -> i64 {
    div_round(i128::from(cents), 100) * 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_go_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(5, -2), -3);
        assert_eq!(div_round(7, 3), 2);
        assert_eq!(div_round(8, 3), 3);
        assert_eq!(div_round(-8, 3), -3);
        assert_eq!(div_round(0, 7), 0);
        assert_eq!(div_round(1, 0), 0);
        assert_eq!(div_round(i128::MAX, 1), i64::MAX);
    }

    /// The average won deal of the figures worked out by hand: four deals
    /// of 1,550,075 cents in all are 387,518.75 cents each, shown as
    /// 3,875.19 (integer division showed 3,875.18).
    #[test]
    fn averages_round_to_the_cent() {
        assert_eq!(average_cents(1_550_075, 4), Some(387_519));
        assert_eq!(average_cents(1_550_073, 4), Some(387_518)); // .25 down
        assert_eq!(average_cents(-1_550_075, 4), Some(-387_519));
        assert_eq!(average_cents(10, 3), Some(3));
        assert_eq!(average_cents(20, 3), Some(7));
        assert_eq!(average_cents(5, 0), None);
    }

    #[test]
    fn weighted_amounts_and_whole_units() {
        assert_eq!(percent_of(1000, 25), 250);
        assert_eq!(percent_of(333, 50), 167); // 166.5
        assert_eq!(percent_of(-333, 50), -167);
        assert_eq!(percent_of(999, 120), 999); // at most 100 %
        assert_eq!(round_to_units(123_456), 123_500);
        assert_eq!(round_to_units(123_449), 123_400);
        assert_eq!(round_to_units(150), 200);
        assert_eq!(round_to_units(-150), -200);
        assert_eq!(round_to_units(-149), -100);
    }
}
