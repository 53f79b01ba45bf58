//! Bringing a district's existing population in: a roster of households and their
//! members (one row per person) from .xlsx or .csv, every row checked before anything is
//! written, then each household with its confirmed case written under an import record.

pub mod cells;
pub mod map;
pub mod read;
pub mod report;
mod row;
pub mod template;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::villages::Villages;

pub use map::{Field, Mapping};
pub use validate::{Level, Problem};
pub use write::Written;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    pub mapping: Option<PathBuf>,
    /// Check and write the report only.
    pub dry_run: bool,
    /// Replace households already in the store by the file's details.
    pub update: bool,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub households: usize,
    pub persons: usize,
    pub errors: usize,
    pub notices: usize,
    /// The check report, when one was written.
    pub report: Option<PathBuf>,
    /// What was written; `None` for a dry run or a file with errors.
    pub written: Option<Written>,
    pub encoding: read::Encoding,
    pub sha256: String,
    pub elapsed: Duration,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of the file, read in pieces.
pub fn file_hash(path: &Path) -> Result<String, AppError> {
    use std::io::Read;
    let fail = |e: std::io::Error| {
        AppError::Invalid(
            format!("无法读取文件 {}：{e}", path.display()),
            format!("cannot read {}: {e}", path.display()),
        )
    };
    let mut f = std::fs::File::open(path).map_err(fail)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(fail)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex(&h.finalize()))
}

pub fn require(actor: &Actor) -> Result<(), AppError> {
    actor.permit(crate::domain::access::Permission::ImportRecords)
}

/// `safetynet import`: check `path`, and unless it is a dry run or something is wrong,
/// write it. `progress(done, total)` follows the writing.
pub fn import(
    services: &Services,
    actor: &Actor,
    path: &Path,
    opts: &ImportOptions,
    progress: impl FnMut(u64, u64),
) -> Result<Outcome, AppError> {
    require(actor)?;
    let started = Instant::now();
    let mapping = match &opts.mapping {
        Some(m) => {
            let text = std::fs::read_to_string(m).map_err(|e| {
                AppError::Invalid(
                    format!("无法读取对照表 {}：{e}", m.display()),
                    format!("cannot read the mapping {}: {e}", m.display()),
                )
            })?;
            Mapping::custom(&text)?
        }
        None => Mapping::template()?,
    };
    let format = read::Format::of(path)?;
    let sheet = opts.sheet.as_deref().or(mapping.sheet.as_deref());
    let table = read::read(path, sheet, mapping.header_row)?;
    let cols = mapping.resolve(&table.headers)?;
    let sha256 = file_hash(path)?;
    let villages = Villages::bundled().map_err(|e| AppError::Data(e.to_string()))?;
    let mut plan = validate::validate(
        &table,
        &mapping,
        &cols,
        &villages,
        &services.store,
        services.today(),
    )?;
    let encoding = table.encoding;
    drop(table);
    let (actions, notes) = if plan.errors() == 0 {
        write::actions(&services.store, &plan, opts.update)?
    } else {
        (Vec::new(), Vec::new())
    };
    plan.problems.extend(notes);
    plan.problems.sort_by_key(|p| (p.line, p.level));
    let errors = plan.errors();
    let notices = plan.problems.len() - errors;
    let report = if opts.dry_run || !plan.problems.is_empty() {
        Some(report::write(path, format, &plan.problems)?)
    } else {
        None
    };
    let mut outcome = Outcome {
        households: plan.file_households,
        persons: plan.file_rows,
        errors,
        notices,
        report,
        written: None,
        encoding,
        sha256,
        elapsed: started.elapsed(),
    };
    if opts.dry_run || errors > 0 {
        return Ok(outcome);
    }
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let job = write::Job {
        store: &services.store,
        actor,
        now: services.now(),
        file: &file,
        sha256: &outcome.sha256,
    };
    let written = write::write(&job, &plan, actions, progress)?;
    outcome.elapsed = started.elapsed();
    write::finish(&job, &written, plan.persons, outcome.elapsed.as_secs_f64())?;
    outcome.written = Some(written);
    Ok(outcome)
}
