//! A JSON value kept from the input so that it can be read twice: once by the registered-claims
//! reader (or the required-claims check) and once by the caller's claims type. Only the values
//! of registered and required top-level members are captured; everything else streams.
//!
//! Replaying calls the same `visit_*` methods `serde_json` would have called for the value,
//! so the caller's `Deserialize` sees no difference. Objects are captured with their member
//! names checked for duplicates.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{
    BorrowedStrDeserializer, CowStrDeserializer, MapDeserializer, StrDeserializer,
};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};

use super::names::{Name, SeenNames};

/// A JSON value, borrowing strings from the input where it can.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Captured<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'de, str>),
    Seq(Vec<Captured<'de>>),
    /// Members in document order; names are unique.
    Map(Vec<(Cow<'de, str>, Captured<'de>)>),
}

impl Captured<'_> {
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Captured::Null)
    }
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
        f.write_str("any json value")
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
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Captured::Str(Cow::Owned(v)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = SeenNames::new();
        let mut members = Vec::new();
        while let Some(Name(name)) = map.next_key::<Name<'de>>()? {
            seen.insert(&name)?;
            members.push((name, map.next_value()?));
        }
        Ok(Captured::Map(members))
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

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Replay<'_, 'de, E> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
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
            Captured::Map(members) => {
                let mut map = MapDeserializer::new(members.iter().map(|(name, value)| {
                    (
                        CowStrDeserializer::<E>::new(name.clone()),
                        Replay::new(value),
                    )
                }));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
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
        // As in `serde_json`: a string names a unit variant, an object with one member is
        // a variant with content.
        match self.value {
            Captured::Str(Cow::Borrowed(v)) => {
                visitor.visit_enum(BorrowedStrDeserializer::<E>::new(v))
            }
            Captured::Str(Cow::Owned(v)) => visitor.visit_enum(StrDeserializer::<E>::new(v)),
            Captured::Map(members) if members.len() == 1 => {
                let (name, value) = &members[0];
                visitor.visit_enum(ReplayEnum {
                    name,
                    value,
                    error: PhantomData,
                })
            }
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Other("json value"),
                &"a string or an object with one member",
            )),
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

/// A variant with content, replayed from a one-member object.
struct ReplayEnum<'c, 'de, E> {
    name: &'c Cow<'de, str>,
    value: &'c Captured<'de>,
    error: PhantomData<E>,
}

impl<'c, 'de, E: de::Error> EnumAccess<'de> for ReplayEnum<'c, 'de, E> {
    type Error = E;
    type Variant = Replay<'c, 'de, E>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), E> {
        let variant = seed.deserialize(CowStrDeserializer::<E>::new(self.name.clone()))?;
        Ok((variant, Replay::new(self.value)))
    }
}

impl<'de, E: de::Error> VariantAccess<'de> for Replay<'_, 'de, E> {
    type Error = E;

    fn unit_variant(self) -> Result<(), E> {
        de::Deserialize::deserialize(self)
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, E> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
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
    fn objects_are_captured_strictly_and_replay_as_read() {
        for json in [r#"{"a":1,"b":[{"c":null}]}"#, r#"[{"a":{}}]"#, "{}"] {
            let captured: Captured<'_> = serde_json::from_str(json).unwrap();
            let direct: Value = serde_json::from_str(json).unwrap();
            assert_eq!(replay::<Value>(&captured).unwrap(), direct, "{json}");
        }
        assert!(serde_json::from_str::<Captured<'_>>(r#"{"a":1,"a":2}"#).is_err());
        assert!(serde_json::from_str::<Captured<'_>>(r#"[{"a":{"b":1,"b":1}}]"#).is_err());
    }

    #[test]
    fn variants_with_content_replay_from_objects() {
        #[derive(Deserialize, Debug, PartialEq)]
        enum Shape {
            Unit,
            Newtype(u8),
            Tuple(u8, String),
            Struct { x: bool },
        }
        for json in [
            r#""Unit""#,
            r#"{"Newtype":7}"#,
            r#"{"Tuple":[1,"s"]}"#,
            r#"{"Struct":{"x":true}}"#,
            r#""Un\u0069t""#,
        ] {
            let captured: Captured<'_> = serde_json::from_str(json).unwrap();
            let direct: Shape = serde_json::from_str(json).unwrap();
            assert_eq!(replay::<Shape>(&captured).unwrap(), direct, "{json}");
        }
        let two: Captured<'_> = serde_json::from_str(r#"{"Newtype":7,"Unit":null}"#).unwrap();
        assert!(replay::<Shape>(&two).is_err());
    }
}
