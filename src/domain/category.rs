//! Categories of the low-income population and tags.

use crate::labelled_enum;

labelled_enum! {
    /// In order of precedence: Destitute > Dibao > DibaoMarginal > RigidExpense > OtherHardship.
    pub enum Category {
        Destitute => ("特困人员", "destitute"),
        Dibao => ("低保对象", "dibao"),
        DibaoMarginal => ("低保边缘家庭", "dibao-marginal"),
        RigidExpense => ("刚性支出困难家庭", "rigid-expense hardship"),
        OtherHardship => ("其他困难人员", "other hardship"),
    }
}

labelled_enum! {
    /// A tag, not a category: monitoring targets keep their category and carry it.
    pub enum Tag {
        RelapseWatch => ("防返贫监测对象", "relapse watch"),
    }
}
