//! Reading a JOSE header's JSON into a [`Header`], with `alg` still a string.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::names::DUPLICATE;
use super::skip::StrictValue;
use crate::header::{Header, JWT};

/// The header as parsed, before `alg` is typed. Borrowing `alg` avoids an allocation.
pub(crate) struct RawHeader<'a> {
    pub(crate) alg: Option<Cow<'a, str>>,
    pub(crate) header: Header,
    /// `crit` is present but not an array of strings.
    pub(crate) bad_crit: bool,
}

impl<'de> Deserialize<'de> for RawHeader<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_map(RawHeaderVisitor)
    }
}

struct RawHeaderVisitor;

/// A string that borrows from the input when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

fn set_once<T, E: de::Error>(
    slot: &mut Option<T>,
    value: T,
    name: &'static str,
) -> std::result::Result<(), E> {
    if slot.is_some() {
        let _ = name;
        return Err(E::custom(DUPLICATE));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de> Visitor<'de> for RawHeaderVisitor {
    type Value = RawHeader<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a jose header object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut alg = None;
        let mut header = Header::empty();
        let mut bad_crit = false;
        while let Some(Str(key)) = map.next_key::<Str<'de>>()? {
            match key.as_ref() {
                "alg" => set_once(&mut alg, map.next_value::<Str<'de>>()?.0, "alg")?,
                "typ" => {
                    let Str(typ) = map.next_value::<Str<'de>>()?;
                    let typ = if typ == JWT {
                        Cow::Borrowed(JWT)
                    } else {
                        Cow::Owned(typ.into_owned())
                    };
                    set_once(&mut header.typ, typ, "typ")?;
                }
                "cty" => set_once(&mut header.cty, map.next_value()?, "cty")?,
                "kid" => set_once(&mut header.kid, map.next_value()?, "kid")?,
                "crit" => {
                    // Any JSON type is read, so a `crit` that is not a list of strings is the
                    // same `InvalidCritical` as any other broken `crit`, not a parser error.
                    let StrictValue(value) = map.next_value()?;
                    let list = serde_json::from_value::<Vec<String>>(value);
                    bad_crit = list.is_err();
                    set_once(&mut header.crit, list.unwrap_or_default(), "crit")?;
                }
                _ => {
                    let StrictValue(value) = map.next_value()?;
                    if header.extra.insert(key.into_owned(), value).is_some() {
                        return Err(de::Error::custom(DUPLICATE));
                    }
                }
            }
        }
        Ok(RawHeader {
            alg,
            header,
            bad_crit,
        })
    }
}
