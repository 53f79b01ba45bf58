use super::*;
use proptest::prelude::*;

proptest! {
    #[test]
    fn parse_never_panics(text in "\\PC{0,24}") {
        let _ = ResidentId::parse(&text);
        let _ = ResidentId::from_fifteen(&text);
    }

    #[test]
    fn parse_never_panics_on_id_like_text(text in "[0-9０-９xXｘ]{14,19}") {
        if let Ok(id) = ResidentId::parse(&text) {
            let _ = (id.birth_date(), id.masked(), id.sex(), id.region());
        }
    }

    #[test]
    fn parse_reads_back_what_compose_prints(
        region in 100_000u32..=999_999,
        days in 0i64..(200 * 366),
        sequence in 0u16..=999,
    ) {
        let birth = NaiveDate::from_ymd_opt(1900, 1, 1)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
            .filter(|d| d.year() <= 2099);
        if let Some(birth) = birth {
            let id = ResidentId::compose(region, birth, sequence).expect("composable");
            prop_assert_eq!(ResidentId::parse(&id.to_string()), Ok(id.clone()));
            prop_assert_eq!(id.birth_date(), birth);
            let json = serde_json::to_string(&id).expect("serialises");
            prop_assert_eq!(serde_json::from_str::<ResidentId>(&json).ok(), Some(id));
        }
    }

    #[test]
    fn one_changed_digit_is_caught(at in 0usize..17, by in 1u8..10) {
        let good = "11010519491231002X";
        let mut bytes = good.as_bytes().to_vec();
        bytes[at] = b'0' + (bytes[at] - b'0' + by) % 10;
        let text = String::from_utf8(bytes).expect("ascii");
        prop_assert!(ResidentId::parse(&text).is_err(), "{}", text);
    }
}
