//! Values read only to check them ([`Skip`]) or to keep them as a `serde_json::Value`
//! ([`StrictValue`]), refusing duplicate member names at every depth either way.
//!
//! `serde_json` keeps the last of two members with the same name when it builds a `Value`,
//! and its `IgnoredAny` never looks at names at all.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::names::{Name, SeenNames, DUPLICATE};

/// Skips any JSON value, refusing duplicate member names at every depth.
pub(crate) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

/// The visitor of [`Skip`].
pub(crate) struct SkipVisitor;

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
        let mut seen = SeenNames::new();
        while let Some(Name(key)) = map.next_key::<Name<'de>>()? {
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
        while let Some(Name(key)) = map.next_key::<Name<'de>>()? {
            let StrictValue(value) = map.next_value()?;
            if object.insert(key.into_owned(), value).is_some() {
                return Err(de::Error::custom(DUPLICATE));
            }
        }
        Ok(StrictValue(Value::Object(object)))
    }
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
}
