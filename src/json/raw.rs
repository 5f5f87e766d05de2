//! `RawValue`s, checked: `serde_json` copies a raw value's text without visiting it, so its
//! member names are checked here before the text is handed over.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::skip::Skip;

/// Wraps the visitor of a `RawValue`: `serde_json` hands it the raw text of the value as the
/// value of a one-member map, unvisited. The text is checked for duplicate names on its own
/// (linear in its length, and only this value's text) and then handed over unchanged.
pub(crate) struct RawCheck<V>(pub(crate) V);

impl<'de, V: Visitor<'de>> Visitor<'de> for RawCheck<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(RawCheckMap(map))
    }
}

struct RawCheckMap<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RawCheckMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(RawCheckSeed(seed))
    }
}

struct RawCheckSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for RawCheckSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_str(RawCheckText(self.0))
    }
}

struct RawCheckText<S>(S);

impl<S> RawCheckText<S> {
    fn check<E: de::Error>(text: &str) -> Result<(), E> {
        serde_json::from_str::<Skip>(text)
            .map(drop)
            .map_err(|e| E::custom(super::root_message(&e)))
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for RawCheckText<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("raw json text")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<S::Value, E> {
        Self::check(text)?;
        self.0
            .deserialize(serde::de::value::BorrowedStrDeserializer::new(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<S::Value, E> {
        Self::check(text)?;
        self.0
            .deserialize(serde::de::value::StrDeserializer::new(text))
    }
}
