//! The wizard's pages as data: to and from a draft, checks per step, and the household
//! the whole wizard describes.

use super::{household, items, members, obligors, IntakeScreen, CONFIRM, OBLIGORS};
use crate::app::drafts::Draft;
use crate::app::workflow::Application;
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::indicators::Indicators;
use crate::tui::form::{Complaint, Form};
use crate::tui::screens::rows::Table;

/// A step that was wrong: where, and why.
pub struct Wrong {
    pub step: usize,
    pub complaint: Complaint,
}

impl IntakeScreen {
    pub(super) fn member_names(&self) -> Vec<String> {
        self.members
            .rows
            .iter()
            .map(|r| {
                r.get(members::NAME)
                    .map(|f| f.text.clone())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Keep the member column of incomes and expenses in step with the member list.
    pub(super) fn sync_member_options(&mut self) {
        let options = items::member_options(&self.member_names());
        for t in [&mut self.incomes, &mut self.expenses] {
            for r in &mut t.rows {
                if let Some(f) = r.fields.get_mut(items::MEMBER) {
                    f.set_options(options.clone());
                }
            }
        }
        let supported = obligors::supported_options(&self.member_names());
        for r in &mut self.obligors.rows {
            if let Some(f) = r.fields.get_mut(obligors::SUPPORTS) {
                f.set_options(supported.clone());
            }
        }
    }

    pub(super) fn table_mut(&mut self, step: usize) -> Option<&mut Table> {
        match step {
            1 => Some(&mut self.members),
            2 => Some(&mut self.incomes),
            3 => Some(&mut self.expenses),
            4 => Some(&mut self.assets),
            OBLIGORS => Some(&mut self.obligors),
            _ => None,
        }
    }

    pub(super) fn table(&self, step: usize) -> Option<&Table> {
        match step {
            1 => Some(&self.members),
            2 => Some(&self.incomes),
            3 => Some(&self.expenses),
            4 => Some(&self.assets),
            OBLIGORS => Some(&self.obligors),
            _ => None,
        }
    }

    /// The form the cursor is in.
    pub(super) fn form_mut(&mut self) -> Option<&mut Form> {
        match self.step {
            0 => Some(&mut self.household),
            5 => Some(&mut self.needs),
            s => self.table_mut(s).and_then(Table::current_mut),
        }
    }

    pub(super) fn form(&self) -> Option<&Form> {
        match self.step {
            0 => Some(&self.household),
            5 => Some(&self.needs),
            s => self.table(s).and_then(Table::current),
        }
    }

    /// A new row for a table step.
    pub(super) fn new_row(&self, step: usize) -> Option<Form> {
        let names = self.member_names();
        match step {
            1 => Some(members::row(
                self.members.rows.is_empty(),
                household::area(&self.household),
            )),
            2 => Some(items::income_row(&names)),
            3 => Some(items::expense_row(&names)),
            4 => Some(items::asset_row()),
            OBLIGORS => Some(obligors::row(&names)),
            _ => None,
        }
    }

    /// Check one step; the first wrong field gets the focus.
    pub(super) fn check_step(&mut self, step: usize) -> Result<(), Complaint> {
        match step {
            0 => self.household.check_all(),
            5 => self.needs.check_all(),
            1 if self.members.rows.is_empty() => Err((
                "请至少登记一名家庭成员（Ctrl-N 添加）".into(),
                "register at least one member (Ctrl-N adds one)".into(),
            )),
            s => {
                let today = self.today;
                let Some(t) = self.table_mut(s) else {
                    return Ok(());
                };
                for i in 0..t.rows.len() {
                    let r = &mut t.rows[i];
                    let mut result = r.check_all();
                    if result.is_ok() && s == 1 {
                        if let Err((field, c)) = members::member(r) {
                            r.focus = field;
                            result = Err(c);
                        }
                    }
                    if result.is_ok() && s == 2 {
                        if let Err((field, c)) = items::check_income(r) {
                            r.focus = field;
                            result = Err(c);
                        }
                    }
                    if result.is_ok() && s == OBLIGORS {
                        if let Err((field, c)) = obligors::obligor(r, today) {
                            r.focus = field;
                            result = Err(c);
                        }
                    }
                    if let Err(c) = result {
                        t.row = i;
                        return Err(c);
                    }
                }
                Ok(())
            }
        }
    }

    /// Check every step; the first wrong one is where the wizard goes.
    pub(super) fn check_all(&mut self) -> Result<(), Wrong> {
        for step in 0..CONFIRM {
            self.check_step(step)
                .map_err(|complaint| Wrong { step, complaint })?;
        }
        Ok(())
    }

    /// The application the wizard describes (call after `check_all`).
    pub(super) fn application(&self) -> Application {
        let h = &self.household;
        let town = household::town(h, self.scope);
        let members: Vec<_> = self
            .members
            .rows
            .iter()
            .filter_map(|r| members::member(r).ok())
            .collect();
        let field = |i: usize| {
            h.get(i)
                .map(|f| f.text.trim().to_string())
                .unwrap_or_default()
        };
        Application {
            household: Household {
                id: HouseholdId(0),
                rev: 0,
                town,
                village: household::village(h),
                address: field(household::ADDRESS),
                phone: field(household::PHONE),
                area: household::area(h),
                members,
                incomes: self.incomes.rows.iter().map(items::income).collect(),
                expenses: self.expenses.rows.iter().map(items::expense).collect(),
                assets: self.assets.rows.iter().map(items::asset).collect(),
                indicators: Indicators::default(),
                needs: items::needs(&self.needs),
                standing: Standing::default(),
                obligors: self
                    .obligors
                    .rows
                    .iter()
                    .filter_map(|r| obligors::obligor(r, self.today).ok())
                    .collect(),
            },
            channel: household::channel(h),
            applied_on: h
                .get(household::APPLIED)
                .and_then(|f| f.date())
                .unwrap_or(self.today),
        }
    }

    /// The wizard as a draft: every field as typed, and where the cursor is.
    pub(super) fn to_draft(&self) -> Draft {
        let table = |t: &Table| t.rows.iter().map(Form::raws).collect::<Vec<_>>();
        let head = self.member_names().into_iter().next().unwrap_or_default();
        let row = self.table(self.step).map_or(0, |t| t.row);
        Draft {
            id: self.draft_id,
            saved_at: None,
            title: format!("{head} {}", household::village(&self.household))
                .trim()
                .to_string(),
            step: self.step as u16,
            row: row as u16,
            field: self.form().map_or(0, |f| f.focus) as u16,
            pages: vec![
                vec![self.household.raws()],
                table(&self.members),
                table(&self.incomes),
                table(&self.expenses),
                table(&self.assets),
                vec![self.needs.raws()],
                table(&self.obligors),
            ],
        }
    }

    /// Put a draft's fields back and the cursor where it was.
    pub(super) fn restore(&mut self, d: &Draft) {
        let page = |i: usize| d.pages.get(i).cloned().unwrap_or_default();
        if let Some(raws) = page(0).first() {
            self.household.set_raws(raws);
            household::sync_villages(&mut self.household, self.scope);
            self.household.set_raws(raws);
        }
        if let Some(raws) = page(5).first() {
            self.needs.set_raws(raws);
        }
        self.members.rows.clear();
        for raws in page(1) {
            if let Some(mut r) = self.new_row(1) {
                r.set_raws(&raws);
                self.members.rows.push(r);
            }
        }
        for step in [2, 3, 4, OBLIGORS] {
            let mut rows = Vec::new();
            for raws in page(step) {
                if let Some(mut r) = self.new_row(step) {
                    r.set_raws(&raws);
                    rows.push(r);
                }
            }
            if let Some(t) = self.table_mut(step) {
                t.rows = rows;
            }
        }
        self.draft_id = d.id;
        self.step = usize::from(d.step).min(CONFIRM);
        let step = self.step;
        if let Some(t) = self.table_mut(step) {
            t.row = usize::from(d.row).min(t.rows.len().saturating_sub(1));
        }
        if let Some(f) = self.form_mut() {
            f.focus = usize::from(d.field).min(f.fields.len().saturating_sub(1));
        }
    }
}
