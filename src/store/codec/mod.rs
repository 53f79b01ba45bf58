//! How records are laid out in their bytes: the frozen shapes of older record versions
//! (`case_v3`, `case_v4`, `household_v2`, `recheck_v1`), the upgrade that rewrites them (`rewrite`), and what each
//! part costs (`sizes`, measured on a generated district).

pub(super) mod case_v3;
pub(super) mod case_v4;
pub(super) mod household_v2;
pub(super) mod recheck_v1;
mod rewrite;

#[cfg(test)]
mod recheck_tests;
#[cfg(test)]
mod sizes;
#[cfg(test)]
pub(super) mod tests;
