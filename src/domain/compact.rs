//! Compact stored forms of dates, times, deadlines and ID numbers, for `#[serde(with)]`
//! on record fields (`compact::one` on a value, `compact::opt` on an `Option`): the domain
//! types stay `NaiveDate`, `NaiveDateTime`, `Deadline` and `ResidentId`. In a binary
//! format (the store's bincode) a date is its day number (days from 1970-01-01, a varint:
//! 3 bytes in this century, against 11 as text), a time its seconds and nanoseconds (6
//! bytes against 20), an ID number its first 17 digits as one integer (9 bytes against 19;
//! the check character follows from them). Lines of text shown as they were (the
//! engine's explanation) are deflated (`compact::deflated`). A human-readable format
//! (household files, JSON) keeps the text it always had.

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

/// `#[serde(with = "compact::deflated")]` on lines of text kept as they were shown (the
/// engine's explanation): in a binary format the lines, each after its length (u32,
/// little-endian), deflated into one byte string; no lines, an empty one. The explanation
/// repeats its rules' wording and citations, so it keeps about a third of its bytes. A
/// human-readable format keeps the list of strings.
pub mod deflated {
    use super::*;

    /// More than any explanation holds: a stored value that inflates beyond it is refused.
    const LIMIT: usize = 1 << 22;

    pub fn serialize<S: Serializer>(lines: &[String], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return lines.serialize(s);
        }
        if lines.is_empty() {
            return s.serialize_bytes(&[]);
        }
        let mut raw = Vec::with_capacity(lines.iter().map(|l| l.len() + 4).sum());
        for line in lines {
            let n = u32::try_from(line.len()).map_err(|_| S::Error::custom("a line too long"))?;
            raw.extend_from_slice(&n.to_le_bytes());
            raw.extend_from_slice(line.as_bytes());
        }
        s.serialize_bytes(&miniz_oxide::deflate::compress_to_vec(&raw, 6))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        if d.is_human_readable() {
            return Vec::<String>::deserialize(d);
        }
        let packed = d.deserialize_byte_buf(Bytes)?;
        if packed.is_empty() {
            return Ok(Vec::new());
        }
        let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, LIMIT)
            .map_err(|e| D::Error::custom(format!("explanation does not inflate: {e}")))?;
        let mut lines = Vec::new();
        let mut rest = raw.as_slice();
        while !rest.is_empty() {
            let (len, tail) = rest
                .split_first_chunk::<4>()
                .ok_or_else(|| D::Error::custom("explanation cut short"))?;
            let n = u32::from_le_bytes(*len) as usize;
            let line = tail
                .get(..n)
                .ok_or_else(|| D::Error::custom("explanation cut short"))?;
            let text = std::str::from_utf8(line).map_err(D::Error::custom)?;
            lines.push(text.to_string());
            rest = &tail[n..];
        }
        Ok(lines)
    }

    /// A byte string, however the format hands it over.
    struct Bytes;

    impl<'de> serde::de::Visitor<'de> for Bytes {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a byte string")
        }

        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }

        fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut out = Vec::new();
            while let Some(b) = seq.next_element()? {
                out.push(b);
            }
            Ok(out)
        }
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

    #[test]
    fn lines_deflate_and_read_back() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct E(#[serde(with = "deflated")] Vec<String>);
        let cfg = bincode::config::standard();
        let bin = |e: &E| bincode::serde::encode_to_vec(e, cfg).expect("bincode");
        let read = |b: &[u8]| bincode::serde::decode_from_slice::<E, _>(b, cfg).map(|r| r.0);
        // No lines: one byte (an empty byte string).
        assert_eq!(bin(&E(vec![])), vec![0]);
        let cited = "〔《特困人员认定办法》第四条〕";
        let lines: Vec<String> = (0..20)
            .map(|i| format!("成员{i}：60周岁以上{cited}"))
            .chain(["".to_string(), "a\nb".to_string()])
            .collect();
        let e = E(lines);
        let b = bin(&e);
        let text: usize = e.0.iter().map(|l| l.len() + 1).sum();
        assert!(b.len() * 4 < text, "{} bytes for {text}", b.len());
        assert_eq!(read(&b).expect("reads"), e);
        // JSON keeps the list.
        let json = serde_json::to_string(&e).expect("json");
        assert!(json.contains(cited), "{json}");
        // Bytes that do not inflate are an error, not a panic.
        let bad = bincode::serde::encode_to_vec(ByteString(&[1, 2, 3]), cfg).expect("b");
        assert!(read(&bad).is_err());
    }

    /// A serde byte string.
    struct ByteString<'a>(&'a [u8]);

    impl serde::Serialize for ByteString<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
}
