//! Who is at the keyboard. `Role`, `Actor` and the access table live in
//! `domain::access`; this module re-exports them for the use cases and adds the refusal
//! as the app layer's error.

pub use crate::domain::access::{may, roles_for, Actor, Permission, Role};

use crate::domain::Label;

impl Actor {
    /// Refuse unless the access table lets this actor do `permission`; the refusal
    /// (`AppError::Denied`) names the roles that may.
    pub fn permit(&self, permission: Permission) -> Result<(), super::AppError> {
        if self.may(permission) {
            Ok(())
        } else {
            Err(super::AppError::Denied {
                action_zh: permission.zh(),
                action_en: permission.en(),
                roles: roles_for(permission),
            })
        }
    }
}
