//! Why a step of the flow was refused, in the clerk's words (zh) and in English (Display).

use std::fmt;

use crate::app::session::{Permission, Role};
use crate::domain::case::{CaseId, CaseNumber, Stage};
use crate::domain::category::Category;
use crate::domain::household::HouseholdId;
use crate::domain::workflow::{StepKind, WorkflowError};
use crate::domain::Label;
use crate::store::StoreError;

#[derive(Debug)]
pub enum FlowError {
    /// The state machine refused the step (wrong stage, missing reason, one investigator...).
    Workflow(WorkflowError),
    /// The store refused the write (stale record, lock, disk).
    Store(StoreError),
    /// 一门入库: a member is already in a household with an open case. Offer to open it.
    OpenCase {
        /// The name on record for this ID number.
        name: String,
        /// The name typed on this application, when it differs from the one on record.
        typed: Option<String>,
        id_masked: String,
        case: CaseId,
        number: Option<CaseNumber>,
        stage: Stage,
    },
    /// 一门入库: a member's household is already confirmed in the low-income population.
    Confirmed {
        name: String,
        typed: Option<String>,
        id_masked: String,
        household: HouseholdId,
        category: Category,
        /// The case that confirmed it, to open instead.
        case: Option<CaseId>,
    },
    /// Members already belong to more than one earlier household; they must be merged first.
    SeveralHouseholds(Vec<HouseholdId>),
    /// The application itself is incomplete or inconsistent: (zh, en).
    Invalid(String, String),
    NotPermitted {
        role: Role,
        step: StepKind,
    },
    /// The access table refuses something that is not a step (reading a case).
    Denied(Permission),
    NotFound(String),
    /// No standard could be read: (zh, en).
    Standards(String, String),
}

impl FlowError {
    /// The case a clerk may open instead of creating a second one (一门入库).
    pub fn existing_case(&self) -> Option<CaseId> {
        match self {
            FlowError::OpenCase { case, .. } => Some(*case),
            FlowError::Confirmed { case, .. } => *case,
            _ => None,
        }
    }

    pub fn invalid(zh: impl Into<String>, en: impl Into<String>) -> FlowError {
        FlowError::Invalid(zh.into(), en.into())
    }

    pub fn zh(&self) -> String {
        match self {
            FlowError::Workflow(e) => e.zh(),
            FlowError::Store(e) => e.zh(),
            FlowError::OpenCase {
                name,
                typed,
                id_masked,
                case,
                number,
                stage,
            } => format!(
                "{name}（{id_masked}）已在办理中的案件{}（{}）中，一户只能有一个在办案件，可打开该案件{}",
                case_label(*case, *number),
                stage.zh(),
                typed_zh(typed.as_deref())
            ),
            FlowError::Confirmed {
                name,
                typed,
                id_masked,
                household,
                category,
                ..
            } => format!(
                "{name}（{id_masked}）所在家庭（户号{}）已认定为{}，不能重复申请，可打开原案件{}",
                household.0,
                category.zh(),
                typed_zh(typed.as_deref())
            ),
            FlowError::SeveralHouseholds(hs) => format!(
                "成员分属已有的多个家庭（户号{}），请先核实家庭组成",
                join(hs)
            ),
            FlowError::Invalid(zh, _) => zh.clone(),
            FlowError::NotPermitted { role, step } => {
                let who: Vec<&str> = super::roles_for(*step).iter().map(|r| r.zh()).collect();
                format!("“{}”不能{}；可以{}的是：{}", role.zh(), step.zh(), step.zh(), who.join("、"))
            }
            FlowError::Denied(p) => crate::app::AppError::from(FlowError::Denied(*p)).zh(),
            FlowError::NotFound(what) => format!("未找到{what}"),
            FlowError::Standards(zh, _) => format!("认定标准无法读取：{zh}"),
        }
    }
}

fn case_label(case: CaseId, number: Option<CaseNumber>) -> String {
    number.map_or_else(|| format!("#{}", case.0), |n| n.to_string())
}

fn join(hs: &[HouseholdId]) -> String {
    hs.iter()
        .map(|h| h.0.to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// The name typed on the application when it is not the one on record: compare the card.
fn typed_zh(typed: Option<&str>) -> String {
    typed.map_or_else(String::new, |t| {
        format!("。此身份证号在档案中的姓名不是申请表上的“{t}”，请核对证件")
    })
}

fn typed_en(typed: Option<&str>) -> String {
    typed.map_or_else(String::new, |t| {
        format!(". The name on record for this ID number is not \"{t}\" as typed: check the card")
    })
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlowError::Workflow(e) => write!(f, "{e}"),
            FlowError::Store(e) => write!(f, "{e}"),
            FlowError::OpenCase {
                name,
                typed,
                id_masked,
                case,
                number,
                stage,
            } => write!(
                f,
                "{name} ({id_masked}) is already in open case {} ({}); one household has one open case — open that case instead{}",
                case_label(*case, *number),
                stage.en(),
                typed_en(typed.as_deref())
            ),
            FlowError::Confirmed {
                name,
                typed,
                id_masked,
                household,
                category,
                ..
            } => write!(
                f,
                "{name} ({id_masked}) belongs to household {} already confirmed as {}; open the earlier case instead{}",
                household.0,
                category.en(),
                typed_en(typed.as_deref())
            ),
            FlowError::SeveralHouseholds(hs) => write!(
                f,
                "the members belong to several existing households ({}); check who lives together first",
                join(hs)
            ),
            FlowError::Invalid(_, en) => f.write_str(en),
            FlowError::NotPermitted { role, step } => {
                let who: Vec<&str> = super::roles_for(*step).iter().map(|r| r.en()).collect();
                write!(f, "a {} may not {}; who may: {}", role.en(), step.en(), who.join(", "))
            }
            FlowError::Denied(p) => write!(f, "{}", crate::app::AppError::from(FlowError::Denied(*p))),
            FlowError::NotFound(what) => write!(f, "{what} was not found"),
            FlowError::Standards(_, en) => write!(f, "the standards cannot be read: {en}"),
        }
    }
}

impl std::error::Error for FlowError {}

impl From<StoreError> for FlowError {
    fn from(e: StoreError) -> Self {
        FlowError::Store(e)
    }
}

impl From<WorkflowError> for FlowError {
    fn from(e: WorkflowError) -> Self {
        FlowError::Workflow(e)
    }
}

/// A flow refusal as a use-case error: a role the access table refuses is
/// `AppError::Denied` (naming who may), whatever the layer that refused it.
impl From<FlowError> for crate::app::AppError {
    fn from(e: FlowError) -> Self {
        use crate::app::AppError;
        let denied = |p: Permission| AppError::Denied {
            action_zh: p.zh(),
            action_en: p.en(),
            roles: crate::domain::access::roles_for(p),
        };
        match e {
            FlowError::NotPermitted { step, .. } => {
                denied(crate::domain::access::step_permission(step))
            }
            FlowError::Denied(p) => denied(p),
            FlowError::Store(e) => AppError::Store(e),
            FlowError::NotFound(what) => AppError::NotFound(what),
            other => AppError::Invalid(other.zh(), other.to_string()),
        }
    }
}
