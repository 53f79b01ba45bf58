//! The monitoring indicators of seed §8 that are observed rather than derived.
//! Income, expenditure, employment, health and labour capacity are read from the
//! household's members and items; housing and drinking-water safety are recorded here.

use crate::labelled_enum;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// A yes/no safety reading that may not have been taken yet.
    pub enum Safety {
        Unknown => ("未核实", "not checked"),
        Safe => ("安全", "safe"),
        Unsafe => ("不安全", "unsafe"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicators {
    /// 住房安全
    pub housing: Safety,
    /// 饮水安全
    pub drinking_water: Safety,
}

impl Default for Indicators {
    fn default() -> Self {
        Indicators {
            housing: Safety::Unknown,
            drinking_water: Safety::Unknown,
        }
    }
}
