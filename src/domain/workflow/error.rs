//! Why a workflow step was refused, in the clerk's words (`zh()`) and in English (`Display`).

use super::{next_step, DateKind, ReasonFor, Required, StepKind};
use crate::domain::case::{CaseNumber, Stage};
use crate::domain::category::Category;
use crate::domain::label::Label;
use crate::domain::procedure::LetterKind;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Why a step was refused. `zh()` for the Chinese screen, `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    /// The step does not start from the case's stage.
    NotAllowed {
        stage: Stage,
        step: StepKind,
    },
    /// No signed-in user to record as the one who acted.
    NoActor,
    ReasonRequired(ReasonFor),
    /// Fewer than two distinct investigators named.
    TooFewInvestigators {
        named: usize,
    },
    NoFindings,
    /// "Confirm as proposed" without a proposal from the engine.
    NoProposal,
    /// "Confirm another category" without choosing one.
    NoCategory,
    /// "Confirm another category" choosing the proposed one.
    SameAsProposed(Category),
    /// "Confirm as proposed" with a different category chosen.
    DiffersFromProposal {
        proposed: Category,
        chosen: Category,
    },
    /// `what` falls before `other`.
    DateBefore {
        what: DateKind,
        date: NaiveDate,
        other: DateKind,
        other_date: NaiveDate,
    },
    /// `what` is after the day of the step.
    DateInFuture {
        what: DateKind,
        date: NaiveDate,
        today: NaiveDate,
    },
    /// The case number's year is not the year of acceptance.
    NumberYear {
        number: CaseNumber,
        accepted_on: NaiveDate,
    },
    /// `what` falls after `other`.
    DateAfter {
        what: DateKind,
        date: NaiveDate,
        other: DateKind,
        other_date: NaiveDate,
    },
    /// A case in public notice with no notice recorded (a damaged record).
    NoNotice,
    /// The notice has not ended: the decision takes effect on `effective_on`.
    NoticeNotOver {
        end: NaiveDate,
        effective_on: NaiveDate,
    },
    NoObjector,
    NoObjectionText,
    /// An appeal may reopen a case at investigation or review only.
    ReopenTo(Stage),
    /// Reopening at review needs a home visit on record.
    NoInvestigation,
    /// An appeal or a letter needs a decided case.
    NotDecided(Stage),
    /// One appeal at a time.
    AppealOpen,
    NoOpenAppeal,
    Missing(Required),
    /// No letter of this kind is due on the case.
    NoLetter(LetterKind),
    /// A letter is delivered after it is produced.
    NotProduced(LetterKind),
    /// A relative-of-staff case may not skip the full home visit or the district check
    /// (`domain::staff_relatives::check_step`).
    StaffRelative(crate::domain::staff_relatives::RelativeRefusal),
}

impl WorkflowError {
    pub fn zh(&self) -> String {
        use WorkflowError::*;
        match self {
            NotAllowed { stage, step } => {
                let head = if step.later_than(*stage) {
                    format!("案件处于“{}”，还不能{}", stage.zh(), step.zh())
                } else {
                    format!("案件处于“{}”，不能再{}", stage.zh(), step.zh())
                };
                match next_step(*stage) {
                    Some(next) => format!("{head}；下一步是“{}”", next.zh()),
                    None => head,
                }
            }
            NoActor => "没有办理人，请先登录".to_string(),
            ReasonRequired(r) => format!("{}必须填写理由", r.zh()),
            TooFewInvestigators { named } => {
                format!("入户调查至少需要两名调查人员，现在只填了{named}名")
            }
            NoFindings => "请填写入户调查情况".to_string(),
            NoProposal => "没有系统建议的类别，请选择“认定为其他类别”并填写理由".to_string(),
            NoCategory => "请选择认定的类别".to_string(),
            SameAsProposed(c) => {
                format!("所选类别“{}”就是建议类别，请选择“按建议认定”", c.zh())
            }
            DiffersFromProposal { proposed, chosen } => format!(
                "所选类别“{}”与建议类别“{}”不同，请选择“认定为其他类别”并填写理由",
                chosen.zh(),
                proposed.zh()
            ),
            DateBefore {
                what,
                date,
                other,
                other_date,
            } => format!("{}{date}早于{}{other_date}", what.zh(), other.zh()),
            DateInFuture { what, date, today } => {
                format!("{}{date}晚于今天（{today}），不能预先登记", what.zh())
            }
            NumberYear {
                number,
                accepted_on,
            } => format!(
                "案件编号{number}的年份与受理日期{accepted_on}的年份（{}年）不符",
                accepted_on.year()
            ),
            DateAfter {
                what,
                date,
                other,
                other_date,
            } => format!("{}{date}晚于{}{other_date}", what.zh(), other.zh()),
            NoNotice => "案件没有公示记录，请联系区民政局核查".to_string(),
            NoticeNotOver { end, effective_on } => {
                format!("公示期到{end}才结束，期满无异议的于{effective_on}生效")
            }
            NoObjector => "请填写异议人（匿名的写“匿名”）".to_string(),
            NoObjectionText => "请填写异议内容".to_string(),
            ReopenTo(s) => format!(
                "复核后只能重新回到“调查核实”或“审核确认”，不能回到“{}”",
                s.zh()
            ),
            NoInvestigation => "案件没有入户调查记录，只能重新回到“调查核实”".to_string(),
            NotDecided(s) => format!("案件处于“{}”，还没有作出决定", s.zh()),
            AppealOpen => "这个案件已有一项复核申请尚未办结".to_string(),
            NoOpenAppeal => "这个案件没有待办结的复核申请".to_string(),
            Missing(r) => format!("请填写{}", r.zh()),
            NoLetter(k) => format!("这个案件没有待出具的{}", k.zh()),
            NotProduced(k) => format!("{}还没有制作，请先制作再登记送达", k.zh()),
            StaffRelative(r) => r.zh(),
        }
    }
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WorkflowError::*;
        match self {
            NotAllowed { stage, step } => {
                if step.later_than(*stage) {
                    write!(f, "the case is {}: you cannot {} yet", stage.en(), step.en())?;
                } else {
                    write!(f, "the case is {}: you can no longer {}", stage.en(), step.en())?;
                }
                match next_step(*stage) {
                    Some(next) => write!(f, "; the next step is to {}", next.en()),
                    None => Ok(()),
                }
            }
            NoActor => write!(f, "no one is signed in to record as the person acting"),
            ReasonRequired(r) => write!(f, "a reason is required for {}", r.en()),
            TooFewInvestigators { named } => write!(
                f,
                "a home visit needs at least two investigators; {named} named"
            ),
            NoFindings => write!(f, "record the findings of the home visit"),
            NoProposal => write!(
                f,
                "there is no proposed category; choose \"confirm another category\" and give a reason"
            ),
            NoCategory => write!(f, "choose the category to confirm"),
            SameAsProposed(c) => write!(
                f,
                "{} is the proposed category; choose \"confirm as proposed\"",
                c.en()
            ),
            DiffersFromProposal { proposed, chosen } => write!(
                f,
                "{} differs from the proposed {}; choose \"confirm another category\" and give a reason",
                chosen.en(),
                proposed.en()
            ),
            DateBefore {
                what,
                date,
                other,
                other_date,
            } => write!(
                f,
                "the {} {date} is before the {} {other_date}",
                what.en(),
                other.en()
            ),
            DateInFuture { what, date, today } => write!(
                f,
                "the {} {date} is after today ({today}); it cannot be entered in advance",
                what.en()
            ),
            NumberYear {
                number,
                accepted_on,
            } => write!(
                f,
                "case number {number} does not carry the year of acceptance ({accepted_on})"
            ),
            DateAfter {
                what,
                date,
                other,
                other_date,
            } => write!(
                f,
                "the {} {date} is after the {} {other_date}",
                what.en(),
                other.en()
            ),
            NoNotice => write!(
                f,
                "the case has no public notice on record; ask the district office to check it"
            ),
            NoticeNotOver { end, effective_on } => write!(
                f,
                "the notice runs until {end}; with no objection the decision takes effect on {effective_on}"
            ),
            NoObjector => write!(f, "say who raised the objection (\"anonymous\" if unsigned)"),
            NoObjectionText => write!(f, "write what the objection says"),
            ReopenTo(s) => write!(
                f,
                "an appeal reopens a case at investigation or review only, not at {}",
                s.en()
            ),
            NoInvestigation => write!(
                f,
                "the case has no home visit on record: reopen it at investigation"
            ),
            NotDecided(s) => write!(f, "the case is {}: there is no decision yet", s.en()),
            AppealOpen => write!(f, "this case already has an appeal in progress"),
            NoOpenAppeal => write!(f, "this case has no appeal in progress"),
            Missing(r) => write!(f, "fill in {}", r.en()),
            NoLetter(k) => write!(f, "no {} is due on this case", k.en()),
            NotProduced(k) => write!(
                f,
                "the {} has not been produced yet: produce it before recording delivery",
                k.en()
            ),
            StaffRelative(r) => write!(f, "{r}"),
        }
    }
}

impl std::error::Error for WorkflowError {}

impl From<crate::domain::staff_relatives::RelativeRefusal> for WorkflowError {
    fn from(r: crate::domain::staff_relatives::RelativeRefusal) -> WorkflowError {
        WorkflowError::StaffRelative(r)
    }
}
