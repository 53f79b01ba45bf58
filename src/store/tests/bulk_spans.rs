//! The bulk loader writes records every batch and the trees it scatters entries over
//! (lookup index, idx/resident, idx/deadline) every span: with both small, a generated
//! district crosses several of each, and its indexes still equal the records.

use crate::app::generate::{generate, generate_into, GenerateOptions};
use crate::store::bulk::BulkLoader;
use crate::store::Store;

fn opts() -> GenerateOptions {
    GenerateOptions {
        households: 90,
        seed: 11,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
    }
}

#[test]
fn spans_and_batches_that_do_not_line_up_give_a_store_that_checks_clean() {
    let dir = tempfile::tempdir().expect("tmp");
    let small = Store::open(&dir.path().join("small")).expect("open");
    let loader = BulkLoader::new(&small).expect("loader").with_sizes(7, 20);
    generate_into(loader, opts(), |_, _| {}).expect("generate");
    let report = small.check().expect("check");
    assert!(report.is_clean(), "{:#?}", report.findings);

    // The same district loaded in one batch finds the same households for every head.
    let whole = Store::open(&dir.path().join("whole")).expect("open");
    generate(&whole, opts(), |_, _| {}).expect("generate");
    let mut heads = 0;
    for kv in whole.households.iter() {
        let (_, v) = kv.expect("entry");
        let h: crate::domain::household::Household =
            crate::store::envelope::decode(&v).expect("household");
        for q in [
            h.head_name().to_string(),
            h.members[0].id.as_str().to_string(),
        ] {
            let ids = |s: &Store| -> Vec<u64> {
                s.lookup(&q, None, 500)
                    .expect("lookup")
                    .iter()
                    .map(|x| x.household.0)
                    .collect()
            };
            assert_eq!(ids(&small), ids(&whole), "{q}");
        }
        heads += 1;
    }
    assert_eq!(heads, 90);
}
