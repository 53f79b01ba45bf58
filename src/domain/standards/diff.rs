//! What changed between two versions of the standards, for the audit trail.

use super::{StandardSet, Standards};

/// One changed value: which set, which field, old and new (with confirmation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The set's first day, "2025-01-01".
    pub set: String,
    /// "urban.dibao", or "set" when a whole set was added or removed.
    pub field: String,
    /// "城市·低保标准（人）".
    pub label_zh: String,
    pub label_en: String,
    /// "768.00 元（未确认）"; empty when the set did not exist.
    pub old: String,
    pub new: String,
}

impl Change {
    /// "2025-01-01 城市·低保标准（人）：768.00 元（未确认） → 790.00 元（已确认）".
    pub fn zh(&self) -> String {
        format!(
            "{} {}：{} → {}",
            self.set,
            self.label_zh,
            or_none(&self.old, "（无）"),
            or_none(&self.new, "（无）")
        )
    }

    pub fn en(&self) -> String {
        format!(
            "{} {}: {} -> {}",
            self.set,
            self.label_en,
            or_none(&self.old, "(none)"),
            or_none(&self.new, "(none)")
        )
    }
}

fn or_none<'a>(s: &'a str, none: &'a str) -> &'a str {
    if s.is_empty() {
        none
    } else {
        s
    }
}

fn describe(set: &StandardSet) -> String {
    format!("{} {}", set.span(), set.note)
}

/// Every difference between `old` and `new`: changed dates or notes, changed values or
/// confirmation, sets added or removed. Sets are matched by their first day.
pub fn diff(old: &Standards, new: &Standards) -> Vec<Change> {
    let mut changes = Vec::new();
    for o in old.sets() {
        let Some(n) = new.sets().iter().find(|n| n.from == o.from) else {
            changes.push(whole_set(o, true));
            continue;
        };
        if o.to != n.to || o.note != n.note {
            changes.push(Change {
                set: o.from.to_string(),
                field: "set".into(),
                label_zh: "期间与说明".into(),
                label_en: "period and note".into(),
                old: describe(o),
                new: describe(n),
            });
        }
        for ((field, ov, oc), (_, nv, nc)) in o.fields().into_iter().zip(n.fields()) {
            if ov != nv || oc != nc {
                changes.push(Change {
                    set: o.from.to_string(),
                    field: field.key(),
                    label_zh: field.zh(),
                    label_en: field.en(),
                    old: value_text(ov.zh(), oc),
                    new: value_text(nv.zh(), nc),
                });
            }
        }
    }
    for n in new.sets() {
        if !old.sets().iter().any(|o| o.from == n.from) {
            changes.push(whole_set(n, false));
        }
    }
    changes
}

fn value_text(value: String, confirmed: bool) -> String {
    if confirmed {
        format!("{value}（已确认）")
    } else {
        format!("{value}（未确认）")
    }
}

fn whole_set(set: &StandardSet, removed: bool) -> Change {
    let (old, new) = if removed {
        (describe(set), String::new())
    } else {
        (String::new(), describe(set))
    };
    Change {
        set: set.from.to_string(),
        field: "set".into(),
        label_zh: if removed {
            "删除标准组"
        } else {
            "新增标准组"
        }
        .into(),
        label_en: if removed { "set removed" } else { "set added" }.into(),
        old,
        new,
    }
}
