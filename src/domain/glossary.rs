//! The policy's terms, one English name each (DESIGN.md, "Glossary"). Labels of the
//! domain's enums that name a policy term take it from here, so a term reads the same on
//! every screen, list and paper; `tests/glossary.rs` fails when a label pair in the source
//! gives one of these Chinese terms another English name.

use crate::domain::text::Text;

/// 低收入人口: everyone the program covers.
pub const LOW_INCOME_POPULATION: Text = Text::new("低收入人口", "low-income population");
/// 最低生活保障对象.
pub const DIBAO: Text = Text::new("低保对象", "dibao");
/// 特困人员.
pub const DESTITUTE: Text = Text::new("特困人员", "destitute");
/// 最低生活保障边缘家庭.
pub const DIBAO_MARGINAL: Text = Text::new("低保边缘家庭", "dibao-marginal");
/// 刚性支出困难家庭.
pub const RIGID_EXPENSE: Text = Text::new("刚性支出困难家庭", "rigid expense");
/// 其他困难人员.
pub const OTHER_HARDSHIP: Text = Text::new("其他困难人员", "other hardship");
/// 防返贫监测对象: a tag, not a category (`Tag::RelapseWatch`,
/// `Standing::relapse_watch`, the roster's `Group::RelapseWatch`).
pub const RELAPSE_WATCH: Text = Text::new("防返贫监测对象", "relapse watch");
/// 脱贫人口.
pub const LIFTED_OUT: Text = Text::new("脱贫人口", "lifted out of poverty");
/// 监测线 (= the marginal-family income standard).
pub const MONITORING_LINE: Text = Text::new("监测线", "monitoring line");
/// 共同生活家庭成员.
pub const HOUSEHOLD_MEMBERS: Text = Text::new("共同生活家庭成员", "household members");
/// 家庭经济状况核对.
pub const ECONOMIC_VERIFICATION: Text = Text::new("家庭经济状况核对", "economic verification");
/// 入户调查.
pub const HOME_VISIT: Text = Text::new("入户调查", "home visit");
/// 专班会议.
pub const REVIEW_MEETING: Text = Text::new("专班会议", "review meeting");
/// 台账.
pub const LEDGER: Text = Text::new("台账", "ledger");
/// 预警.
pub const ALERT: Text = Text::new("预警", "alert");

/// Every term, for the glossary test.
pub const ALL: &[Text] = &[
    LOW_INCOME_POPULATION,
    DIBAO,
    DESTITUTE,
    DIBAO_MARGINAL,
    RIGID_EXPENSE,
    OTHER_HARDSHIP,
    RELAPSE_WATCH,
    LIFTED_OUT,
    MONITORING_LINE,
    HOUSEHOLD_MEMBERS,
    ECONOMIC_VERIFICATION,
    HOME_VISIT,
    REVIEW_MEETING,
    LEDGER,
    ALERT,
];
