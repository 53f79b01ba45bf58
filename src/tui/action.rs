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
    Standards,
    Edit,
    ToggleConfirmed,
}
