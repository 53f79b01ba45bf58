//! Everything a user can do, as one enum. Keys resolve to actions through the keymap;
//! screens execute actions.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// End the session and go back to the sign-in screen.
    SignOut,
    /// Enter on the sign-in form: the next field, and on the last one sign in.
    SignIn,
    Help,
    // Answers to a prompt (one prompt module, issue 14).
    Yes,
    No,
    Discard,
    /// Check the whole step form and ask before writing, from any field.
    Submit,
    /// Write the value, line or entry form being typed (Enter there).
    Save,
    /// Work out the engine's proposal from the reading typed (the re-check's Enter).
    Propose,
    /// Search the audit trail with the filter typed (Enter in the filter).
    ApplyFilter,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Cases,
    Dashboard,
    FilterStage,
    FilterTown,
    ClearFilters,
    NextTab,
    PrevTab,
    Refresh,
    /// Quick lookup from anywhere (issue 5).
    Lookup,
    Standards,
    AuditTrail,
    /// Filter the audit trail by user, case and date (`f`).
    FilterAudit,
    /// Change the selected standard's value (Enter on the standards screen).
    EditValue,
    ToggleConfirmed,
    // The application flow (issue 3).
    NewApplication,
    Drafts,
    NextField,
    PrevField,
    SaveDraft,
    AddRow,
    DeleteRow,
    Advance,
    Withdraw,
    // Referrals and the feedback ledger (issue 7).
    ReferralProposal,
    Feedback,
    Ledger,
    Toggle,
    ChangeDepartment,
    Push,
    Acknowledge,
    NotEligible,
    /// Record the assistance a department gave (Enter on the feedback screen).
    RecordAssistance,
    Export,
    // Dynamic monitoring (issue 8).
    Alerts,
    Roster,
    Verify,
    NoRisk,
    ToApplication,
    FilterGroup,
    FilterIndicator,
    ExitSupport,
    /// Record a new monitoring reading on the household's visit screen (`e`).
    NewReading,
    // Periodic re-checks (issue 18).
    Rechecks,
    /// The selected household's monitoring record (the re-check queue's `m`).
    MonitoringRecord,
    // Public notice and written notices (issue 18).
    NoticeList,
    /// Written notices overdue (the dashboard's list).
    OverdueLetters,
    /// The next village of the town (the notice list), then the whole town.
    FilterVillage,
    Letter,
    Delivered,
    /// 复核 / 行政复议 on the case (request, outcome).
    Appeal,
    // Relatives of staff and spot checks (issue 18).
    DistrictCheck,
    SpotChecks,
    /// The register of relatives of staff (近亲属备案).
    StaffRegister,
    DrawSample,
    // Review-meeting mode (issue 5).
    Meeting,
    ConfirmProposed,
    ConfirmOther,
    Reject,
    SendBack,
    Skip,
    EndMeeting,
}
