//! JSON helpers that are stricter than `serde_json`'s defaults.
//!
//! `serde_json` keeps the last of two members with the same name when it builds a `Value`,
//! and `IgnoredAny` never looks at names at all. Two parsers that resolve duplicates
//! differently can disagree about what a signed token says, so jwtcraft refuses duplicate
//! member names at every depth of the header and the claims.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::MAX_ECHO;

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'a>(pub(crate) Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// How many member names are remembered on the stack before spilling to the heap.
const INLINE_KEYS: usize = 16;

/// The member names seen so far in one object.
pub(crate) struct SeenKeys<'a> {
    inline: [Cow<'a, str>; INLINE_KEYS],
    len: usize,
    spill: Vec<Cow<'a, str>>,
}

impl<'a> SeenKeys<'a> {
    pub(crate) fn new() -> Self {
        SeenKeys {
            inline: [const { Cow::Borrowed("") }; INLINE_KEYS],
            len: 0,
            spill: Vec::new(),
        }
    }

    /// Records `key`, or fails if it was already seen. Takes the `Cow` so that a borrowed key
    /// stays a borrow (a cheap copy) instead of becoming an allocation.
    #[allow(clippy::ptr_arg)]
    pub(crate) fn insert<E: de::Error>(&mut self, key: &Cow<'a, str>) -> Result<(), E> {
        let seen = self.inline[..self.len].iter().chain(&self.spill);
        if seen.into_iter().any(|k| k == key) {
            return Err(E::custom("duplicate member name"));
        }
        if self.len < INLINE_KEYS {
            self.inline[self.len].clone_from(key);
            self.len += 1;
        } else {
            self.spill.push(key.clone());
        }
        Ok(())
    }
}

/// Skips any JSON value, refusing duplicate member names at every depth.
pub(crate) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any json value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        Skip::visit_entries(&mut map)?;
        Ok(Skip)
    }
}

impl Skip {
    /// Skips the remaining members of an object, refusing duplicate names.
    pub(crate) fn visit_entries<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
        let mut seen = SeenKeys::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            seen.insert(&key)?;
            map.next_value::<Skip>()?;
        }
        Ok(())
    }
}

/// A `serde_json::Value` built without tolerating duplicate member names.
pub(crate) struct StrictValue(pub(crate) Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictValueVisitor)
    }
}

struct StrictValueVisitor;

impl<'de> Visitor<'de> for StrictValueVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any json value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::String(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(StrictValue(Value::Array(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
        let mut object = Map::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let StrictValue(value) = map.next_value()?;
            if object.insert(key.into_owned(), value).is_some() {
                return Err(de::Error::custom("duplicate member name"));
            }
        }
        Ok(StrictValue(Value::Object(object)))
    }
}

/// A parser error as a message that repeats at most [`MAX_ECHO`] characters of any quoted
/// input (serde quotes offending strings with `"` and field names with `` ` ``).
pub(crate) fn reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let mut out = String::with_capacity(message.len().min(256));
    let mut quote: Option<char> = None;
    let mut quoted = 0usize;
    let mut escaped = false;
    for c in message.chars() {
        match quote {
            Some(q) if !escaped && c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => {
                escaped = !escaped && c == '\\';
                quoted += 1;
                if quoted <= MAX_ECHO {
                    out.push(c);
                } else if quoted == MAX_ECHO + 1 {
                    out.push('…');
                }
            }
            None => {
                if c == '"' || c == '`' {
                    quote = Some(c);
                    quoted = 0;
                    escaped = false;
                }
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_refuses_nested_duplicates() {
        for json in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":{"b":1,"b":2}}"#,
            r#"[{"b":1,"c":[{"d":1,"d":1}]}]"#,
            r#"{"a":1,"\u0061":2}"#,
        ] {
            assert!(serde_json::from_str::<Skip>(json).is_err(), "{json}");
        }
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        let many = many.join(",") + ",";
        assert!(serde_json::from_str::<Skip>(&format!("{{{many}\"k0\":1}}")).is_err());
        assert!(serde_json::from_str::<Skip>(&format!("{{{many}\"z\":1}}")).is_ok());
    }

    #[test]
    fn strict_value_refuses_duplicates_and_keeps_values() {
        assert!(serde_json::from_str::<StrictValue>(r#"{"m":{"x":1,"x":2}}"#).is_err());
        let StrictValue(v) =
            serde_json::from_str(r#"{"m":[1,-2,3.5,"s",null,true,{"x":{}}]}"#).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"m":[1,-2,3.5,"s",null,true,{"x":{}}]})
        );
    }

    #[test]
    fn reasons_cut_quoted_attacker_text() {
        let long = "Z".repeat(1000);
        let err = serde_json::from_str::<Vec<u8>>(&format!("\"{long}\"")).unwrap_err();
        let text = reason(&err);
        assert!(text.matches('Z').count() <= MAX_ECHO, "{text}");
        assert!(text.contains("line 1"), "{text}");
        let short = serde_json::from_str::<Vec<u8>>("\"abc\"").unwrap_err();
        assert_eq!(reason(&short), short.to_string());
    }
}
