//! Who is at the keyboard. Kept apart from the shared store so one process can later
//! serve several terminals.

use crate::domain::town::Town;
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub display: String,
    pub role: Role,
    /// One town, or the whole district (`None`).
    pub town: Option<Town>,
}

impl Actor {
    /// The demo district officer that `safetynet demo` signs in as.
    pub fn demo_officer() -> Actor {
        Actor {
            user: "demo-officer".into(),
            display: "区民政局（演示）".into(),
            role: Role::DistrictOfficer,
            town: None,
        }
    }

    /// Refuse unless the actor has one of `roles`; the refusal names who may.
    pub fn require(
        &self,
        roles: &[Role],
        action_zh: &'static str,
        action_en: &'static str,
    ) -> Result<(), super::AppError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(super::AppError::Denied {
                action_zh,
                action_en,
                roles: roles.to_vec(),
            })
        }
    }

    /// Towns this actor sees; empty means all.
    pub fn towns(&self) -> Vec<Town> {
        self.town.into_iter().collect()
    }
}
