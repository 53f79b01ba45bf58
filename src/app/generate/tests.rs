use super::*;
use crate::domain::case::Stage;
use crate::domain::resident_id::ResidentId;
use crate::store::CaseFilter;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

#[test]
fn generated_district_is_deterministic_and_consistent() {
    let opts = GenerateOptions {
        households: 600,
        seed: 7,
        as_of: as_of(),
    };
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let store_a = Store::open(a.path()).expect("open");
    let store_b = Store::open(b.path()).expect("open");
    let load_a = generate(&store_a, opts, |_, _| {}).expect("generate");
    let load_b = generate(&store_b, opts, |_, _| {}).expect("generate");
    assert_eq!(load_a, load_b, "same seed, same district");
    let d = load_a.district();
    assert_eq!(d.households, 600);
    assert!(d.persons > 600);
    // Every stage occurs, and the counters equal a recount of the list index.
    for stage in Stage::ALL {
        let filter = CaseFilter {
            town: None,
            stage: Some(*stage),
        };
        let rows = store_a.case_rows(filter, 0, 10_000).expect("rows");
        assert_eq!(rows.len() as i64, d.stage(*stage), "{stage:?}");
        assert!(d.stage(*stage) > 0, "no case at {stage:?}");
    }
    assert_eq!(d.low_income(), d.stage(Stage::Confirmed));
    // ID numbers are valid and unique, and each is indexed to its household.
    let rows = store_a
        .case_rows(CaseFilter::default(), 0, 50)
        .expect("rows");
    for row in rows {
        let h = store_a
            .household(row.household)
            .expect("read")
            .expect("exists");
        for m in &h.members {
            assert_eq!(ResidentId::parse(m.id.as_str()).as_ref(), Ok(&m.id));
            assert_eq!(store_a.household_of(&m.id).expect("idx"), Some(h.id));
        }
        assert_eq!(h.phone.len(), 11);
    }
    // A second generate into the same store is refused.
    assert!(generate(&store_a, opts, |_, _| {}).is_err());
}
