use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn bundled() -> Standards {
    Standards::bundled().expect("bundled standards parse")
}

#[test]
fn bundled_asset_parses_with_seed_values() {
    let s = bundled();
    assert_eq!(s.sets().len(), 2);
    let urban = s.in_force(d(2025, 6, 1), Area::Urban).expect("2025 urban");
    assert_eq!(
        urban.standard.marginal,
        Setting::confirmed(Money::from_yuan(998))
    );
    assert_eq!(urban.standard.basis.value, Period::Monthly);
    assert_eq!(
        urban.standard.dibao,
        Setting::illustrative(Money::from_yuan(768))
    );
    let rural = s
        .in_force(d(2025, 12, 31), Area::Rural)
        .expect("2025 rural");
    assert_eq!(
        rural.standard.marginal,
        Setting::confirmed(Money::from_yuan(8978))
    );
    assert_eq!(rural.standard.basis.value, Period::Yearly);
    assert_eq!(rural.rules().review_working_days.value, 15);
    assert!(rural.rules().review_working_days.confirmed);
    assert_eq!(rural.rules().taper_months.value, 6);
    let next = s.in_force(d(2026, 1, 1), Area::Rural).expect("2026");
    assert_eq!(next.set.from, d(2026, 1, 1));
    assert!(!next.standard.marginal.confirmed);
}

#[test]
fn missing_standard_is_an_error_not_a_default() {
    let s = bundled();
    let e = s
        .in_force(d(2024, 12, 31), Area::Urban)
        .expect_err("no 2024");
    assert_eq!(
        e,
        StandardsError::NotInForce {
            date: d(2024, 12, 31),
            area: Some(Area::Urban)
        }
    );
    assert!(
        e.zh().contains("2024-12-31 没有生效的城市标准"),
        "{}",
        e.zh()
    );
    assert!(s.set_on(d(2027, 1, 1)).is_err());
    assert_eq!(s.unconfirmed_in_force(d(2027, 1, 1)).len(), 1);
}

#[test]
fn dashboard_lists_unconfirmed_values_in_force() {
    let s = bundled();
    let list = s.unconfirmed_in_force(d(2025, 5, 1));
    assert!(list.iter().any(|l| l.contains("城市·低保标准")), "{list:?}");
    assert!(!list.iter().any(|l| l.contains("监测线")), "{list:?}");
    assert!(!list.iter().any(|l| l.contains("审核确认时限")), "{list:?}");
    let later = s.unconfirmed_in_force(d(2026, 5, 1));
    assert!(later
        .iter()
        .any(|l| l.contains("城市·低保边缘标准即监测线")));
    // Confirm every value of 2025 and the warning goes away.
    let mut all = s.clone();
    for f in FieldRef::all() {
        let set = all.set_on(d(2025, 5, 1)).expect("set");
        let (v, _) = set.get(f);
        let text = match v {
            Value::Money(m) => m.plain(),
            Value::Number(n) => n.to_string(),
            Value::Flag(b) => b.to_string(),
            Value::Rounding(r) => r.key().to_string(),
            Value::Basis(Period::Monthly) => "monthly".into(),
            Value::Basis(Period::Yearly) => "yearly".into(),
        };
        all = all
            .with_value(d(2025, 1, 1), f, &text, true)
            .expect("same value");
    }
    assert!(all.unconfirmed_in_force(d(2025, 5, 1)).is_empty());
    assert_eq!(diff(&s, &all).len(), s.sets()[0].unconfirmed().len());
}

#[test]
fn round_trip_through_toml() {
    let s = bundled();
    let text = s.to_toml();
    let again = Standards::from_toml(&text).expect("written file parses");
    assert_eq!(again, s);
    assert!(text.contains("dibao = { value = \"768.00\", confirmed = false }"));
    assert!(!text.contains("768.0,"), "no floats");
}

#[test]
fn diff_lists_field_old_and_new() {
    let s = bundled();
    let edited = s
        .with_value(
            d(2025, 1, 1),
            FieldRef::Area(Area::Urban, AreaField::Dibao),
            "790",
            true,
        )
        .expect("edit");
    let changes = diff(&s, &edited);
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!(c.set, "2025-01-01");
    assert_eq!(c.field, "urban.dibao");
    assert_eq!(c.old, "768.00 元（未确认）");
    assert_eq!(c.new, "790.00 元（已确认）");
    assert!(c.zh().contains("城市·低保标准"));
    assert!(c.en().contains("urban · dibao standard"));
    assert!(diff(&s, &s).is_empty());

    let mut next = s.sets()[1].clone();
    next.from = d(2027, 1, 1);
    next.to = d(2027, 12, 31);
    let added = s.with_set(next).expect("2027 added");
    let changes = diff(&s, &added);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].label_en, "set added");
    assert_eq!(diff(&added, &s)[0].label_en, "set removed");
}

#[test]
fn edits_are_checked() {
    let s = bundled();
    let f = FieldRef::Area(Area::Urban, AreaField::Dibao);
    let e = s
        .with_value(d(2025, 1, 1), f, "7a8", false)
        .expect_err("not money");
    assert!(e.zh().contains("不是金额"), "{}", e.zh());
    assert!(s.with_value(d(2025, 1, 1), f, "-1", false).is_err());
    assert_eq!(
        s.with_value(d(2025, 2, 1), f, "1", false),
        Err(StandardsError::NoSuchSet(d(2025, 2, 1)))
    );
    let age = FieldRef::Rule(RuleField::ElderlyAge);
    assert!(s.with_value(d(2025, 1, 1), age, "7", false).is_err());
    let flag = FieldRef::Rule(RuleField::RefuseAbleWorkingAge);
    let on = s.with_value(d(2025, 1, 1), flag, "是", true).expect("flag");
    assert!(on.sets()[0].rules.refuse_able_working_age.value);
    let mut overlapping = s.sets()[0].clone();
    overlapping.from = d(2025, 12, 1);
    overlapping.to = d(2026, 1, 31);
    assert!(matches!(
        s.with_set(overlapping),
        Err(StandardsError::Overlap { .. })
    ));
}

#[test]
fn file_errors_name_the_set_and_field() {
    let base = bundled().to_toml();
    let cases: &[(&str, &str, &str)] = &[
        (
            "dibao = { value = \"768.00\"",
            "dibao = { value = 768.5",
            "urban.dibao",
        ),
        (
            "dibao = { value = \"768.00\"",
            "dibo = { value = \"768.00\"",
            "urban.dibo",
        ),
        (
            "from = \"2025-01-01\"",
            "from = \"2025-13-01\"",
            "2025-13-01",
        ),
        (
            "elderly_age = { value = 60",
            "elderly_age = { value = -1",
            "rules.elderly_age",
        ),
        (
            "exempt_carers = { value = true",
            "exempt_carers = { value = 1",
            "exempt_carers",
        ),
        ("to = \"2025-12-31\"", "to = \"2026-03-31\"", "overlap"),
        (
            "to = \"2025-12-31\"",
            "to = \"2024-12-31\"",
            "before it starts",
        ),
    ];
    for (from, to, needle) in cases {
        let text = base.replacen(from, to, 1);
        assert_ne!(text, base, "{from}");
        let e = Standards::from_toml(&text).expect_err(needle);
        assert!(e.to_string().contains(needle), "{needle}: {e}");
        assert!(!e.zh().is_empty());
    }
    assert_eq!(Standards::from_toml(""), Err(StandardsError::NoSets));
    assert!(matches!(
        Standards::from_toml("[[set]"),
        Err(StandardsError::Syntax(_))
    ));
    let removed = base.replacen("marginal = { value = \"998.00\", confirmed = true }", "", 1);
    let e = Standards::from_toml(&removed).expect_err("missing");
    assert!(e.to_string().contains("urban.marginal"), "{e}");
    assert!(e.to_string().contains("2025-01-01"), "{e}");
}

#[test]
fn bare_values_and_whole_yuan_read_as_unconfirmed() {
    let base = bundled().to_toml();
    let text = base.replacen(
        "dibao = { value = \"768.00\", confirmed = false }",
        "dibao = 800",
        1,
    );
    let s = Standards::from_toml(&text).expect("bare value");
    assert_eq!(
        s.sets()[0].urban.dibao,
        Setting::illustrative(Money::from_yuan(800))
    );
}

#[test]
fn gap_rounding_is_written_once() {
    let cases: &[(Rounding, i64, i64)] = &[
        (Rounding::CeilYuan, 1_200, 100),
        (Rounding::CeilYuan, 1_201, 200),
        (Rounding::CeilYuan, 0, 0),
        (Rounding::RoundYuan, 1_799, 100),
        (Rounding::RoundYuan, 1_800, 200),
        (Rounding::CeilFen, 13, 2),
        (Rounding::CeilFen, 12, 1),
    ];
    for (r, yearly, monthly) in cases {
        assert_eq!(
            r.monthly_from_yearly(Money::from_fen(*yearly)),
            Money::from_fen(*monthly),
            "{r:?} {yearly}"
        );
    }
}

/// Issue 17 point 2: the destitute thresholds and the clauses are data, with sources.
#[test]
fn destitute_thresholds_and_clauses_are_data_with_sources() {
    let s = bundled();
    let d = &s.sets()[0].rules.destitute;
    assert_eq!(d.child_no_labour_age.value, 16);
    assert_eq!(d.obligor_elderly_age.value, 70);
    assert_eq!(
        d.no_labour_grade(crate::domain::member::DisabilityKind::Physical),
        2
    );
    for c in Clause::ALL {
        let cite = s.clauses().get(*c).expect("every clause is in the file");
        assert!(!cite.zh.is_empty() && !cite.en.is_empty() && !cite.source.is_empty());
    }
    assert_eq!(
        s.clauses().cite(Clause::NoLabourChild).0,
        "《特困人员认定办法》第五条第（二）项"
    );
    let back = Standards::from_toml(&s.to_toml()).expect("round trip");
    assert_eq!(back.clauses(), s.clauses());
    assert_eq!(back, s);
}

/// A district's copy saved before these settings existed still reads: the national
/// values of 民发〔2021〕43号 and the bundled clauses.
#[test]
fn a_file_without_the_destitute_settings_reads_with_the_national_values() {
    let mut old = String::new();
    let mut in_rules = false;
    for line in bundled().to_toml().lines() {
        if line.starts_with('[') {
            in_rules = line == "[set.rules]";
        }
        if in_rules && (line.starts_with("destitute_") || line.starts_with("obligor_")) {
            continue;
        }
        if line.starts_with("[clauses]") {
            break;
        }
        old.push_str(line);
        old.push('\n');
    }
    let s = Standards::from_toml(&old).expect("reads");
    assert_eq!(s.sets()[0].rules.destitute, DestituteRules::national());
    assert_eq!(s.clauses(), bundled().clauses());
    let bad = format!("{old}\n[clauses]\nno_such = {{ zh = \"x\", en = \"x\", source = \"x\" }}\n");
    assert!(Standards::from_toml(&bad).is_err());
}
