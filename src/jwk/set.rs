//! [`JwkSet`]: a JWK Set document (RFC 7517 §5), parsed entry by entry.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::Jwk;
use crate::error::{echo, KeyError};
use crate::json::reason;

/// A JWK Set (RFC 7517 §5): `{"keys": [...]}`.
///
/// Parsing is strict overall and per entry, but one bad entry does not fail the set: the
/// document must be a JSON object with a `keys` array, and each entry is then parsed on its
/// own, as strictly as [`Jwk::from_json`] (duplicate member names refused at every depth). An
/// entry that is not a JWK, including one that is not even acceptable JSON (nesting too deep,
/// a number out of range, a lone surrogate), is skipped and reported by [`JwkSet::skipped`]
/// (RFC 7517 §5: "implementations SHOULD ignore JWKs within a JWK Set that use […] values
/// that they do not understand").
///
/// ```
/// use jwtcraft::JwkSet;
/// let set = JwkSet::from_json(r#"{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"1"},{"kty":42}]}"#)?;
/// assert_eq!(set.keys().len(), 1);
/// assert_eq!(set.skipped().len(), 1);
/// assert!(JwkSet::from_json(r#"{"keys":{}}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    /// For each of `keys`, its position in the document's `keys` array.
    positions: Vec<usize>,
    skipped: Vec<SkippedKey>,
}

/// A key left out of a set, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedKey {
    /// Position of the key in the set's `keys` array.
    pub index: usize,
    /// Its `kid`, if it had a readable one (cut and escaped like other text from the input).
    pub kid: Option<String>,
    /// Why it was left out. Never quotes key material.
    pub reason: String,
}

/// The document's shape: an object whose `keys` member is an array, each entry kept as raw
/// text so that the strict parse of one entry cannot fail the others. Skipping raw text does
/// not apply `serde_json`'s depth limit, number range or surrogate checks; the per-entry
/// parse does. Hand-written because a derived struct would also accept a JSON array
/// (`[[...]]`) in place of the object.
struct Document<'a> {
    keys: Vec<&'a RawValue>,
}

impl<'de> Deserialize<'de> for Document<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Document<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a jwk set object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document<'de>, A::Error> {
                let mut keys = None;
                while let Some(name) = map.next_key::<Cow<'de, str>>()? {
                    if name != "keys" {
                        // RFC 7517 §5: members that are not understood are ignored.
                        map.next_value::<IgnoredAny>()?;
                    } else if keys.is_some() {
                        return Err(de::Error::duplicate_field("keys"));
                    } else {
                        keys = Some(map.next_value()?);
                    }
                }
                let keys = keys.ok_or_else(|| de::Error::missing_field("keys"))?;
                Ok(Document { keys })
            }
        }
        d.deserialize_map(V)
    }
}

/// Only the `kid` of an entry that failed, for the report; every other member is skipped
/// without being judged.
#[derive(Deserialize)]
struct KidOnly {
    kid: String,
}

impl JwkSet {
    /// An empty set.
    pub fn new() -> Self {
        JwkSet::default()
    }

    /// Parses a JWK Set document, skipping (and recording) entries that are not JWKs.
    ///
    /// # Errors
    /// [`KeyError::JwkJson`] if the document is not JSON, not an object, or has no `keys`
    /// array (or two of them). A bad entry is never an error.
    pub fn from_json(json: &str) -> Result<Self, KeyError> {
        let document: Document<'_> = serde_json::from_str(json).map_err(|err| {
            KeyError::JwkJson(format!(
                "a jwk set must be an object with a keys array: {}",
                reason(&err)
            ))
        })?;
        let mut set = JwkSet::new();
        for (index, entry) in document.keys.iter().enumerate() {
            match Jwk::parse_strict(entry.get()) {
                Ok(jwk) => {
                    set.keys.push(jwk);
                    set.positions.push(index);
                }
                Err(err) => set.skipped.push(SkippedKey {
                    index,
                    kid: serde_json::from_str::<KidOnly>(entry.get())
                        .ok()
                        .map(|k| echo(&k.kid)),
                    reason: format!("not a valid jwk: {}", reason(&err)),
                }),
            }
        }
        Ok(set)
    }

    /// Adds a key.
    #[must_use]
    pub fn with_key(mut self, jwk: Jwk) -> Self {
        self.positions.push(self.keys.len() + self.skipped.len());
        self.keys.push(jwk);
        self
    }

    /// The keys that parsed.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The keys that parsed, each with its position in the document's `keys` array.
    pub(crate) fn keys_with_positions(&self) -> impl Iterator<Item = (usize, &Jwk)> {
        self.positions.iter().copied().zip(&self.keys)
    }

    /// The entries that did not parse.
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// The key with this `kid`, if any.
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|k| k.key_id() == Some(kid))
    }

    /// The JSON document to publish: public members only, symmetric keys left out.
    pub fn to_public_json(&self) -> String {
        let keys: Vec<Jwk> = self.keys.iter().filter_map(Jwk::to_public).collect();
        serde_json::json!({ "keys": keys }).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EC: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"good"}"#;

    /// The set with `bad` between two good entries: both good entries load, `bad` is skipped
    /// at index 1 with this reason.
    #[track_caller]
    fn skipped_between_good_entries(bad: &str) -> SkippedKey {
        let set = JwkSet::from_json(&format!(r#"{{"keys":[{EC},{bad},{EC}]}}"#))
            .unwrap_or_else(|e| panic!("{bad}: {e}"));
        assert_eq!(set.keys().len(), 2, "{bad}");
        assert_eq!(set.positions, [0, 2]);
        assert_eq!(set.skipped().len(), 1, "{bad}");
        let skipped = set.skipped()[0].clone();
        assert_eq!(skipped.index, 1);
        assert!(
            skipped.reason.starts_with("not a valid jwk: "),
            "{skipped:?}"
        );
        skipped
    }

    #[test]
    fn an_entry_with_duplicate_members_is_skipped_not_collapsed() {
        // Before: parsed through `serde_json::Value`, the last `x` won and the entry loaded.
        let dup = EC.replacen(r#""kid":"good""#, r#""kid":"dup","x":"AAAA""#, 1);
        let skipped = skipped_between_good_entries(&dup);
        assert!(skipped.reason.contains("duplicate"), "{skipped:?}");
        assert_eq!(skipped.kid.as_deref(), Some("dup"));
        // Also below the top level, and in members this crate does not read.
        let nested = r#"{"kty":"oct","kid":"n","k":"AAAA","x5c":[{"a":1,"a":2}]}"#;
        let skipped = skipped_between_good_entries(nested);
        assert_eq!(skipped.kid.as_deref(), Some("n"));
        assert!(Jwk::from_json(nested).is_err());
        assert!(Jwk::from_json(&dup).is_err());
    }

    #[test]
    fn an_entry_that_is_not_acceptable_json_is_skipped_not_fatal() {
        // Before: each of these failed the whole set with "must be a json object with a keys
        // array", although the document has exactly that shape.
        let deep = format!(
            r#"{{"kty":"oct","kid":"deep","x":{}1{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        for (bad, reason) in [
            (deep.as_str(), "recursion limit"),
            (
                r#"{"kty":"oct","kid":"big","k":"AAAA","n":1e400}"#,
                "number out of range",
            ),
            (r#"{"kty":"oct","kid":"sur","k":"\ud800"}"#, "escape"),
            (r#"{"kty":"oct","kid":"sur","k":"\udc00"}"#, "surrogate"),
        ] {
            let skipped = skipped_between_good_entries(bad);
            assert!(skipped.reason.contains(reason), "{skipped:?}");
            assert!(skipped.kid.is_some(), "{skipped:?}");
        }
    }

    #[test]
    fn only_a_document_without_a_keys_array_fails_as_a_whole() {
        for doc in [
            "",
            "not json",
            "[]",
            // A derived struct would read these arrays as `{"keys": [...]}`.
            "[[]]",
            r#"[[{"kty":"oct","k":"AAAA"}]]"#,
            "{}",
            r#"{"keys":null}"#,
            r#"{"keys":{}}"#,
            r#"{"keys":[],"keys":[]}"#,
            r#"{"keys":[{}"#,
            r#"{"keys":[]} trailing"#,
        ] {
            let err = JwkSet::from_json(doc).unwrap_err();
            assert!(matches!(err, KeyError::JwkJson(_)), "{doc}: {err:?}");
            assert_eq!(err.code(), "key.jwk_json");
        }
        // Other top-level members are ignored, as RFC 7517 §5 asks.
        let set = JwkSet::from_json(r#"{"keys":[],"x":[[[{"a":1e999}]]]}"#).unwrap();
        assert!(set.keys().is_empty() && set.skipped().is_empty());
    }

    #[test]
    fn document_errors_cut_and_escape_the_input() {
        let long = "\u{1}".repeat(500);
        let err = JwkSet::from_json(&format!(r#"{{"keys":"{long}"}}"#)).unwrap_err();
        let text = err.to_string();
        assert!(text.is_ascii() && !text.contains('\u{1}'), "{text}");
        assert!(text.len() < 500, "{text}");
    }
}
