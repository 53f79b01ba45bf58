//! safetynet: the merged low-income-population workflow for township and district
//! civil-affairs offices, in a terminal.
//!
//! Layers, dependencies pointing down only: `tui` → `app` → `store` → `domain`.

pub mod app;
pub mod domain;
pub mod serve;
pub mod store;
pub mod tui;
