//! Reading the registered claims of a verified payload, for validation.
//!
//! Two ways, with one outcome:
//!
//! - [`read_with`], the common case: the caller's claims type is built and the registered
//!   claims are copied out in the same pass over the JSON (through [`Strict`], which also
//!   refuses duplicate member names at every depth).
//! - [`read`], the reference: a borrowed pass that looks only at registered names and at the
//!   names the validation requires, skipping everything else without allocating; the caller's
//!   type is built afterwards. Every payload the one-pass reading declines comes here.
//!
//! Either way, each registered claim lands in a "lenient" slot that never fails on the JSON
//! type, so a wrong type comes out as a typed [`ClaimError::WrongType`] instead of a parser
//! message, and is never mistaken for an absent claim.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, Deserialize as _, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};

use crate::captured::{Captured, Replay};
use crate::claims::NumericDate;
use crate::error::{Claim, ClaimError, MalformedError, Result, Segment};
use crate::strict_de::{Hook, NoHook, Strict};
use crate::strict_json::{self, Key, SeenKeys, Skip};

/// A registered claim as read: absent, of the right type, or not.
#[derive(Debug, Default)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Value(T),
    WrongType,
    OutOfRange,
}

impl<T> Slot<T> {
    /// The value, `None` if absent, or the typed error for a bad one.
    pub(crate) fn get(&self, claim: Claim) -> Result<Option<&T>, ClaimError> {
        match self {
            Slot::Absent => Ok(None),
            Slot::Value(v) => Ok(Some(v)),
            Slot::WrongType => Err(ClaimError::WrongType(claim)),
            Slot::OutOfRange => Err(ClaimError::OutOfRange(claim)),
        }
    }

    pub(crate) fn is_present(&self) -> bool {
        !matches!(self, Slot::Absent)
    }
}

/// The registered claims of one token, borrowing from the decoded payload.
#[derive(Debug, Default)]
pub(crate) struct RegisteredView<'a> {
    pub(crate) iss: Slot<Cow<'a, str>>,
    pub(crate) sub: Slot<Cow<'a, str>>,
    pub(crate) aud: Slot<Aud<'a>>,
    pub(crate) exp: Slot<NumericDate>,
    pub(crate) nbf: Slot<NumericDate>,
    pub(crate) iat: Slot<NumericDate>,
    pub(crate) jti: Slot<Cow<'a, str>>,
    /// For each name in the validation's extra required list: present and not `null`.
    pub(crate) found: Vec<bool>,
}

/// An `aud` value: one string or an array of strings.
#[derive(Debug)]
pub(crate) enum Aud<'a> {
    One(Cow<'a, str>),
    Many(Vec<Cow<'a, str>>),
}

impl Aud<'_> {
    pub(crate) fn any(&self, mut pred: impl FnMut(&str) -> bool) -> bool {
        match self {
            Aud::One(one) => pred(one),
            Aud::Many(many) => many.iter().any(|a| pred(a)),
        }
    }
}

/// Reads the registered claims of `json`, noting which of `required` (non-registered names)
/// are present.
pub(crate) fn read<'a>(json: &'a [u8], required: &[String]) -> Result<RegisteredView<'a>> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let view = Reader { required }
        .deserialize(&mut de)
        .and_then(|view| de.end().map(|()| view))
        .map_err(|e| MalformedError::Json {
            segment: Segment::Payload,
            reason: strict_json::reason(&e),
        })?;
    Ok(view)
}

struct Reader<'r> {
    required: &'r [String],
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = RegisteredView<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = RegisteredView<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a json object of claims")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut view = RegisteredView {
            found: vec![false; self.required.len()],
            ..RegisteredView::default()
        };
        let mut seen = SeenKeys::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            seen.insert(&key)?;
            if let Some(which) = Registered::from_name(&key) {
                map.next_value_seed(Fill {
                    view: &mut view,
                    which,
                })?;
            } else if let Some(i) = self.required.iter().position(|r| *r == key) {
                let not_null = map.next_value::<NotNull>()?.0;
                view.found[i] |= not_null;
            } else {
                map.next_value::<Skip>()?;
            }
        }
        Ok(view)
    }
}

fn fill<T, U: Into<Slot<T>>, E: de::Error>(
    slot: &mut Slot<T>,
    value: U,
    name: &'static str,
) -> std::result::Result<(), E> {
    if slot.is_present() {
        // A duplicate registered claim could mean one thing to us and another to a peer.
        return Err(E::duplicate_field(name));
    }
    *slot = value.into();
    Ok(())
}

/// The registered claim names (RFC 7519 §4.1).
#[derive(Debug, Clone, Copy)]
enum Registered {
    Iss,
    Sub,
    Aud,
    Exp,
    Nbf,
    Iat,
    Jti,
}

impl Registered {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "iss" => Registered::Iss,
            "sub" => Registered::Sub,
            "aud" => Registered::Aud,
            "exp" => Registered::Exp,
            "nbf" => Registered::Nbf,
            "iat" => Registered::Iat,
            "jti" => Registered::Jti,
            _ => return None,
        })
    }
}

/// Reads one registered claim's value into its slot of the view.
struct Fill<'v, 'de> {
    view: &'v mut RegisteredView<'de>,
    which: Registered,
}

impl<'de> DeserializeSeed<'de> for Fill<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        let view = self.view;
        match self.which {
            Registered::Iss => fill(&mut view.iss, Lenient::<Str<'de>>::deserialize(d)?, "iss"),
            Registered::Sub => fill(&mut view.sub, Lenient::<Str<'de>>::deserialize(d)?, "sub"),
            Registered::Jti => fill(&mut view.jti, Lenient::<Str<'de>>::deserialize(d)?, "jti"),
            Registered::Aud => fill(&mut view.aud, Lenient::<AudV<'de>>::deserialize(d)?, "aud"),
            Registered::Exp => fill(&mut view.exp, Lenient::<Date>::deserialize(d)?, "exp"),
            Registered::Nbf => fill(&mut view.nbf, Lenient::<Date>::deserialize(d)?, "nbf"),
            Registered::Iat => fill(&mut view.iat, Lenient::<Date>::deserialize(d)?, "iat"),
        }
    }
}

/// Deserializes the caller's claims type and reads the registered claims in the same pass,
/// refusing duplicate member names at every depth.
///
/// `None` means "take the two-pass path": the payload is not an object, or a value is of a
/// shape this pass does not mirror, or the claims type or the JSON is wrong in some way. The
/// two-pass path ([`read`], then `serde_json`) then reports exactly what is wrong; this
/// function never decides a rejection itself. Names the validation requires beyond the
/// registered ones also take that path, because a caller's type may ignore them.
pub(crate) fn read_with<'de, C: de::Deserialize<'de>>(
    json: &'de [u8],
) -> Option<(C, RegisteredView<'de>)> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let mut capture = Capture::default();
    let claims = C::deserialize(Strict::new(&mut de, Some(&mut capture))).ok()?;
    de.end().ok()?;
    capture.object.then_some((claims, capture.view))
}

/// The [`Hook`] that copies registered claims out of the top-level object.
#[derive(Default)]
struct Capture<'de> {
    view: RegisteredView<'de>,
    /// Whether the top-level value was an object.
    object: bool,
    pending: Option<Registered>,
}

impl<'de> Hook<'de> for Capture<'de> {
    fn object(&mut self) {
        self.object = true;
    }

    fn wants(&mut self, name: &str) -> bool {
        self.pending = Registered::from_name(name);
        self.pending.is_some()
    }

    fn value<A, S>(&mut self, map: &mut A, seed: S) -> std::result::Result<S::Value, A::Error>
    where
        A: MapAccess<'de>,
        S: DeserializeSeed<'de>,
    {
        let Some(which) = self.pending.take() else {
            return NoHook.value(map, seed);
        };
        let value: Captured<'de> = map.next_value()?;
        Fill {
            view: &mut self.view,
            which,
        }
        .deserialize(Replay::<A::Error>::new(&value))?;
        seed.deserialize(Replay::new(&value))
    }
}

/// The outcome of reading a value leniently: right type, wrong type, or out of range.
enum Lenient<T> {
    Ok(T),
    WrongType,
    OutOfRange,
}

impl<T, U: From<T>> From<Lenient<T>> for Slot<U> {
    fn from(value: Lenient<T>) -> Self {
        match value {
            Lenient::Ok(v) => Slot::Value(v.into()),
            Lenient::WrongType => Slot::WrongType,
            Lenient::OutOfRange => Slot::OutOfRange,
        }
    }
}

struct Str<'a>(Cow<'a, str>);
impl<'a> From<Str<'a>> for Cow<'a, str> {
    fn from(value: Str<'a>) -> Self {
        value.0
    }
}

struct AudV<'a>(Aud<'a>);
impl<'a> From<AudV<'a>> for Aud<'a> {
    fn from(value: AudV<'a>) -> Self {
        value.0
    }
}

struct Date(NumericDate);
impl From<Date> for NumericDate {
    fn from(value: Date) -> Self {
        value.0
    }
}

/// Implements the visitor methods that turn every other JSON type into `WrongType`, consuming
/// nested arrays and objects so the parser stays in step.
macro_rules! wrong_types {
    ($($method:ident($($arg:ty)?)),*) => {
        $(fn $method<E: de::Error>(self $(, _: $arg)?) -> std::result::Result<Self::Value, E> {
            Ok(Lenient::WrongType)
        })*
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
            Skip::visit_entries(&mut map)?;
            Ok(Lenient::WrongType)
        }
    };
}

struct StrVisitor;
impl<'de> Visitor<'de> for StrVisitor {
    type Value = Lenient<Str<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(Str(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Lenient::WrongType)
    }
    wrong_types!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_unit()
    );
}

impl<'de> de::Deserialize<'de> for Lenient<Str<'de>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrVisitor)
    }
}

struct AudVisitor;
impl<'de> Visitor<'de> for AudVisitor {
    type Value = Lenient<AudV<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an array of strings")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(AudV(Aud::One(Cow::Borrowed(v)))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(AudV(Aud::One(Cow::Owned(v.to_owned())))))
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut all = Vec::new();
        let mut wrong = false;
        while let Some(item) = seq.next_element::<Lenient<Str<'de>>>()? {
            match item {
                Lenient::Ok(Str(s)) => all.push(s),
                _ => wrong = true,
            }
        }
        Ok(if wrong {
            Lenient::WrongType
        } else {
            Lenient::Ok(AudV(Aud::Many(all)))
        })
    }
    wrong_types!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_unit()
    );
}

impl<'de> de::Deserialize<'de> for Lenient<AudV<'de>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(AudVisitor)
    }
}

struct DateVisitor;
impl<'de> Visitor<'de> for DateVisitor {
    type Value = Lenient<Date>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a numeric date")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(Date(NumericDate::from_unix_seconds(v))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(i64::try_from(v).map_or(Lenient::OutOfRange, |v| {
            Lenient::Ok(Date(NumericDate::from_unix_seconds(v)))
        }))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
        Ok(NumericDate::from_f64(v).map_or(Lenient::OutOfRange, |d| Lenient::Ok(Date(d))))
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Lenient::WrongType)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::WrongType)
    }
    wrong_types!(visit_bool(bool), visit_unit());
}

impl<'de> de::Deserialize<'de> for Lenient<Date> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

/// Whether a value is something other than `null`, skipping it.
struct NotNull(bool);

impl<'de> de::Deserialize<'de> for NotNull {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NotNull;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any json value")
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<NotNull, E> {
                Ok(NotNull(false))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<NotNull, E> {
                Ok(NotNull(true))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<NotNull, E> {
                Ok(NotNull(true))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<NotNull, E> {
                Ok(NotNull(true))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<NotNull, E> {
                Ok(NotNull(true))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<NotNull, E> {
                Ok(NotNull(true))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<NotNull, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(NotNull(true))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<NotNull, A::Error> {
                Skip::visit_entries(&mut map)?;
                Ok(NotNull(true))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_registered_claims_borrowed() {
        let json = br#"{"iss":"i","sub":"s","aud":["a","b"],"exp":10,"nbf":1.5,"iat":2,"jti":"j","x":{"y":[1]}}"#;
        let view = read(json, &[]).unwrap();
        assert!(matches!(view.iss, Slot::Value(Cow::Borrowed("i"))));
        assert!(matches!(view.aud, Slot::Value(Aud::Many(ref v)) if v.len() == 2));
        assert_eq!(
            view.exp
                .get(Claim::Expiration)
                .unwrap()
                .unwrap()
                .as_unix_seconds(),
            10
        );
        assert_eq!(
            view.nbf
                .get(Claim::NotBefore)
                .unwrap()
                .unwrap()
                .as_unix_seconds(),
            1
        );
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
            let view = read(json.as_bytes(), &[]).unwrap();
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
            let view = read(json.as_bytes(), &[]).unwrap();
            assert!(matches!(
                view.exp.get(Claim::Expiration),
                Err(ClaimError::OutOfRange(Claim::Expiration))
            ));
        }
    }

    #[test]
    fn duplicates_and_non_objects_are_malformed() {
        for json in [r#"{"exp":1,"exp":2}"#, "[]", "1", "\"x\"", "{", "{} {}", ""] {
            assert!(read(json.as_bytes(), &[]).is_err(), "{json}");
        }
    }

    #[test]
    fn required_names_are_tracked() {
        let required = vec!["role".to_owned(), "tenant".to_owned(), "scope".to_owned()];
        let view = read(br#"{"role":"admin","tenant":null}"#, &required).unwrap();
        assert_eq!(view.found, [true, false, false]);
    }
}

/// The one-pass reading must agree with the two-pass reading whenever it answers, and must
/// answer for ordinary payloads (or the speed-up would silently never apply).
#[cfg(test)]
mod one_pass_tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::*;

    /// A reading: the claims as `serde_json` values, and the registered view as text.
    type Reading = Option<(Value, String)>;

    /// Both readings of `json`: the one-pass result, and the two-pass result as the
    /// registered view plus `serde_json`'s own value.
    fn both(json: &[u8]) -> (Reading, Reading) {
        let one = read_with::<Value>(json).map(|(v, view)| (v, format!("{view:?}")));
        let two = read(json, &[])
            .ok()
            .zip(serde_json::from_slice::<Value>(json).ok())
            .map(|(view, v)| (v, format!("{view:?}")));
        (one, two)
    }

    #[test]
    fn ordinary_payloads_take_the_one_pass_path_with_the_same_result() {
        for json in [
            r#"{"sub":"u","name":"Ada","iss":"i","aud":"a","iat":1,"exp":2,"admin":true,"roles":["r","w"]}"#,
            r#"{"aud":["a","b"],"exp":1.5,"nbf":-3,"jti":"j\u0041","x":{"y":[{"z":null}]}}"#,
            r#"{"exp":"soon","iss":["i"],"aud":[1],"sub":null,"iat":18446744073709551615}"#,
            r#"{"exp":1e300,"aud":[["nested"]],"sub":true}"#,
            "{}",
        ] {
            let (one, two) = both(json.as_bytes());
            assert!(one.is_some(), "one-pass declined {json}");
            assert_eq!(one, two, "{json}");
        }
    }

    #[test]
    fn declines_what_the_two_pass_path_refuses_or_does_not_mirror() {
        for json in [
            r#"{"exp":1,"exp":1}"#,
            r#"{"x":{"a":1,"a":2}}"#,
            r#"{"x":[{"a":1,"\u0061":2}]}"#,
            r#"{"exp":{"a":1}}"#,
            r#"{"aud":[{"a":1}]}"#,
            "[]",
            "1",
            r#"{"a":1} x"#,
            "{",
        ] {
            assert!(read_with::<Value>(json.as_bytes()).is_none(), "{json}");
        }
    }

    #[test]
    fn a_claims_type_that_ignores_members_still_gets_them_checked() {
        #[derive(serde::Deserialize)]
        struct Sub<'a> {
            #[serde(borrow)]
            sub: &'a str,
        }
        let (claims, view) =
            read_with::<Sub<'_>>(br#"{"sub":"u","exp":5,"x":{"k":[1]}}"#).expect("one pass");
        assert_eq!(claims.sub, "u");
        assert!(matches!(view.exp, Slot::Value(d) if d.as_unix_seconds() == 5));
        assert!(read_with::<Sub<'_>>(br#"{"sub":"u","x":{"k":1,"k":2}}"#).is_none());
        assert!(read_with::<Sub<'_>>(br#"{"sub":"u","iat":1,"iat":1}"#).is_none());
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
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            let name = prop_oneof![
                Just("exp"),
                Just("aud"),
                Just("iss"),
                Just("sub"),
                Just("x"),
                Just("y")
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(","))),
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
        fn one_pass_agrees_with_two_passes(json in json_text()) {
            let (one, two) = both(json.as_bytes());
            if one.is_some() {
                prop_assert_eq!(&one, &two);
            }
            // It may decline only where a registered claim holds an object somewhere inside.
            if one.is_none() && two.is_some() {
                let Some(Value::Object(top)) = serde_json::from_str::<Value>(&json).ok() else {
                    unreachable!("the two-pass path accepted a non-object");
                };
                let holds_object = |v: &Value| v.is_object()
                    || v.as_array().is_some_and(|a| a.iter().any(|i| i.to_string().contains('{')));
                prop_assert!(
                    ["exp", "aud", "iss", "sub"].iter().any(|n| top.get(*n).is_some_and(holds_object)),
                    "one-pass declined {}", json
                );
            }
        }
    }
}
