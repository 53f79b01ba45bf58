//! Towns and streets of the district, villages, and urban/rural.

use crate::labelled_enum;

/// Administrative division code of 印台区 (Yintai District, Tongchuan).
pub const DISTRICT_CODE: u32 = 610203;

labelled_enum! {
    /// The nine towns and streets (镇/街道) of the seed.
    pub enum Town {
        Chengguan => ("城关街道", "Chengguan St."),
        Yintai => ("印台街道", "Yintai St."),
        Sanlidong => ("三里洞街道", "Sanlidong St."),
        Wangshiao => ("王石凹街道", "Wangshiao St."),
        Chenlu => ("陈炉镇", "Chenlu"),
        Hongtu => ("红土镇", "Hongtu"),
        Azhuang => ("阿庄镇", "Azhuang"),
        Guangyang => ("广阳镇", "Guangyang"),
        Jinsuoguan => ("金锁关镇", "Jinsuoguan"),
    }
}

impl Town {
    /// The English name in at most 7 columns, for narrow list columns: a cut name ends
    /// in "." ("Jinsuo."); a name that fits is itself.
    pub fn abbreviation_en(self) -> &'static str {
        match self {
            Town::Chengguan => "Chengg.",
            Town::Yintai => "Yintai",
            Town::Sanlidong => "Sanlid.",
            Town::Wangshiao => "Wangsh.",
            Town::Chenlu => "Chenlu",
            Town::Hongtu => "Hongtu",
            Town::Azhuang => "Azhuang",
            Town::Guangyang => "Guangy.",
            Town::Jinsuoguan => "Jinsuo.",
        }
    }
}

labelled_enum! {
    /// Urban or rural household registration; decides which standard applies.
    pub enum Area {
        Urban => ("城市", "urban"),
        Rural => ("农村", "rural"),
    }
}

impl Town {
    /// Streets (街道) are mostly urban, towns (镇) mostly rural.
    pub fn is_street(self) -> bool {
        matches!(
            self,
            Town::Chengguan | Town::Yintai | Town::Sanlidong | Town::Wangshiao
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::label::Label;

    #[test]
    fn nine_towns_with_stable_codes() {
        // The codes are in index keys of stores already written: pinned here, so a town
        // inserted or reordered in the enum fails this test instead of remapping them.
        let pinned = [
            (Town::Chengguan, 0, "城关街道"),
            (Town::Yintai, 1, "印台街道"),
            (Town::Sanlidong, 2, "三里洞街道"),
            (Town::Wangshiao, 3, "王石凹街道"),
            (Town::Chenlu, 4, "陈炉镇"),
            (Town::Hongtu, 5, "红土镇"),
            (Town::Azhuang, 6, "阿庄镇"),
            (Town::Guangyang, 7, "广阳镇"),
            (Town::Jinsuoguan, 8, "金锁关镇"),
        ];
        assert_eq!(Town::ALL.len(), pinned.len());
        for (town, code, zh) in pinned {
            assert_eq!(town.code(), code, "{town:?}");
            assert_eq!(Town::from_code(code), Some(town), "{code}");
            assert_eq!(town.zh(), zh, "{town:?}");
        }
        assert_eq!(Town::from_code(9), None);
        assert_eq!(Town::Jinsuoguan.zh(), "金锁关镇");
        assert!(Town::Yintai.is_street() && !Town::Chenlu.is_street());
    }
}
