//! The audit trail's vocabulary: what was done (`AuditAction`) and which field changed
//! (`AuditField`), each with a label in both languages, so the trail reads as sentences
//! ("2026-02-09 10:02 clerk1 受理了申请") instead of raw keys (`case.accept`).
//! The store keeps the key string ([`AuditAction::key`]); an entry whose key is unknown
//! (written by a later release) is shown with its key.

use crate::labelled_enum;

labelled_enum! {
    /// What an audit entry records. The label is a verb phrase: "<who> <label>".
    pub enum AuditAction {
        CaseCreate => ("建立了案件", "created the case"),
        CaseSubmit => ("提交了申请", "submitted the application"),
        CaseAccept => ("受理了申请", "accepted the application"),
        CaseInvestigate => ("开始调查核实", "started the investigation"),
        CaseInvestigation => ("录入了入户调查", "recorded the home visit"),
        CaseDecide => ("作出审核决定", "recorded the review decision"),
        CaseWithdraw => ("撤回了申请", "withdrew the application"),
        CaseRefer => ("推送了需求", "referred needs"),
        CaseView => ("查看了案件", "viewed the case"),
        CaseDistrictCheck => ("区级核查了案件", "district checked the case"),
        CaseSpotDraw => ("抽取了抽查案件", "drew a spot-check sample"),
        CaseSpotCheck => ("登记了抽查结果", "recorded a spot-check outcome"),
        CaseSpotExport => ("导出了抽查清单", "exported the spot checks"),
        CaseTakeEffect => ("公示期满，决定生效", "the decision took effect after the notice"),
        CaseObjection => ("登记了公示异议", "recorded an objection to the notice"),
        CaseAppeal => ("登记了复核申请", "recorded an appeal"),
        CaseAppealOutcome => ("登记了复核结论", "recorded an appeal's outcome"),
        CaseLetter => ("制作了告知书", "produced the written notice"),
        CaseLetterDelivered => ("送达了告知书", "delivered the written notice"),
        CaseNoticeList => ("导出了公示名单", "exported the notice list"),
        HouseholdCreate => ("建立了家庭档案", "created the household"),
        HouseholdImport => ("导入了家庭", "imported the household"),
        DraftCreate => ("保存了草稿", "saved a draft"),
        DraftDiscard => ("删除了草稿", "discarded a draft"),
        ReferralPush => ("推送给部门", "referred to a department"),
        ReferralAcknowledge => ("部门已接收", "department acknowledged"),
        ReferralAssistance => ("部门已给予帮扶", "department gave assistance"),
        ReferralNotEligible => ("部门认定不符合条件", "department found it not eligible"),
        LedgerExport => ("导出了反馈台账", "exported the feedback ledger"),
        AlertVerify => ("核实了预警", "verified an alert"),
        AlertNoRisk => ("核实预警：无风险", "verified an alert: no risk"),
        AlertToApplication => ("预警转为申请", "turned an alert into an application"),
        MonitoringReading => ("录入了监测数据", "recorded monitoring readings"),
        MonitoringReevaluate => ("重新评估了监测对象", "re-evaluated the monitoring target"),
        MonitoringExit => ("办理了退出", "recorded an exit"),
        MonitoringRecheck => ("完成了复核", "recorded a re-check"),
        RosterExport => ("导出了监测名单", "exported the monitoring roster"),
        MeetingStart => ("召开了审核会议", "started a review meeting"),
        MeetingDecide => ("会议作出决定", "recorded a meeting decision"),
        MeetingClose => ("结束了审核会议", "closed the review meeting"),
        MeetingExport => ("导出了会议纪要", "exported the meeting minute"),
        MeetingEdit => ("修改了会议", "edited the meeting"),
        StandardsEdit => ("修改了认定标准", "edited the standards"),
        StaffRelativesSave => ("登记了近亲属备案", "registered a staff relative"),
        StaffRelativesRemove => ("删除了近亲属备案", "removed a staff relative"),
        CaseloadRecount => ("重算了案件统计", "recounted the caseload"),
        UserSignIn => ("登录", "signed in"),
        UserSignInFailed => ("登录失败", "failed to sign in"),
        UserSignOut => ("退出登录", "signed out"),
        UserCreate => ("创建了账号", "created an account"),
        UserDisable => ("停用了账号", "disabled an account"),
        UserResetPassword => ("重置了密码", "reset a password"),
        StoreDemo => ("建立了演示数据", "created the demo store"),
        StoreGenerate => ("生成了测试数据", "generated test data"),
        StoreImport => ("导入了数据", "imported data"),
        StoreExport => ("导出了数据", "exported data"),
        StoreBackup => ("备份了数据", "backed up the store"),
        StoreRepair => ("修复了数据", "repaired the store"),
    }
}

impl AuditAction {
    /// The key the store keeps, e.g. `case.accept`.
    pub fn key(self) -> &'static str {
        use AuditAction::*;
        match self {
            CaseCreate => "case.create",
            CaseSubmit => "case.submit",
            CaseAccept => "case.accept",
            CaseInvestigate => "case.investigate",
            CaseInvestigation => "case.investigation",
            CaseDecide => "case.decide",
            CaseWithdraw => "case.withdraw",
            CaseRefer => "case.refer",
            CaseView => "case.view",
            CaseDistrictCheck => "case.district_check",
            CaseSpotDraw => "case.spot_draw",
            CaseSpotCheck => "case.spot_check",
            CaseSpotExport => "case.spot_export",
            CaseTakeEffect => "case.take_effect",
            CaseObjection => "case.objection",
            CaseAppeal => "case.appeal",
            CaseAppealOutcome => "case.appeal_outcome",
            CaseLetter => "case.letter",
            CaseLetterDelivered => "case.letter_delivered",
            CaseNoticeList => "case.notice_list",
            HouseholdCreate => "household.create",
            HouseholdImport => "household.import",
            DraftCreate => "draft.create",
            DraftDiscard => "draft.discard",
            ReferralPush => "referral.push",
            ReferralAcknowledge => "referral.acknowledge",
            ReferralAssistance => "referral.assistance",
            ReferralNotEligible => "referral.not_eligible",
            LedgerExport => "ledger.export",
            AlertVerify => "alert.verify",
            AlertNoRisk => "alert.no_risk",
            AlertToApplication => "alert.to_application",
            MonitoringReading => "monitoring.reading",
            MonitoringReevaluate => "monitoring.reevaluate",
            MonitoringExit => "monitoring.exit",
            MonitoringRecheck => "monitoring.recheck",
            RosterExport => "roster.export",
            MeetingStart => "meeting.start",
            MeetingDecide => "meeting.decide",
            MeetingClose => "meeting.close",
            MeetingExport => "meeting.export",
            MeetingEdit => "meeting.edit",
            StandardsEdit => "standards.edit",
            StaffRelativesSave => "staff_relatives.save",
            StaffRelativesRemove => "staff_relatives.remove",
            CaseloadRecount => "caseload.recount",
            UserSignIn => "user.sign_in",
            UserSignInFailed => "user.sign_in_failed",
            UserSignOut => "user.sign_out",
            UserCreate => "user.create",
            UserDisable => "user.disable",
            UserResetPassword => "user.reset_password",
            StoreDemo => "store.demo",
            StoreGenerate => "store.generate",
            StoreImport => "store.import",
            StoreExport => "store.export",
            StoreBackup => "store.backup",
            StoreRepair => "store.repair",
        }
    }

    /// The action of a stored key; `None` for a key this release does not know.
    pub fn parse(key: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.key() == key)
    }
}

labelled_enum! {
    /// A field named in an audit entry's changes.
    pub enum AuditField {
        Household => ("家庭", "household"),
        Members => ("人数", "members"),
        AppliedOn => ("申请日期", "applied on"),
        Channel => ("申请渠道", "channel"),
        AcceptedOn => ("受理日期", "accepted on"),
        Deadline => ("审核期限", "review deadline"),
        Stage => ("阶段", "stage"),
        VisitDate => ("入户日期", "visit date"),
        Investigators => ("调查人员", "investigators"),
        Verification => ("核对不一致", "verification mismatch"),
        Decision => ("决定", "decision"),
        Category => ("认定类别", "category"),
        ProposedBenefit => ("月保障金", "benefit per month"),
        Department => ("部门", "department"),
        Need => ("需求", "need"),
        Status => ("状态", "status"),
        Amount => ("金额", "amount"),
        Reading => ("监测日期", "reading date"),
        MonitoringLine => ("监测线", "monitoring line"),
        Standing => ("原类别", "former category"),
        Reason => ("原因", "reason"),
        SupportEnds => ("保障截止", "support ends"),
        Note => ("备注", "note"),
        Town => ("镇街", "town"),
        Date => ("日期", "date"),
        Alert => ("预警", "alert"),
        Housing => ("住房安全", "housing safety"),
        DrinkingWater => ("饮水安全", "drinking-water safety"),
        DistrictCheck => ("区级核查", "district check"),
        Recheck => ("复核", "re-check"),
        Benefit => ("保障金", "benefit"),
        Notice => ("公示期", "public notice"),
        LetterDue => ("告知书期限", "letter due by"),
        Objector => ("异议人", "objector"),
        ReceivedOn => ("收到日期", "received on"),
        RedecideBy => ("重新决定期限", "decide again by"),
        AppealKind => ("复核类型", "kind of appeal"),
        RequestedOn => ("申请日期", "requested on"),
        HandledBy => ("办理人", "handled by"),
        Outcome => ("结论", "outcome"),
        On => ("日期", "on"),
        Letter => ("告知书", "written notice"),
        ProducedOn => ("制作日期", "produced on"),
        DeliveredOn => ("送达日期", "delivered on"),
        BenefitFrom => ("发放起始月", "paid from"),
    }
}

impl AuditField {
    /// The key the store keeps (a few older entries keep the Chinese name).
    pub fn key(self) -> &'static str {
        use AuditField::*;
        match self {
            Household => "household",
            Members => "members",
            AppliedOn => "applied_on",
            Channel => "channel",
            AcceptedOn => "accepted_on",
            Deadline => "deadline",
            Stage => "stage",
            VisitDate => "visit_date",
            Investigators => "investigators",
            Verification => "verification",
            Decision => "decision",
            Category => "category",
            ProposedBenefit => "proposed_benefit",
            Department => "department",
            Need => "need",
            Status => "status",
            Amount => "amount",
            Reading => "reading",
            MonitoringLine => "monitoring_line",
            Standing => "standing",
            Reason => "reason",
            SupportEnds => "support_ends",
            Note => "note",
            Town => "town",
            Date => "date",
            Alert => "alert",
            Housing => "住房安全",
            DrinkingWater => "饮水安全",
            DistrictCheck => "district_check",
            Recheck => "recheck",
            Benefit => "benefit",
            Notice => "notice",
            LetterDue => "letter_due",
            Objector => "objector",
            ReceivedOn => "received_on",
            RedecideBy => "redecide_by",
            AppealKind => "kind",
            RequestedOn => "requested_on",
            HandledBy => "handled_by",
            Outcome => "outcome",
            On => "on",
            Letter => "letter",
            ProducedOn => "produced_on",
            DeliveredOn => "delivered_on",
            BenefitFrom => "benefit_from",
        }
    }

    pub fn parse(key: &str) -> Option<AuditField> {
        AuditField::ALL.iter().copied().find(|f| f.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Label;

    #[test]
    fn keys_parse_back_and_are_distinct() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.key()), Some(*a), "{a:?}");
        }
        for f in AuditField::ALL {
            assert_eq!(AuditField::parse(f.key()), Some(*f), "{f:?}");
        }
        assert_eq!(AuditAction::parse("case.unknown"), None);
        assert_eq!(AuditField::parse("nonsense"), None);
    }

    #[test]
    fn labels_are_words_not_keys() {
        let cases = [
            (
                AuditAction::CaseSubmit,
                "提交了申请",
                "submitted the application",
            ),
            (
                AuditAction::CaseAccept,
                "受理了申请",
                "accepted the application",
            ),
            (AuditAction::UserSignOut, "退出登录", "signed out"),
        ];
        for (a, zh, en) in cases {
            assert_eq!((a.zh(), a.en()), (zh, en));
        }
        for a in AuditAction::ALL {
            assert!(!a.zh().contains('.') && !a.en().contains('.'), "{a:?}");
        }
    }
}
