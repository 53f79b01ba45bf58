//! 就高就宽: mixed urban/rural households and cases straddling a change of standard;
//! missing standards; edited standards.

use super::*;

#[test]
fn mixed_household_takes_the_more_generous_area() {
    // 8,000 a year per person: above the rural dibao (6,906) but below the urban (9,216).
    let h = with_annual(
        household(
            Area::Rural,
            vec![
                member("甲", 1985, Area::Rural),
                member("乙", 1986, Area::Urban),
            ],
        ),
        yuan(16_000),
    );
    assert!(h.is_mixed_area());
    let p = propose(&h);
    assert_eq!(p.category, Some(Category::Dibao), "{}", dump(&p));
    assert_eq!(p.reading.area, Area::Urban);
    // (768 × 2 × 12 − 16,000) ÷ 12 = 202.67 → 203.
    assert_eq!(p.benefit.base, yuan(203));
    assert!(
        has_line(&p, "城乡户籍混合家庭（城市 1 人、农村 1 人）"),
        "{}",
        dump(&p)
    );
    assert!(
        has_line(&p, "农村标准：低保边缘家庭，月待遇 0.00 元（比较）"),
        "{}",
        dump(&p)
    );
    assert!(has_line(&p, "城市标准：低保对象，月待遇 203.00 元（采用）"));

    // The same household with rural registration only is marginal.
    let mut rural = h.clone();
    rural.members[1].area = Area::Rural;
    let p = propose(&rural);
    assert_eq!(p.category, Some(Category::DibaoMarginal));
    assert!(!has_line(&p, "就高就宽"));
    assert!(!has_line(&p, "混合"));
}

#[test]
fn standard_changes_between_years() {
    // 780 per person-month: above the 2025 urban dibao (768), below the 2026 one (790).
    let h = with_annual(urban_adults(2), yuan(780 * 24));
    let s = standards();
    let y2025 = classify(&h, &s, d(2025, 12, 20)).expect("2025");
    assert_eq!(y2025.category, Some(Category::DibaoMarginal));
    let y2026 = classify(&h, &s, d(2026, 1, 5)).expect("2026");
    assert_eq!(y2026.category, Some(Category::Dibao));
    assert_eq!(y2026.reading.set_from, d(2026, 1, 1));
    assert_eq!(y2026.benefit.base, yuan(20));

    // Applied in December 2025, reviewed in January 2026: the more generous 2026 reading.
    let span = classify_span(&h, &s, d(2025, 12, 20), d(2026, 1, 10)).expect("span");
    assert_eq!(span.category, Some(Category::Dibao), "{}", dump(&span));
    assert_eq!(span.reading.set_from, d(2026, 1, 1));
    assert!(has_line(
        &span,
        "跨越标准调整，按就高就宽原则采用较优的 2026-01-01 起标准"
    ));

    // Where the earlier standard is the generous one it stays.
    let poorer = with_annual(urban_adults(2), yuan(700 * 24));
    let span = classify_span(&poorer, &s, d(2025, 12, 20), d(2026, 1, 10)).expect("span");
    assert_eq!(
        span.reading.set_from,
        d(2026, 1, 1),
        "higher 2026 standard, higher benefit"
    );
    assert_eq!(span.benefit.base, yuan(180));

    // Judged past the last standard: compared with what exists, and said so.
    let span = classify_span(&h, &s, d(2026, 12, 20), d(2027, 1, 10)).expect("span");
    assert_eq!(span.reading.set_from, d(2026, 1, 1));
    assert!(has_line(&span, "2027-01-10 没有生效的标准"));

    // Both standards give the same proposal: said so, the application-date one is shown.
    let far = with_annual(urban_adults(2), yuan(50_000 * 2));
    let span = classify_span(&far, &s, d(2025, 12, 20), d(2026, 1, 10)).expect("span");
    assert_eq!(span.category, None);
    assert_eq!(span.reading.set_from, d(2025, 1, 1));
    assert!(has_line(&span, "各口径结果相同"));
}

#[test]
fn missing_standard_is_an_error_the_clerk_sees() {
    let h = with_annual(urban_adults(2), yuan(10_000));
    let e = classify(&h, &standards(), d(2024, 6, 1)).expect_err("no 2024 standard");
    assert!(matches!(
        e,
        ClassifyError::Standards(StandardsError::NotInForce { .. })
    ));
    assert!(e.zh().contains("2024-06-01 没有生效的标准"), "{}", e.zh());
}

#[test]
fn an_edited_standard_changes_only_cases_in_its_period() {
    let h = with_annual(urban_adults(2), yuan(780 * 24));
    let s = standards();
    let edited = s
        .with_value(d(2025, 1, 1), urban_dibao_field(), "800", true)
        .expect("edit");
    let before = classify(&h, &s, d(2025, 6, 1)).expect("before");
    let after = classify(&h, &edited, d(2025, 6, 1)).expect("after");
    assert_eq!(before.category, Some(Category::DibaoMarginal));
    assert_eq!(after.category, Some(Category::Dibao));
    assert!(!has_line(&after, "低保标准 800.00 元/人·月（示意值"));
    let other_year = |s: &Standards| classify(&h, s, d(2026, 6, 1)).expect("2026");
    assert_eq!(other_year(&s), other_year(&edited));
}
