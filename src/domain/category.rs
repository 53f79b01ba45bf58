//! Categories of the low-income population and tags.

use crate::domain::glossary;
use crate::labelled_enum;

labelled_enum! {
    /// In order of precedence: Destitute > Dibao > DibaoMarginal > RigidExpense > OtherHardship.
    pub enum Category {
        Destitute => glossary::DESTITUTE,
        Dibao => glossary::DIBAO,
        DibaoMarginal => glossary::DIBAO_MARGINAL,
        RigidExpense => glossary::RIGID_EXPENSE,
        OtherHardship => glossary::OTHER_HARDSHIP,
    }
}

labelled_enum! {
    /// A tag, not a category: relapse-watch households keep their category and carry it.
    pub enum Tag {
        RelapseWatch => glossary::RELAPSE_WATCH,
    }
}
