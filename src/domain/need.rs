//! Needs (缺什么帮什么) that are pushed to the responsible department.

use crate::labelled_enum;

labelled_enum! {
    pub enum Need {
        Medical => ("医疗费用", "medical costs"),
        Schooling => ("就学", "schooling"),
        Housing => ("住房不安全", "unsafe housing"),
        DrinkingWater => ("饮水不安全", "unsafe drinking water"),
        Unemployment => ("就业", "unemployment"),
        Disability => ("残疾", "disability"),
        WomenChildren => ("妇女儿童", "women and children"),
        WorkerHardship => ("困难职工", "hardship of a worker"),
        RuralRevitalisation => ("乡村振兴帮扶", "rural revitalisation support"),
    }
}
