//! Working an alert: the queue (high severity first, oldest first), start verification
//! (核实), resolve as "no risk" with a reason, or turn it into a new application
//! (channel 预警转入) through the flow's own submit checks — the case and the alert are
//! written in one transaction and point at each other.

use super::load_household;
use crate::app::session::Actor;
use crate::app::workflow::{prepare_submit, Application};
use crate::app::{AppError, Services};
use crate::domain::access::Permission;
use crate::domain::case::{Case, Channel};
use crate::domain::monitoring::{Alert, AlertAction, AlertId, Severity};
use crate::domain::Label;
use crate::store::monitoring::{alert_target, MonitoringChange};
use crate::store::AuditEntry;

/// One line of the queue: the alert and who it is about.
#[derive(Debug, Clone)]
pub struct AlertRow {
    pub alert: Alert,
    pub head: String,
    pub village: String,
}

/// A page of open alerts in the actor's towns, in queue order.
pub fn queue(
    services: &Services,
    actor: &Actor,
    offset: usize,
    limit: usize,
) -> Result<Vec<AlertRow>, AppError> {
    actor.permit(Permission::ReadMonitoring)?;
    let store = &services.store;
    let mut out = Vec::new();
    for alert in store.open_alerts(&actor.towns(), offset, limit)? {
        let h = store.household(alert.household)?;
        out.push(AlertRow {
            head: h
                .as_ref()
                .map(|h| h.head_name().to_string())
                .unwrap_or_default(),
            village: h.map(|h| h.village).unwrap_or_default(),
            alert,
        });
    }
    Ok(out)
}

/// Open alerts in the actor's towns by severity (high, medium, low).
pub fn open_counts(services: &Services, actor: &Actor) -> Result<[(Severity, u64); 3], AppError> {
    let c = services.store.open_alert_counts(&actor.towns())?;
    Ok([
        (Severity::High, c[Severity::High.index()]),
        (Severity::Medium, c[Severity::Medium.index()]),
        (Severity::Low, c[Severity::Low.index()]),
    ])
}

fn load(services: &Services, actor: &Actor, id: AlertId, rev: u64) -> Result<Alert, AppError> {
    let mut a = services
        .store
        .alert(id)?
        .filter(|a| actor.sees(a.town))
        .ok_or_else(|| AppError::NotFound(alert_target(id)))?;
    a.rev = rev;
    Ok(a)
}

fn refused(e: crate::domain::monitoring::AlertError) -> AppError {
    AppError::Invalid(e.zh(), e.to_string())
}

fn act(
    services: &Services,
    actor: &Actor,
    id: AlertId,
    rev: u64,
    action: AlertAction,
    name: &str,
) -> Result<Alert, AppError> {
    actor.permit(Permission::WorkAlerts)?;
    let old = load(services, actor, id, rev)?;
    let new = old
        .apply(&action, &actor.user, services.now())
        .map_err(refused)?;
    let mut entry = AuditEntry::new(services.now(), &actor.user, name, alert_target(id))
        .with_change("status", old.status.zh().into(), new.status.zh().into());
    if let AlertAction::NoRisk { reason } = &action {
        entry = entry.with_note(reason.clone());
    }
    let mut change = MonitoringChange::new(entry);
    change.alerts.push(new);
    let mut saved = services.store.save_monitoring(change)?;
    saved
        .alerts
        .pop()
        .ok_or_else(|| AppError::NotFound(alert_target(id)))
}

/// 开始核实.
pub fn verify(
    services: &Services,
    actor: &Actor,
    id: AlertId,
    rev: u64,
) -> Result<Alert, AppError> {
    act(
        services,
        actor,
        id,
        rev,
        AlertAction::Verify,
        "alert.verify",
    )
}

/// 核实无风险, with the reason.
pub fn no_risk(
    services: &Services,
    actor: &Actor,
    id: AlertId,
    rev: u64,
    reason: &str,
) -> Result<Alert, AppError> {
    let action = AlertAction::NoRisk {
        reason: reason.to_string(),
    };
    act(services, actor, id, rev, action, "alert.no_risk")
}

/// 转入申请: a new application for the alert's household, dated today, through the
/// flow's submit checks (一门入库 refusals included). The case records the channel
/// "预警转入"; the alert records the case; the case's audit entry names the alert.
pub fn to_application(
    services: &Services,
    actor: &Actor,
    id: AlertId,
    rev: u64,
) -> Result<(Alert, Case), AppError> {
    actor.permit(Permission::WorkAlerts)?;
    let old = load(services, actor, id, rev)?;
    // Refuse a closed or unverified alert before anything else is checked.
    let probe = crate::domain::case::CaseId(0);
    old.apply(
        &AlertAction::ToApplication { case: probe },
        &actor.user,
        services.now(),
    )
    .map_err(refused)?;
    let household = load_household(services, actor, old.household)?;
    let app = Application {
        household,
        channel: Channel::MonitoringAlert,
        applied_on: services.today(),
    };
    let mut submit = prepare_submit(services, actor, app)
        .map_err(|e| AppError::Invalid(e.zh(), e.to_string()))?;
    let case = submit
        .case
        .clone()
        .ok_or_else(|| AppError::NotFound("case".into()))?;
    let new = old
        .apply(
            &AlertAction::ToApplication { case: case.id },
            &actor.user,
            services.now(),
        )
        .map_err(refused)?;
    let from = format!("预警转入：{} / from an alert", old.rule.zh());
    let note = match submit.audit.note.as_str() {
        "" => from,
        earlier => format!("{earlier}；{from}"),
    };
    submit.audit = submit
        .audit
        .with_change("alert", old.status.zh().into(), alert_target(id))
        .with_note(note);
    let mut change = MonitoringChange::new(submit.audit);
    change.household = submit.household;
    change.case = submit.case;
    change.alerts.push(new);
    let mut saved = services.store.save_monitoring(change)?;
    let alert = saved
        .alerts
        .pop()
        .ok_or_else(|| AppError::NotFound(alert_target(id)))?;
    let case = saved
        .case
        .ok_or_else(|| AppError::NotFound("case".into()))?;
    Ok((alert, case))
}
