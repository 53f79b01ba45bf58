//! The access table at the door of every screen: an action that opens a screen (or acts
//! on one) is refused before the screen sees it when the signed-in role may not do what
//! it needs. The use cases refuse again in `app/`; this only keeps the screens closed.

use super::action::Action;
use crate::app::session::{Actor, Permission};
use crate::app::AppError;

/// The permission an action needs, where it does not depend on the screen.
pub fn needs(action: Action) -> Option<Permission> {
    use Action::*;
    Some(match action {
        Cases | Lookup | OverdueLetters => Permission::ReadCases,
        NewApplication | Drafts | SaveDraft => Permission::Submit,
        Withdraw => Permission::WorkCases,
        AuditTrail => Permission::ReadAudit,
        Alerts | Roster => Permission::ReadMonitoring,
        Verify | NoRisk | ToApplication | ExitSupport => Permission::WorkAlerts,
        Meeting => Permission::HoldMeeting,
        Ledger => Permission::ReadLedger,
        Feedback => Permission::EnterFeedback,
        ReferralProposal => Permission::PushReferrals,
        Appeal => Permission::HandleAppeals,
        StaffRegister => Permission::EditStaffRelatives,
        _ => return None,
    })
}

/// The refusal for `action`, if the actor may not take it.
pub fn refusal(actor: &Actor, action: Action) -> Option<AppError> {
    needs(action).and_then(|p| actor.permit(p).err())
}
