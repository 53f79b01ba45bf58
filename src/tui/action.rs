//! Everything a user can do, as one enum. Keys resolve to actions through the keymap;
//! screens execute actions.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
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
    Edit,
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
}
