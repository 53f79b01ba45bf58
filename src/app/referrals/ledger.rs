//! The quarter's ledger as the district sees it, and the current quarter's status for
//! the dashboard. Both read one index range (the referrals due on the quarter's deadline).

use chrono::NaiveDate;

use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::referral::{self, Department, Ledger, Quarter, Referral};

#[derive(Debug, Clone)]
pub struct LedgerView {
    pub ledger: Ledger,
    /// The quarter's referrals, by department then number.
    pub referrals: Vec<Referral>,
}

impl LedgerView {
    pub fn of(&self, d: Department) -> impl Iterator<Item = &Referral> {
        self.referrals.iter().filter(move |r| r.department == d)
    }
}

fn read(services: &Services, quarter: Quarter, as_of: NaiveDate) -> Result<LedgerView, AppError> {
    let mut referrals: Vec<Referral> = services
        .store
        .referrals_due_on(quarter.deadline())?
        .into_iter()
        .filter(|r| r.pushed_on <= as_of)
        .collect();
    referrals.sort_by_key(|r| (r.department, r.number, r.id));
    let ledger = referral::ledger(&referrals, quarter, as_of);
    Ok(LedgerView { ledger, referrals })
}

/// The ledger of `quarter` as of today.
pub fn ledger(
    services: &Services,
    actor: &Actor,
    quarter: Quarter,
) -> Result<LedgerView, AppError> {
    actor.permit(crate::domain::access::Permission::ReadLedger)?;
    let mut view = read(services, quarter, services.today())?;
    if actor.role == crate::domain::access::Role::DepartmentLiaison {
        // A liaison sees their own department's referrals only, and no ID numbers.
        let own = super::own_department(services, actor);
        view.referrals.retain(|r| Some(r.department) == own);
        for r in &mut view.referrals {
            r.head_id = None;
        }
        view.ledger = referral::ledger(&view.referrals, quarter, services.today());
    }
    Ok(view)
}

/// The dashboard line: the quarter whose feedback is due next, and the one before it
/// (its late departments stay on the dashboard until the next deadline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterStatus {
    pub today: NaiveDate,
    pub quarter: Quarter,
    pub deadline: NaiveDate,
    pub days_left: i64,
    pub pushed: u64,
    pub answered: u64,
    /// The previous quarter's overdue referrals and late departments.
    pub previous_overdue: u64,
    pub late_departments: Vec<Department>,
}

/// Nothing is refused here: the dashboard shows it to everyone.
pub fn quarter_status(services: &Services) -> Result<QuarterStatus, AppError> {
    let today = services.today();
    let quarter = Quarter::for_pushed(today);
    let current = read(services, quarter, today)?.ledger;
    let previous = read(services, quarter.prev(), today)?.ledger;
    Ok(QuarterStatus {
        today,
        quarter,
        deadline: quarter.deadline(),
        days_left: quarter.days_left(today),
        pushed: current.total.pushed,
        answered: current.total.answered,
        previous_overdue: previous.total.overdue,
        late_departments: previous
            .rows
            .iter()
            .filter(|r| r.counts.overdue > 0)
            .map(|r| r.department)
            .collect(),
    })
}
