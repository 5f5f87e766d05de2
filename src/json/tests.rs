//! Tests of the reader as a whole: registered claims, typed errors, required names, and a
//! property test against an independent reading (`StrictValue`, then the claim reader over
//! the resulting `serde_json::Value`).

use std::borrow::Cow;

use proptest::prelude::*;
use serde::de::DeserializeSeed;
use serde_json::Value;

use super::registered::{Fill, RegisteredName};
use super::*;
use crate::error::{Claim, ClaimError};

fn scan(json: &str) -> Result<RegisteredView<'_>, MalformedError> {
    scan_payload(json.as_bytes(), &[])
}

/// [`read_payload`] with the view returned alongside the claims.
fn read<'de, C: Deserialize<'de>>(
    json: &'de [u8],
    required: &[String],
) -> Result<(C, RegisteredView<'de>), PayloadError> {
    let mut view = RegisteredView::new(required.len());
    let claims = read_payload(json, required, &mut view)?;
    Ok((claims, view))
}

#[test]
fn reads_registered_claims_borrowed() {
    let json = r#"{"iss":"i","sub":"s","aud":["a","b"],"exp":10,"nbf":1.5,"iat":2,"jti":"j","x":{"y":[1]}}"#;
    let view = scan(json).unwrap();
    assert!(matches!(view.iss, Slot::Value(Cow::Borrowed("i"))));
    assert!(matches!(view.aud, Slot::Value(Aud::Many(ref v)) if v.len() == 2));
    let exp = view.exp.get(Claim::Expiration).unwrap().unwrap();
    assert_eq!(exp.as_unix_seconds(), 10);
    let nbf = view.nbf.get(Claim::NotBefore).unwrap().unwrap();
    assert_eq!(nbf.as_unix_seconds(), 1);
}

#[test]
fn wrong_types_are_typed_errors_not_absent() {
    for (json, claim) in [
        (r#"{"exp":"10"}"#, Claim::Expiration),
        (r#"{"exp":null}"#, Claim::Expiration),
        (r#"{"exp":[10]}"#, Claim::Expiration),
        (r#"{"exp":{"a":1}}"#, Claim::Expiration),
        (r#"{"nbf":true}"#, Claim::NotBefore),
        (r#"{"aud":5}"#, Claim::Audience),
        (r#"{"aud":["a",5]}"#, Claim::Audience),
        (r#"{"aud":{"a":"b"}}"#, Claim::Audience),
        (r#"{"iss":["i"]}"#, Claim::Issuer),
    ] {
        let view = scan(json).unwrap();
        let err = match claim {
            Claim::Expiration => view.exp.get(claim.clone()).map(|_| ()),
            Claim::NotBefore => view.nbf.get(claim.clone()).map(|_| ()),
            Claim::Audience => view.aud.get(claim.clone()).map(|_| ()),
            _ => view.iss.get(claim.clone()).map(|_| ()),
        };
        assert!(
            matches!(err, Err(ClaimError::WrongType(c)) if c == claim),
            "{json}"
        );
    }
}

#[test]
fn huge_dates_are_out_of_range() {
    for json in [
        r#"{"exp":1e300}"#,
        r#"{"exp":18446744073709551615}"#,
        r#"{"exp":-1e300}"#,
    ] {
        let view = scan(json).unwrap();
        assert!(matches!(
            view.exp.get(Claim::Expiration),
            Err(ClaimError::OutOfRange(Claim::Expiration))
        ));
    }
}

#[test]
fn duplicates_and_non_objects_are_malformed() {
    for json in [r#"{"exp":1,"exp":2}"#, r#"{"x":[{"a":1,"\u0061":2}]}"#] {
        assert_eq!(
            scan(json).err(),
            Some(MalformedError::DuplicateMember(Segment::Payload)),
            "{json}"
        );
    }
    for json in ["[]", "1", "\"x\"", "{", "{} {}", "", "{\"a\":1e400}"] {
        assert!(
            matches!(scan(json), Err(MalformedError::Json { .. })),
            "{json}"
        );
    }
}

#[test]
fn required_names_are_tracked() {
    let required = vec!["role".to_owned(), "tenant".to_owned(), "scope".to_owned()];
    let json = br#"{"role":{"admin":true},"tenant":null}"#;
    let view = scan_payload(json, &required).unwrap();
    assert_eq!(view.found, [true, false, false]);
    // The caller's type still gets the values it asks for.
    let (claims, view) = read::<Value>(json, &required).unwrap();
    assert_eq!(claims["role"]["admin"], Value::Bool(true));
    assert_eq!(view.found, [true, false, false]);
}

#[test]
fn every_kind_of_claims_type_is_read_in_one_pass() {
    #[derive(serde::Deserialize, Debug)]
    struct Claims<'a> {
        #[serde(borrow)]
        raw: &'a serde_json::value::RawValue,
        by_number: std::collections::BTreeMap<u16, String>,
        exp: Value,
        #[serde(flatten)]
        rest: std::collections::HashMap<String, Value>,
    }
    let json = br#"{"raw":{"a":[1]},"by_number":{"7":"x"},"exp":{"weird":1},"z":2}"#;
    let (claims, view) = read::<Claims<'_>>(json, &[]).unwrap();
    assert_eq!(claims.raw.get(), r#"{"a":[1]}"#);
    assert_eq!(claims.by_number[&7], "x");
    assert_eq!(claims.exp["weird"], 1);
    assert_eq!(claims.rest["z"], 2);
    assert!(matches!(view.exp, Slot::WrongType));
    let dup = br#"{"raw":{"a":1,"a":1},"by_number":{},"exp":1}"#;
    assert!(matches!(
        read::<Claims<'_>>(dup, &[]),
        Err(PayloadError::Malformed(MalformedError::DuplicateMember(
            Segment::Payload
        )))
    ));
}

#[test]
fn an_unfit_claims_type_is_told_apart_from_bad_json() {
    #[derive(serde::Deserialize, Debug)]
    struct Role {
        #[allow(dead_code)]
        role: u8,
    }
    assert!(matches!(
        read::<Role>(br#"{"role":"admin"}"#, &[]),
        Err(PayloadError::Unfit(_))
    ));
    assert!(matches!(
        read::<Role>(br#"{"role":1,"x":{"a":1,"a":1}}"#, &[]),
        Err(PayloadError::Malformed(MalformedError::DuplicateMember(_)))
    ));
    assert!(matches!(
        read::<Role>(br#"{"role":1"#, &[]),
        Err(PayloadError::Malformed(MalformedError::Json { .. }))
    ));
}

#[test]
fn duplicate_checking_is_linear() {
    // 1,500 members in one object (15.7 KB): the old pairwise check made ~1.1 M name
    // comparisons and took ~10x plain serde_json. Counted, not timed.
    let members: Vec<String> = (0..1500).map(|i| format!("\"member{i}\":{i}")).collect();
    let json = format!("{{{}}}", members.join(","));
    let comparisons = super::names::tests::comparisons(|| {
        assert!(scan(&json).is_ok());
        let (Value::Object(map), _) = read::<Value>(json.as_bytes(), &[]).unwrap() else {
            panic!("not an object");
        };
        assert_eq!(map.len(), 1500);
    });
    assert!(comparisons < 2 * 2 * 1500, "{comparisons} comparisons");
    let with_dup = format!("{{{},\"member750\":0}}", members.join(","));
    assert_eq!(
        scan(&with_dup).err(),
        Some(MalformedError::DuplicateMember(Segment::Payload))
    );
}

#[test]
fn reasons_cut_and_escape_quoted_attacker_text() {
    let long = "Z".repeat(1000);
    let err = serde_json::from_str::<Vec<u8>>(&format!("\"{long}\"")).unwrap_err();
    let text = reason(&err);
    assert!(text.matches('Z').count() <= MAX_ECHO, "{text}");
    assert!(text.contains("line 1"), "{text}");
    let err = serde_json::from_str::<Vec<u8>>("\"a\u{1b}[31m\r\n\"").unwrap_err();
    let text = reason(&err);
    assert!(text.bytes().all(|b| (b' '..=b'~').contains(&b)), "{text}");
}

/// The independent reading: the whole document as a strict `Value`, then each registered
/// member read by the same claim reader from that `Value` (a different deserializer).
fn reference(json: &str) -> Option<(Value, String)> {
    let value = parse_value(json).ok()?;
    let Value::Object(top) = &value else {
        return None;
    };
    let mut view = RegisteredView {
        object: true,
        ..RegisteredView::default()
    };
    for (name, member) in top {
        if let Some(which) = RegisteredName::from_name(name) {
            Fill {
                view: &mut view,
                which,
            }
            .deserialize(member)
            .ok()?;
        }
    }
    let view = format!("{view:?}").replace("Owned(", "Borrowed(");
    Some((value, view))
}

/// Any JSON text whose member names come from a small set, so duplicates and registered
/// names are common.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        (-1e20f64..1e20).prop_map(|f| format!("{f:e}")),
        "[a-z]{0,3}".prop_map(|s| format!("\"{s}\"")),
        Just("\"\\u0065xp\"".to_owned()),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        let name = prop_oneof![
            Just("exp"),
            Just("aud"),
            Just("iss"),
            Just("sub"),
            Just("x"),
            Just("\\u0078"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((name, inner), 0..4).prop_map(|members| {
                let members: Vec<String> = members
                    .iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

proptest! {
    #[test]
    fn one_pass_agrees_with_an_independent_reading(json in json_text()) {
        let one = read::<Value>(json.as_bytes(), &[])
            .ok()
            .map(|(v, view)| (v, format!("{view:?}").replace("Owned(", "Borrowed(")));
        prop_assert_eq!(one, reference(&json), "{}", json);
    }
}

/// Claims types that read the registered claims in every way a caller's type can: typed,
/// optional, as `Value`, through an enum or a `RawValue`, or not at all.
// The fields exist to be deserialized; the tests look only at the registered view.
#[allow(dead_code, clippy::option_option)]
mod shapes {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::value::RawValue;
    use serde_json::Value;

    #[derive(Deserialize)]
    pub(super) struct Typed {
        pub exp: Option<i64>,
        pub iss: Option<String>,
        pub aud: Option<Vec<String>>,
        pub sub: Option<Box<str>>,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub(super) enum OneOrMany<'a> {
        One(&'a str),
        Many(Vec<Value>),
        Other(Value),
    }

    #[derive(Deserialize)]
    pub(super) struct Loose<'a> {
        #[serde(borrow)]
        pub aud: Option<OneOrMany<'a>>,
        pub exp: Option<Value>,
        pub iss: Option<Option<Value>>,
        #[serde(flatten)]
        pub rest: BTreeMap<String, Value>,
    }

    #[derive(Deserialize)]
    pub(super) struct Nothing {}

    #[derive(Deserialize)]
    pub(super) enum Issuer {
        #[serde(rename = "a")]
        A,
    }

    #[derive(Deserialize)]
    pub(super) struct Raw<'a> {
        #[serde(borrow)]
        pub aud: Option<&'a RawValue>,
        pub iss: Option<Issuer>,
    }
}

/// The view as text, whichever way its strings were read.
fn view_text(view: &RegisteredView<'_>) -> String {
    format!("{view:?}").replace("Owned(", "Borrowed(")
}

/// Reads `json` as `C` and, when that succeeds, checks its view against a plain scan.
fn agrees_with_scan<'de, C: Deserialize<'de>>(json: &'de str) -> Result<(), TestCaseError> {
    if let Ok((_, view)) = read::<C>(json.as_bytes(), &[]) {
        let scanned = scan_payload(json.as_bytes(), &[]).expect("read accepted it");
        prop_assert_eq!(view_text(&view), view_text(&scanned), "{}", json);
    }
    Ok(())
}

proptest! {
    #[test]
    fn registered_claims_do_not_depend_on_the_callers_type(json in json_text()) {
        agrees_with_scan::<shapes::Typed>(&json)?;
        agrees_with_scan::<shapes::Loose<'_>>(&json)?;
        agrees_with_scan::<shapes::Nothing>(&json)?;
        agrees_with_scan::<shapes::Raw<'_>>(&json)?;
        agrees_with_scan::<std::collections::BTreeMap<String, Value>>(&json)?;
    }
}

#[test]
fn registered_claims_of_each_shape_read_the_same_either_way() {
    for json in [
        r#"{"exp":5,"iss":"a","aud":["x","y"],"sub":"s"}"#,
        r#"{"exp":-5,"iss":"\u0061","aud":"x"}"#,
        r#"{"exp":1.5,"aud":[],"iss":null}"#,
        r#"{"exp":18446744073709551615,"aud":["x",1],"sub":true}"#,
        r#"{"exp":"soon","aud":{"a":1},"iss":["a"]}"#,
        r#"{"aud":["x",["y"]],"nbf":1e300,"iat":-1e300}"#,
    ] {
        let scanned = view_text(&scan_payload(json.as_bytes(), &[]).unwrap());
        for (name, view) in [
            ("Value", read::<Value>(json.as_bytes(), &[]).map(|(_, v)| v)),
            (
                "Loose",
                read::<shapes::Loose<'_>>(json.as_bytes(), &[]).map(|(_, v)| v),
            ),
            (
                "Nothing",
                read::<shapes::Nothing>(json.as_bytes(), &[]).map(|(_, v)| v),
            ),
        ] {
            let view = view.unwrap_or_else(|_| panic!("{name} refused {json}"));
            assert_eq!(view_text(&view), scanned, "{name}: {json}");
        }
    }
}
