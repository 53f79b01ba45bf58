//! Step 1 of the intake wizard: where the household lives and how the case came in.

use chrono::NaiveDate;

use crate::domain::case::Channel;
use crate::domain::town::{Area, Town};
use crate::domain::villages::Villages;
use crate::domain::Label;
use crate::tui::form::{Field, Form, Kind};

pub const TOWN: usize = 0;
pub const VILLAGE: usize = 1;
pub const ADDRESS: usize = 2;
pub const PHONE: usize = 3;
pub const AREA: usize = 4;
pub const CHANNEL: usize = 5;
pub const APPLIED: usize = 6;

/// The towns this clerk may register in: their own, or all for district staff.
pub fn towns(scope: Option<Town>) -> Vec<Town> {
    scope.map_or_else(|| Town::ALL.to_vec(), |t| vec![t])
}

pub fn form(scope: Option<Town>, today: NaiveDate) -> Form {
    let towns: Vec<(String, String)> = towns(scope)
        .iter()
        .map(|t| (t.zh().to_string(), t.en().to_string()))
        .collect();
    let mut form = Form::new(vec![
        Field::new("镇街", "Town", Kind::Choice(towns)),
        Field::new("村/社区", "Village", Kind::Choice(Vec::new())),
        Field::new("地址", "Address", Kind::Text { required: true }),
        Field::new("电话", "Phone", Kind::Phone),
        Field::choice_of("城乡", "Area", Area::ALL),
        Field::choice_of("来源", "Channel", Channel::ALL),
        Field::new("申请日期", "Applied on", Kind::Date).with_text(&today.to_string()),
    ]);
    sync_villages(&mut form, scope);
    sync_area(&mut form);
    form
}

pub fn town(form: &Form, scope: Option<Town>) -> Town {
    let list = towns(scope);
    let i = form.get(TOWN).map_or(0, |f| f.choice);
    list.get(i)
        .or(list.first())
        .copied()
        .unwrap_or(Town::Chengguan)
}

/// The village list follows the town; streets default to urban, towns to rural.
pub fn sync_villages(form: &mut Form, scope: Option<Town>) {
    let t = town(form, scope);
    let names: Vec<(String, String)> = Villages::bundled()
        .map(|v| v.of(t).iter().map(|n| (n.clone(), n.clone())).collect())
        .unwrap_or_default();
    if let Some(f) = form.fields.get_mut(VILLAGE) {
        f.set_options(names);
    }
}

/// The area a village suggests: a village (…村) is rural, a community (…社区) urban.
/// The clerk may still change it; a member's registration follows it by default.
pub fn area_of_village(name: &str) -> Area {
    if name.ends_with('村') {
        Area::Rural
    } else {
        Area::Urban
    }
}

/// Set the area from the village chosen (called when the town or village changes).
pub fn sync_area(form: &mut Form) {
    let area = area_of_village(&village(form));
    if let Some(f) = form.fields.get_mut(AREA) {
        f.choice = area.index();
    }
}

pub fn village(form: &Form) -> String {
    form.get(VILLAGE).map(|f| f.shown(true)).unwrap_or_default()
}

pub fn area(form: &Form) -> Area {
    let i = form.get(AREA).map_or(0, |f| f.choice);
    Area::ALL.get(i).copied().unwrap_or(Area::Urban)
}

pub fn channel(form: &Form) -> Channel {
    let i = form.get(CHANNEL).map_or(0, |f| f.choice);
    Channel::ALL
        .get(i)
        .copied()
        .unwrap_or(Channel::OwnApplication)
}
