//! The keymap is data: every binding has a context and a description in both languages.
//! The footer and the help overlay are generated from this table, so they cannot drift.
//! Every function key has a letter alternative for terminals that send no F-keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::lang::Lang;

/// Where a binding applies. `Global` bindings apply on every screen after the screen's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Dashboard,
    CaseList,
    CaseDetail,
    Lookup,
    Drilldown,
    Standards,
    Intake,
    Drafts,
    StepForm,
    /// The investigation step: the visit page and the legal obligors' page (issue 17).
    Investigation,
    Audit,
    // Referrals (issue 7).
    Referrals,
    Feedback,
    Ledger,
    // Dynamic monitoring (issue 8).
    Alerts,
    Roster,
    Visit,
    // Periodic re-checks (issue 18).
    RecheckQueue,
    Recheck,
    SpotChecks,
    StaffRegister,
    // Public notice and written notices (issue 18).
    NoticeList,
    Letter,
    // Review-meeting mode (issue 5).
    MeetingStart,
    MeetingCard,
    MeetingMinute,
    /// A prompt's yes/no question (no global keys under it).
    Prompt,
    /// A prompt with fields (a reason, a choice).
    PromptForm,
    /// One value or line being typed on a list screen (a standard's value, a reason):
    /// Enter saves it, Esc drops it.
    ValueEntry,
    /// A form that saves from any field (a monitoring reading, an exit, a re-check's
    /// outcome, a department's assistance).
    EntryForm,
    /// The audit trail's filter being typed (user, case, date).
    AuditFilter,
    /// The sign-in form (and the first administrator's), before a session: no global keys.
    SignIn,
}

impl Context {
    /// Every context, in the order the README's key table lists them.
    pub const ALL: &'static [Context] = &[
        Context::Global,
        Context::Dashboard,
        Context::CaseList,
        Context::CaseDetail,
        Context::Lookup,
        Context::Drilldown,
        Context::Standards,
        Context::Audit,
        Context::Intake,
        Context::Drafts,
        Context::StepForm,
        Context::Investigation,
        Context::Referrals,
        Context::Feedback,
        Context::Ledger,
        Context::Alerts,
        Context::Roster,
        Context::Visit,
        Context::RecheckQueue,
        Context::Recheck,
        Context::SpotChecks,
        Context::StaffRegister,
        Context::NoticeList,
        Context::Letter,
        Context::MeetingStart,
        Context::MeetingCard,
        Context::MeetingMinute,
        Context::Prompt,
        Context::PromptForm,
        Context::ValueEntry,
        Context::EntryForm,
        Context::AuditFilter,
        Context::SignIn,
    ];

    /// The screen's name in the README's key table.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Dashboard => "home",
            Context::CaseList => "case list",
            Context::CaseDetail => "case detail",
            Context::Lookup => "lookup",
            Context::Drilldown => "drill-down",
            Context::Standards => "standards",
            Context::Intake => "wizard",
            Context::Drafts => "drafts",
            Context::StepForm => "step forms",
            Context::Investigation => "investigation",
            Context::Audit => "audit trail",
            Context::Referrals => "referrals",
            Context::Feedback => "feedback",
            Context::Ledger => "ledger",
            Context::Alerts => "alerts",
            Context::Roster => "roster",
            Context::Visit => "monitoring visit",
            Context::RecheckQueue => "re-check queue",
            Context::Recheck => "re-check",
            Context::SpotChecks => "spot checks",
            Context::StaffRegister => "relatives of staff",
            Context::NoticeList => "notice list",
            Context::Letter => "written notice",
            Context::MeetingStart => "meeting start",
            Context::MeetingCard => "review meeting",
            Context::MeetingMinute => "meeting minute",
            Context::Prompt => "question (y/n)",
            Context::PromptForm => "question with a field",
            Context::ValueEntry => "typing a value",
            Context::EntryForm => "entry form",
            Context::AuditFilter => "audit filter",
            Context::SignIn => "sign-in",
        }
    }
}

mod readme;
pub use readme::markdown_table;

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// The key as the footer and help show it.
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the footer (the first binding of each action per context only).
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;

const fn b(
    context: Context,
    code: KeyCode,
    action: Action,
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        context,
        code,
        mods: NONE,
        action,
        key,
        zh,
        en,
        hint,
    }
}

use Context::{
    Audit, CaseDetail, CaseList, Dashboard, Drafts, Global, Intake, Investigation, Standards,
    StepForm,
};
use KeyCode::{BackTab, Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up, F};

/// A binding with Ctrl held (the letter alternative inside forms, where letters are text).
const fn ctrl(
    context: Context,
    c: char,
    action: Action,
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        mods: KeyModifiers::CONTROL,
        ..b(context, KeyCode::Char(c), action, key, zh, en, hint)
    }
}

#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    // Review-meeting mode (issue 5): every F-key of the dashboard is taken, so Ctrl+F3.
    b(Dashboard, Char('M'), Action::Meeting, "M", "审核会议", "review meeting", false),
    Binding { mods: KeyModifiers::CONTROL, ..b(Dashboard, F(3), Action::Meeting, "^F3", "审核会议", "review meeting", false) },
    b(Context::MeetingStart, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(Context::MeetingStart, Enter, Action::NextField, "Enter", "确认/开会", "confirm/start", true),
    b(Context::MeetingStart, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Context::MeetingStart, Esc, Action::Back, "Esc", "取消", "cancel", true),
    b(Context::MeetingCard, Char('c'), Action::ConfirmProposed, "c", "按建议认定", "confirm", true),
    b(Context::MeetingCard, Char('o'), Action::ConfirmOther, "o", "其他类别", "other cat.", true),
    b(Context::MeetingCard, Char('r'), Action::Reject, "r", "不予认定", "reject", true),
    b(Context::MeetingCard, Char('b'), Action::SendBack, "b", "退回", "send back", true),
    b(Context::MeetingCard, Char('s'), Action::Skip, "s", "跳过", "skip", true),
    b(Context::MeetingCard, Char('/'), Action::Lookup, "/", "查找", "find", true),
    b(Context::MeetingCard, Char('e'), Action::EndMeeting, "e", "结束", "end", true),
    b(Context::MeetingCard, Esc, Action::EndMeeting, "Esc", "结束", "end", false),
    b(Context::MeetingMinute, Char('x'), Action::Export, "x", "导出CSV", "export CSV", true),
    b(Context::MeetingMinute, F(2), Action::Export, "F2", "导出CSV", "export CSV", false),
    b(Context::MeetingMinute, Esc, Action::Back, "Esc", "返回首页", "home", true),
    b(Context::MeetingMinute, Char('q'), Action::Back, "q", "返回首页", "home", false),
    // Dynamic monitoring (issue 8).
    b(Dashboard, Char('a'), Action::Alerts, "a", "预警队列", "alerts", false),
    b(Dashboard, F(11), Action::Alerts, "F11", "预警队列", "alerts", false),
    b(Dashboard, Char('m'), Action::Roster, "m", "监测对象", "monitoring roster", false),
    b(Dashboard, F(2), Action::Roster, "F2", "监测对象", "monitoring roster", false),
    b(Context::Alerts, Char('v'), Action::Verify, "v", "开始核实", "verify", true),
    b(Context::Alerts, Char('n'), Action::NoRisk, "n", "核实无风险", "no risk", true),
    b(Context::Alerts, Char('a'), Action::ToApplication, "a", "转入申请", "to application", true),
    b(Context::Alerts, Enter, Action::Open, "Enter", "查看该户", "open household", true),
    b(Context::Alerts, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Alerts, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Context::Roster, Enter, Action::Open, "Enter", "查看该户", "open household", true),
    b(Context::Roster, Char('t'), Action::FilterTown, "t", "按镇街", "by town", true),
    b(Context::Roster, Char('s'), Action::FilterGroup, "s", "按类别", "by group", true),
    b(Context::Roster, Char('i'), Action::FilterIndicator, "i", "按指标", "by indicator", true),
    b(Context::Roster, Char('x'), Action::ClearFilters, "x", "清除筛选", "clear filters", false),
    b(Context::Roster, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Roster, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Context::Visit, Char('e'), Action::NewReading, "e", "录入监测", "new reading", true),
    b(Context::Visit, Char('X'), Action::ExitSupport, "X", "办理退出", "end support", true),
    b(Context::Visit, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Visit, Char('q'), Action::Back, "q", "返回", "back", false),
    // Periodic re-checks (issue 18).
    b(Dashboard, Char('R'), Action::Rechecks, "R", "定期复核", "re-checks due", false),
    b(Context::RecheckQueue, Enter, Action::Open, "Enter", "开始复核", "start the re-check", true),
    b(Context::RecheckQueue, Char('m'), Action::MonitoringRecord, "m", "监测记录", "monitoring record", true),
    b(Context::RecheckQueue, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::RecheckQueue, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Context::Recheck, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(Context::Recheck, Down, Action::NextField, "↓", "下一项", "next field", false),
    b(Context::Recheck, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Context::Recheck, Up, Action::PrevField, "↑", "上一项", "previous field", false),
    b(Context::Recheck, Enter, Action::Propose, "Enter", "测算", "propose", true),
    b(Context::Recheck, Esc, Action::Back, "Esc", "返回", "back", true),
    b(CaseDetail, Char('K'), Action::DistrictCheck, "K", "区级核查", "district check", false),
    // Public notice and written notices (issue 18).
    b(Dashboard, Char('N'), Action::NoticeList, "N", "公示名单", "notice list", false),
    b(Dashboard, Char('l'), Action::OverdueLetters, "l", "告知书逾期未送达", "written notices overdue", false),
    b(Context::NoticeList, Char('t'), Action::FilterTown, "t", "下一个镇街", "next town", true),
    b(Context::NoticeList, Char('v'), Action::FilterVillage, "v", "按村（社区）", "by village", true),
    b(Context::NoticeList, Char('x'), Action::Export, "x", "导出xlsx/txt", "export xlsx/txt", true),
    b(Context::NoticeList, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::NoticeList, Char('q'), Action::Back, "q", "返回", "back", false),
    b(CaseDetail, Char('l'), Action::Letter, "l", "告知书", "written notice", false),
    b(CaseDetail, Char('A'), Action::Appeal, "A", "复核/复议", "appeal", false),
    b(Context::Letter, Char('d'), Action::Delivered, "d", "登记送达", "mark delivered", true),
    b(Context::Letter, Char('x'), Action::Export, "x", "导出txt", "export txt", true),
    b(Context::Letter, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Letter, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Dashboard, Char('K'), Action::SpotChecks, "K", "区级抽查", "spot checks", false),
    b(Dashboard, Char('B'), Action::StaffRegister, "B", "近亲属备案", "relatives of staff", false),
    b(Context::StaffRegister, Char('n'), Action::AddRow, "n", "新登记", "add", true),
    b(Context::StaffRegister, Char('x'), Action::DeleteRow, "x", "删除", "remove", true),
    b(Context::StaffRegister, Delete_, Action::DeleteRow, "Del", "删除", "remove", false),
    b(Context::StaffRegister, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::StaffRegister, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Context::SpotChecks, Char('d'), Action::DrawSample, "d", "抽取", "draw a sample", true),
    b(Context::SpotChecks, Enter, Action::Open, "Enter", "登记结果", "record outcome", true),
    b(Context::SpotChecks, Char('x'), Action::Export, "x", "导出xlsx", "export xlsx", true),
    b(Context::SpotChecks, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::SpotChecks, Char('q'), Action::Back, "q", "返回", "back", false),
    // Referrals and the quarterly feedback ledger (issue 7).
    b(Dashboard, Char('L'), Action::Ledger, "L", "反馈台账", "feedback ledger", false),
    b(Dashboard, F(10), Action::Ledger, "F10", "反馈台账", "feedback ledger", false),
    b(Dashboard, Char('f'), Action::Feedback, "f", "登记部门反馈", "department feedback", false),
    b(Dashboard, F(12), Action::Feedback, "F12", "登记部门反馈", "department feedback", false),
    b(CaseDetail, Char('p'), Action::ReferralProposal, "p", "因需推送", "refer needs", false),
    b(CaseDetail, F(11), Action::ReferralProposal, "F11", "因需推送", "refer needs", false),
    b(Context::Referrals, Char(' '), Action::Toggle, "Space", "勾选/取消", "tick/untick", true),
    b(Context::Referrals, Char('x'), Action::Toggle, "x", "勾选/取消", "tick/untick", false),
    b(Context::Referrals, Char('d'), Action::ChangeDepartment, "d", "换部门", "other department", true),
    b(Context::Referrals, Enter, Action::Push, "Enter", "推送已勾选", "push ticked", true),
    b(Context::Referrals, F(2), Action::Push, "F2", "推送已勾选", "push ticked", false),
    b(Context::Referrals, Char('s'), Action::Push, "s", "推送已勾选", "push ticked", false),
    b(Context::Referrals, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Referrals, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Context::Feedback, Enter, Action::RecordAssistance, "Enter", "登记帮扶", "assistance given", true),
    b(Context::Feedback, Char('n'), Action::NotEligible, "n", "不符合条件", "not eligible", true),
    b(Context::Feedback, Char('a'), Action::Acknowledge, "a", "已接收", "acknowledge", true),
    b(Context::Feedback, Tab, Action::NextTab, "Tab", "下一部门", "next department", true),
    b(Context::Feedback, Right_, Action::NextTab, "→", "下一部门", "next department", false),
    b(Context::Feedback, BackTab, Action::PrevTab, "S-Tab", "上一部门", "previous department", false),
    b(Context::Feedback, Left_, Action::PrevTab, "←", "上一部门", "previous department", false),
    b(Context::Feedback, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Feedback, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Context::Ledger, Tab, Action::NextTab, "Tab", "下一季度", "next quarter", true),
    b(Context::Ledger, Right_, Action::NextTab, "→", "下一季度", "next quarter", false),
    b(Context::Ledger, BackTab, Action::PrevTab, "S-Tab", "上一季度", "previous quarter", false),
    b(Context::Ledger, Left_, Action::PrevTab, "←", "上一季度", "previous quarter", false),
    b(Context::Ledger, Enter, Action::Open, "Enter", "该部门反馈", "department feedback", true),
    b(Context::Ledger, Char('e'), Action::Export, "e", "导出xlsx", "export xlsx", true),
    b(Context::Ledger, F(2), Action::Export, "F2", "导出xlsx", "export xlsx", false),
    b(Context::Ledger, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Ledger, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Dashboard, Char('c'), Action::Cases, "c", "案件列表", "case list", true),
    b(Dashboard, F(3), Action::Cases, "F3", "案件列表", "case list", false),
    b(Dashboard, Char('S'), Action::Standards, "S", "认定标准", "standards", false),
    b(Dashboard, F(7), Action::Standards, "F7", "认定标准", "standards", false),
    b(Dashboard, Char('A'), Action::AuditTrail, "A", "审计记录", "audit trail", false),
    b(Dashboard, F(9), Action::AuditTrail, "F9", "审计记录", "audit trail", false),
    b(Audit, Char('f'), Action::FilterAudit, "f", "筛选（用户/案件/日期）", "filter (user/case/date)", true),
    b(Audit, Char('x'), Action::ClearFilters, "x", "清除筛选", "clear filters", true),
    b(Audit, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Audit, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Dashboard, Enter, Action::Open, "Enter", "打开所选案件", "open selected case", true),
    b(Dashboard, Char('q'), Action::Quit, "q", "退出", "quit", true),
    b(Dashboard, Char('o'), Action::SignOut, "o", "退出登录", "sign out", false),
    Binding { mods: KeyModifiers::CONTROL, ..b(Global, Char('o'), Action::SignOut, "^O", "退出登录", "sign out", false) },
    // The prompt (issue 14): every question asks with these keys.
    b(Context::Prompt, Char('y'), Action::Yes, "y", "是", "yes", true),
    b(Context::Prompt, Enter, Action::Yes, "Enter", "是", "yes", false),
    b(Context::Prompt, Char('n'), Action::No, "n", "否", "no", true),
    b(Context::Prompt, Esc, Action::No, "Esc", "否", "no", false),
    b(Context::Prompt, Char('d'), Action::Discard, "d", "删除草稿", "discard draft", false),
    b(Context::PromptForm, Enter, Action::Yes, "Enter", "确定", "OK", true),
    b(Context::PromptForm, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(Context::PromptForm, Down, Action::NextField, "↓", "下一项", "next field", false),
    b(Context::PromptForm, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Context::PromptForm, Up, Action::PrevField, "↑", "上一项", "previous field", false),
    b(Context::PromptForm, Esc, Action::No, "Esc", "取消", "cancel", true),
    b(CaseList, Enter, Action::Open, "Enter", "打开案件", "open case", true),
    b(CaseList, Char('s'), Action::FilterStage, "s", "按阶段筛选", "filter by stage", true),
    b(CaseList, Char('t'), Action::FilterTown, "t", "按镇街筛选", "filter by town", true),
    b(CaseList, Char('x'), Action::ClearFilters, "x", "清除筛选", "clear filters", false),
    b(CaseList, Char('h'), Action::Dashboard, "h", "首页", "home", false),
    b(CaseList, F(2), Action::Dashboard, "F2", "首页", "home", false),
    b(CaseList, Esc, Action::Back, "Esc", "返回", "back", true),
    b(CaseList, Char('q'), Action::Back, "q", "返回", "back", false),
    b(CaseDetail, Tab, Action::NextTab, "Tab", "下一页签", "next tab", true),
    b(CaseDetail, Right_, Action::NextTab, "→", "下一页签", "next tab", false),
    b(CaseDetail, BackTab, Action::PrevTab, "S-Tab", "上一页签", "previous tab", false),
    b(CaseDetail, Left_, Action::PrevTab, "←", "上一页签", "previous tab", false),
    b(CaseDetail, Char('a'), Action::Advance, "a", "办理下一步", "next step", true),
    b(CaseDetail, F(4), Action::Advance, "F4", "办理下一步", "next step", false),
    b(CaseDetail, Char('w'), Action::Withdraw, "w", "撤回", "withdraw", false),
    b(CaseDetail, F(9), Action::Withdraw, "F9", "撤回", "withdraw", false),
    b(CaseDetail, Esc, Action::Back, "Esc", "返回", "back", true),
    b(CaseDetail, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Standards, Enter, Action::EditValue, "Enter", "修改所选值", "edit value", true),
    b(Standards, Char('y'), Action::ToggleConfirmed, "y", "确认/取消确认", "confirm/unconfirm", true),
    b(Standards, Tab, Action::NextTab, "Tab", "下一期间", "next period", true),
    b(Standards, Right_, Action::NextTab, "→", "下一期间", "next period", false),
    b(Standards, BackTab, Action::PrevTab, "S-Tab", "上一期间", "previous period", false),
    b(Standards, Left_, Action::PrevTab, "←", "上一期间", "previous period", false),
    b(Standards, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Standards, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Dashboard, Char('n'), Action::NewApplication, "n", "新申请", "new case", true),
    b(Dashboard, F(4), Action::NewApplication, "F4", "新申请", "new case", false),
    b(Dashboard, Char('d'), Action::Drafts, "d", "我的草稿", "my drafts", false),
    b(Dashboard, F(6), Action::Drafts, "F6", "我的草稿", "my drafts", false),
    b(CaseList, Char('n'), Action::NewApplication, "n", "新申请", "new case", false),
    b(CaseList, F(4), Action::NewApplication, "F4", "新申请", "new case", false),
    b(CaseList, Char('d'), Action::Drafts, "d", "我的草稿", "my drafts", false),
    b(CaseList, F(6), Action::Drafts, "F6", "我的草稿", "my drafts", false),
    b(Intake, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(Intake, Enter, Action::NextField, "Enter", "确认本项", "confirm field", false),
    b(Intake, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Intake, PageDown, Action::PageDown, "PgDn", "下一步", "next step", true),
    ctrl(Intake, 'f', Action::PageDown, "^F", "下一步", "next step", false),
    b(Intake, PageUp, Action::PageUp, "PgUp", "上一步", "previous step", false),
    ctrl(Intake, 'b', Action::PageUp, "^B", "上一步", "previous step", false),
    ctrl(Intake, 's', Action::SaveDraft, "^S", "存草稿", "save draft", true),
    b(Intake, F(2), Action::SaveDraft, "F2", "存草稿", "save draft", false),
    ctrl(Intake, 'n', Action::AddRow, "^N", "添加一行", "add row", true),
    b(Intake, F(3), Action::AddRow, "F3", "添加一行", "add row", false),
    ctrl(Intake, 'd', Action::DeleteRow, "^D", "删除本行", "delete row", false),
    b(Intake, F(4), Action::DeleteRow, "F4", "删除本行", "delete row", false),
    b(Intake, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Drafts, Enter, Action::Open, "Enter", "继续填写", "resume", true),
    b(Drafts, Char('n'), Action::NewApplication, "n", "新申请", "new case", true),
    b(Drafts, F(4), Action::NewApplication, "F4", "新申请", "new case", false),
    b(Drafts, Char('x'), Action::DeleteRow, "x", "删除草稿", "discard draft", true),
    b(Drafts, Delete_, Action::DeleteRow, "Del", "删除草稿", "discard draft", false),
    b(Drafts, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Drafts, Char('q'), Action::Back, "q", "返回", "back", false),
    b(StepForm, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(StepForm, Enter, Action::NextField, "Enter", "下一项/末项提交", "next/submit on last", true),
    ctrl(StepForm, 's', Action::Submit, "^S", "提交", "submit", true),
    b(StepForm, F(2), Action::Submit, "F2", "提交", "submit", false),
    b(StepForm, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(StepForm, Esc, Action::Back, "Esc", "取消", "cancel", true),
    // The investigation (issue 17): a second page for the legal obligors.
    b(Investigation, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(Investigation, Enter, Action::NextField, "Enter", "下一项/末项提交", "next/submit on last", false),
    b(Investigation, PageDown, Action::PageDown, "PgDn", "换页", "other page", true),
    b(Investigation, PageUp, Action::PageUp, "PgUp", "换页", "other page", false),
    ctrl(Investigation, 'n', Action::AddRow, "^N", "添加义务人", "add obligor", true),
    b(Investigation, F(3), Action::AddRow, "F3", "添加义务人", "add obligor", false),
    ctrl(Investigation, 'd', Action::DeleteRow, "^D", "删除新增义务人", "delete added obligor", false),
    b(Investigation, F(4), Action::DeleteRow, "F4", "删除新增义务人", "delete added obligor", false),
    ctrl(Investigation, 's', Action::Submit, "^S", "提交", "submit", true),
    b(Investigation, F(2), Action::Submit, "F2", "提交", "submit", false),
    b(Investigation, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Investigation, Esc, Action::Back, "Esc", "取消", "cancel", true),
    // Typing on a list screen and forms that save from any field (issue 14: Enter saves
    // through the keymap, never as a raw key).
    b(Context::ValueEntry, Enter, Action::Save, "Enter", "保存", "save", true),
    b(Context::ValueEntry, Esc, Action::Back, "Esc", "取消", "cancel", true),
    b(Context::EntryForm, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(Context::EntryForm, Down, Action::NextField, "↓", "下一项", "next field", false),
    b(Context::EntryForm, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Context::EntryForm, Up, Action::PrevField, "↑", "上一项", "previous field", false),
    b(Context::EntryForm, Enter, Action::Save, "Enter", "保存", "save", true),
    b(Context::EntryForm, Esc, Action::Back, "Esc", "取消", "cancel", true),
    b(Context::AuditFilter, Tab, Action::NextField, "Tab", "下一项", "next field", true),
    b(Context::AuditFilter, Down, Action::NextField, "↓", "下一项", "next field", false),
    b(Context::AuditFilter, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Context::AuditFilter, Up, Action::PrevField, "↑", "上一项", "previous field", false),
    b(Context::AuditFilter, Enter, Action::ApplyFilter, "Enter", "筛选", "apply filter", true),
    b(Context::AuditFilter, Esc, Action::Back, "Esc", "取消", "cancel", true),
    // Signing in (no session yet, so no global keys).
    b(Context::SignIn, Enter, Action::SignIn, "Enter", "登录", "sign in", true),
    b(Context::SignIn, Tab, Action::NextField, "Tab", "换行", "next", true),
    b(Context::SignIn, Down, Action::NextField, "↓", "换行", "next", false),
    b(Context::SignIn, BackTab, Action::PrevField, "S-Tab", "上一项", "previous field", false),
    b(Context::SignIn, Up, Action::PrevField, "↑", "上一项", "previous field", false),
    b(Context::SignIn, Esc, Action::Quit, "Esc", "退出", "quit", true),
    ctrl(Context::SignIn, 'c', Action::Quit, "^C", "退出", "quit", false),
    // Quick lookup (issue 5): from anywhere; the box takes letters as text.
    b(Dashboard, Char('/'), Action::Lookup, "/", "查找", "find", true),
    b(CaseList, Char('/'), Action::Lookup, "/", "查找", "find", true),
    b(Global, Char('/'), Action::Lookup, "/", "查找", "find", false),
    b(Global, F(8), Action::Lookup, "F8", "查找", "find", false),
    // Dashboard drill-down (issue 5): Tab between panels, Enter opens what a figure counts.
    b(Dashboard, Tab, Action::NextTab, "Tab", "下一栏", "next panel", false),
    b(Dashboard, BackTab, Action::PrevTab, "S-Tab", "上一栏", "previous panel", false),
    b(Context::Drilldown, Enter, Action::Open, "Enter", "打开案件", "open case", true),
    b(Context::Drilldown, Esc, Action::Back, "Esc", "返回", "back", true),
    b(Context::Drilldown, Char('q'), Action::Back, "q", "返回", "back", false),
    b(Context::Lookup, Enter, Action::Open, "Enter", "打开案件", "open case", true),
    b(Context::Lookup, Esc, Action::Back, "Esc", "关闭", "close", true),
    b(Context::Lookup, Up, Action::Up, "↑↓", "选择", "choose", true),
    b(Global, Up, Action::Up, "↑", "上移", "up", false),
    b(Global, Char('k'), Action::Up, "k", "上移", "up", false),
    b(Global, Down, Action::Down, "↓", "下移", "down", false),
    b(Global, Char('j'), Action::Down, "j", "下移", "down", false),
    b(Global, PageUp, Action::PageUp, "PgUp", "上一页", "page up", false),
    b(Global, PageDown, Action::PageDown, "PgDn", "下一页", "page down", false),
    b(Global, Home, Action::Top, "Home", "到顶", "top", false),
    b(Global, Char('g'), Action::Top, "g", "到顶", "top", false),
    b(Global, End, Action::Bottom, "End", "到底", "bottom", false),
    b(Global, Char('G'), Action::Bottom, "G", "到底", "bottom", false),
    b(Global, F(5), Action::Refresh, "F5", "刷新", "refresh", false),
    b(Global, Char('r'), Action::Refresh, "r", "刷新", "refresh", false),
    b(Global, Char('?'), Action::Help, "?", "帮助", "help", true),
    b(Global, F(1), Action::Help, "F1", "帮助", "help", false),
];

#[allow(non_upper_case_globals)]
const Right_: KeyCode = KeyCode::Right;
#[allow(non_upper_case_globals)]
const Left_: KeyCode = KeyCode::Left;
#[allow(non_upper_case_globals)]
const Delete_: KeyCode = KeyCode::Delete;

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    if binding.code != key.code {
        return false;
    }
    // Shift is implied by upper-case letters and symbols like '?'.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    mods == binding.mods
}

/// The action a key means on a screen: the screen's own bindings first, then global ones
/// (a prompt has no global keys under it: only its own answer it).
pub fn resolve(context: Context, key: &KeyEvent) -> Option<Action> {
    let global = with_global(context);
    KEYMAP
        .iter()
        .filter(|b| b.context == context)
        .chain(KEYMAP.iter().filter(|b| global && b.context == Global))
        .find(|b| matches(b, key))
        .map(|b| b.action)
}

/// Whether a context takes the global bindings too.
fn with_global(context: Context) -> bool {
    !matches!(
        context,
        Context::Prompt | Context::PromptForm | Context::SignIn
    )
}

/// The bindings the help overlay lists for a screen, one line per action.
pub fn help_lines(context: Context, lang: Lang) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut seen: Vec<Action> = Vec::new();
    let contexts: &[Context] = if with_global(context) {
        &[context, Global]
    } else {
        &[context]
    };
    for &ctx in contexts {
        for b in KEYMAP.iter().filter(|b| b.context == ctx) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            // A global key the screen binds to something else is not listed under the
            // global action (a form's ↓ is the next field, not "down").
            let shadowed = |o: &Binding| {
                ctx != context
                    && KEYMAP
                        .iter()
                        .any(|s| s.context == context && s.code == o.code && s.mods == o.mods)
            };
            let keys: Vec<&str> = KEYMAP
                .iter()
                .filter(|o| o.context == ctx && o.action == b.action && !shadowed(o))
                .map(|o| o.key)
                .collect();
            if keys.is_empty() {
                continue;
            }
            out.push((keys.join(" "), lang.t(b.zh, b.en)));
        }
    }
    out
}

/// The footer hints of a screen.
pub fn hints(context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    KEYMAP
        .iter()
        .filter(|b| {
            b.hint && (b.context == context || (with_global(context) && b.context == Global))
        })
        .map(|b| (b.key, lang.t(b.zh, b.en)))
        .collect()
}

#[cfg(test)]
mod tests;
