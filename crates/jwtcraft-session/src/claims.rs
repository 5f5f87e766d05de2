//! [`AccessClaims`]: what a verified access token says, and how one is minted.

use jwtcraft::{encode, Header, NumericDate, Signer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::SessionError;
use crate::store::FamilyId;

/// The `typ` header of access tokens (RFC 9068 §2.1): a JWT signed by the same key for
/// another purpose (an ID token, a refresh token of some other scheme) is not an access
/// token here.
pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";

/// Claim names the manager sets itself; extra claims may not use them.
pub const RESERVED_CLAIMS: [&str; 5] = ["sub", "iat", "exp", "jti", "fid"];

/// The claims of a verified access token: the registered ones the manager sets, the family
/// id, and the caller's extra claims as `C` (by default, a JSON map of whatever else the
/// token holds).
///
/// On the wire: `{"sub", "iat", "exp", "jti", "fid", ...extra}`.
///
/// ```
/// use jwtcraft_session::AccessClaims;
/// let claims: AccessClaims = serde_json::from_str(
///     r#"{"sub":"ada","iat":1,"exp":2,"jti":"j","fid":"AAAAAAAAAAAAAAAAAAAAAA","scope":"x"}"#,
/// )?;
/// assert_eq!((claims.subject.as_str(), claims.extra["scope"].as_str()), ("ada", Some("x")));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccessClaims<C = Map<String, Value>> {
    /// `sub`: whom the session belongs to.
    #[serde(rename = "sub")]
    pub subject: String,
    /// `iat`: when this access token was minted.
    #[serde(rename = "iat")]
    pub issued_at: NumericDate,
    /// `exp`: when it expires.
    #[serde(rename = "exp")]
    pub expires_at: NumericDate,
    /// `jti`: its id, for [`revoke_access`](crate::SessionManager::revoke_access).
    #[serde(rename = "jti")]
    pub jwt_id: String,
    /// `fid`: the session family, for [`logout`](crate::SessionManager::logout).
    #[serde(rename = "fid", with = "family_id")]
    pub family: FamilyId,
    /// Everything else: the extra claims given at login.
    #[serde(flatten)]
    pub extra: C,
}

mod family_id {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use crate::store::FamilyId;

    pub(super) fn serialize<S: Serializer>(id: &FamilyId, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(id.as_str())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<FamilyId, D::Error> {
        let text = String::deserialize(d)?;
        FamilyId::parse(&text).ok_or_else(|| D::Error::custom("invalid family id"))
    }
}

/// Checks login's extra claims and returns them as JSON object text (`None` if empty).
pub(crate) fn extra_to_text(extra: &impl Serialize) -> Result<Option<String>, SessionError> {
    let value = serde_json::to_value(extra).map_err(|_| SessionError::InvalidClaims)?;
    let map = match value {
        Value::Object(map) => map,
        Value::Null => return Ok(None),
        _ => return Err(SessionError::InvalidClaims),
    };
    if RESERVED_CLAIMS.iter().any(|name| map.contains_key(*name)) {
        return Err(SessionError::InvalidClaims);
    }
    if map.is_empty() {
        return Ok(None);
    }
    serde_json::to_string(&map)
        .map(Some)
        .map_err(|_| SessionError::InvalidClaims)
}

/// What goes into one access token.
pub(crate) struct Mint<'a> {
    pub(crate) subject: &'a str,
    pub(crate) extra: Option<&'a str>,
    pub(crate) family: &'a FamilyId,
    pub(crate) now: NumericDate,
    pub(crate) expires_at: NumericDate,
}

/// Signs an access token; returns it and its `jti`.
pub(crate) fn mint(
    signer: &(impl Signer + ?Sized),
    m: &Mint<'_>,
) -> Result<(String, String), SessionError> {
    let jti = random_id()?;
    let mut claims = match m.extra {
        // Checked at login and stored by us; a store returning something else is corrupt.
        Some(text) => serde_json::from_str::<Map<String, Value>>(text)
            .map_err(|_| SessionError::InvalidClaims)?,
        None => Map::new(),
    };
    claims.insert("sub".into(), m.subject.into());
    claims.insert("iat".into(), m.now.as_unix_seconds().into());
    claims.insert("exp".into(), m.expires_at.as_unix_seconds().into());
    claims.insert("jti".into(), jti.clone().into());
    claims.insert("fid".into(), m.family.as_str().into());
    let header = Header::new().with_type(ACCESS_TOKEN_TYPE);
    let token = encode(&header, &claims, signer).map_err(SessionError::Signing)?;
    Ok((token, jti))
}

/// 128 random bits as 22 base64url characters (a `jti`).
fn random_id() -> Result<String, SessionError> {
    use base64::Engine as _;
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| SessionError::Random)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}
