//! `safetynet export`: the store's confirmed households in the import template's layout
//! (one row per person, ID numbers as text), so export → import into an empty store gives
//! the same records back. Written in constant memory; audited.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::app::import::template::{self, SHEET};
use crate::app::import::Field;
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::case::{Case, Stage};
use crate::domain::household::Household;
use crate::domain::member::Member;
use crate::domain::money::Money;
use crate::domain::Label;
use crate::store::{AuditEntry, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub households: u64,
    pub persons: u64,
    /// Households in the store with no confirmed category (open, rejected): not written.
    pub left_out: u64,
}

/// One value of the template.
enum Out {
    Text(String),
    Number(f64),
    Empty,
}

fn yuan(m: Money) -> Out {
    Out::Number(m.fen() as f64 / 100.0)
}

fn yes(b: bool) -> Out {
    Out::Text(if b { "是" } else { "否" }.into())
}

/// The confirmed case the household's standing comes from: the latest decided one.
fn confirmed_case(store: &Store, h: &Household) -> Result<Option<Case>, StoreError> {
    let mut best: Option<Case> = None;
    for id in store.case_ids_of(h.id)? {
        if let Some(c) = store.case(id)?.filter(|c| c.stage == Stage::Confirmed) {
            if best.as_ref().is_none_or(|b| c.decided_on >= b.decided_on) {
                best = Some(c);
            }
        }
    }
    Ok(best)
}

fn value(f: Field, h: &Household, m: &Member, case: Option<&Case>) -> Out {
    let head = h
        .members
        .iter()
        .find(|m| m.relation == crate::domain::member::Relation::Head)
        .unwrap_or(m);
    let review = case.and_then(|c| c.review.as_ref());
    match f {
        Field::HouseholdKey => Out::Text(format!("H{}", h.id.0)),
        Field::HeadId => Out::Text(head.id.as_str().into()),
        Field::Town => Out::Text(h.town.zh().into()),
        Field::Village => Out::Text(h.village.clone()),
        Field::Area => Out::Text(h.area.zh().into()),
        Field::Address => Out::Text(h.address.clone()),
        Field::Phone => Out::Text(h.phone.clone()),
        Field::Name => Out::Text(m.name.clone()),
        Field::Id => Out::Text(m.id.as_str().into()),
        Field::Relation => Out::Text(m.relation.zh().into()),
        Field::Category => h
            .standing
            .category
            .map_or(Out::Empty, |c| Out::Text(c.zh().into())),
        Field::RelapseWatch => yes(h.standing.relapse_watch),
        Field::Lifted => yes(h.standing.lifted_out_of_poverty),
        Field::ConfirmedOn => review
            .map(|r| r.date)
            .or(h.standing.since)
            .map_or(Out::Empty, |d| Out::Text(d.format("%Y-%m-%d").to_string())),
        Field::Benefit => review
            .and_then(|r| r.proposed_benefit)
            .map_or(Out::Empty, yuan),
        Field::AnnualIncome => {
            if h.incomes.is_empty() {
                Out::Empty
            } else {
                yuan(h.annual_income())
            }
        }
        Field::Labour => Out::Text(m.labour.zh().into()),
        Field::Health => Out::Text(m.health.zh().into()),
        Field::DisabilityKind => m
            .disability
            .map_or(Out::Empty, |d| Out::Text(d.kind.zh().into())),
        Field::DisabilityGrade => m
            .disability
            .map_or(Out::Empty, |d| Out::Number(f64::from(d.grade))),
    }
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    h: &Household,
    m: &Member,
    case: Option<&Case>,
    text: &Format,
) -> Result<(), XlsxError> {
    for (c, f) in Field::ALL.iter().enumerate() {
        let c = c as u16;
        match value(*f, h, m, case) {
            Out::Text(t) if t.is_empty() => {}
            Out::Text(t) => {
                sheet.write_string_with_format(row, c, t, text)?;
            }
            Out::Number(n) => {
                sheet.write_number(row, c, n)?;
            }
            Out::Empty => {}
        }
    }
    Ok(())
}

/// Write every confirmed household to `out` (.xlsx); `progress(done)` every thousand.
pub fn export(
    services: &Services,
    actor: &Actor,
    out: &Path,
    mut progress: impl FnMut(u64),
) -> Result<Exported, AppError> {
    actor.permit(crate::domain::access::Permission::ExportPersonalData)?;
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(AppError::Invalid(
            format!("导出文件名要以 .xlsx 结尾：{}", out.display()),
            format!("the export file must end in .xlsx: {}", out.display()),
        ));
    }
    let e = |x| template::failed(out, x);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().map_err(e)?;
    sheet.set_name(SHEET).map_err(e)?;
    template::header(sheet).map_err(e)?;
    let text = Format::new().set_num_format("@");
    let store = &services.store;
    let mut done = Exported {
        path: out.to_path_buf(),
        households: 0,
        persons: 0,
        left_out: 0,
    };
    let mut row = 1u32;
    store.for_each_household(|h| -> Result<(), AppError> {
        if h.standing.category.is_none() {
            done.left_out += 1;
            return Ok(());
        }
        let case = confirmed_case(store, &h)?;
        for m in &h.members {
            write_row(sheet, row, &h, m, case.as_ref(), &text).map_err(e)?;
            row += 1;
        }
        done.households += 1;
        done.persons += h.members.len() as u64;
        if done.households.is_multiple_of(1000) {
            progress(done.households);
        }
        Ok(())
    })?;
    book.save(out).map_err(e)?;
    store.append_audit(
        AuditEntry::new(services.now(), &actor.user, "store.export", "store".into()).with_note(
            format!(
                "导出花名册 {}：{} 户 {} 人（未认定的 {} 户未导出）",
                out.display(),
                done.households,
                done.persons,
                done.left_out
            ),
        ),
    )?;
    Ok(done)
}
