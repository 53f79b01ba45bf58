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

#[test]
fn the_clerks_town_has_work_after_the_decision_and_approvals_carry_an_amount() {
    use crate::domain::category::Category;
    use crate::domain::money::Money;
    use crate::domain::town::Town;
    let opts = GenerateOptions {
        households: 400,
        seed: 7,
        as_of: as_of(),
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    generate(&store, opts, |_, _| {}).expect("generate");
    let cases = |town: Option<Town>, stage: Stage| {
        let filter = CaseFilter {
            town,
            stage: Some(stage),
        };
        store
            .case_rows(filter, 0, 10_000)
            .expect("rows")
            .into_iter()
            .map(|r| store.case(r.case).expect("read").expect("case"))
            .collect::<Vec<_>>()
    };
    // The demo clerk's town has households in public notice.
    let notice = cases(Some(Town::Chenlu), Stage::InNotice);
    assert!(notice.len() >= 2, "陈炉镇 in notice: {}", notice.len());
    // Every approval (in notice or in force) carries a monthly amount; dibao and
    // destitute ones a positive one.
    for c in cases(None, Stage::InNotice)
        .iter()
        .chain(&cases(None, Stage::Confirmed))
    {
        let r = c.review.as_ref().expect("review");
        let amount = r.proposed_benefit.expect("an amount");
        if matches!(r.category, Some(Category::Dibao | Category::Destitute)) {
            assert!(amount > Money::ZERO, "case {}: {amount}", c.id.0);
        }
    }
    // A refusal letter overdue in the clerk's town, and appeals in the district.
    let refused = cases(Some(Town::Chenlu), Stage::Rejected);
    let overdue = refused
        .iter()
        .filter(|c| c.procedure.letters.iter().any(|l| l.is_overdue(as_of())))
        .count();
    assert!(overdue >= 1, "overdue letters in 陈炉镇: {overdue}");
    let district_overdue = cases(None, Stage::Rejected)
        .iter()
        .filter(|c| c.procedure.letters.iter().any(|l| l.is_overdue(as_of())))
        .count();
    assert!(district_overdue >= 3, "overdue letters: {district_overdue}");
    let appeals: usize = cases(None, Stage::Rejected)
        .iter()
        .map(|c| c.procedure.appeals.len())
        .sum();
    assert!(appeals >= 1, "appeals: {appeals}");
}

#[test]
fn illustrative_amounts_by_category_and_size() {
    use super::procedure::illustrative_benefit;
    use crate::domain::category::Category::*;
    use crate::domain::money::Money;
    let table = [
        (Dibao, 1, 10, 380),
        (Dibao, 3, 12, 3 * 420),
        (Dibao, 2, 14, 2 * 460),
        (Destitute, 1, 3, 1_000),
        (Destitute, 0, 3, 1_000),
        (DibaoMarginal, 4, 3, 0),
        (RigidExpense, 2, 3, 0),
        (OtherHardship, 2, 3, 0),
    ];
    for (category, persons, id, yuan) in table {
        assert_eq!(
            illustrative_benefit(category, persons, id),
            Money::from_yuan(yuan),
            "{category:?} {persons} {id}"
        );
    }
}
