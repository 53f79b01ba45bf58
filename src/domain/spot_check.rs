//! Spot checks (抽查): the district checks a share of each town's decisions of a period.
//! The sample is reproducible: seeded by town and period, so drawing again gives the same
//! cases, and anyone can verify the draw. Pure: the period, the seed, the draw.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::case::{CaseId, CaseNumber, Stage};
use crate::domain::household::HouseholdId;
use crate::domain::town::Town;
use crate::labelled_enum;

labelled_enum! {
    pub enum SpotOutcome {
        Pending => ("待核查", "not yet checked"),
        Upheld => ("认定无误", "decision upheld"),
        Flawed => ("发现问题", "problem found"),
    }
}

/// One drawn decision and what the district found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpotCheck {
    pub rev: u64,
    pub town: Town,
    /// As typed and normalised: `2026-03`, `2026Q1` or `2026`.
    pub period: String,
    pub case: CaseId,
    pub household: HouseholdId,
    pub number: Option<CaseNumber>,
    pub stage: Stage,
    pub decided_on: NaiveDate,
    pub drawn_on: NaiveDate,
    pub drawn_by: String,
    pub seed: u64,
    pub outcome: SpotOutcome,
    pub note: String,
    pub checked_by: Option<String>,
    pub checked_on: Option<NaiveDate>,
}

/// A period of decisions: its name and its first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotPeriod {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl SpotPeriod {
    /// `2026-03` (a month), `2026Q1` (a quarter) or `2026` (a year); `None` otherwise.
    pub fn parse(text: &str) -> Option<SpotPeriod> {
        let t = text.trim().to_uppercase();
        let (from, months, name) = if let Some((y, q)) = t.split_once('Q') {
            let y: i32 = y.parse().ok()?;
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            (
                NaiveDate::from_ymd_opt(y, q * 3 - 2, 1)?,
                3,
                format!("{y}Q{q}"),
            )
        } else if let Some((y, m)) = t.split_once('-') {
            let y: i32 = y.parse().ok()?;
            let m: u32 = m.parse().ok()?;
            (NaiveDate::from_ymd_opt(y, m, 1)?, 1, format!("{y}-{m:02}"))
        } else {
            let y: i32 = t.parse().ok().filter(|y| (2000..=2100).contains(y))?;
            (NaiveDate::from_ymd_opt(y, 1, 1)?, 12, format!("{y}"))
        };
        let to = from.checked_add_months(Months::new(months))?.pred_opt()?;
        Some(SpotPeriod { name, from, to })
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The month of `d`, the default period.
    pub fn month_of(d: NaiveDate) -> SpotPeriod {
        let name = format!("{}-{:02}", d.year(), d.month());
        SpotPeriod::parse(&name).unwrap_or(SpotPeriod {
            name,
            from: d,
            to: d,
        })
    }
}

/// The seed of a town's draw for a period: FNV-1a over the town code and period name
/// (stable across runs and releases).
pub fn seed(town: Town, period: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(town.code()).chain(period.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// How many of `n` decisions a share of `percent` draws: rounded up, at least one when
/// there is any, never more than `n`.
pub fn sample_size(n: usize, percent: u32) -> usize {
    if n == 0 {
        return 0;
    }
    let p = usize::try_from(percent.min(100)).unwrap_or(100);
    (n * p).div_ceil(100).clamp(1, n)
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Draw `sample_size(candidates, percent)` cases with `seed`: the candidates are sorted
/// first, so the order they were read in does not matter; the draw comes back sorted.
pub fn draw(candidates: &[CaseId], seed: u64, percent: u32) -> Vec<CaseId> {
    let mut pool: Vec<CaseId> = candidates.to_vec();
    pool.sort();
    pool.dedup();
    let k = sample_size(pool.len(), percent);
    let mut state = seed;
    for i in 0..k {
        let left = (pool.len() - i) as u64;
        let j = i + usize::try_from(splitmix(&mut state) % left).unwrap_or(0);
        pool.swap(i, j);
    }
    let mut out = pool[..k].to_vec();
    out.sort();
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods() {
        let table = [
            ("2026-03", "2026-03", d(2026, 3, 1), d(2026, 3, 31)),
            ("2026-2", "2026-02", d(2026, 2, 1), d(2026, 2, 28)),
            ("2026q1", "2026Q1", d(2026, 1, 1), d(2026, 3, 31)),
            ("2025Q4", "2025Q4", d(2025, 10, 1), d(2025, 12, 31)),
            ("2026", "2026", d(2026, 1, 1), d(2026, 12, 31)),
        ];
        for (text, name, from, to) in table {
            let p = SpotPeriod::parse(text).unwrap();
            assert_eq!((p.name.as_str(), p.from, p.to), (name, from, to), "{text}");
        }
        for bad in ["2026Q5", "2026-13", "26", "三月", ""] {
            assert_eq!(SpotPeriod::parse(bad), None, "{bad}");
        }
    }

    /// (decisions, percent, drawn)
    #[test]
    fn sample_sizes() {
        for (n, p, k) in [
            (0, 30, 0),
            (1, 30, 1),
            (3, 30, 1),
            (10, 30, 3),
            (11, 30, 4),
            (7, 100, 7),
            (5, 1, 1),
        ] {
            assert_eq!(sample_size(n, p), k, "{n} at {p}%");
        }
    }

    #[test]
    fn the_draw_is_reproducible_and_depends_on_town_and_period() {
        let cases: Vec<CaseId> = (1..=40).map(CaseId).collect();
        let mut shuffled = cases.clone();
        shuffled.reverse();
        let s = seed(Town::Chenlu, "2026-03");
        let a = draw(&cases, s, 30);
        assert_eq!(a.len(), 12);
        assert_eq!(a, draw(&shuffled, s, 30), "order read does not matter");
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert_ne!(a, draw(&cases, seed(Town::Chenlu, "2026-04"), 30));
        assert_ne!(a, draw(&cases, seed(Town::Hongtu, "2026-03"), 30));
        assert_ne!(seed(Town::Chenlu, "2026-03"), seed(Town::Chenlu, "2026-3"));
    }
}
