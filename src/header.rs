//! The JOSE header (RFC 7515 §4).
//!
//! [`Header`] holds what the caller may choose: `typ`, `cty`, `kid`, `crit` and extra
//! parameters. It has no `alg` field: on encode the [`Signer`](crate::Signer) writes its own
//! algorithm, and on decode the algorithm is reported separately, already checked.
//!
//! Header parameters such as `jwk`, `jku`, `x5u` and `x5c` are kept as plain data and never
//! used to find or trust a key: a token cannot bring its own key.

use std::borrow::Cow;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::alg::Algorithm;
use crate::error::{HeaderError, Result};

/// Header parameter names registered by RFC 7515/7516, which `crit` may not list and which
/// cannot be set as extra parameters.
const REGISTERED: [&str; 13] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip",
];

/// The `typ` almost every token carries (RFC 7519 §5.1).
pub(crate) const JWT: &str = "JWT";

/// The caller-controlled part of a JOSE header.
///
/// ```
/// use jwtcraft::Header;
/// let header = Header::new().with_key_id("2026-11").with_content_type("JWT");
/// assert_eq!(header.token_type(), Some("JWT"));
/// assert_eq!(header.key_id(), Some("2026-11"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// `Cow` so the ubiquitous `"JWT"` costs no allocation when a token is decoded.
    pub(crate) typ: Option<Cow<'static, str>>,
    pub(crate) cty: Option<String>,
    pub(crate) kid: Option<String>,
    pub(crate) crit: Option<Vec<String>>,
    pub(crate) extra: Map<String, Value>,
}

impl Default for Header {
    /// Same as [`Header::new`].
    fn default() -> Self {
        Header::new()
    }
}

impl Header {
    /// A header with `typ` set to `"JWT"` (RFC 7519 §5.1) and nothing else.
    pub fn new() -> Self {
        Header {
            typ: Some(Cow::Borrowed(JWT)),
            ..Header::empty()
        }
    }

    /// A header with no parameters at all; [`encode`](crate::encode) will write only `alg`
    /// (and the signer's `kid`, if it has one).
    pub fn empty() -> Self {
        Header {
            typ: None,
            cty: None,
            kid: None,
            crit: None,
            extra: Map::new(),
        }
    }

    /// Sets `typ`, the media type of the whole token (RFC 7515 §4.1.9).
    #[must_use]
    pub fn with_type(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(Cow::Owned(typ.into()));
        self
    }

    /// Removes `typ`.
    #[must_use]
    pub fn without_type(mut self) -> Self {
        self.typ = None;
        self
    }

    /// Sets `cty`, the media type of the payload (RFC 7515 §4.1.10).
    #[must_use]
    pub fn with_content_type(mut self, cty: impl Into<String>) -> Self {
        self.cty = Some(cty.into());
        self
    }

    /// Sets `kid`, the key id (RFC 7515 §4.1.4). When unset, [`encode`](crate::encode) uses
    /// the signer's key id.
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets `crit`, the extensions a recipient must understand (RFC 7515 §4.1.11). Each name
    /// must also be set with [`Header::with_extra`]; [`encode`](crate::encode) checks this.
    #[must_use]
    pub fn with_critical<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.crit = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Sets an extra (private or public) header parameter. Registered names are refused by
    /// [`encode`](crate::encode) with [`HeaderError::ReservedName`].
    #[must_use]
    pub fn with_extra(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(name.into(), value.into());
        self
    }

    /// `typ`, if present.
    pub fn token_type(&self) -> Option<&str> {
        self.typ.as_deref()
    }

    /// `cty`, if present.
    pub fn content_type(&self) -> Option<&str> {
        self.cty.as_deref()
    }

    /// `kid`, if present.
    pub fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// `crit`, if present.
    pub fn critical(&self) -> Option<&[String]> {
        self.crit.as_deref()
    }

    /// An extra parameter by name (anything but `alg`, `typ`, `cty`, `kid` and `crit`).
    pub fn extra(&self, name: &str) -> Option<&Value> {
        self.extra.get(name)
    }

    /// All extra parameters.
    pub fn extras(&self) -> &Map<String, Value> {
        &self.extra
    }

    /// Refuses extra parameters with registered names and a malformed `crit`.
    pub(crate) fn check_for_encode(&self) -> Result<(), HeaderError> {
        if self
            .extra
            .keys()
            .any(|name| REGISTERED.contains(&name.as_str()) || name == "b64")
        {
            return Err(HeaderError::ReservedName);
        }
        if let Some(crit) = &self.crit {
            check_crit_shape(crit, &self.extra).map_err(|_| HeaderError::InvalidCritical)?;
        }
        Ok(())
    }
}

/// The header as written: `alg` from the signer first, then the caller's parameters.
pub(crate) struct HeaderOut<'a> {
    pub(crate) alg: Algorithm,
    pub(crate) kid: Option<&'a str>,
    pub(crate) header: &'a Header,
}

impl Serialize for HeaderOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let h = self.header;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("alg", self.alg.name())?;
        if let Some(typ) = &h.typ {
            map.serialize_entry("typ", typ)?;
        }
        if let Some(cty) = &h.cty {
            map.serialize_entry("cty", cty)?;
        }
        if let Some(kid) = self.kid {
            map.serialize_entry("kid", kid)?;
        }
        if let Some(crit) = &h.crit {
            map.serialize_entry("crit", crit)?;
        }
        for (name, value) in &h.extra {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A `crit` list is well-formed if it is non-empty, has no duplicates, names no registered
/// parameter, and every name is present in the header (RFC 7515 §4.1.11).
pub(crate) fn check_crit_shape<'c>(
    crit: &'c [String],
    extra: &Map<String, Value>,
) -> std::result::Result<(), &'c str> {
    if crit.is_empty() {
        return Err("");
    }
    for (i, name) in crit.iter().enumerate() {
        if REGISTERED.contains(&name.as_str())
            || !extra.contains_key(name)
            || crit[..i].contains(name)
        {
            return Err(name);
        }
    }
    Ok(())
}

/// A header that nearly every issuer sends, known by its exact encoded form, so that decoding
/// it is a comparison and encoding it is a copy. The tests check each entry against the real
/// encoder and parser.
struct Common {
    encoded: &'static str,
    /// The JSON that `encoded` encodes; read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    json: &'static str,
    alg: Algorithm,
    /// Whether the header carries `"typ":"JWT"`.
    typ: bool,
    /// Whether `encode` writes exactly this form (`alg` first).
    ours: bool,
}

macro_rules! common {
    ($($encoded:literal = $json:literal: $alg:ident, typ $typ:literal, ours $ours:literal;)*) => {
        [$(Common { encoded: $encoded, json: $json, alg: Algorithm::$alg, typ: $typ, ours: $ours }),*]
    };
}

/// `alg` then `typ` (jwtcraft, `PyJWT`, `jose`), `typ` then `alg` (`jsonwebtoken`), `alg` alone,
/// for every algorithm name; HS256, RS256 and ES256 first because most tokens use them.
const COMMON: [Common; 42] = common! {
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"HS256","typ":"JWT"}"#: Hs256, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9" = r#"{"typ":"JWT","alg":"HS256"}"#: Hs256, typ true, ours false;
    "eyJhbGciOiJIUzI1NiJ9" = r#"{"alg":"HS256"}"#: Hs256, typ false, ours true;
    "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"RS256","typ":"JWT"}"#: Rs256, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9" = r#"{"typ":"JWT","alg":"RS256"}"#: Rs256, typ true, ours false;
    "eyJhbGciOiJSUzI1NiJ9" = r#"{"alg":"RS256"}"#: Rs256, typ false, ours true;
    "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"ES256","typ":"JWT"}"#: Es256, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9" = r#"{"typ":"JWT","alg":"ES256"}"#: Es256, typ true, ours false;
    "eyJhbGciOiJFUzI1NiJ9" = r#"{"alg":"ES256"}"#: Es256, typ false, ours true;
    "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9" = r#"{"alg":"HS384","typ":"JWT"}"#: Hs384, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzM4NCJ9" = r#"{"typ":"JWT","alg":"HS384"}"#: Hs384, typ true, ours false;
    "eyJhbGciOiJIUzM4NCJ9" = r#"{"alg":"HS384"}"#: Hs384, typ false, ours true;
    "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"HS512","typ":"JWT"}"#: Hs512, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9" = r#"{"typ":"JWT","alg":"HS512"}"#: Hs512, typ true, ours false;
    "eyJhbGciOiJIUzUxMiJ9" = r#"{"alg":"HS512"}"#: Hs512, typ false, ours true;
    "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCJ9" = r#"{"alg":"RS384","typ":"JWT"}"#: Rs384, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzM4NCJ9" = r#"{"typ":"JWT","alg":"RS384"}"#: Rs384, typ true, ours false;
    "eyJhbGciOiJSUzM4NCJ9" = r#"{"alg":"RS384"}"#: Rs384, typ false, ours true;
    "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"RS512","typ":"JWT"}"#: Rs512, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzUxMiJ9" = r#"{"typ":"JWT","alg":"RS512"}"#: Rs512, typ true, ours false;
    "eyJhbGciOiJSUzUxMiJ9" = r#"{"alg":"RS512"}"#: Rs512, typ false, ours true;
    "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"PS256","typ":"JWT"}"#: Ps256, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzI1NiJ9" = r#"{"typ":"JWT","alg":"PS256"}"#: Ps256, typ true, ours false;
    "eyJhbGciOiJQUzI1NiJ9" = r#"{"alg":"PS256"}"#: Ps256, typ false, ours true;
    "eyJhbGciOiJQUzM4NCIsInR5cCI6IkpXVCJ9" = r#"{"alg":"PS384","typ":"JWT"}"#: Ps384, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzM4NCJ9" = r#"{"typ":"JWT","alg":"PS384"}"#: Ps384, typ true, ours false;
    "eyJhbGciOiJQUzM4NCJ9" = r#"{"alg":"PS384"}"#: Ps384, typ false, ours true;
    "eyJhbGciOiJQUzUxMiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"PS512","typ":"JWT"}"#: Ps512, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzUxMiJ9" = r#"{"typ":"JWT","alg":"PS512"}"#: Ps512, typ true, ours false;
    "eyJhbGciOiJQUzUxMiJ9" = r#"{"alg":"PS512"}"#: Ps512, typ false, ours true;
    "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9" = r#"{"alg":"ES384","typ":"JWT"}"#: Es384, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzM4NCJ9" = r#"{"typ":"JWT","alg":"ES384"}"#: Es384, typ true, ours false;
    "eyJhbGciOiJFUzM4NCJ9" = r#"{"alg":"ES384"}"#: Es384, typ false, ours true;
    "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9" = r#"{"alg":"ES512","typ":"JWT"}"#: Es512, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzUxMiJ9" = r#"{"typ":"JWT","alg":"ES512"}"#: Es512, typ true, ours false;
    "eyJhbGciOiJFUzUxMiJ9" = r#"{"alg":"ES512"}"#: Es512, typ false, ours true;
    "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9" = r#"{"alg":"EdDSA","typ":"JWT"}"#: EdDsa, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9" = r#"{"typ":"JWT","alg":"EdDSA"}"#: EdDsa, typ true, ours false;
    "eyJhbGciOiJFZERTQSJ9" = r#"{"alg":"EdDSA"}"#: EdDsa, typ false, ours true;
    "eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0" = r#"{"alg":"Ed25519","typ":"JWT"}"#: Ed25519, typ true, ours true;
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZDI1NTE5In0" = r#"{"typ":"JWT","alg":"Ed25519"}"#: Ed25519, typ true, ours false;
    "eyJhbGciOiJFZDI1NTE5In0" = r#"{"alg":"Ed25519"}"#: Ed25519, typ false, ours true;
};

/// The longest encoded [`Common`] header: anything longer (a `kid`, say) skips the table.
const MAX_COMMON_LEN: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < COMMON.len() {
        if COMMON[i].encoded.len() > longest {
            longest = COMMON[i].encoded.len();
        }
        i += 1;
    }
    longest
};

/// The algorithm and header of a [`Common`] header, from its encoded form.
pub(crate) fn parse_common(encoded: &str) -> Option<(Algorithm, Header)> {
    if encoded.len() > MAX_COMMON_LEN {
        return None;
    }
    let common = COMMON.iter().find(|c| c.encoded == encoded)?;
    let header = if common.typ {
        Header::new()
    } else {
        Header::empty()
    };
    Some((common.alg, header))
}

/// The encoded form `encode` would write for `alg`, `header` and the effective `kid` (the
/// header's or the signer's), if it is a [`Common`] one.
pub(crate) fn encoded_common(
    alg: Algorithm,
    header: &Header,
    kid: Option<&str>,
) -> Option<&'static str> {
    let typ = match header.typ.as_deref() {
        None => false,
        Some(JWT) => true,
        Some(_) => return None,
    };
    if kid.is_some() || header.cty.is_some() || header.crit.is_some() || !header.extra.is_empty() {
        return None;
    }
    COMMON
        .iter()
        .find(|c| c.ours && c.alg == alg && c.typ == typ)
        .map(|c| c.encoded)
}

/// Refuses a `crit` extension that is not in `understood` (RFC 7515 §4.1.11).
pub(crate) fn check_critical(header: &Header, understood: &[String]) -> Result<(), HeaderError> {
    let unknown = header
        .crit
        .iter()
        .flatten()
        .find(|name| !understood.contains(name));
    match unknown {
        Some(name) => Err(HeaderError::unsupported_critical(name)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, MalformedError};
    use crate::json::parse_header as parse;

    fn parse_str(json: &str) -> Result<(Algorithm, Header)> {
        parse(json.as_bytes())
    }

    fn parse_checked(json: &str, understood: &[String]) -> Result<(Algorithm, Header)> {
        let (alg, header) = parse(json.as_bytes())?;
        check_critical(&header, understood)?;
        Ok((alg, header))
    }

    #[test]
    fn common_headers_match_the_encoder_and_the_parser() {
        for common in &COMMON {
            assert_eq!(crate::codec::encode(common.json.as_bytes()), common.encoded);
            let parsed = parse_str(common.json).unwrap();
            assert_eq!(
                parse_common(common.encoded),
                Some(parsed.clone()),
                "{}",
                common.json
            );
            let written = serde_json::to_string(&HeaderOut {
                alg: parsed.0,
                kid: None,
                header: &parsed.1,
            })
            .unwrap();
            assert_eq!(written == common.json, common.ours, "{}", common.json);
            if common.ours {
                assert_eq!(
                    encoded_common(parsed.0, &parsed.1, None),
                    Some(common.encoded)
                );
            }
        }
        for alg in Algorithm::ALL {
            let forms = COMMON.iter().filter(|c| c.alg == alg);
            assert_eq!(forms.count(), 3, "{alg:?} lacks a common header form");
        }
        assert!(COMMON.iter().all(|c| c.encoded.len() <= MAX_COMMON_LEN));
        assert_eq!(parse_common("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 "), None);
        assert_eq!(
            encoded_common(Algorithm::Hs256, &Header::new(), Some("k")),
            None
        );
        let other = Header::new().with_type("at+jwt");
        assert_eq!(encoded_common(Algorithm::Hs256, &other, None), None);
    }

    #[test]
    fn parses_registered_fields_and_extras() {
        let (alg, h) =
            parse_str(r#"{"alg":"ES256","typ":"JWT","kid":"k","cty":"x","x5t":"abc"}"#).unwrap();
        assert_eq!(alg, Algorithm::Es256);
        assert_eq!(h.token_type(), Some("JWT"));
        assert_eq!(h.key_id(), Some("k"));
        assert_eq!(h.content_type(), Some("x"));
        assert_eq!(h.extra("x5t"), Some(&Value::from("abc")));
    }

    #[test]
    fn alg_must_be_present_known_and_a_string() {
        assert!(matches!(
            parse_str(r#"{"typ":"JWT"}"#),
            Err(Error::Header(HeaderError::MissingAlgorithm))
        ));
        for alg in [
            "none", "None", "NONE", "nOnE", "hs256", "ES256K", "eddsa", "ED25519", "",
        ] {
            let json = format!(r#"{{"alg":"{alg}"}}"#);
            assert!(
                matches!(
                    parse_str(&json),
                    Err(Error::Header(HeaderError::UnsupportedAlgorithm(_)))
                ),
                "{alg}"
            );
        }
        assert!(matches!(
            parse_str(r#"{"alg":256}"#),
            Err(Error::Malformed(MalformedError::Json { .. }))
        ));
        assert!(matches!(
            parse_str(r#"{"alg":null}"#),
            Err(Error::Malformed(MalformedError::Json { .. }))
        ));
    }

    #[test]
    fn duplicate_parameters_are_refused() {
        for json in [
            r#"{"alg":"HS256","alg":"none"}"#,
            r#"{"alg":"HS256","kid":"a","kid":"b"}"#,
            r#"{"alg":"HS256","x":1,"x":2}"#,
        ] {
            assert!(parse_str(json).is_err(), "{json}");
        }
    }

    #[test]
    fn escaped_alg_is_understood() {
        let (alg, _) = parse_str(r#"{"alg":"HS\u0032\u00356"}"#).unwrap();
        assert_eq!(alg, Algorithm::Hs256);
    }

    #[test]
    fn crit_rules() {
        assert!(matches!(
            parse_checked(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &[]),
            Err(Error::Header(HeaderError::UnsupportedCritical(name))) if name == "exp"
        ));
        let understood = vec!["exp".to_owned()];
        assert!(parse_checked(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &understood).is_ok());
        // Listed but absent, empty, registered, duplicated, wrong type.
        for json in [
            r#"{"alg":"HS256","crit":["exp"]}"#,
            r#"{"alg":"HS256","crit":[]}"#,
            r#"{"alg":"HS256","crit":["alg"]}"#,
            r#"{"alg":"HS256","crit":["exp","exp"],"exp":1}"#,
            r#"{"alg":"HS256","crit":"exp","exp":1}"#,
        ] {
            assert!(
                matches!(
                    parse_checked(json, &understood),
                    Err(Error::Header(HeaderError::InvalidCritical))
                ),
                "{json}"
            );
        }
    }

    #[test]
    fn unencoded_payload_is_refused() {
        assert!(matches!(
            parse_str(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
            Err(Error::Header(HeaderError::UnsupportedParameter("b64")))
        ));
        assert!(matches!(
            parse_str(r#"{"alg":"HS256","b64":false}"#),
            Err(Error::Header(HeaderError::UnsupportedParameter("b64")))
        ));
    }

    #[test]
    fn non_object_headers_are_malformed() {
        for json in ["[]", "\"alg\"", "null", "{", "", "{\"alg\":\"HS256\"} x"] {
            assert!(
                matches!(parse_str(json), Err(Error::Malformed(_))),
                "{json:?}"
            );
        }
    }

    #[test]
    fn encode_checks_extras_and_crit() {
        assert!(Header::new()
            .with_extra("alg", "none")
            .check_for_encode()
            .is_err());
        assert!(Header::new()
            .with_extra("b64", false)
            .check_for_encode()
            .is_err());
        assert!(Header::new()
            .with_critical(["ext"])
            .check_for_encode()
            .is_err());
        assert!(Header::new()
            .with_critical(["ext"])
            .with_extra("ext", 1)
            .check_for_encode()
            .is_ok());
    }
}
