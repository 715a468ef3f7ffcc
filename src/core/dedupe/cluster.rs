//! Grouping scored pairs into duplicate clusters without chaining. Plain
//! union-find would join A and C through B even when A and C are clearly
//! different people (A ~ B share a phone, B ~ C share a name). Here pairs are
//! taken strongest first; each cluster has a centre (of its founding pair,
//! the contact with more links), and a contact joins only if it links to the
//! centre at or above the threshold and conflicts with no member. Two
//! clusters merge only if their centres link and no members conflict.
//!
//! Clusters have one level each. Probable clusters are built first from the
//! pairs at or above the probable threshold, and a member conflicts when the
//! pair would need review (see `scoring::review`), so everyone in a
//! probable cluster is probably one person with everyone else. Possible
//! clusters are then built from the other pairs at or above the possible
//! threshold (leaving out pairs already inside one probable cluster; a
//! probable pair kept out of a cluster by a conflict is offered here, with
//! the cluster's best score capped halfway between the thresholds); a contact may be in a
//! probable cluster and in a possible one, which is how "this duplicate pair
//! and maybe also this family member" is offered for review. A cluster's
//! level is whether its best score reaches the probable threshold.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::scoring::Candidate;

/// A group of contacts that are probably one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Contact indexes, ascending.
    pub members: Vec<u32>,
    /// The highest pair score inside the cluster.
    pub best_score: f64,
    /// The scored pairs between members, strongest first.
    pub pairs: Vec<Candidate>,
}

impl Cluster {
    /// Every pair of members (the pairs this cluster claims are duplicates).
    pub fn member_pairs(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.members.iter().enumerate().flat_map(move |(i, &a)| self.members[i + 1..].iter().map(move |&b| (a, b)))
    }
}

fn key(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

/// Clusters the candidates: probable clusters from those scoring at least
/// `probable`, then possible ones from those between `possible` and
/// `probable`. `conflict(a, b, probable)` says whether two contacts must
/// never share a cluster of that level.
pub fn cluster_pairs(
    candidates: &[Candidate],
    probable: f64,
    possible: f64,
    conflict: impl Fn(u32, u32, bool) -> bool,
) -> Vec<Cluster> {
    let strong: Vec<&Candidate> = candidates.iter().filter(|c| c.score >= probable).collect();
    let mut clusters = group(&strong, |a, b| conflict(a, b, true));
    // Which probable cluster each contact is in, to leave out pairs within one.
    let mut cluster_of: HashMap<u32, usize> = HashMap::new();
    for (i, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            cluster_of.insert(m, i);
        }
    }
    let same_cluster =
        |c: &Candidate| matches!((cluster_of.get(&c.a), cluster_of.get(&c.b)), (Some(x), Some(y)) if x == y);
    // A pair between the thresholds inside one probable cluster is shown there.
    for c in candidates.iter().filter(|c| c.score >= possible && c.score < probable && same_cluster(c)) {
        clusters[cluster_of[&c.a]].pairs.push(c.clone());
    }
    // The rest (also probable pairs kept out of a probable cluster by a
    // conflict) form possible clusters, whose best score is capped below
    // the probable threshold: they need a person's judgement.
    let weak: Vec<&Candidate> = candidates.iter().filter(|c| c.score >= possible && !same_cluster(c)).collect();
    let cap = (probable + possible) / 2.0;
    clusters.extend(group(&weak, |a, b| conflict(a, b, false)).into_iter().map(|mut c| {
        c.best_score = c.best_score.min(cap);
        c
    }));
    clusters.sort_by(|x, y| y.best_score.total_cmp(&x.best_score).then(x.members.cmp(&y.members)));
    clusters
}

/// Groups `edges` into clusters with the centre rule.
fn group(edges: &[&Candidate], conflict: impl Fn(u32, u32) -> bool) -> Vec<Cluster> {
    let mut edges = edges.to_vec();
    edges.sort_by(|x, y| y.score.total_cmp(&x.score).then(key(x.a, x.b).cmp(&key(y.a, y.b))));
    let linked: HashSet<(u32, u32)> = edges.iter().map(|c| key(c.a, c.b)).collect();
    let mut degree: HashMap<u32, usize> = HashMap::new();
    for c in &edges {
        *degree.entry(c.a).or_default() += 1;
        *degree.entry(c.b).or_default() += 1;
    }
    // Members that are linked were judged by their own score; the conflict
    // rule keeps out only members that are not.
    let compatible =
        |xs: &[u32], ys: &[u32]| xs.iter().all(|&x| ys.iter().all(|&y| linked.contains(&key(x, y)) || !conflict(x, y)));

    // Each group's members; its centre is the first.
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut group_of: HashMap<u32, usize> = HashMap::new();
    for c in &edges {
        match (group_of.get(&c.a).copied(), group_of.get(&c.b).copied()) {
            (None, None) => {
                let centre_first = if degree[&c.b] > degree[&c.a] { [c.b, c.a] } else { [c.a, c.b] };
                group_of.insert(c.a, groups.len());
                group_of.insert(c.b, groups.len());
                groups.push(centre_first.to_vec());
            }
            (Some(g), None) | (None, Some(g)) => {
                let newcomer = if group_of.contains_key(&c.a) { c.b } else { c.a };
                if linked.contains(&key(groups[g][0], newcomer)) && compatible(&groups[g], &[newcomer]) {
                    groups[g].push(newcomer);
                    group_of.insert(newcomer, g);
                }
            }
            (Some(g), Some(h))
                if g != h
                    && linked.contains(&key(groups[g][0], groups[h][0]))
                    && compatible(&groups[g], &groups[h]) =>
            {
                let moved = std::mem::take(&mut groups[h]);
                for &m in &moved {
                    group_of.insert(m, g);
                }
                groups[g].extend(moved);
            }
            _ => {}
        }
    }
    let mut pairs: Vec<Vec<Candidate>> = vec![Vec::new(); groups.len()];
    for c in &edges {
        match (group_of.get(&c.a), group_of.get(&c.b)) {
            (Some(g), Some(h)) if g == h => pairs[*g].push((*c).clone()),
            _ => {}
        }
    }
    groups
        .into_iter()
        .zip(pairs)
        .filter(|(g, _)| g.len() > 1)
        .map(|(mut members, pairs)| {
            members.sort_unstable();
            Cluster { members, best_score: pairs.first().map_or(0.0, |c| c.score), pairs }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: u32, b: u32, score: f64) -> Candidate {
        Candidate { a, b, score, reasons: Vec::new(), review: None }
    }

    fn never(_: u32, _: u32, _: bool) -> bool {
        false
    }

    #[test]
    fn no_chaining_when_the_ends_conflict() {
        // A~B strongly, B~C above the threshold, but A and C are clearly
        // different people (say, different birthdays).
        let pairs = [pair(0, 1, 0.99), pair(1, 2, 0.7)];
        let clusters = cluster_pairs(&pairs, 0.5, 0.4, |a, b, _| (a.min(b), a.max(b)) == (0, 2));
        assert_eq!(clusters[0].members, [0, 1]);
        // B~C is offered for review on its own, below the probable level.
        assert_eq!(clusters.len(), 2);
        assert_eq!((clusters[1].members.clone(), clusters[1].best_score), (vec![1, 2], 0.45));
    }

    #[test]
    fn members_must_link_to_the_centre() {
        // 1 is the centre of {0, 1} (more links); 3 links only to 0.
        let pairs = [pair(0, 1, 0.99), pair(1, 2, 0.9), pair(0, 3, 0.8), pair(1, 4, 0.7)];
        let clusters = cluster_pairs(&pairs, 0.5, 0.4, never);
        // 3 is offered with 0 for review.
        assert_eq!(clusters.iter().map(|c| c.members.clone()).collect::<Vec<_>>(), [vec![0, 1, 2, 4], vec![0, 3]]);
        assert!(clusters[1].best_score < 0.5);
    }

    #[test]
    fn a_triangle_forms_one_cluster_and_order_is_best_first() {
        let clusters = cluster_pairs(
            &[pair(3, 4, 0.6), pair(0, 1, 0.95), pair(1, 2, 0.9), pair(0, 2, 0.8), pair(5, 6, 0.4)],
            0.5,
            0.45,
            never,
        );
        assert_eq!(clusters.iter().map(|c| c.members.clone()).collect::<Vec<_>>(), [vec![0, 1, 2], vec![3, 4]]);
        assert_eq!(clusters[0].best_score, 0.95);
        assert_eq!(clusters[0].pairs.len(), 3);
        assert_eq!(clusters[0].member_pairs().collect::<Vec<_>>(), [(0, 1), (0, 2), (1, 2)]);
    }

    #[test]
    fn clusters_merge_only_through_their_centres() {
        let linked = [pair(0, 1, 0.9), pair(2, 3, 0.9), pair(0, 2, 0.8)];
        assert_eq!(cluster_pairs(&linked, 0.5, 0.4, never)[0].members, [0, 1, 2, 3]);
        // Centres 0 and 2; only non-centres 1 and 3 link.
        let bridged = [pair(0, 1, 0.9), pair(0, 4, 0.85), pair(2, 3, 0.9), pair(2, 5, 0.85), pair(1, 3, 0.8)];
        let clusters = cluster_pairs(&bridged, 0.5, 0.4, never);
        let probable: Vec<Vec<u32>> =
            clusters.iter().filter(|c| c.best_score >= 0.5).map(|c| c.members.clone()).collect();
        assert_eq!(probable, [vec![0, 1, 4], vec![2, 3, 5]]);
    }

    #[test]
    fn a_family_member_is_a_possible_cluster_beside_a_probable_one() {
        // 0 and 1 are one person; 2 shares their address and family name
        // with another given name (held for review, scored 0.7).
        let pairs = [pair(0, 1, 0.99), pair(0, 2, 0.7), pair(1, 2, 0.7)];
        let conflict = |a: u32, b: u32, probable: bool| probable && a.max(b) == 2;
        let clusters = cluster_pairs(&pairs, 0.9, 0.5, conflict);
        let shown: Vec<(Vec<u32>, f64)> = clusters.iter().map(|c| (c.members.clone(), c.best_score)).collect();
        assert_eq!(shown, [(vec![0, 1], 0.99), (vec![0, 1, 2], 0.7)]);
        assert_eq!(clusters[1].pairs.len(), 2);
        // Below the possible threshold nothing is offered.
        assert_eq!(cluster_pairs(&pairs, 0.999, 0.995, conflict).len(), 0);
    }
}
