//! Who may do what: the roles, the signed-in actor, and the one access table that every
//! use case (and so every screen and command) asks. Pure: no store, no clock.
//!
//! Town scope is separate from the table: a town's staff see their own town only
//! (`Actor::sees`); a department liaison sees only their own department's referrals.

use crate::domain::town::Town;
use crate::domain::workflow::StepKind;
use crate::domain::Label;
use crate::labelled_enum;

labelled_enum! {
    pub enum Role {
        VillageInformant => ("村信息员", "village informant"),
        TownClerk => ("镇民政专干", "town clerk"),
        TownReviewer => ("镇审核人员", "town reviewer"),
        DistrictOfficer => ("区民政局", "district officer"),
        DepartmentLiaison => ("部门联络员", "department liaison"),
        Auditor => ("审计人员", "auditor"),
    }
}

labelled_enum! {
    /// What a role may be allowed to do. The label is the action, as a refusal says it
    /// ("只有……可以{label}").
    pub enum Permission {
        ReadCases => ("查看案件和家庭", "look at cases and households"),
        Submit => ("登记申请（含草稿）", "record applications (drafts included)"),
        WorkCases => ("受理、调查核实、撤回", "accept, investigate and withdraw cases"),
        Decide => ("审核确认", "record review decisions"),
        HoldMeeting => ("召开审核会议", "hold review meetings"),
        PushReferrals => ("因需推送", "push referrals"),
        EnterFeedback => ("登记部门反馈", "enter department feedback"),
        ReadLedger => ("查看反馈台账", "see the feedback ledger"),
        ExportPersonalData => ("导出含身份证号的数据", "export data with ID numbers"),
        ImportRecords => ("导入花名册", "import rosters"),
        ReadMonitoring => ("查看监测名单和预警", "see the monitoring roster and alerts"),
        RecordReadings => ("录入监测数据", "record monitoring readings"),
        WorkAlerts => ("办理预警和退出", "work on alerts and end support"),
        Reevaluate => ("重新运行预警规则", "re-run the alert rules"),
        EditStandards => ("修改认定标准", "edit the standards"),
        ReadAudit => ("查看审计记录", "read the audit trail"),
        ReadAccounts => ("查看账号", "see the accounts"),
        ManageAccounts => ("管理账号", "manage accounts"),
        EditStaffRelatives => ("登记工作人员近亲属备案", "keep the register of relatives of staff"),
        DistrictChecks => ("区级核查和抽查", "make district checks and spot checks"),
        WorkNotices => ("登记公示异议、出具告知书", "record notice objections and written notices"),
        HandleAppeals => ("登记和办理复核申请", "record and resolve appeals"),
    }
}

/// The access table: whether `role` may do `permission` at all (town and department
/// scope are checked beside it). Every role check in the program goes through here.
pub fn may(role: Role, permission: Permission) -> bool {
    use Permission::*;
    use Role::*;
    match permission {
        ReadCases => matches!(role, TownClerk | TownReviewer | DistrictOfficer | Auditor),
        Submit => matches!(role, VillageInformant | TownClerk | DistrictOfficer),
        WorkCases => matches!(role, TownClerk | DistrictOfficer),
        Decide | HoldMeeting => matches!(role, TownReviewer | DistrictOfficer),
        PushReferrals => matches!(role, TownClerk | TownReviewer | DistrictOfficer),
        EnterFeedback => matches!(role, DepartmentLiaison | DistrictOfficer),
        ReadLedger => matches!(role, DepartmentLiaison | DistrictOfficer | Auditor),
        ExportPersonalData | ImportRecords | Reevaluate | EditStandards | ManageAccounts
        | EditStaffRelatives | DistrictChecks => role == DistrictOfficer,
        ReadMonitoring => matches!(
            role,
            VillageInformant | TownClerk | TownReviewer | DistrictOfficer | Auditor
        ),
        RecordReadings => matches!(
            role,
            VillageInformant | TownClerk | TownReviewer | DistrictOfficer
        ),
        WorkAlerts => matches!(role, TownClerk | TownReviewer | DistrictOfficer),
        ReadAudit | ReadAccounts => matches!(role, DistrictOfficer | Auditor),
        WorkNotices => matches!(role, TownClerk | DistrictOfficer),
        HandleAppeals => matches!(role, TownClerk | TownReviewer | DistrictOfficer),
    }
}

/// The roles that may do `permission`, in table order (for a refusal's message).
pub fn roles_for(permission: Permission) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| may(*r, permission))
        .collect()
}

/// The permission a workflow step needs.
pub fn step_permission(step: StepKind) -> Permission {
    match step {
        StepKind::Submit => Permission::Submit,
        StepKind::Accept
        | StepKind::StartInvestigation
        | StepKind::FinishInvestigation
        | StepKind::Withdraw
        | StepKind::TakeEffect => Permission::WorkCases,
        StepKind::Decide => Permission::Decide,
        StepKind::RecordObjection => Permission::WorkNotices,
        StepKind::Reopen => Permission::HandleAppeals,
    }
}

/// Whether a role belongs to one town (and so must have one).
pub fn is_town_role(role: Role) -> bool {
    matches!(
        role,
        Role::VillageInformant | Role::TownClerk | Role::TownReviewer
    )
}

/// The table as Markdown, one row per permission and one column per role; the README's
/// roles table is this text (a test compares them).
pub fn markdown_table() -> String {
    let mut out = String::from("| may | ");
    out.push_str(
        &Role::ALL
            .iter()
            .map(|r| r.en())
            .collect::<Vec<_>>()
            .join(" | "),
    );
    out.push_str(" |\n|---|");
    out.push_str(&"---|".repeat(Role::ALL.len()));
    out.push('\n');
    for p in Permission::ALL {
        out.push_str(&format!("| {} |", p.en()));
        for r in Role::ALL {
            out.push_str(if may(*r, *p) { " yes |" } else { " – |" });
        }
        out.push('\n');
    }
    out
}

/// Who is at the keyboard (or at the other end of a connection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub display: String,
    pub role: Role,
    /// One town, or the whole district (`None`).
    pub town: Option<Town>,
}

impl Actor {
    /// The demo district officer (the demo store's own account).
    pub fn demo_officer() -> Actor {
        Actor {
            user: "demo-officer".into(),
            display: "区民政局（演示）".into(),
            role: Role::DistrictOfficer,
            town: None,
        }
    }

    /// Whether the access table lets this actor's role do `permission`.
    pub fn may(&self, permission: Permission) -> bool {
        may(self.role, permission)
    }

    /// Whether records of `town` are within this actor's scope.
    pub fn sees(&self, town: Town) -> bool {
        self.town.is_none_or(|own| own == town)
    }

    /// Towns this actor sees; empty means all.
    pub fn towns(&self) -> Vec<Town> {
        self.town.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_auditor_writes_nothing_and_the_liaison_browses_nothing() {
        use Permission::*;
        let writes = [
            Submit,
            WorkCases,
            Decide,
            HoldMeeting,
            PushReferrals,
            EnterFeedback,
            ExportPersonalData,
            ImportRecords,
            RecordReadings,
            WorkAlerts,
            Reevaluate,
            EditStandards,
            ManageAccounts,
            WorkNotices,
            HandleAppeals,
        ];
        for p in writes {
            assert!(!may(Role::Auditor, p), "auditor may {p:?}");
        }
        for p in [ReadCases, ReadMonitoring, ReadAudit, ReadAccounts] {
            assert!(!may(Role::DepartmentLiaison, p), "liaison may {p:?}");
        }
        for p in Permission::ALL {
            assert!(may(Role::DistrictOfficer, *p), "officer may not {p:?}");
        }
    }

    #[test]
    fn scope_is_the_own_town_or_all() {
        let mut a = Actor::demo_officer();
        assert!(Town::ALL.iter().all(|t| a.sees(*t)));
        a.town = Some(Town::Chenlu);
        assert!(a.sees(Town::Chenlu));
        assert!(!a.sees(Town::Hongtu));
    }

    #[test]
    fn every_step_maps_to_the_permission_of_its_roles() {
        assert_eq!(step_permission(StepKind::Decide), Permission::Decide);
        assert_eq!(
            roles_for(step_permission(StepKind::Accept)),
            [Role::TownClerk, Role::DistrictOfficer]
        );
    }
}
