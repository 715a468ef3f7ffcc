//! Grouping scored pairs into duplicate clusters without chaining. Plain
//! union-find would join A and C through B even when A and C are clearly
//! different people (A ~ B share a phone, B ~ C share a name). Here pairs are
//! taken strongest first; each cluster has a centre (of its founding pair,
//! the contact with more links), and a contact joins only if it links to the
//! centre at or above the threshold and conflicts with no member (different
//! birthdays, unrelated names: see `scoring::conflicts`). Two clusters merge
//! only if their centres link and no members conflict.

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

/// Clusters the candidates scoring at least `threshold`; `conflict(a, b)`
/// says whether two contacts must never share a cluster.
pub fn cluster_pairs(candidates: &[Candidate], threshold: f64, conflict: impl Fn(u32, u32) -> bool) -> Vec<Cluster> {
    let mut edges: Vec<&Candidate> = candidates.iter().filter(|c| c.score >= threshold).collect();
    edges.sort_by(|x, y| y.score.total_cmp(&x.score).then(key(x.a, x.b).cmp(&key(y.a, y.b))));
    let linked: HashSet<(u32, u32)> = edges.iter().map(|c| key(c.a, c.b)).collect();
    let mut degree: HashMap<u32, usize> = HashMap::new();
    for c in &edges {
        *degree.entry(c.a).or_default() += 1;
        *degree.entry(c.b).or_default() += 1;
    }
    let compatible = |xs: &[u32], ys: &[u32]| xs.iter().all(|&x| ys.iter().all(|&y| !conflict(x, y)));

    // Each group's members; its centre is the first.
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut group_of: HashMap<u32, usize> = HashMap::new();
    for c in &edges {
        match (group_of.get(&c.a).copied(), group_of.get(&c.b).copied()) {
            (None, None) if !conflict(c.a, c.b) => {
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
    let mut clusters: Vec<Cluster> = groups
        .into_iter()
        .zip(pairs)
        .filter(|(g, _)| g.len() > 1)
        .map(|(mut members, pairs)| {
            members.sort_unstable();
            Cluster { members, best_score: pairs.first().map_or(0.0, |c| c.score), pairs }
        })
        .collect();
    clusters.sort_by(|x, y| y.best_score.total_cmp(&x.best_score).then(x.members.cmp(&y.members)));
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: u32, b: u32, score: f64) -> Candidate {
        Candidate { a, b, score, reasons: Vec::new() }
    }

    fn never(_: u32, _: u32) -> bool {
        false
    }

    #[test]
    fn no_chaining_when_the_ends_conflict() {
        // A~B strongly, B~C above the threshold, but A and C are clearly
        // different people (say, different birthdays).
        let pairs = [pair(0, 1, 0.99), pair(1, 2, 0.7)];
        let clusters = cluster_pairs(&pairs, 0.5, |a, b| (a.min(b), a.max(b)) == (0, 2));
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].members, [0, 1]);
    }

    #[test]
    fn members_must_link_to_the_centre() {
        // 1 is the centre of {0, 1} (more links); 3 links only to 0.
        let pairs = [pair(0, 1, 0.99), pair(1, 2, 0.9), pair(0, 3, 0.8), pair(1, 4, 0.7)];
        let clusters = cluster_pairs(&pairs, 0.5, never);
        assert_eq!(clusters.iter().map(|c| c.members.clone()).collect::<Vec<_>>(), [vec![0, 1, 2, 4]]);
    }

    #[test]
    fn a_triangle_forms_one_cluster_and_order_is_best_first() {
        let clusters = cluster_pairs(
            &[pair(3, 4, 0.6), pair(0, 1, 0.95), pair(1, 2, 0.9), pair(0, 2, 0.8), pair(5, 6, 0.4)],
            0.5,
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
        assert_eq!(cluster_pairs(&linked, 0.5, never)[0].members, [0, 1, 2, 3]);
        // Centres 0 and 2; only non-centres 1 and 3 link.
        let bridged = [pair(0, 1, 0.9), pair(0, 4, 0.85), pair(2, 3, 0.9), pair(2, 5, 0.85), pair(1, 3, 0.8)];
        assert_eq!(cluster_pairs(&bridged, 0.5, never).len(), 2);
    }
}
