//! Any case and household round-trips through today's record version, and the same
//! value written in the old version (dates and ID numbers as text) reads back equal.

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::case_v3::{CaseV1, ProcedureV3};
use super::case_v4::CaseV4;
use super::household_v2::HouseholdV1;
use crate::domain::case::{
    Case, CaseId, CaseNumber, Channel, Correction, Deadline, Decision, Investigation, Mismatch,
    Review, Stage, Transition, VerificationSource,
};
use crate::domain::category::{Category, Tag};
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::indicators::Indicators;
use crate::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use crate::domain::money::Money;
use crate::domain::procedure::{
    Appeal, AppealKind, AppealOutcome, AppealResult, Letter, LetterKind, Notice, Objection,
    Procedure,
};
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};
use crate::store::envelope::{self, Record};

pub(super) fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![Just('王'), Just('a'), Just(' '), Just('7'), any::<char>()],
        0..6,
    )
    .prop_map(String::from_iter)
}

pub(super) fn day() -> impl Strategy<Value = NaiveDate> {
    // 1700 to 2500, and the ends of chrono's range.
    prop_oneof![
        8 => (-98_000i64..193_000).prop_map(|n| {
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Duration::days(n)
        }),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

fn moment() -> impl Strategy<Value = NaiveDateTime> {
    (day(), 0u32..86_400, 0u32..1_000_000_000).prop_map(|(d, s, ns)| {
        d.and_hms_nano_opt(s / 3600, s / 60 % 60, s % 60, ns)
            .unwrap_or_default()
    })
}

fn deadline() -> impl Strategy<Value = Deadline> {
    (day(), any::<bool>()).prop_map(|(date, provisional)| Deadline { date, provisional })
}

pub(super) fn pick<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

fn transition() -> impl Strategy<Value = Transition> {
    (pick(Stage::ALL), pick(Stage::ALL), text(), moment(), text()).prop_map(
        |(from, to, by, at, reason)| Transition {
            from,
            to,
            by,
            at,
            reason,
        },
    )
}

fn investigation() -> impl Strategy<Value = Investigation> {
    (
        day(),
        prop::collection::vec(text(), 0..3),
        text(),
        prop::collection::vec((pick(VerificationSource::ALL), text()), 0..2),
        prop::collection::vec((text(), text(), text()), 0..2),
    )
        .prop_map(
            |(visit_date, investigators, findings, m, c)| Investigation {
                visit_date,
                investigators,
                findings,
                mismatches: m
                    .into_iter()
                    .map(|(source, note)| Mismatch { source, note })
                    .collect(),
                corrections: c
                    .into_iter()
                    .map(|(field, original, corrected)| Correction {
                        field,
                        original,
                        corrected,
                    })
                    .collect(),
            },
        )
}

fn review() -> impl Strategy<Value = Review> {
    (
        prop::option::of(pick(Category::ALL)),
        prop::collection::vec(pick(Tag::ALL), 0..3),
        prop::option::of(any::<i64>()),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(text(), 0..3),
        pick(Decision::ALL),
        prop::option::of(pick(Category::ALL)),
        text(),
        day(),
    )
        .prop_map(
            |(proposed, proposed_tags, benefit, zh, en, decision, category, reason, date)| Review {
                proposed,
                proposed_tags,
                proposed_benefit: benefit.map(Money::from_fen),
                explanation: zh,
                explanation_en: en,
                decision,
                category,
                reason,
                date,
            },
        )
}

fn procedure() -> impl Strategy<Value = Procedure> {
    let notice =
        (day(), day(), day(), any::<bool>(), any::<bool>()).prop_map(|(s, e, eff, c, o)| Notice {
            start: s,
            end: e,
            effective_on: eff,
            counts_toward_limit: c,
            objected: o,
        });
    let objection =
        (text(), day(), text(), text(), deadline()).prop_map(|(who, on, what, by, d)| Objection {
            objector: who,
            received_on: on,
            what,
            recorded_by: by,
            redecide_by: d,
        });
    let letter = (
        pick(LetterKind::ALL),
        deadline(),
        prop::option::of(day()),
        prop::option::of(text()),
        prop::option::of(day()),
    )
        .prop_map(
            |(kind, due, produced_on, produced_by, delivered_on)| Letter {
                kind,
                due,
                produced_on,
                produced_by,
                delivered_on,
            },
        );
    let outcome =
        (pick(AppealResult::ALL), day(), text(), text()).prop_map(|(result, on, note, by)| {
            AppealOutcome {
                result,
                on,
                note,
                recorded_by: by,
            }
        });
    let appeal = (
        pick(AppealKind::ALL),
        day(),
        (text(), text(), text(), text()),
        prop::option::of(outcome),
    )
        .prop_map(|(kind, on, (who, grounds, handler, by), outcome)| Appeal {
            kind,
            requested_on: on,
            applicant: who,
            grounds,
            handled_by: handler,
            recorded_by: by,
            outcome,
        });
    (
        prop::collection::vec(notice, 0..3),
        prop::collection::vec(objection, 0..2),
        prop::collection::vec(letter, 0..3),
        prop::collection::vec(appeal, 0..2),
        prop::option::of(day()),
        prop::option::of(day()),
    )
        .prop_map(
            |(notices, objections, letters, appeals, eff, from)| Procedure {
                notices,
                objections,
                letters,
                appeals,
                effective_on: eff,
                benefit_from: from,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (
        (
            any::<u64>(),
            any::<u64>(),
            prop::option::of((any::<u32>(), any::<i32>(), any::<u32>())),
        ),
        (
            any::<u64>(),
            pick(Town::ALL),
            pick(Channel::ALL),
            pick(Stage::ALL),
        ),
        (day(), prop::option::of(day()), prop::option::of(deadline())),
        prop::option::of(investigation()),
        prop::option::of(review()),
        prop::option::of(day()),
        prop::collection::vec(transition(), 0..6),
        procedure(),
    )
        .prop_map(
            |((id, rev, number), (household, town, channel, stage), dates, i, r, d, h, p)| Case {
                id: CaseId(id),
                rev,
                number: number.map(|(district, year, seq)| CaseNumber {
                    district,
                    year,
                    seq,
                }),
                household: HouseholdId(household),
                town,
                channel,
                stage,
                applied_on: dates.0,
                accepted_on: dates.1,
                deadline: dates.2,
                investigation: i,
                review: r,
                decided_on: d,
                history: h,
                procedure: p,
            },
        )
}

/// Any valid ID number: a region, a birth date from 1900 to 2099, a sequence.
fn resident_id() -> impl Strategy<Value = ResidentId> {
    (100_000u32..999_999, 0i64..73_000, 0u16..1000).prop_filter_map(
        "a valid number",
        |(region, d, seq)| {
            let birth = NaiveDate::from_ymd_opt(1900, 1, 1)? + chrono::Duration::days(d);
            ResidentId::compose(region, birth, seq)
        },
    )
}

fn member() -> impl Strategy<Value = Member> {
    (
        text(),
        resident_id(),
        pick(Relation::ALL),
        pick(Area::ALL),
        any::<bool>(),
    )
        .prop_map(|(name, id, relation, area, carer)| Member {
            name,
            id,
            relation,
            area,
            labour: LabourCapacity::Full,
            health: Health::Healthy,
            disability: None,
            employment: Employment::Farming,
            schooling: Schooling::NotInSchool,
            carer,
        })
}

fn household() -> impl Strategy<Value = Household> {
    (
        (
            any::<u64>(),
            any::<u64>(),
            pick(Town::ALL),
            text(),
            text(),
            text(),
        ),
        prop::collection::vec(member(), 0..5),
        (
            prop::option::of(pick(Category::ALL)),
            prop::collection::vec(pick(Tag::ALL), 0..3),
            prop::option::of(day()),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((id, rev, town, village, address, phone), members, s)| Household {
                id: HouseholdId(id),
                rev,
                town,
                village,
                address,
                phone,
                area: Area::Rural,
                members,
                incomes: Vec::new(),
                expenses: Vec::new(),
                assets: Vec::new(),
                indicators: Indicators::default(),
                needs: Vec::new(),
                standing: Standing {
                    category: s.0,
                    tags: s.1,
                    since: s.2,
                    relapse_watch: s.3,
                    lifted_out_of_poverty: s.4,
                },
                obligors: Vec::new(),
            },
        )
}

/// `value` encoded in the old shape `Old`: through JSON, where dates and ID numbers are
/// text in both shapes and the field names are the same (fields `Old` lacks are left
/// out), then bincode.
pub(super) fn in_old_shape<Old: serde::Serialize + serde::de::DeserializeOwned>(
    value: &impl serde::Serialize,
) -> Vec<u8> {
    let json = serde_json::to_value(value).expect("json");
    let old: Old = serde_json::from_value(json).expect("old shape");
    bincode::serde::encode_to_vec(&old, bincode::config::standard()).expect("bincode")
}

/// A stored record of `version` whose payload is `parts` in turn (bincode is positional
/// and frames no struct).
pub(super) fn old_record(version: u16, parts: &[Vec<u8>]) -> Vec<u8> {
    let mut out = envelope::MAGIC.to_vec();
    out.extend_from_slice(&version.to_be_bytes());
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

/// `c` as a stored record of version 3 (dates and times as text).
pub(in crate::store) fn case_record_v3(c: &Case) -> Vec<u8> {
    old_record(
        3,
        &[
            in_old_shape::<CaseV1>(c),
            in_old_shape::<ProcedureV3>(&c.procedure),
        ],
    )
}

pub(super) fn version_of(bytes: &[u8]) -> u16 {
    u16::from_be_bytes([bytes[2], bytes[3]])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_case_round_trips_and_reads_from_versions_3_and_4(c in case()) {
        let bytes = envelope::encode(&c).expect("encode");
        prop_assert_eq!(version_of(&bytes), Case::VERSION);
        let back: Case = envelope::decode(&bytes).expect("decode");
        prop_assert_eq!(&back, &c);
        let old = case_record_v3(&c);
        let read: Case = envelope::decode(&old).expect("decode version 3");
        prop_assert_eq!(&read, &c);
        let v4 = old_record(4, &[in_old_shape::<CaseV4>(&c)]);
        let read: Case = envelope::decode(&v4).expect("decode version 4");
        prop_assert_eq!(&read, &c);
        prop_assert!(bytes.len() <= old.len(), "{} > {}", bytes.len(), old.len());
    }

    #[test]
    fn any_household_round_trips_and_reads_from_version_2(h in household()) {
        let bytes = envelope::encode(&h).expect("encode");
        prop_assert_eq!(version_of(&bytes), Household::VERSION);
        let back: Household = envelope::decode(&bytes).expect("decode");
        prop_assert_eq!(&back, &h);
        let obligors = bincode::serde::encode_to_vec(&h.obligors, bincode::config::standard())
            .expect("bincode");
        let old = old_record(2, &[in_old_shape::<HouseholdV1>(&h), obligors]);
        let read: Household = envelope::decode(&old).expect("decode version 2");
        prop_assert_eq!(&read, &h);
    }
}
