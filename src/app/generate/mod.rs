//! The synthetic district: deterministic households and cases at every stage, for the
//! demo, the tests and the benchmarks. Scales to a million households by loading in batches.

mod case;
mod household;
mod names;
mod procedure;
mod rng;
mod whole;

use chrono::NaiveDate;

use crate::domain::calendar::Calendar;
use crate::domain::caseload::Caseload;
use crate::domain::drilldown::MonitoringLines;
use crate::domain::standards::Standards;
use crate::domain::villages::Villages;
use crate::store::bulk::BulkLoader;
use crate::store::{AuditEntry, Store};

use super::AppError;

pub use rng::Rng;
pub use whole::{generate_new_store, work_folder};

#[derive(Debug, Clone, Copy)]
pub struct GenerateOptions {
    pub households: u64,
    pub seed: u64,
    /// The "today" the district is generated around (application dates, deadlines).
    pub as_of: NaiveDate,
}

/// Fill an empty store. `progress(done, total)` is called every thousand households.
pub fn generate(
    store: &Store,
    opts: GenerateOptions,
    progress: impl FnMut(u64, u64),
) -> Result<Caseload, AppError> {
    generate_into(BulkLoader::new(store)?, opts, progress)
}

/// [`generate`] through a given loader (tests make its batches small).
pub(crate) fn generate_into(
    mut loader: BulkLoader<'_>,
    opts: GenerateOptions,
    mut progress: impl FnMut(u64, u64),
) -> Result<Caseload, AppError> {
    let villages = Villages::bundled().map_err(|e| AppError::Data(e.to_string()))?;
    let calendar = Calendar::bundled().map_err(|e| AppError::Data(e.to_string()))?;
    // A new store holds no edited standards: the bundled ones are in force.
    let standards = Standards::bundled().map_err(|e| AppError::Data(e.to_string()))?;
    loader.set_monitoring_lines(standards.set_on(opts.as_of).ok().map(MonitoringLines::of));
    let mut rng = Rng::new(opts.seed);
    let mut ids = household::IdAllocator::default();
    let mut numbers = case::Numbering::default();
    // The head of the first case under investigation is a registered relative of staff.
    let mut relative = None;
    for n in 0..opts.households {
        // Household ids are odd, case ids even: one sequence, never shared.
        let hid = 2 * n + 1;
        let mut h = household::household(&mut rng, &mut ids, &villages, hid, opts.as_of)
            .ok_or_else(|| AppError::Data("ran out of ID numbers".into()))?;
        let c = case::case_for(
            &mut rng,
            &mut h,
            hid + 1,
            opts.as_of,
            &calendar,
            &mut numbers,
        );
        if relative.is_none() && c.stage == crate::domain::case::Stage::Investigating {
            relative = h
                .members
                .first()
                .map(|m| (h.town, m.name.clone(), m.id.clone()));
        }
        loader.add(&h, &[c])?;
        if (n + 1) % 1000 == 0 {
            progress(n + 1, opts.households);
        }
    }
    if let Some((town, name, id)) = relative {
        use crate::domain::staff_relatives::{Kinship, Relative, StaffEntry, StaffRole};
        loader.add_staff_entry(&StaffEntry {
            id: 2 * opts.households + 1,
            rev: 1,
            name: "王建国".into(),
            role: StaffRole::CivilAffairs,
            town,
            post: format!("{}民政办", crate::domain::Label::zh(&town)),
            relatives: vec![Relative {
                name,
                id,
                kinship: Kinship::Sibling,
            }],
            registered_on: opts.as_of,
        })?;
    }
    progress(opts.households, opts.households);
    let audit = AuditEntry::new(
        opts.as_of.and_hms_opt(0, 0, 0).unwrap_or_default(),
        "generate",
        "store.generate",
        "store".into(),
    )
    .with_note(format!(
        "synthetic district: {} households, seed {}, as of {}",
        opts.households, opts.seed, opts.as_of
    ));
    Ok(loader.finish(audit)?)
}

#[cfg(test)]
mod tests;
