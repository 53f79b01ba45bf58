use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

#[test]
fn valid_numbers_and_what_they_say() {
    let id = ResidentId::parse("11010519491231002X").expect("valid");
    assert_eq!(id.birth_date(), d(1949, 12, 31));
    assert_eq!(id.sex(), Sex::Female);
    assert_eq!(id.age_on(d(2025, 12, 30)), 75);
    assert_eq!(id.age_on(d(2025, 12, 31)), 76);
    let id = ResidentId::parse("44052419500101001X").expect("valid");
    assert_eq!(id.birth_date(), d(1950, 1, 1));
    assert_eq!(id.sex(), Sex::Male);
    assert_eq!(id.region(), "440524");
    // A lower-case x is accepted and stored upper-case.
    let id = ResidentId::parse("11010519491231002x").expect("valid");
    assert_eq!(id.as_str(), "11010519491231002X");
}

#[test]
fn refusals_say_why() {
    let cases: &[(&str, IdError)] = &[
        ("110105194912310021", IdError::BadCheck { expected: 'X' }),
        ("1101051949123100", IdError::WrongLength(16)),
        ("11010519491231002XX", IdError::WrongLength(19)),
        ("1101A5194912310021", IdError::NotDigit { position: 5 }),
        ("11010519491231002Y", IdError::NotDigit { position: 18 }),
        (
            "110105194902300020",
            IdError::BadBirthDate("19490230".into()),
        ),
        (
            "110105194913010020",
            IdError::BadBirthDate("19491301".into()),
        ),
    ];
    for (text, err) in cases {
        assert_eq!(ResidentId::parse(text).as_ref(), Err(err), "{text}");
    }
    assert_eq!(
        IdError::BadCheck { expected: 'X' }.zh(),
        "号码没有通过校验，请与身份证逐位核对每一位数字（任何一位都可能输错）"
    );
}

/// Issue 17 point 4: a birth date in year 0000 or in the future was accepted.
#[test]
fn impossible_and_future_birth_dates_are_refused() {
    let today = d(2026, 12, 1);
    let cases: &[(&str, IdError)] = &[
        (
            "110105000001010028",
            IdError::BirthTooEarly("00000101".into()),
        ),
        (
            "440524188001010014",
            IdError::BirthTooEarly("18800101".into()),
        ),
        (
            "11010520300101001X",
            IdError::BirthInFuture("20300101".into()),
        ),
    ];
    for (text, err) in cases {
        assert_eq!(
            ResidentId::parse_on(text, today).as_ref(),
            Err(err),
            "{text}"
        );
    }
    // Without a date only the impossible ones are refused.
    assert!(ResidentId::parse("11010520300101001X").is_ok());
    assert_eq!(
        ResidentId::parse_on("11010519491231002X", today).map(|i| i.birth_date()),
        Ok(d(1949, 12, 31))
    );
    assert_eq!(
        IdError::BirthInFuture("20300101".into()).zh(),
        "号码中的出生日期20300101晚于今天"
    );
}

/// Issue 17 point 4: a 15-digit number got only "must be 18 digits".
#[test]
fn fifteen_digit_numbers_are_offered_their_eighteen_digit_form() {
    assert_eq!(
        ResidentId::parse("610203540315123"),
        Err(IdError::FifteenDigits {
            eighteen: "610203195403151230".into()
        })
    );
    let id = ResidentId::from_fifteen("610203540315123").expect("upgradable");
    assert_eq!(id.as_str(), "610203195403151230");
    assert_eq!(ResidentId::parse(id.as_str()), Ok(id.clone()));
    assert_eq!(id.birth_date(), d(1954, 3, 15));
    assert_eq!(
        ResidentId::from_fifteen("610203540230123"),
        Err(IdError::BadBirthDate("19540230".into()))
    );
    assert_eq!(
        ResidentId::parse("61020354031512A"),
        Err(IdError::NotDigit { position: 15 })
    );
}

#[test]
fn full_width_digits_are_read() {
    let id = ResidentId::parse("１１０１０５１９４９１２３１００２ｘ").expect("valid");
    assert_eq!(id.as_str(), "11010519491231002X");
}

/// Issue 17 point 4: `ResidentId` deserialised without validation, and a short value
/// panicked in `birth_date` and `masked`.
#[test]
fn deserialising_validates() {
    let ok: Result<ResidentId, _> = serde_json::from_str("\"11010519491231002X\"");
    assert_eq!(
        ok.map(|i| i.masked()).ok(),
        Some("110105********002X".into())
    );
    for bad in [
        "\"123\"",
        "\"110105194912310021\"",
        "\"11010519491231002x\"",
        "\"\"",
    ] {
        let r: Result<ResidentId, _> = serde_json::from_str(bad);
        assert!(r.is_err(), "{bad}");
    }
    let bytes = bincode::serde::encode_to_vec("123", bincode::config::standard()).expect("encodes");
    let r: Result<(ResidentId, usize), _> =
        bincode::serde::decode_from_slice(&bytes, bincode::config::standard());
    assert!(r.is_err());
    // The stored bytes are those of a plain string, as before.
    let id = ResidentId::parse("11010519491231002X").expect("valid");
    assert_eq!(
        bincode::serde::encode_to_vec(&id, bincode::config::standard()).ok(),
        bincode::serde::encode_to_vec(id.as_str(), bincode::config::standard()).ok()
    );
}

#[test]
fn other_refusals_are_still_explained() {
    assert_eq!(
        IdError::BadCheck { expected: 'X' }.zh(),
        "号码没有通过校验，请与身份证逐位核对每一位数字（任何一位都可能输错）"
    );
}

#[test]
fn compose_round_trips_through_parse() {
    for seq in [0u16, 1, 2, 123, 999] {
        let id = ResidentId::compose(610203, d(1990, 2, 28), seq).expect("composable");
        let parsed = ResidentId::parse(id.as_str()).expect("composed numbers are valid");
        assert_eq!(parsed, id);
        assert_eq!(parsed.birth_date(), d(1990, 2, 28));
    }
    assert!(ResidentId::compose(610203, d(1990, 1, 1), 1000).is_none());
}

#[test]
fn masking_for_lists() {
    let id = ResidentId::parse("11010519491231002X").expect("valid");
    assert_eq!(id.masked(), "110105********002X");
    assert_eq!(mask_phone("13812345678"), "138****5678");
    assert_eq!(mask_phone("0919-1234567"), "091*****4567");
    assert_eq!(mask_phone("123"), "***");
}
