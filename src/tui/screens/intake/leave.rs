//! Leaving the wizard, and the 一门入库 refusal: the questions it asks.

use ratatui::text::Line;

use super::IntakeScreen;
use crate::domain::case::CaseId;
use crate::tui::form::Form;
use crate::tui::prompt::{Prompt, Question};
use crate::tui::Cx;

impl IntakeScreen {
    pub(super) fn touched(&self) -> bool {
        self.draft_id != 0
            || self
                .household
                .fields
                .iter()
                .skip(1)
                .any(|f| !f.text.is_empty() && f.zh != "申请日期")
            || self.members.rows.iter().any(Form::touched)
            || !self.incomes.rows.is_empty()
            || !self.expenses.rows.is_empty()
            || !self.assets.rows.is_empty()
            || !self.obligors.rows.is_empty()
    }

    pub(super) fn ask_leave(&self, cx: &Cx) -> Prompt {
        let l = cx.lang;
        Prompt::confirm(
            Question::LeaveIntake,
            l.t("离开新申请", "Leave the application"),
            vec![
                Line::from(l.t("离开新申请？", "Leave this application?")),
                Line::from(l.t(
                    "填写的内容已存为草稿，可从首页草稿列表继续。",
                    "What you typed is kept as a draft; resume it from the drafts list.",
                )),
            ],
        )
        .with_discard()
    }
}

/// 一门入库: the application was refused; say why and offer the case that exists.
pub(super) fn refused_prompt(cx: &Cx, case: Option<CaseId>, text: String) -> Prompt {
    let l = cx.lang;
    let body = vec![
        Line::from(l.t("一门入库：不能重复申请", "One household, one case")),
        Line::from(text),
    ];
    let prompt = Prompt::confirm(
        Question::OpenExisting(case),
        l.t("请确认", "Please confirm"),
        body,
    );
    if case.is_some() {
        prompt.with_keys(
            "y/Enter 打开该案件（草稿保留）  n/Esc 返回修改",
            "y/Enter open that case (the draft stays)  n/Esc back to edit",
        )
    } else {
        prompt.with_keys("n/Esc 返回修改", "n/Esc back to edit")
    }
}
