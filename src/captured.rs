//! A small JSON value kept from the input so that it can be read twice: once by the strict
//! registered-claims reader and once by the caller's claims type.
//!
//! Only what a registered claim may legitimately hold is kept: scalars and arrays of them.
//! An object makes capturing fail, which sends the caller to the two-pass path (an object is
//! a wrong type for every registered claim, so that path reports it).
//!
//! Replaying calls the same `visit_*` methods `serde_json` would have called for the value,
//! so the caller's `Deserialize` sees no difference.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A scalar or array JSON value, borrowing strings from the input where it can.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Captured<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'de, str>),
    Seq(Vec<Captured<'de>>),
}

impl<'de> Deserialize<'de> for Captured<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CaptureVisitor)
    }
}

struct CaptureVisitor;

impl<'de> Visitor<'de> for CaptureVisitor {
    type Value = Captured<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a json scalar or array")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Captured::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Captured::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Captured::U64(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Captured::I64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Captured::F64(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Captured::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Captured::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Captured::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom("objects are read by the two-pass path"))
    }
}

/// Replays a [`Captured`] value into any `Deserialize`, with the error type `E` of the
/// deserializer it came from.
pub(crate) struct Replay<'c, 'de, E> {
    value: &'c Captured<'de>,
    error: PhantomData<E>,
}

impl<'c, 'de, E> Replay<'c, 'de, E> {
    pub(crate) fn new(value: &'c Captured<'de>) -> Self {
        Replay {
            value,
            error: PhantomData,
        }
    }
}

impl<'de, E: de::Error> Deserializer<'de> for Replay<'_, 'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Captured::Null => visitor.visit_unit(),
            Captured::Bool(v) => visitor.visit_bool(*v),
            Captured::U64(v) => visitor.visit_u64(*v),
            Captured::I64(v) => visitor.visit_i64(*v),
            Captured::F64(v) => visitor.visit_f64(*v),
            Captured::Str(Cow::Borrowed(v)) => visitor.visit_borrowed_str(v),
            // `serde_json` hands out unescaped strings as short-lived `&str` too.
            Captured::Str(Cow::Owned(v)) => visitor.visit_str(v),
            Captured::Seq(items) => visitor.visit_seq(ReplaySeq {
                items: items.iter(),
                error: PhantomData,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Captured::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        // A string names a unit variant, as in `serde_json`; anything else is left to the
        // two-pass path.
        match self.value {
            Captured::Str(Cow::Borrowed(v)) => {
                visitor.visit_enum(BorrowedStrDeserializer::<E>::new(v))
            }
            _ => Err(de::Error::custom("enums are read by the two-pass path")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

struct ReplaySeq<'c, 'de, E> {
    items: std::slice::Iter<'c, Captured<'de>>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> SeqAccess<'de> for ReplaySeq<'_, 'de, E> {
    type Error = E;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, E> {
        self.items
            .next()
            .map(|item| seed.deserialize(Replay::new(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::Value;

    use super::*;

    fn replay<'de, T: Deserialize<'de>>(captured: &Captured<'de>) -> Result<T, serde_json::Error> {
        T::deserialize(Replay::<serde_json::Error>::new(captured))
    }

    #[test]
    fn replays_as_serde_json_reads() {
        for json in [
            "null",
            "true",
            "7",
            "-7",
            "1.5",
            "1e300",
            r#""plain""#,
            r#""esc\u0061ped""#,
            r#"["a",1,[2,null]]"#,
        ] {
            let captured: Captured<'_> = serde_json::from_str(json).unwrap();
            let direct: Value = serde_json::from_str(json).unwrap();
            assert_eq!(replay::<Value>(&captured).unwrap(), direct, "{json}");
            let direct: Option<Value> = serde_json::from_str(json).unwrap();
            assert_eq!(
                replay::<Option<Value>>(&captured).unwrap(),
                direct,
                "{json}"
            );
        }
    }

    #[test]
    fn borrowed_strings_stay_borrowed_and_types_still_matter() {
        let captured: Captured<'_> = serde_json::from_str(r#""abc""#).unwrap();
        assert_eq!(replay::<&str>(&captured).unwrap(), "abc");
        assert!(replay::<i64>(&captured).is_err());
        let escaped: Captured<'_> = serde_json::from_str(r#""a\nb""#).unwrap();
        assert!(replay::<&str>(&escaped).is_err());
        assert!(serde_json::from_str::<&str>(r#""a\nb""#).is_err());
        assert_eq!(replay::<String>(&escaped).unwrap(), "a\nb");
        let big: Captured<'_> = serde_json::from_str("300").unwrap();
        assert!(replay::<u8>(&big).is_err());
        assert_eq!(replay::<Value>(&big).unwrap(), serde_json::json!(300));
        assert!(replay::<f64>(&big).is_ok());
    }

    #[test]
    fn unit_variants_replay_from_strings() {
        #[derive(Deserialize, Debug, PartialEq)]
        enum Issuer {
            Internal,
        }
        let captured: Captured<'_> = serde_json::from_str(r#""Internal""#).unwrap();
        assert_eq!(replay::<Issuer>(&captured).unwrap(), Issuer::Internal);
    }

    #[test]
    fn objects_are_not_captured() {
        assert!(serde_json::from_str::<Captured<'_>>(r#"{"a":1}"#).is_err());
        assert!(serde_json::from_str::<Captured<'_>>(r#"[{"a":1}]"#).is_err());
    }
}
