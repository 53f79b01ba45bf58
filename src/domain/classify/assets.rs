//! The asset test: deposits and securities per person, vehicles, dwellings.

use super::explain::{count_en, le, unconfirmed, Line, Rule};
use super::income::floor_div;
use crate::domain::household::Household;
use crate::domain::income::{AssetKind, Period};
use crate::domain::money::Money;
use crate::domain::standards::AreaStandard;

pub(super) struct AssetTest {
    pub pass: bool,
    pub lines: Vec<Line>,
}

fn total(h: &Household, kinds: &[AssetKind]) -> Money {
    h.assets
        .iter()
        .filter(|a| kinds.contains(&a.kind))
        .map(|a| a.value)
        .sum()
}

pub(super) fn asset_test(h: &Household, s: &AreaStandard) -> AssetTest {
    let n = h.size() as i64;
    let mut lines = Vec::new();

    // Deposits: up to `deposit_months` of the monthly dibao standard per person. For a
    // yearly standard the limit is dibao × months × n ÷ 12, compared as 12 × deposits.
    let deposits = total(h, &[AssetKind::Deposit, AssetKind::Securities]);
    let months = i64::from(s.deposit_months.value);
    let scaled = s.dibao.value.times(months).times(n);
    let (deposits_ok, limit) = match s.basis.value {
        Period::Monthly => (deposits <= scaled, scaled),
        Period::Yearly => (deposits.times(12) <= scaled, floor_div(scaled, 12)),
    };
    let (c_zh, c_en) = unconfirmed(s.deposit_months.confirmed && s.dibao.confirmed);
    lines.push(Line::test(
        Rule::Assets,
        deposits_ok,
        format!(
            "存款及有价证券 {deposits} 元 {} 上限 {limit} 元（{n} 人 × {months} 个月低保标准）{c_zh}",
            le(deposits_ok)
        ),
        format!(
            "deposits and securities {deposits} yuan {} limit {limit} yuan ({} × {months} months of dibao standard){c_en}",
            le(deposits_ok),
            count_en(usize::try_from(n).unwrap_or(usize::MAX), "person", "persons")
        ),
    ));

    let vehicles: u32 = h
        .assets
        .iter()
        .filter(|a| a.kind == AssetKind::Vehicle)
        .map(|a| a.count)
        .sum();
    let vehicle_value = total(h, &[AssetKind::Vehicle]);
    let vehicle_limit = s.vehicle_value_limit.value;
    let vehicles_ok = vehicles == 0 || vehicle_value <= vehicle_limit;
    if vehicles > 0 {
        let (c_zh, c_en) = unconfirmed(s.vehicle_value_limit.confirmed);
        lines.push(Line::test(
            Rule::Assets,
            vehicles_ok,
            format!(
                "机动车辆 {vehicles} 辆，价值 {vehicle_value} 元 {} 上限 {vehicle_limit} 元{c_zh}",
                le(vehicles_ok)
            ),
            format!(
                "{} worth {vehicle_value} yuan {} limit {vehicle_limit} yuan{c_en}",
                count_en(
                    usize::try_from(vehicles).unwrap_or(usize::MAX),
                    "vehicle",
                    "vehicles"
                ),
                le(vehicles_ok)
            ),
        ));
    }

    let dwellings: u32 = h
        .assets
        .iter()
        .filter(|a| a.kind == AssetKind::Housing)
        .map(|a| a.count)
        .sum();
    let allowed = s.dwellings_allowed.value;
    let dwellings_ok = dwellings <= allowed;
    if dwellings > 0 {
        let (c_zh, c_en) = unconfirmed(s.dwellings_allowed.confirmed);
        lines.push(Line::test(
            Rule::Assets,
            dwellings_ok,
            format!(
                "住房 {dwellings} 套 {} 上限 {allowed} 套{c_zh}",
                le(dwellings_ok)
            ),
            format!(
                "{} {} {allowed} allowed{c_en}",
                count_en(
                    usize::try_from(dwellings).unwrap_or(usize::MAX),
                    "dwelling",
                    "dwellings"
                ),
                le(dwellings_ok)
            ),
        ));
    }

    let other = total(h, &[AssetKind::Business, AssetKind::Other]);
    if other > Money::ZERO {
        lines.push(Line::note(
            Rule::Assets,
            format!("经营性资产及其他财产 {other} 元，无统一标准，由专班会议审核"),
            format!("business and other assets {other} yuan: no set limit, for the review meeting"),
        ));
    }

    let pass = deposits_ok && vehicles_ok && dwellings_ok;
    lines.push(Line::test(
        Rule::Assets,
        pass,
        if pass {
            "财产状况符合规定"
        } else {
            "财产状况超出规定"
        },
        if pass {
            "assets within limits"
        } else {
            "assets above limits"
        },
    ));
    AssetTest { pass, lines }
}
