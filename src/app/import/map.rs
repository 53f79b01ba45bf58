//! Which column holds which field, and what a value in it means. The template's own
//! layout is `assets/import-template.toml`; another layout (the provincial platform's
//! export, an office's spreadsheet) brings a mapping file of the same form, and its value
//! words are added to the template's (so "低保" and "本人" are understood everywhere).

use std::collections::HashMap;

use serde::Deserialize;

use crate::app::AppError;
use crate::domain::Label;

macro_rules! fields {
    ($($v:ident => ($key:expr, $header:expr, $level:expr, $required:expr, $note:expr)),+ $(,)?) => {
        /// A field of the roster, one row per person.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $($v),+ }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$v),+];
            /// The name a mapping file uses.
            pub fn key(self) -> &'static str { match self { $(Field::$v => $key),+ } }
            /// The template's Chinese column header.
            pub fn header(self) -> &'static str { match self { $(Field::$v => $header),+ } }
            /// Read from the head's row; other rows leave it empty or repeat it.
            pub fn household_level(self) -> bool { match self { $(Field::$v => $level),+ } }
            pub fn required(self) -> bool { match self { $(Field::$v => $required),+ } }
            /// What the template's notes sheet says about the column.
            pub fn note(self) -> &'static str { match self { $(Field::$v => $note),+ } }
        }
    };
}

fields! {
    HouseholdKey => ("household_key", "户编号", false, false,
        "同一户的成员填同一个编号（任意文字）；不填则按“户主身份证号”分户"),
    HeadId => ("head_id", "户主身份证号", false, false,
        "可不填；没有“户编号”列时用它分户"),
    Town => ("town", "乡镇（街道）", true, true, "本区九个镇、街道之一，如 陈炉镇"),
    Village => ("village", "村（社区）", true, true, "须是该镇、街道村（社区）名单中的名称"),
    Area => ("area", "城乡类别", true, true, "城市 或 农村"),
    Address => ("address", "家庭住址", true, false, "可不填"),
    Phone => ("phone", "联系电话", true, false, "可不填；请设为文本格式"),
    Name => ("name", "姓名", false, true, "成员姓名"),
    Id => ("id", "身份证号码", false, true,
        "18位公民身份号码；请把此列设为文本格式，否则 Excel 会丢失后3位"),
    Relation => ("relation", "与户主关系", false, true,
        "户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、儿媳/女婿、其他；每户只有一个户主"),
    Category => ("category", "认定类别", true, true,
        "特困人员、低保对象、低保边缘家庭、刚性支出困难家庭、其他困难人员（也认 低保、特困 等简称）"),
    RelapseWatch => ("relapse_watch", "防返贫监测对象", true, false, "是 或 否（不填为否）"),
    Lifted => ("lifted_out_of_poverty", "脱贫人口", true, false, "是 或 否（不填为否）"),
    ConfirmedOn => ("confirmed_on", "认定日期", true, true, "如 2025-03-01"),
    Benefit => ("monthly_benefit", "月保障金额（元）", true, false, "每月发放金额，元，最多两位小数；可不填"),
    AnnualIncome => ("annual_income", "家庭年收入（元）", true, false, "全家全年收入合计，元；可不填"),
    Labour => ("labour", "劳动能力", false, false,
        "有劳动能力、部分丧失、无劳动能力；不填时18–59岁为有劳动能力，其余为无"),
    Health => ("health", "健康状况", false, false, "健康、慢性病、重病/大病；不填为健康"),
    DisabilityKind => ("disability_kind", "残疾类别", false, false,
        "肢体、视力、听力、言语、智力、精神、多重；无残疾不填"),
    DisabilityGrade => ("disability_grade", "残疾等级", false, false, "1–4 级；有残疾类别时必填"),
}

impl Field {
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.key() == key)
    }
}

/// The mapping file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    header_row: Option<u32>,
    sheet: Option<String>,
    #[serde(default)]
    columns: HashMap<String, String>,
    #[serde(default)]
    values: HashMap<String, HashMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// 1-based line of the column headers.
    pub header_row: u32,
    pub sheet: Option<String>,
    /// Column header → field.
    columns: Vec<(String, Field)>,
    /// Per field: a word in the file → the word the program knows.
    values: HashMap<Field, HashMap<String, String>>,
}

/// Where each field is in the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    at: HashMap<Field, usize>,
    /// Headers as in the file, for the report.
    pub headers: Vec<String>,
}

impl Columns {
    pub fn of(&self, f: Field) -> Option<usize> {
        self.at.get(&f).copied()
    }

    /// The column's header as the file has it (or the template's).
    pub fn header(&self, f: Field) -> String {
        self.of(f)
            .and_then(|i| self.headers.get(i).cloned())
            .unwrap_or_else(|| f.header().to_string())
    }
}

fn invalid(zh: String, en: String) -> AppError {
    AppError::Invalid(zh, en)
}

impl Mapping {
    /// The template's own layout (`assets/import-template.toml`).
    pub fn template() -> Result<Mapping, AppError> {
        Mapping::from_toml(include_str!("../../../assets/import-template.toml"))
    }

    pub fn from_toml(text: &str) -> Result<Mapping, AppError> {
        let file: MappingFile = toml::from_str(text).map_err(|e| {
            invalid(
                format!("对照表（mapping）文件有误：{e}"),
                format!("the mapping file is wrong: {e}"),
            )
        })?;
        let mut columns = Vec::new();
        for (header, key) in file.columns {
            let field = Field::from_key(&key).ok_or_else(|| unknown_field(&key))?;
            columns.push((header.trim().to_string(), field));
        }
        columns.sort();
        let mut values: HashMap<Field, HashMap<String, String>> = HashMap::new();
        for (key, words) in file.values {
            let field = Field::from_key(&key).ok_or_else(|| unknown_field(&key))?;
            values.entry(field).or_default().extend(words);
        }
        Ok(Mapping {
            header_row: file.header_row.unwrap_or(1).max(1),
            sheet: file.sheet,
            columns,
            values,
        })
    }

    /// A district's own layout: its columns, with the template's words kept underneath its own.
    pub fn custom(text: &str) -> Result<Mapping, AppError> {
        let mut own = Mapping::from_toml(text)?;
        let mut words = Mapping::template()?.values;
        for (field, mine) in std::mem::take(&mut own.values) {
            words.entry(field).or_default().extend(mine);
        }
        own.values = words;
        Ok(own)
    }

    /// Find every mapped column; a required field without a column is refused here.
    pub fn resolve(&self, headers: &[String]) -> Result<Columns, AppError> {
        let mut at = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            if let Some((_, f)) = self.columns.iter().find(|(name, _)| name == h.trim()) {
                at.entry(*f).or_insert(i);
            }
        }
        let missing: Vec<&str> = Field::ALL
            .iter()
            .filter(|f| f.required() && !at.contains_key(f))
            .map(|f| self.header_of(*f))
            .collect();
        if !missing.is_empty() {
            return Err(invalid(
                format!(
                    "表头缺少必填列：{}（第{}行应为表头；其他格式请用 --mapping 对照表）",
                    missing.join("、"),
                    self.header_row
                ),
                format!(
                    "required columns are missing: {} (line {} should hold the headers; another layout needs --mapping)",
                    missing.join(", "),
                    self.header_row
                ),
            ));
        }
        if !at.contains_key(&Field::HouseholdKey) && !at.contains_key(&Field::HeadId) {
            return Err(invalid(
                format!(
                    "无法分户：需要“{}”或“{}”列",
                    self.header_of(Field::HouseholdKey),
                    self.header_of(Field::HeadId)
                ),
                "households cannot be told apart: a household-number or head's-ID column is needed"
                    .into(),
            ));
        }
        Ok(Columns {
            at,
            headers: headers.to_vec(),
        })
    }

    fn header_of(&self, f: Field) -> &str {
        self.columns
            .iter()
            .find(|(_, g)| *g == f)
            .map_or(f.header(), |(h, _)| h.as_str())
    }

    /// The word the program knows for `text` in this field (itself when not mapped).
    pub fn word<'a>(&'a self, f: Field, text: &'a str) -> &'a str {
        let t = text.trim();
        self.values
            .get(&f)
            .and_then(|m| m.get(t))
            .map_or(t, String::as_str)
    }
}

fn unknown_field(key: &str) -> AppError {
    let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    invalid(
        format!("对照表里的字段“{key}”不存在；可用：{}", known.join(", ")),
        format!(
            "the mapping names an unknown field '{key}'; known: {}",
            known.join(", ")
        ),
    )
}

/// A labelled value by its Chinese label, English label or code name.
pub fn pick<T: Label + Copy + std::fmt::Debug>(all: &[T], text: &str) -> Option<T> {
    let t = text.trim();
    all.iter().copied().find(|v| {
        v.zh() == t || v.en().eq_ignore_ascii_case(t) || format!("{v:?}").eq_ignore_ascii_case(t)
    })
}

/// 是/否 and the usual spellings of yes and no; empty is no.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "否" | "不是" | "无" | "n" | "no" | "false" | "0" => Some(false),
        "是" | "有" | "y" | "yes" | "true" | "1" | "√" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::category::Category;
    use crate::domain::member::Relation;

    #[test]
    fn template_mapping_reads_its_own_headers() {
        let m = Mapping::template().expect("bundled mapping");
        let headers: Vec<String> = Field::ALL.iter().map(|f| f.header().to_string()).collect();
        let cols = m.resolve(&headers).expect("resolves");
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(cols.of(*f), Some(i), "{f:?}");
        }
        assert_eq!(
            pick(Category::ALL, m.word(Field::Category, "低保")),
            Some(Category::Dibao)
        );
        assert_eq!(
            pick(Relation::ALL, m.word(Field::Relation, "本人")),
            Some(Relation::Head)
        );
    }

    #[test]
    fn missing_required_columns_are_named() {
        let m = Mapping::template().expect("bundled mapping");
        let err = m.resolve(&["户编号".to_string(), "姓名".to_string()]);
        assert!(
            matches!(err, Err(AppError::Invalid(zh, _)) if zh.contains("身份证号码") && zh.contains("认定类别"))
        );
    }

    #[test]
    fn custom_mapping_keeps_template_words_and_refuses_unknown_fields() {
        let m = Mapping::custom(
            "[columns]\n\"对象类别\" = \"category\"\n[values.category]\n\"城乡低保\" = \"Dibao\"\n",
        )
        .expect("parses");
        assert_eq!(
            pick(Category::ALL, m.word(Field::Category, "城乡低保")),
            Some(Category::Dibao)
        );
        assert_eq!(
            pick(Category::ALL, m.word(Field::Category, "特困")),
            Some(Category::Destitute)
        );
        assert!(
            matches!(Mapping::custom("[columns]\n\"x\" = \"nope\"\n"), Err(AppError::Invalid(zh, _)) if zh.contains("nope"))
        );
    }

    #[test]
    fn platform_mapping_parses() {
        let m =
            Mapping::custom(include_str!("../../../assets/import-platform.toml")).expect("parses");
        assert!(m.header_row >= 1);
    }
}
