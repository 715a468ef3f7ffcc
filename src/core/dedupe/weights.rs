//! The weight of every comparison level: log2(m/u), where m is the chance of
//! that level when two records are one person and u the chance when they are
//! two people drawn at random. [`Weights::hand_set`] holds the hand-set
//! values (the priors, each m and u written below with its reasoning);
//! [`super::em`] learns m and u from the person's own list and falls back to
//! these where the list is too small or learning does not settle.
//!
//! Two kinds of weight are not learned. Emails and phones are identifiers:
//! u shrinks like c / n (a mailbox is shared by a few records at most), so
//! their agreement weights carry a log2(n) term (see [`Context`]) that
//! cancels the prior odds' growth with the list. Company and Jr./Sr. are too
//! rare to learn from. Given and family names that agree exactly use the
//! name's own frequency as u (see `NameCounts`): agreeing on "Smith" says
//! less than agreeing on "Ødegaard".

use serde::{Deserialize, Serialize};

use super::compare::{Comparison, Level, COMPARISONS, MAX_LEVELS};

/// The list size below which weights are computed as if for this many
/// records, so that tiny address books do not make every name look unique.
const MIN_SIZE: usize = 1000;

/// What pair weights depend on beyond the two records: the list's size and
/// how many of its contacts are duplicated (the prior odds).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    pub log_n: f64,
    /// Log2 prior odds against a random pair being one person.
    prior: f64,
}

/// Duplicate pairs per contact assumed when the list does not tell: about
/// one contact in fifty has a duplicate.
pub const DEFAULT_DUPLICATE_RATE: f64 = 0.0206;

/// The range an estimated rate is kept in (a tenth of the default to one
/// duplicate pair for every two contacts).
const RATE_RANGE: (f64, f64) = (0.002, 0.5);

impl Context {
    /// The context of a list of `n` contacts with the default duplicate rate.
    pub fn for_size(n: usize) -> Context {
        Context::with_rate(n, DEFAULT_DUPLICATE_RATE)
    }

    /// The context of a list of `n` contacts with `rate` duplicate pairs per
    /// contact (estimated by [`super::em`]), kept within a plausible range.
    pub fn with_rate(n: usize, rate: f64) -> Context {
        let log_n = (n.max(MIN_SIZE) as f64).log2();
        let rate = rate.clamp(RATE_RANGE.0, RATE_RANGE.1);
        // n * rate duplicate pairs among n² / 2 pairs: odds 2 rate / n.
        Context { log_n, prior: log_n - 1.0 - rate.log2() }
    }

    /// Log2 prior odds against a random pair being one person: with r
    /// duplicate pairs per contact, a random pair of n contacts matches
    /// with odds 2r / n (about 0.04 / n by default).
    pub fn prior(self) -> f64 {
        self.prior
    }
}

/// The hand-set (m, u) of a level.
///
/// - Given name: exact m 0.80 (the rest are nicknames, typos and blanks),
///   u the name's frequency; nickname m 0.04, u 0.002; typo m 0.07, u 0.003;
///   phonetic m 0.02, u 0.003; similar m 0.02, u 0.01; initial m 0.01,
///   u 0.007; different m 0.04 (a name replaced, or a middle name used),
///   u 0.96.
/// - Family name: the same, with part (one of two surnames) m 0.03,
///   u 0.001, initial m 0.005, u 0.02 and different m 0.045 (marriage).
/// - Birthday: exact m 0.85, u 0.0003 (about 55 years of days, but real
///   birthdays bunch on 1 January and typed defaults); day and month
///   swapped m 0.02, u 0.0002; one digit m 0.05, u 0.003; same year m 0.02,
///   u 0.02; different m 0.06, u 0.98.
/// - House number: exact m 0.85, u 0.02; subset m 0.04, u 0.002; typo m 0.04,
///   u 0.05 (neighbours are one digit apart too); another unit m 0.01,
///   u 0.005; different m 0.06, u 0.92.
/// - Street: exact m 0.85, u 0.01; subset m 0.04, u 0.001; typo m 0.05,
///   u 0.003; one word shared m 0.02, u 0.02; different m 0.04, u 0.97.
/// - Postcode and city: postcode exact m 0.80, u 0.002; one digit off in the
///   same city m 0.04, u 0.004, elsewhere m 0.02, u 0.01; same city m 0.08,
///   u 0.03; different m 0.06 (people move), u 0.95.
/// - Email: shared m 0.55, u 0.01 / n; different addresses at one
///   organisation's domain m 0.03, u 0.9 (colleagues); different m 0.3, u 1.
/// - Phone: shared m 0.55, u 0.06 / n (landlines are shared); different
///   m 0.3, u 1.
/// - Company: same m 0.6, u 0.02; different m 0.2 (job changes), u 0.95.
/// - Jr./Sr.: same m 0.5, u 0.5; on one only m 0.01, u 0.03; different
///   m 0.001, u 0.1.
pub fn prior(c: Comparison, l: Level) -> (f64, f64) {
    use Comparison as C;
    use Level::*;
    match (c, l) {
        (C::GivenName, Exact) => (0.80, 0.01),
        (C::GivenName, Nickname) => (0.04, 0.002),
        (C::GivenName, Typo) => (0.07, 0.003),
        (C::GivenName, Phonetic) => (0.02, 0.003),
        (C::GivenName, Similar) => (0.02, 0.01),
        (C::GivenName, Initial) => (0.01, 0.007),
        (C::GivenName, _) => (0.04, 0.96),
        (C::FamilyName, Exact) => (0.80, 0.01),
        (C::FamilyName, Part) => (0.03, 0.001),
        (C::FamilyName, Typo) => (0.08, 0.003),
        (C::FamilyName, Phonetic) => (0.02, 0.003),
        (C::FamilyName, Similar) => (0.02, 0.01),
        (C::FamilyName, Initial) => (0.005, 0.02),
        (C::FamilyName, _) => (0.045, 0.953),
        (C::Birthday, Exact) => (0.85, 0.0003),
        (C::Birthday, DayMonthSwapped) => (0.02, 0.0002),
        (C::Birthday, OneDigit) => (0.05, 0.003),
        (C::Birthday, SameYear) => (0.02, 0.02),
        (C::Birthday, _) => (0.06, 0.98),
        (C::HouseNumber, Exact) => (0.85, 0.02),
        (C::HouseNumber, Subset) => (0.04, 0.002),
        (C::HouseNumber, Typo) => (0.04, 0.05),
        (C::HouseNumber, Partial) => (0.01, 0.005),
        (C::HouseNumber, _) => (0.06, 0.92),
        (C::Street, Exact) => (0.85, 0.01),
        (C::Street, Subset) => (0.04, 0.001),
        (C::Street, Typo) => (0.05, 0.003),
        (C::Street, Partial) => (0.02, 0.02),
        (C::Street, _) => (0.04, 0.97),
        (C::Place, Exact) => (0.80, 0.002),
        (C::Place, NearPostcodeSameCity) => (0.04, 0.004),
        (C::Place, NearPostcode) => (0.02, 0.01),
        (C::Place, SameCity) => (0.08, 0.03),
        (C::Place, _) => (0.06, 0.95),
        (C::Email, Exact) => (0.55, 0.01),
        (C::Email, SameDomain) => (0.03, 0.9),
        (C::Email, _) => (0.3, 1.0),
        (C::Phone, Exact) => (0.55, 0.06),
        (C::Phone, _) => (0.3, 1.0),
        (C::Company, Exact) => (0.6, 0.02),
        (C::Company, _) => (0.2, 0.95),
        (C::Generation, Exact) => (0.5, 0.5),
        (C::Generation, Partial) => (0.01, 0.03),
        (C::Generation, _) => (0.001, 0.1),
    }
}

/// The m and u of every level of every comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    m: [[f64; MAX_LEVELS]; COMPARISONS],
    u: [[f64; MAX_LEVELS]; COMPARISONS],
}

impl Weights {
    /// The hand-set values (see [`prior`]).
    pub fn hand_set() -> Weights {
        let mut w = Weights { m: [[1.0; MAX_LEVELS]; COMPARISONS], u: [[1.0; MAX_LEVELS]; COMPARISONS] };
        for c in Comparison::ALL {
            for (i, &l) in c.levels().iter().enumerate() {
                let (m, u) = prior(c, l);
                w.m[c.index()][i] = m;
                w.u[c.index()][i] = u;
            }
        }
        w
    }

    pub fn m(&self, c: Comparison, l: Level) -> f64 {
        self.m[c.index()][c.position(l)]
    }

    pub fn u(&self, c: Comparison, l: Level) -> f64 {
        self.u[c.index()][c.position(l)]
    }

    pub(crate) fn set(&mut self, c: Comparison, l: Level, m: f64, u: f64) {
        let (i, j) = (c.index(), c.position(l));
        self.m[i][j] = m;
        self.u[i][j] = u;
    }

    /// The weight log2(m/u) of a level, without the list-size term of
    /// identifiers (see [`Weights::bits_in`]).
    pub fn bits(&self, c: Comparison, l: Level) -> f64 {
        (self.m(c, l) / self.u(c, l)).log2()
    }

    /// The weight of a level in a list described by `ctx`: a shared email or
    /// phone gains log2(n).
    pub fn bits_in(&self, c: Comparison, l: Level, ctx: Context) -> f64 {
        let identifier = matches!(c, Comparison::Email | Comparison::Phone) && l == Level::Exact;
        self.bits(c, l) + if identifier { ctx.log_n } else { 0.0 }
    }

    /// Every comparison's levels with their hand-set and used weights, for
    /// the Settings page and the report.
    pub fn table(&self, ctx: Context) -> Vec<ComparisonWeights> {
        let hand = Weights::hand_set();
        Comparison::ALL
            .iter()
            .map(|&c| ComparisonWeights {
                comparison: c,
                label: c.label().to_string(),
                is_learned: c.is_learned(),
                levels: c
                    .levels()
                    .iter()
                    .map(|&l| LevelWeight {
                        level: l,
                        label: l.label(c).to_string(),
                        hand_set: round2(hand.bits_in(c, l, ctx)),
                        used: round2(self.bits_in(c, l, ctx)),
                        m: self.m(c, l),
                        u: self.u(c, l),
                    })
                    .collect(),
            })
            .collect()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// One comparison's weights, as the Settings page lists them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparisonWeights {
    pub comparison: Comparison,
    /// "given name", "postcode and city"…
    pub label: String,
    /// Whether these weights are learned from the data (else always hand-set).
    pub is_learned: bool,
    pub levels: Vec<LevelWeight>,
}

/// One level's weight in bits (log2 m/u): positive for evidence of one
/// person, negative against. A level missing on either side weighs nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelWeight {
    pub level: Level,
    /// "nickname", "postcode one digit off"…
    pub label: String,
    /// The hand-set weight (what "Reset" returns to).
    pub hand_set: f64,
    /// The weight in use: learned, or hand-set when not learned.
    pub used: f64,
    pub m: f64,
    pub u: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_has_a_prior_and_levels_are_ordered() {
        let w = Weights::hand_set();
        for c in Comparison::ALL {
            assert!(c.levels().len() <= MAX_LEVELS);
            let bits: Vec<f64> = c.levels().iter().map(|&l| w.bits(c, l)).collect();
            // The best level weighs most and "different" counts against.
            assert!(bits.iter().all(|&b| b <= bits[0]), "{c:?} {bits:?}");
            if c != Comparison::Generation {
                assert!(*bits.last().unwrap() < 0.0, "{c:?}");
            }
            if c.is_learned() {
                let m: f64 = c.levels().iter().map(|&l| w.m(c, l)).sum();
                assert!((m - 1.0).abs() < 0.01, "{c:?} m sums to {m}");
            }
        }
        let ctx = Context::for_size(100_000);
        let shared_email = w.bits_in(Comparison::Email, Level::Exact, ctx);
        assert!((shared_email - (w.bits(Comparison::Email, Level::Exact) + ctx.log_n)).abs() < 1e-12);
        let table = w.table(ctx);
        assert_eq!(table.len(), COMPARISONS);
        assert_eq!(table[0].levels[1].label, "nickname");
        assert_eq!(table[0].levels[1].hand_set, table[0].levels[1].used);
    }
}
