//! Weights learned from the person's own list by expectation–maximisation,
//! the way Splink and the recordlinkage toolkit do it, kept cheap enough to
//! run on every scan.
//!
//! - **u** (the chance of each level for two different people) is counted on
//!   up to 4,000 random pairs of the list: nearly all random pairs are two
//!   people. Rare levels (an equal birthday) would be counted a handful of
//!   times, so each count is blended with the hand-set u as if the hand-set
//!   value had been seen on a quarter as many pairs again.
//! - **m** (the chance of each level for one person) is learned by EM on up
//!   to 4,000 candidate pairs from the blocks, in two passes that each leave
//!   out what their pairs were chosen by: pairs that share a name block
//!   learn the birthday and address levels (judged by birthday, address,
//!   email and phone); pairs that share an address block learn the name
//!   levels (judged by names, birthday, email and phone). Identical
//!   comparison patterns are counted once, so an iteration costs a few
//!   thousand steps. The hand-set m values are a prior worth 50 pairs.
//! - **Fallback**: a pass with fewer than 200 pairs, fewer than 10 expected
//!   duplicates or more than 60% of its pairs, or that does not settle
//!   within 60 iterations keeps the hand-set values of its comparisons; so does a comparison whose learned
//!   levels come out of order (its best level not the heaviest, or
//!   "different" not counting against). Each learned m stays within a
//!   factor of 32 (5 bits) of its hand-set value.

use serde::{Deserialize, Serialize};

use super::blocking::{BlockKind, Blocks};
use super::compare::{compare, Comparison, Vector, COMPARISONS, MAX_LEVELS};
use super::features::Features;
use super::weights::{Context, Weights};

/// Random pairs counted for u.
const RANDOM_PAIRS: usize = 4_000;
/// Candidate pairs per EM pass.
const SESSION_PAIRS: usize = 4_000;
const MAX_ITERATIONS: u32 = 60;
const MIN_PAIRS: f64 = 200.0;
const MIN_MATCHES: f64 = 10.0;
/// The most of a pass's pairs that may be duplicates.
const MAX_SHARE: f64 = 0.6;
/// The hand-set m as a prior worth this many duplicate pairs.
const PRIOR_PAIRS: f64 = 50.0;
/// How far (in bits) a learned m may move from its hand-set value.
const MAX_SHIFT: f64 = 5.0;

/// What learning did, for the Settings page ("learned from 20,000 pairs",
/// "hand-set: too few pairs") and the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Learning {
    /// Whether any learned weight is in use (false: all hand-set, because
    /// the settings say so or nothing could be learned).
    pub is_learned: bool,
    /// Whether every EM pass settled within its iterations.
    pub converged: bool,
    /// The random pairs u was counted on.
    pub random_pairs: usize,
    /// Estimated duplicate pairs per contact, which set the prior odds of
    /// a pair being one person (`None`: the hand-set 2%, see
    /// [`super::weights::DEFAULT_DUPLICATE_RATE`]).
    #[serde(default)]
    pub duplicate_rate: Option<f64>,
    pub passes: Vec<Pass>,
    /// What kept its hand-set values and why.
    pub notes: Vec<String>,
}

impl Learning {
    /// No learning: the settings ask for the hand-set weights.
    pub fn hand_set() -> Learning {
        Learning {
            is_learned: false,
            converged: false,
            random_pairs: 0,
            duplicate_rate: None,
            passes: Vec::new(),
            notes: vec!["hand-set weights (learning is off)".into()],
        }
    }
}

impl Learning {
    /// What learning did, in a sentence for the Settings page: "Learned
    /// from 7,412 pairs of your contacts; about 21 duplicate pairs per 100
    /// contacts.", or why the hand-set weights are in use.
    pub fn summary(&self, locale: crate::core::display::Locale) -> String {
        use crate::core::i18n;
        if self.passes.is_empty() {
            return i18n::text(locale, "duplicates.learning.off").to_string();
        }
        // Pairs of the passes whose weights were learned; none means every
        // duplicate weight is still hand-set, whatever else was counted.
        let pairs: usize = self.passes.iter().filter(|p| !p.learned.is_empty()).map(|p| p.pairs).sum();
        if !self.is_learned || pairs == 0 {
            return i18n::text(locale, "duplicates.learning.too_few").to_string();
        }
        // One whole sentence per case, so each language orders it its own way.
        let key = match (self.converged, self.duplicate_rate.is_some()) {
            (true, true) => "duplicates.learning.learned_rate",
            (true, false) => "duplicates.learning.learned",
            (false, true) => "duplicates.learning.unsettled_rate",
            (false, false) => "duplicates.learning.unsettled",
        };
        let rate = self.duplicate_rate.map(|r| format!("{:.0}", r * 100.0)).unwrap_or_default();
        i18n::count(locale, key, pairs, &[("rate", &rate)])
    }
}

/// One EM pass.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pass {
    /// "name blocks" or "address blocks": where its pairs came from.
    pub pairs_from: String,
    pub pairs: usize,
    pub iterations: u32,
    pub converged: bool,
    /// The share of its pairs estimated to be duplicates.
    pub duplicate_share: f64,
    /// The comparisons whose m it learned (empty when it fell back).
    pub learned: Vec<Comparison>,
}

/// The comparison patterns of some pairs, each distinct pattern once with
/// its count. A pattern packs each comparison's level position + 1 (0 when
/// missing) into four bits.
type Patterns = Vec<(u64, u32)>;

fn pack(v: &Vector) -> u64 {
    let mut key = 0u64;
    for c in Comparison::ALL {
        let nibble = v.get(c).map_or(0, |l| c.position(l) as u64 + 1);
        key |= nibble << (4 * c.index());
    }
    key
}

fn level_at(key: u64, c: Comparison) -> Option<usize> {
    let nibble = (key >> (4 * c.index())) & 0xf;
    (nibble != 0).then(|| nibble as usize - 1)
}

/// The comparison pattern of each pair.
fn keys(features: &[Features], pairs: &[(u32, u32)]) -> Vec<u64> {
    pairs.iter().map(|&(a, b)| pack(&compare(&features[a as usize], &features[b as usize]))).collect()
}

/// Patterns counted once each.
fn patterns(keys: &[u64]) -> Patterns {
    let mut keys = keys.to_vec();
    keys.sort_unstable();
    keys.chunk_by(|x, y| x == y).map(|g| (g[0], g.len() as u32)).collect()
}

/// A deterministic SplitMix64 stream (core takes no randomness from outside;
/// a fixed seed keeps every scan of the same list the same).
struct Mix(u64);

impl Mix {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((u128::from(z ^ (z >> 31)) * u128::from(n)) >> 64) as u64
    }
}

/// Up to `limit` pairs of distinct records, all of them when there are few.
fn random_pairs(n: usize, limit: usize) -> Vec<(u32, u32)> {
    let all = n * n.saturating_sub(1) / 2;
    if all <= limit {
        return (0..n as u32).flat_map(|a| (a + 1..n as u32).map(move |b| (a, b))).collect();
    }
    let mut mix = Mix(n as u64);
    (0..limit)
        .map(|_| {
            let a = mix.below(n as u64) as u32;
            let b = (a as u64 + 1 + mix.below(n as u64 - 1)) as u32 % n as u32;
            (a.min(b), a.max(b))
        })
        .collect()
}

/// Up to `limit` pairs from the usable blocks of `kinds`, every k-th pair;
/// and k.
pub fn block_pairs(blocks: &Blocks, kinds: &[BlockKind], limit: usize) -> (Vec<(u32, u32)>, usize) {
    let chosen = |b: u32| kinds.contains(&blocks.kind(b));
    let sizes = (0..blocks.count()).filter(|&b| chosen(b)).map(|b| blocks.members(b).len());
    let total: usize = sizes.map(|s| s * s.saturating_sub(1) / 2).sum();
    let step = total.div_ceil(limit.max(1)).max(1);
    let mut out = Vec::with_capacity(total.min(limit));
    let mut k = 0usize;
    for b in (0..blocks.count()).filter(|&b| chosen(b)) {
        let m = blocks.members(b);
        for (i, &x) in m.iter().enumerate() {
            for &y in &m[i + 1..] {
                if k.is_multiple_of(step) {
                    out.push((x, y));
                }
                k += 1;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    (out, step)
}

/// How many blocks of `kinds` hold both contacts of a pair.
fn shared_blocks(blocks: &Blocks, kinds: &[BlockKind], (a, b): (u32, u32)) -> usize {
    let theirs = blocks.of_record(b);
    blocks.of_record(a).iter().filter(|x| kinds.contains(&blocks.kind(**x)) && theirs.contains(x)).count()
}

/// The expected number of duplicate pairs that a pass's sample stands for:
/// each pair's chance of being one person (by the comparisons `judged_by`,
/// with the pass's duplicate share as prior), times the pairs it stands
/// for (`step`), times `weight` (one over the blocks that hold it, or 0 to
/// leave it out).
#[allow(clippy::too_many_arguments)]
fn duplicates(
    pairs: &[(u32, u32)],
    keys: &[u64],
    step: usize,
    share: f64,
    judged_by: &[Comparison],
    w: &Weights,
    ctx: Context,
    weight: impl Fn((u32, u32)) -> f64,
) -> f64 {
    let prior = (share / (1.0 - share)).log2();
    let chance = |key: u64| {
        let odds: f64 = prior
            + judged_by
                .iter()
                .filter_map(|&c| level_at(key, c).map(|pos| w.bits_in(c, c.levels()[pos], ctx)))
                .sum::<f64>();
        1.0 / (1.0 + (-odds).exp2())
    };
    pairs.iter().zip(keys).map(|(&pair, &key)| chance(key) * step as f64 * weight(pair)).sum()
}

/// Learns weights for `features` from their blocks (see the module docs).
pub fn learn(features: &[Features], blocks: &Blocks, ctx: Context) -> (Weights, Learning) {
    let hand = Weights::hand_set();
    let mut w = hand.clone();
    let mut notes = Vec::new();
    let random = random_pairs(features.len(), RANDOM_PAIRS);
    learn_u(&patterns(&keys(features, &random)), &mut w);
    let (name_pairs, name_step) = block_pairs(blocks, &[BlockKind::Name], SESSION_PAIRS);
    let name_keys = keys(features, &name_pairs);
    let place_keys = keys(features, &block_pairs(blocks, &[BlockKind::Place], SESSION_PAIRS).0);
    use Comparison as C;
    let fixed = [C::Email, C::Phone, C::Company];
    let address = [C::Birthday, C::HouseNumber, C::Street, C::Place];
    let names = [C::GivenName, C::FamilyName];
    let by_address = [&address[..], &fixed[..]].concat();
    let (first, name_share) = run_pass("name blocks", &patterns(&name_keys), &by_address, &address, &mut w, &hand, ctx);
    // How many duplicate pairs the name blocks hold: each sampled pair
    // stands for `name_step` pairs of the blocks, shared by as many blocks
    // as hold both its contacts.
    let name_duplicates = duplicates(&name_pairs, &name_keys, name_step, name_share, &by_address, &w, ctx, |pair| {
        1.0 / shared_blocks(blocks, &[BlockKind::Name], pair).max(1) as f64
    });
    let by_names = [&names[..], &[C::Birthday][..], &fixed[..]].concat();
    let (second, _) = run_pass("address blocks", &patterns(&place_keys), &by_names, &names, &mut w, &hand, ctx);
    // Duplicates whose names share no block (a name replaced, swapped and
    // misspelt) are not counted, and neither are the address blocks'
    // pairs: judged by names alone, a household member there looks like
    // a duplicate. So the estimate errs low, the safe side (stronger prior
    // odds against a match).
    let duplicate_rate = (!first.learned.is_empty()).then(|| name_duplicates / features.len().max(1) as f64);
    for pass in [&first, &second] {
        if pass.learned.is_empty() {
            notes.push(format!("{} pairs from {}: hand-set values kept", pass.pairs, pass.pairs_from));
        }
    }
    if duplicate_rate.is_none() {
        notes.push("duplicate rate: the hand-set 2% of contacts kept".into());
    }
    for c in Comparison::ALL.into_iter().filter(|c| c.is_learned()) {
        let levels = c.levels();
        let bits: Vec<f64> = levels.iter().map(|&l| w.bits(c, l)).collect();
        // Exact names weigh by the name's own frequency, not this level's u.
        let by_frequency = matches!(c, Comparison::GivenName | Comparison::FamilyName);
        let best = if by_frequency { f64::INFINITY } else { bits[0] + 1e-9 };
        let ordered = bits.iter().all(|&b| b <= best) && bits[bits.len() - 1] < 0.0;
        if !ordered {
            notes.push(format!("{}: learned levels out of order, hand-set values kept", c.label()));
            for &l in levels {
                w.set(c, l, hand.m(c, l), hand.u(c, l));
            }
        }
    }
    let learning = Learning {
        is_learned: w != hand,
        converged: first.converged && second.converged,
        random_pairs: random.len(),
        duplicate_rate,
        passes: vec![first, second],
        notes,
    };
    (w, learning)
}

/// Sets u of the learned comparisons from random pairs.
fn learn_u(random: &Patterns, w: &mut Weights) {
    let total: f64 = random.iter().map(|&(_, n)| f64::from(n)).sum();
    let strength = (total / 4.0).max(1000.0);
    for c in Comparison::ALL.into_iter().filter(|c| c.is_learned()) {
        let mut counts = [0.0; MAX_LEVELS];
        let mut present = 0.0;
        for &(key, n) in random {
            if let Some(pos) = level_at(key, c) {
                counts[pos] += f64::from(n);
                present += f64::from(n);
            }
        }
        for (i, &l) in c.levels().iter().enumerate() {
            let u = (counts[i] + strength * w.u(c, l)) / (present + strength);
            w.set(c, l, w.m(c, l), u);
        }
    }
}

/// One EM pass: `judged_by` are the comparisons whose weights decide each
/// pair's chance of being one person; `update` those whose m is learned.
/// Returns the pass and the share of its pairs it found to be duplicates.
fn run_pass(
    pairs_from: &str,
    patterns: &Patterns,
    judged_by: &[Comparison],
    update: &[Comparison],
    w: &mut Weights,
    hand: &Weights,
    ctx: Context,
) -> (Pass, f64) {
    let total: f64 = patterns.iter().map(|&(_, n)| f64::from(n)).sum();
    let mut pass = Pass {
        pairs_from: pairs_from.to_string(),
        pairs: total as usize,
        iterations: 0,
        converged: false,
        duplicate_share: 0.0,
        learned: Vec::new(),
    };
    if total < MIN_PAIRS {
        return (pass, 0.0);
    }
    let mut learned = w.clone();
    let mut share = 0.1f64;
    for iteration in 1..=MAX_ITERATIONS {
        let mut bits = [[0.0; MAX_LEVELS]; COMPARISONS];
        for &c in judged_by {
            for (i, &l) in c.levels().iter().enumerate() {
                bits[c.index()][i] = learned.bits_in(c, l, ctx);
            }
        }
        let mut matched = 0.0;
        let mut num = [[0.0; MAX_LEVELS]; COMPARISONS];
        let mut den = [0.0; COMPARISONS];
        for &(key, n) in patterns {
            let mut odds = (share / (1.0 - share)).log2();
            for &c in judged_by {
                if let Some(pos) = level_at(key, c) {
                    odds += bits[c.index()][pos];
                }
            }
            let p = f64::from(n) / (1.0 + (-odds).exp2());
            matched += p;
            for &c in update {
                if let Some(pos) = level_at(key, c) {
                    num[c.index()][pos] += p;
                    den[c.index()] += p;
                }
            }
        }
        let next_share = (matched / total).clamp(1e-6, 0.999);
        let mut change = (next_share - share).abs();
        share = next_share;
        for &c in update {
            for (i, &l) in c.levels().iter().enumerate() {
                let prior = hand.m(c, l);
                let m = (num[c.index()][i] + PRIOR_PAIRS * prior) / (den[c.index()] + PRIOR_PAIRS);
                let m = m.clamp(prior / MAX_SHIFT.exp2(), (prior * MAX_SHIFT.exp2()).min(1.0));
                change = change.max((m - learned.m(c, l)).abs());
                learned.set(c, l, m, learned.u(c, l));
            }
        }
        pass.iterations = iteration;
        pass.duplicate_share = share;
        if change < 1e-5 {
            pass.converged = true;
            break;
        }
    }
    // A pass that calls most of its pairs duplicates has lost its way (any
    // share fits once m equals u).
    if pass.converged && share * total >= MIN_MATCHES && share <= MAX_SHARE {
        for &c in update {
            for &l in c.levels() {
                w.set(c, l, learned.m(c, l), w.u(c, l));
            }
        }
        pass.learned = update.to_vec();
    }
    (pass, share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dedupe::compare::Level;
    use crate::core::records::{Address, Contact};

    /// People at distinct addresses, every third with a copy whose birthday
    /// has a one-digit typo: EM should learn that such typos are common
    /// among duplicates.
    fn people(n: usize) -> Vec<Features> {
        let t = chrono::DateTime::from_timestamp(0, 0).unwrap();
        let given = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karl", "Lena"];
        let family = [
            "Berg", "Fischer", "Hahn", "Klein", "Lang", "Meyer", "Neumann", "Otto", "Roth", "Vogel", "Weber", "Adler",
            "Brandt", "Dietrich", "Engel", "Frank", "Graf", "Haas", "Jung", "Kaiser", "Lorenz", "Maurer", "Nagel",
            "Pohl", "Quast", "Ritter", "Sommer", "Thiel", "Ulrich", "Voigt", "Winkler", "Zander", "Busch", "Conrad",
            "Ebert", "Fuchs", "Gross", "Horn", "Imhof", "Kuhn",
        ];
        let mut out = Vec::new();
        for i in 0..n {
            let mut c = Contact::blank(format!("c{i}"), t);
            c.given_name = given[i % given.len()].into();
            c.family_name = family[(i / given.len()) % family.len()].into();
            c.birthday =
                chrono::NaiveDate::from_ymd_opt(1950 + (i % 50) as i32, 1 + (i % 12) as u32, 1 + (i % 27) as u32)
                    .map(Into::into);
            c.addresses.push(Address {
                street: format!("{} Hauptstraße", 1 + i % 150),
                postal_code: format!("{:05}", 10_000 + i * 7),
                city: ["Berlin", "Hamburg", "Köln"][i % 3].into(),
                ..Default::default()
            });
            out.push(Features::of(&c, "DE"));
            if i % 3 == 0 {
                c.birthday = c
                    .birthday
                    .and_then(|b| b.date())
                    .map(|d| d.with_day(if d.day() < 19 { d.day() + 10 } else { d.day() - 10 }).unwrap_or(d).into());
                out.push(Features::of(&c, "DE"));
            }
        }
        out
    }

    use chrono::Datelike;

    #[test]
    fn em_converges_and_learns_from_the_data() {
        let features = people(3000);
        let blocks = Blocks::build(&features, 40);
        let ctx = Context::for_size(features.len());
        let (w, learning) = learn(&features, &blocks, ctx);
        assert!(learning.is_learned && learning.converged, "{learning:?}");
        assert_eq!(learning.random_pairs, RANDOM_PAIRS);
        assert!(learning.passes.iter().all(|p| p.iterations < MAX_ITERATIONS), "{learning:?}");
        let hand = Weights::hand_set();
        // A third of the people have a copy with a birthday typo.
        assert!(
            w.m(Comparison::Birthday, Level::OneDigit) > hand.m(Comparison::Birthday, Level::OneDigit) * 2.0,
            "{}",
            w.m(Comparison::Birthday, Level::OneDigit)
        );
        // u of "same city" is about a third here, far more than hand-set.
        assert!(w.u(Comparison::Place, Level::SameCity) > 0.2, "{}", w.u(Comparison::Place, Level::SameCity));
    }

    #[test]
    fn the_summary_says_what_learning_did() {
        assert_eq!(
            Learning::hand_set().summary(crate::core::display::Locale::En),
            "Hand-set weights: learning from your contacts is off."
        );
        assert!(Learning::hand_set()
            .summary(crate::core::display::Locale::De)
            .starts_with("Manuell gesetzte Gewichte"));
        let features = people(3000);
        let blocks = Blocks::build(&features, 40);
        let (_, learning) = learn(&features, &blocks, Context::for_size(features.len()));
        let summary = learning.summary(crate::core::display::Locale::En);
        assert!(
            summary.starts_with("Learned from ") && summary.contains(" pairs of your contacts; about "),
            "{summary}"
        );
        let (_, small) = learn(&people(30), &Blocks::build(&people(30), 40), Context::for_size(40));
        assert!(
            small.summary(crate::core::display::Locale::En).starts_with("Hand-set weights: too few"),
            "{}",
            small.summary(crate::core::display::Locale::En)
        );
    }

    #[test]
    fn small_lists_fall_back_to_hand_set_weights() {
        let features = people(30);
        let blocks = Blocks::build(&features, 40);
        let (w, learning) = learn(&features, &blocks, Context::for_size(features.len()));
        assert!(learning.passes.iter().all(|p| p.learned.is_empty()), "{learning:?}");
        let hand = Weights::hand_set();
        assert_eq!(w.m(Comparison::GivenName, Level::Typo), hand.m(Comparison::GivenName, Level::Typo));
        assert_eq!(learning.notes.iter().filter(|n| n.contains("pairs from")).count(), 2, "{:?}", learning.notes);
    }

    #[test]
    fn random_pairs_are_distinct_and_deterministic() {
        let pairs = random_pairs(1000, 500);
        assert_eq!(pairs, random_pairs(1000, 500));
        assert!(pairs.iter().all(|&(a, b)| a < b && b < 1000));
        assert_eq!(random_pairs(5, 500).len(), 10);
    }
}
