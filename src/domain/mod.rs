//! Pure types and rules. No I/O here: everything is tested with plain unit tests.

pub mod access;
pub mod account;
pub mod audit;
pub mod calendar;
pub mod case;
pub mod case_row;
pub mod caseload;
pub mod category;
pub mod classify;
pub mod drilldown;
pub mod glossary;
pub mod household;
pub mod income;
pub mod indicators;
pub mod label;
pub mod meeting;
pub mod member;
pub mod money;
pub mod monitoring;
pub mod need;
pub mod obligor;
pub mod procedure;
pub mod recheck;
pub mod referral;
pub mod resident_id;
pub mod search_keys;
pub mod spot_check;
pub mod staff_relatives;
pub mod standards;
pub mod text;
pub mod town;
pub mod villages;
pub mod workflow;

pub use label::Label;
pub use text::Text;
