//! Timing distributions and what the kernel says about this process's memory.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Median, 99th percentile (nearest rank) and maximum of a set of timings, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Dist {
    pub n: usize,
    pub median_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Dist {
    pub fn of(samples: &[Duration]) -> Dist {
        if samples.is_empty() {
            return Dist::default();
        }
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let i = (p * ms.len() as f64).ceil() as usize;
            ms[i.clamp(1, ms.len()) - 1]
        };
        Dist {
            n: ms.len(),
            median_ms: rank(0.5),
            p99_ms: rank(0.99),
            max_ms: ms[ms.len() - 1],
        }
    }
}

/// Collects timings of repeated operations.
#[derive(Default)]
pub struct Samples(pub Vec<Duration>);

impl Samples {
    /// Time one call and keep its result.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push(start.elapsed());
        out
    }

    pub fn dist(&self) -> Dist {
        Dist::of(&self.0)
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Memory figures of a process from `/proc/<pid>/status` and `/proc/<pid>/stat`.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Memory {
    /// Peak resident set (VmHWM), kB.
    pub peak_rss_kb: u64,
    /// Resident set now (VmRSS), kB.
    pub rss_kb: u64,
    /// Swapped out now (VmSwap), kB.
    pub swap_kb: u64,
    /// Page faults that had to read from disk.
    pub major_faults: u64,
}

impl Memory {
    pub fn of_self() -> Memory {
        Memory::of("self")
    }

    pub fn of(pid: &str) -> Memory {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        };
        // Field 12 of /proc/pid/stat, counted after the parenthesised command name.
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let major_faults = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(9))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        Memory {
            peak_rss_kb: field("VmHWM:"),
            rss_kb: field("VmRSS:"),
            swap_kb: field("VmSwap:"),
            major_faults,
        }
    }
}

/// Total bytes of the files under `dir`.
pub fn dir_bytes(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
