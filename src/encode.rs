//! [`encode`]: issuing a token.

use serde::Serialize;

use crate::algorithm::Signer;
use crate::codec;
use crate::error::{EncodeError, HeaderError};
use crate::header::{self, Header, HeaderOut};

/// Signs `claims` with `signer` and returns the compact token.
///
/// The header's `alg` is the signer's algorithm; the caller cannot choose it. If `header` has
/// no `kid`, the signer's key id is used.
///
/// # Errors
/// [`EncodeError::Header`] for an extra parameter with a registered name
/// ([`HeaderError::ReservedName`]), a malformed `crit` ([`HeaderError::InvalidCritical`]), or
/// a `kid` that contradicts the signer's ([`HeaderError::KeyIdConflict`]);
/// [`EncodeError::Serialize`] if `claims` cannot be serialized and
/// [`EncodeError::ClaimsNotObject`] if they do not serialize to a JSON object; whatever the
/// signer reports.
///
/// ```
/// use jwtcraft::{encode, Header, Hs256Key, RegisteredClaims, NumericDate};
/// let key = Hs256Key::new(&[42u8; 32])?;
/// let claims = RegisteredClaims::new().with_subject("u1").expires_at(NumericDate::from_unix_seconds(2_000_000_000));
/// let token = encode(&Header::new(), &claims, &key)?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode<C>(
    header: &Header,
    claims: &C,
    signer: &(impl Signer + ?Sized),
) -> Result<String, EncodeError>
where
    C: Serialize + ?Sized,
{
    header.check_for_encode()?;
    let kid = match (header.key_id(), signer.key_id()) {
        (Some(h), Some(s)) if h != s => return Err(HeaderError::KeyIdConflict.into()),
        (Some(h), _) => Some(h),
        (None, s) => s,
    };
    let alg = signer.algorithm();
    let claims_json =
        serde_json::to_vec(claims).map_err(|e| EncodeError::Serialize(Box::new(e)))?;
    if claims_json.first() != Some(&b'{') {
        return Err(EncodeError::ClaimsNotObject);
    }
    let mut token = String::with_capacity(claims_json.len() * 4 / 3 + 512);
    if let Some(encoded) = header::encoded_common(alg, header, kid) {
        token.push_str(encoded);
    } else {
        let header_json = serde_json::to_vec(&HeaderOut { alg, kid, header })
            .map_err(|e| EncodeError::Serialize(Box::new(e)))?;
        codec::encode_into(&header_json, &mut token);
    }
    token.push('.');
    codec::encode_into(&claims_json, &mut token);
    signer.append_signature(&mut token)?;
    Ok(token)
}
