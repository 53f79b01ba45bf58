//! The procedure settings in force: `procedure.toml` in the store folder when the district
//! has put one there, else the bundled `assets/procedure.toml`. Read at each step that
//! needs it, so an edit counts at once; a wrong file is refused naming the file and line.

use super::FlowError;
use crate::app::Services;
use crate::domain::procedure::ProcedureSettings;

pub fn procedure_settings(services: &Services) -> Result<ProcedureSettings, FlowError> {
    let own = services.store.path().join("procedure.toml");
    if own.exists() {
        let text = std::fs::read_to_string(&own).map_err(|e| {
            FlowError::Invalid(
                format!("无法读取程序设置文件 {}：{e}", own.display()),
                format!(
                    "the procedure settings {} cannot be read: {e}",
                    own.display()
                ),
            )
        })?;
        return ProcedureSettings::from_toml(&text).map_err(|e| {
            FlowError::Invalid(
                format!("程序设置文件 {} 有误：{e}", own.display()),
                format!(
                    "the procedure settings file {} is wrong: {e}",
                    own.display()
                ),
            )
        });
    }
    ProcedureSettings::bundled().map_err(|e| {
        FlowError::Invalid(
            format!("内置程序设置有误：{e}"),
            format!("the bundled procedure settings are wrong: {e}"),
        )
    })
}
