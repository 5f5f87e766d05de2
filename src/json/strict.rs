//! A deserializer adapter that refuses duplicate member names at every depth while the
//! caller's own `Deserialize` runs, and lets a [`Hook`] see the members of the top-level
//! object on the way through.
//!
//! This is how a payload is read in one pass: the caller's claims type is built, every object
//! at every depth has its names checked, and the hook copies out the registered claims. It
//! mirrors `serde_json` exactly for every kind of type, including integer map keys and
//! `RawValue` (whose text `serde_json` copies without visiting: the adapter checks it on its
//! own before handing it over).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use super::names::{Name, NameDeserializer, SeenNames};
use super::raw::RawCheck;
use super::skip::Skip;

/// The name `serde_json` gives its `RawValue` newtype: a raw value is copied out without being
/// visited, so its member names are checked by [`RawCheck`].
pub(crate) const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// Sees the members of the top-level object.
pub(crate) trait Hook<'de> {
    /// Called when the top-level value turns out to be an object.
    fn object(&mut self);

    /// Whether the value of the member `name` should go through [`Hook::value`].
    fn wants(&mut self, name: &str) -> bool;

    /// Reads the value of the member last wanted, and gives it to `seed` as well.
    ///
    /// # Errors
    /// Whatever reading the value or `seed` reports.
    fn value<A, S>(&mut self, map: &mut A, seed: S) -> Result<S::Value, A::Error>
    where
        A: MapAccess<'de>,
        S: DeserializeSeed<'de>;
}

/// The hook of every nested value: it wants nothing.
pub(crate) struct NoHook;

impl<'de> Hook<'de> for NoHook {
    fn object(&mut self) {}
    fn wants(&mut self, _: &str) -> bool {
        false
    }
    fn value<A, S>(&mut self, map: &mut A, seed: S) -> Result<S::Value, A::Error>
    where
        A: MapAccess<'de>,
        S: DeserializeSeed<'de>,
    {
        map.next_value_seed(StrictSeed(seed))
    }
}

/// Wraps a deserializer so that every object below it refuses duplicate member names.
pub(crate) struct Strict<'h, D, H> {
    de: D,
    hook: Option<&'h mut H>,
}

impl<'h, D, H> Strict<'h, D, H> {
    /// Wraps `de`; `hook`, if any, sees the members of the top-level object.
    pub(crate) fn new(de: D, hook: Option<&'h mut H>) -> Self {
        Strict { de, hook }
    }
}

pub(crate) fn plain<D>(de: D) -> Strict<'static, D, NoHook> {
    Strict { de, hook: None }
}

/// Forwards `deserialize_*` methods to the wrapped deserializer with a wrapped visitor.
macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method($($arg,)* StrictVisitor { inner: visitor, hook: self.hook })
        })*
    };
}

impl<'de, D: Deserializer<'de>, H: Hook<'de>> Deserializer<'de> for Strict<'_, D, H> {
    type Error = D::Error;

    forward_each_deserialize!(forward_deserialize);

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name == RAW_VALUE {
            return self.de.deserialize_newtype_struct(name, RawCheck(visitor));
        }
        self.de.deserialize_newtype_struct(
            name,
            StrictVisitor {
                inner: visitor,
                hook: self.hook,
            },
        )
    }

    /// `serde_json` skips an ignored value without looking at its member names; this one
    /// checks them, so a duplicate hidden in an ignored member is still refused.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        Skip::deserialize(self.de)?;
        visitor.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

struct StrictVisitor<'h, V, H> {
    inner: V,
    hook: Option<&'h mut H>,
}

/// Forwards `visit_*` methods that carry no nested value.
macro_rules! forward_visit {
    ($($method:ident($($ty:ty)?)),* $(,)?) => {
        $(fn $method<E: de::Error>(self $(, v: $ty)?) -> Result<Self::Value, E> {
            self.inner.$method($(v as $ty)?)
        })*
    };
}

impl<'de, V: Visitor<'de>, H: Hook<'de>> Visitor<'de> for StrictVisitor<'_, V, H> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
        visit_none(),
        visit_unit(),
    );

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_some(Strict::new(d, self.hook))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_newtype_struct(Strict::new(d, self.hook))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_seq(StrictSeq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<Self::Value, A::Error> {
        if let Some(hook) = self.hook.as_deref_mut() {
            hook.object();
        }
        self.inner.visit_map(StrictMap {
            map,
            seen: SeenNames::new(),
            hook: self.hook,
            wanted: false,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_enum(StrictEnum(data))
    }
}

struct StrictMap<'h, 'de, A, H> {
    map: A,
    seen: SeenNames<'de>,
    hook: Option<&'h mut H>,
    /// Whether the hook wants the value of the member whose name was just read.
    wanted: bool,
}

impl<'de, A: MapAccess<'de>, H: Hook<'de>> MapAccess<'de> for StrictMap<'_, 'de, A, H> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(Name(name)) = self.map.next_key::<Name<'de>>()? else {
            return Ok(None);
        };
        self.seen.insert(&name)?;
        self.wanted = self.hook.as_deref_mut().is_some_and(|h| h.wants(&name));
        seed.deserialize(NameDeserializer(name, PhantomData))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.hook.as_deref_mut() {
            Some(hook) if std::mem::take(&mut self.wanted) => hook.value(&mut self.map, seed),
            _ => self.map.next_value_seed(StrictSeed(seed)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

struct StrictSeq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for StrictSeq<A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.0.next_element_seed(StrictSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// A seed whose value is read through [`Strict`].
pub(crate) struct StrictSeed<S>(pub(crate) S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for StrictSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(plain(d))
    }
}

struct StrictEnum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for StrictEnum<A> {
    type Error = A::Error;
    type Variant = StrictVariant<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(seed)?;
        Ok((value, StrictVariant(variant)))
    }
}

struct StrictVariant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for StrictVariant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.0.newtype_variant_seed(StrictSeed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(
            len,
            StrictVisitor {
                inner: visitor,
                hook: None::<&mut NoHook>,
            },
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(
            fields,
            StrictVisitor {
                inner: visitor,
                hook: None::<&mut NoHook>,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::Value;

    use super::*;

    fn strict<'de, T: Deserialize<'de>>(json: &'de str) -> Result<T, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let value = T::deserialize(plain(&mut de))?;
        de.end()?;
        Ok(value)
    }

    #[derive(Deserialize, Debug, PartialEq)]
    enum Shape {
        Unit,
        Newtype(BTreeMap<String, u8>),
        Tuple(u8, BTreeMap<String, u8>),
        Struct { inner: BTreeMap<String, u8> },
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Claims<'a> {
        sub: &'a str,
        #[serde(default)]
        maybe: Option<BTreeMap<String, u8>>,
        list: Vec<BTreeMap<String, u8>>,
        shape: Shape,
        #[serde(flatten)]
        rest: BTreeMap<String, Value>,
    }

    const GOOD: &str = r#"{"sub":"s","maybe":{"a":1},"list":[{"b":2}],"shape":{"Tuple":[1,{"c":3}]},"x":{"y":[{"z":null}]}}"#;

    #[test]
    fn accepts_what_serde_json_accepts_with_the_same_result() {
        let direct: Claims<'_> = serde_json::from_str(GOOD).unwrap();
        assert_eq!(strict::<Claims<'_>>(GOOD).unwrap(), direct);
        for shape in [
            r#""Unit""#,
            r#"{"Newtype":{"a":1}}"#,
            r#"{"Struct":{"inner":{"a":1}}}"#,
        ] {
            let direct: Shape = serde_json::from_str(shape).unwrap();
            assert_eq!(strict::<Shape>(shape).unwrap(), direct);
        }
    }

    #[test]
    fn refuses_duplicates_that_serde_json_would_let_through() {
        for json in [
            r#"{"sub":"s","sub":"t","list":[],"shape":"Unit"}"#,
            r#"{"sub":"s","maybe":{"a":1,"a":2},"list":[],"shape":"Unit"}"#,
            r#"{"sub":"s","list":[{"b":1,"b":1}],"shape":"Unit"}"#,
            r#"{"sub":"s","list":[],"shape":{"Tuple":[1,{"c":1,"c":2}]}}"#,
            r#"{"sub":"s","list":[],"shape":{"Struct":{"inner":{"c":1,"c":2}}}}"#,
            r#"{"sub":"s","list":[],"shape":"Unit","x":{"y":1,"y":2}}"#,
            r#"{"sub":"s","list":[],"shape":"Unit","x":1,"\u0078":2}"#,
        ] {
            assert!(strict::<Claims<'_>>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn checks_values_the_caller_ignores() {
        #[derive(Deserialize)]
        struct OnlySub {
            #[allow(dead_code)]
            sub: String,
        }
        assert!(serde_json::from_str::<OnlySub>(r#"{"sub":"s","x":{"a":1,"a":2}}"#).is_ok());
        assert!(strict::<OnlySub>(r#"{"sub":"s","x":{"a":1,"a":2}}"#).is_err());
        assert!(strict::<OnlySub>(r#"{"sub":"s","x":{"a":1,"b":[{"c":{}}]}}"#).is_ok());
        assert!(strict::<de::IgnoredAny>(r#"[{"a":1,"a":2}]"#).is_err());
    }

    #[test]
    fn raw_values_are_checked_and_handed_over_unchanged() {
        #[derive(Deserialize)]
        struct Raw<'a> {
            #[serde(borrow)]
            x: &'a serde_json::value::RawValue,
            y: Box<serde_json::value::RawValue>,
        }
        let json = r#"{"x":{"a":[1, {"b":2}]},"y":"s"}"#;
        let raw = strict::<Raw<'_>>(json).unwrap();
        assert_eq!(raw.x.get(), r#"{"a":[1, {"b":2}]}"#);
        assert_eq!(raw.y.get(), r#""s""#);
        for json in [
            r#"{"x":{"a":1,"a":2},"y":1}"#,
            r#"{"x":1,"y":[{"b":{"c":1,"c":1}}]}"#,
        ] {
            assert!(serde_json::from_str::<Raw<'_>>(json).is_ok());
            let err = strict::<Raw<'_>>(json).err().unwrap();
            assert!(
                err.to_string().starts_with(super::super::names::DUPLICATE),
                "{err}"
            );
        }
    }

    #[test]
    fn numeric_map_keys_read_as_serde_json_reads_them() {
        type Keys = BTreeMap<i32, u8>;
        for json in [r#"{"1":1,"-20":2}"#, "{}"] {
            assert_eq!(
                strict::<Keys>(json).unwrap(),
                serde_json::from_str::<Keys>(json).unwrap()
            );
        }
        for json in [
            r#"{"+1":1}"#,
            r#"{"01":1}"#,
            r#"{"x":1}"#,
            r#"{" 1":1}"#,
            r#"{"1":1,"1":2}"#,
        ] {
            assert!(strict::<Keys>(json).is_err(), "{json}");
        }
        let floats: BTreeMap<String, u8> = strict(r#"{"1.5":1}"#).unwrap();
        assert_eq!(floats.len(), 1);
        let bools: std::collections::HashMap<bool, u8> = strict(r#"{"true":1,"false":0}"#).unwrap();
        assert_eq!(bools[&true], 1);
    }
}
