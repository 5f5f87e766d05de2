//! [`RefreshToken`]: the opaque refresh token, and the hash the store keeps of it.
//!
//! Format: `jrt1.<family id>.<secret>`, where the family id is 22 and the secret 43
//! characters of unpadded base64url (16 and 32 bytes). The secret is 256 bits from the OS
//! RNG; the store only ever sees
//! `SHA-256("jwtcraft-session/refresh/v1" 0x00 <family id> 0x00 <secret bytes>)`. Binding the
//! family id into the hash means a secret pasted under another family's id matches nothing.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::store::{FamilyId, TokenHash, FAMILY_ID_LEN};

const PREFIX: &str = "jrt1.";
const SECRET_BYTES: usize = 32;
const SECRET_LEN: usize = 43;
const DOMAIN: &[u8] = b"jwtcraft-session/refresh/v1";

/// An opaque refresh token, as handed to the client. Zeroized on drop; `Debug` shows only
/// the family id.
///
/// ```
/// # use jwtcraft_session::RefreshToken;
/// let token = RefreshToken::from("jrt1.AAAAAAAAAAAAAAAAAAAAAA.secret");
/// assert_eq!(format!("{token:?}"), "RefreshToken(jrt1.AAAAAAAAAAAAAAAAAAAAAA.…)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshToken(Zeroizing<String>);

impl RefreshToken {
    /// The token text, to send to the client (e.g. as `refresh_token` in a token response).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Mints a token for `family`: returns it and the hash to store.
    pub(crate) fn generate(family: &FamilyId) -> Result<(Self, TokenHash), getrandom::Error> {
        let mut secret = Zeroizing::new([0u8; SECRET_BYTES]);
        getrandom::fill(secret.as_mut())?;
        let mut text = String::with_capacity(PREFIX.len() + FAMILY_ID_LEN + 1 + SECRET_LEN);
        text.push_str(PREFIX);
        text.push_str(family.as_str());
        text.push('.');
        URL_SAFE_NO_PAD.encode_string(secret.as_ref(), &mut text);
        Ok((RefreshToken(Zeroizing::new(text)), hash(family, &secret)))
    }
}

impl From<&str> for RefreshToken {
    fn from(text: &str) -> Self {
        RefreshToken(Zeroizing::new(text.to_owned()))
    }
}

impl From<String> for RefreshToken {
    fn from(text: String) -> Self {
        RefreshToken(Zeroizing::new(text))
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.0.get(..PREFIX.len() + FAMILY_ID_LEN + 1).unwrap_or("");
        write!(f, "RefreshToken({shown}…)")
    }
}

/// Splits a presented token into its family and the hash of its secret; `None` unless it is
/// exactly `jrt1.<22 chars>.<43 chars>` of canonical base64url.
pub(crate) fn parse(text: &str) -> Option<(FamilyId, TokenHash)> {
    let rest = text.strip_prefix(PREFIX)?;
    let (family, secret) = rest.split_once('.')?;
    let family = FamilyId::parse(family)?;
    if secret.len() != SECRET_LEN {
        return None;
    }
    let mut bytes = Zeroizing::new([0u8; SECRET_BYTES]);
    // The engine refuses padding and non-zero trailing bits: one text per secret.
    let n = URL_SAFE_NO_PAD.decode_slice(secret, bytes.as_mut()).ok()?;
    if n != SECRET_BYTES {
        bytes.zeroize();
        return None;
    }
    let hash = hash(&family, &bytes);
    Some((family, hash))
}

fn hash(family: &FamilyId, secret: &[u8; SECRET_BYTES]) -> TokenHash {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update([0]);
    hasher.update(family.as_str().as_bytes());
    hasher.update([0]);
    hasher.update(secret);
    TokenHash::from_bytes(hasher.finalize().into())
}

/// The hash a store keeps for the refresh token `text`, or `None` if `text` is not a
/// well-formed refresh token. For tests and admin tools (e.g. checking which token is a
/// family's current one against [`FamilySnapshot::current`](crate::FamilySnapshot::current)).
///
/// ```
/// assert!(jwtcraft_session::refresh_token_hash("garbage").is_none());
/// ```
pub fn refresh_token_hash(text: &str) -> Option<TokenHash> {
    parse(text).map(|(_, hash)| hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_strictness() {
        let family = FamilyId::generate().unwrap();
        let (token, hash) = RefreshToken::generate(&family).unwrap();
        assert_eq!(token.as_str().len(), 71);
        assert_eq!(parse(token.as_str()), Some((family.clone(), hash)));
        // Another family's id with this secret: a different hash.
        let other = FamilyId::generate().unwrap();
        let swapped = token.as_str().replace(family.as_str(), other.as_str());
        assert_ne!(parse(&swapped).unwrap().1, hash);
        for bad in [
            "",
            "jrt1.",
            &token.as_str()[1..],
            &format!("{}=", token.as_str()),
            &format!("{}A", token.as_str()),
            &token.as_str()[..70],
        ] {
            assert!(parse(bad).is_none(), "{bad:?}");
        }
    }
}
