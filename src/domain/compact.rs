//! Compact stored forms of dates, times, deadlines and ID numbers, for `#[serde(with)]`
//! on record fields (`compact::one` on a value, `compact::opt` on an `Option`): the domain
//! types stay `NaiveDate`, `NaiveDateTime`, `Deadline` and `ResidentId`. In a binary
//! format (the store's bincode) a date is its day number (days from 1970-01-01, a varint:
//! 3 bytes in this century, against 11 as text), a time its seconds and nanoseconds (6
//! bytes against 20), an ID number its first 17 digits as one integer (9 bytes against 19;
//! the check character follows from them). A human-readable format (household files,
//! JSON) keeps the text it always had.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::case::Deadline;
use crate::domain::resident_id::{check_char, ResidentId};

/// A type with a compact stored form.
pub trait Compact: Serialize + for<'de> Deserialize<'de> {
    fn put<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
    fn get<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// Serialises the value it borrows in its compact form.
struct Ref<'a, T>(&'a T);

impl<T: Compact> Serialize for Ref<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return self.0.serialize(s);
        }
        self.0.put(s)
    }
}

/// Deserialises a value from its compact form.
struct Own<T>(T);

impl<'de, T: Compact> Deserialize<'de> for Own<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Own<T>, D::Error> {
        if d.is_human_readable() {
            return T::deserialize(d).map(Own);
        }
        T::get(d).map(Own)
    }
}

/// `#[serde(with = "compact::one")]` on a field of a [`Compact`] type.
pub mod one {
    use super::*;

    pub fn serialize<T: Compact, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        Ref(v).serialize(s)
    }

    pub fn deserialize<'de, T: Compact, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        Own::deserialize(d).map(|o| o.0)
    }
}

/// `#[serde(with = "compact::opt")]` on an `Option` of a [`Compact`] type.
pub mod opt {
    use super::*;

    pub fn serialize<T: Compact, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().map(Ref).serialize(s)
    }

    pub fn deserialize<'de, T: Compact, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Own<T>>::deserialize(d)?.map(|o| o.0))
    }
}

/// `num_days_from_ce` of 1970-01-01.
const EPOCH_DAYS_CE: i32 = 719_163;

impl Compact for NaiveDate {
    fn put<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.num_days_from_ce() - EPOCH_DAYS_CE).serialize(s)
    }

    fn get<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        n.checked_add(EPOCH_DAYS_CE)
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or_else(|| D::Error::custom(format!("day number {n} is not a date")))
    }
}

impl Compact for NaiveDateTime {
    fn put<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let utc = self.and_utc();
        (utc.timestamp(), utc.timestamp_subsec_nanos()).serialize(s)
    }

    fn get<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let (secs, nanos) = <(i64, u32)>::deserialize(d)?;
        DateTime::from_timestamp(secs, nanos)
            .map(|t| t.naive_utc())
            .ok_or_else(|| D::Error::custom(format!("{secs}.{nanos:09} is not a time")))
    }
}

impl Compact for Deadline {
    fn put<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (Ref(&self.date), self.provisional).serialize(s)
    }

    fn get<'de, D: Deserializer<'de>>(d: D) -> Result<Deadline, D::Error> {
        let (Own(date), provisional) = <(Own<NaiveDate>, bool)>::deserialize(d)?;
        Ok(Deadline { date, provisional })
    }
}

impl Compact for ResidentId {
    fn put<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n: u64 = self
            .as_str()
            .get(..17)
            .and_then(|digits| digits.parse().ok())
            .ok_or_else(|| S::Error::custom("an ID number without 17 digits"))?;
        n.serialize(s)
    }

    fn get<'de, D: Deserializer<'de>>(d: D) -> Result<ResidentId, D::Error> {
        let n = u64::deserialize(d)?;
        let digits = format!("{n:017}");
        let check = check_char(digits.as_bytes())
            .ok_or_else(|| D::Error::custom(format!("{n} is not the start of an ID number")))?;
        ResidentId::parse(&format!("{digits}{check}")).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
    use crate::domain::town::Area;

    #[test]
    fn household_files_keep_their_text() {
        // JSON (household files, `safetynet explain`) is human-readable: dates and ID
        // numbers stay text there.
        let id = ResidentId::parse("11010519491231002X").expect("id");
        let m = Member {
            name: "张三".into(),
            id,
            relation: Relation::Head,
            area: Area::Rural,
            labour: LabourCapacity::Full,
            health: Health::Healthy,
            disability: None,
            employment: Employment::Farming,
            schooling: Schooling::NotInSchool,
            carer: false,
        };
        let json = serde_json::to_string(&m).expect("json");
        assert!(json.contains(r#""id":"11010519491231002X""#), "{json}");
        assert_eq!(serde_json::from_str::<Member>(&json).expect("reads"), m);
    }

    #[test]
    fn a_stored_date_is_its_day_number() {
        use crate::domain::compact;
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct D(#[serde(with = "compact::one")] NaiveDate);
        let bin = |d: &D| bincode::serde::encode_to_vec(d, bincode::config::standard()).expect("b");
        let epoch = D(NaiveDate::from_ymd_opt(1970, 1, 1).expect("day"));
        assert_eq!(bin(&epoch), vec![0]);
        let day = D(NaiveDate::from_ymd_opt(2026, 12, 1).expect("day"));
        // 20,788 days, zigzag 41,576: a u16 after bincode's marker 251.
        assert_eq!(bin(&day), vec![251, 0x68, 0xa2]);
        // A day number beyond chrono's range is an error, not a panic.
        let far = bincode::serde::encode_to_vec(i32::MAX, bincode::config::standard()).expect("b");
        let read: Result<(D, usize), _> =
            bincode::serde::decode_from_slice(&far, bincode::config::standard());
        assert!(read.is_err());
    }
}
