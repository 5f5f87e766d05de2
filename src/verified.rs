//! [`VerifiedClaims`]: the registered claims of a verified token, whatever the caller's
//! claims type kept of them.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use crate::claims::{Audience, RegisteredClaims};
use crate::date::NumericDate;
use crate::json::{Aud, RegisteredView, Slot};

/// The registered claims (RFC 7519 §4.1) of a token that verified and validated, from
/// [`Token::registered`](crate::Token::registered).
///
/// Available even when your claims type has no field for them: a handler can read `sub` and
/// `exp` (say, to set a cookie's lifetime) from any token. Only the claims that passed
/// validation are here; a claim of the wrong type never gets this far.
///
/// ```
/// use jwtcraft::{decode, encode, FixedClock, Header, Hs256Key, NumericDate, Validation};
/// let key = Hs256Key::new(&[7u8; 32])?;
/// let token = encode(&Header::new(), &serde_json::json!({"sub": "ada", "exp": 2_000_000_000, "role": "admin"}), &key)?;
/// #[derive(serde::Deserialize)]
/// struct Role { role: String }
/// let validation = Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(1_900_000_000)));
/// let verified = decode::<Role>(&token, &key, &validation)?;
/// assert_eq!(verified.claims().role, "admin");
/// assert_eq!(verified.registered().subject(), Some("ada"));
/// assert_eq!(verified.registered().expires_at(), Some(NumericDate::from_unix_seconds(2_000_000_000)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct VerifiedClaims {
    /// The text the string claims are spans of: the payload itself when the token owns it,
    /// otherwise a copy of just those strings.
    text: Vec<u8>,
    iss: Option<Range<usize>>,
    sub: Option<Range<usize>>,
    aud: Option<Spans>,
    jti: Option<Range<usize>>,
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: Option<NumericDate>,
}

#[derive(Clone)]
enum Spans {
    One(Range<usize>),
    Many(Vec<Range<usize>>),
}

impl VerifiedClaims {
    /// Keeps the claims of `view` by copying its strings (the payload stays with the caller).
    pub(crate) fn copied(view: &RegisteredView<'_>) -> Self {
        // One allocation, sized up front, rather than one per growth step.
        let strings: usize = [&view.iss, &view.sub, &view.jti]
            .into_iter()
            .filter_map(value)
            .map(|s| s.len())
            .sum();
        let audiences: usize = match value(&view.aud) {
            None => 0,
            Some(Aud::One(one)) => one.len(),
            Some(Aud::Many(many)) => many.iter().map(|a| a.len()).sum(),
        };
        let mut claims = VerifiedClaims {
            text: Vec::with_capacity(strings + audiences),
            ..VerifiedClaims::default()
        };
        claims.fill(view, &[]);
        claims
    }

    /// Locates the claims of `view`, whose borrowed strings point into `payload`; strings
    /// that were unescaped into new memory are kept after it. Finish with
    /// [`VerifiedClaims::prepend_payload`] once `view` is gone, so the payload itself becomes the
    /// text and nothing is copied.
    pub(crate) fn located(view: &RegisteredView<'_>, payload: &[u8]) -> Self {
        let mut claims = VerifiedClaims::default();
        claims.fill(view, payload);
        claims
    }

    /// Puts `payload`, the one given to [`VerifiedClaims::located`], in front of the text.
    pub(crate) fn prepend_payload(&mut self, mut payload: Vec<u8>) {
        payload.append(&mut self.text);
        self.text = payload;
    }

    fn fill(&mut self, view: &RegisteredView<'_>, payload: &[u8]) {
        let mut span = |s: &Cow<'_, str>| self.span(s, payload);
        let iss = value(&view.iss).map(&mut span);
        let sub = value(&view.sub).map(&mut span);
        let jti = value(&view.jti).map(&mut span);
        let aud = value(&view.aud).map(|aud| match aud {
            Aud::One(one) => Spans::One(span(one)),
            Aud::Many(many) => Spans::Many(many.iter().map(&mut span).collect()),
        });
        self.iss = iss;
        self.sub = sub;
        self.jti = jti;
        self.aud = aud;
        self.exp = value(&view.exp).copied();
        self.nbf = value(&view.nbf).copied();
        self.iat = value(&view.iat).copied();
    }

    /// Where `s` will be in the text: inside `payload` if it lies there, else appended to
    /// what follows the payload.
    fn span(&mut self, s: &str, payload: &[u8]) -> Range<usize> {
        let start = (s.as_ptr() as usize).wrapping_sub(payload.as_ptr() as usize);
        if start <= payload.len() && s.len() <= payload.len() - start {
            return start..start + s.len();
        }
        let start = payload.len() + self.text.len();
        self.text.extend_from_slice(s.as_bytes());
        start..start + s.len()
    }

    fn str(&self, span: Option<&Range<usize>>) -> Option<&str> {
        // Spans only ever cover whole `str`s copied or located above.
        span.and_then(|r| std::str::from_utf8(self.text.get(r.clone())?).ok())
    }

    /// `iss`, the issuer.
    pub fn issuer(&self) -> Option<&str> {
        self.str(self.iss.as_ref())
    }

    /// `sub`, the subject.
    pub fn subject(&self) -> Option<&str> {
        self.str(self.sub.as_ref())
    }

    /// `jti`, the token id.
    pub fn jwt_id(&self) -> Option<&str> {
        self.str(self.jti.as_ref())
    }

    /// `aud`, each audience (one, several, or none).
    pub fn audiences(&self) -> impl Iterator<Item = &str> {
        let spans: &[Range<usize>] = match &self.aud {
            None => &[],
            Some(Spans::One(one)) => std::slice::from_ref(one),
            Some(Spans::Many(many)) => many,
        };
        spans.iter().filter_map(|r| self.str(Some(r)))
    }

    /// `exp`, the expiration time.
    pub fn expires_at(&self) -> Option<NumericDate> {
        self.exp
    }

    /// `nbf`, the not-before time.
    pub fn not_before(&self) -> Option<NumericDate> {
        self.nbf
    }

    /// `iat`, the issued-at time.
    pub fn issued_at(&self) -> Option<NumericDate> {
        self.iat
    }

    /// The claims as an owned [`RegisteredClaims`].
    pub fn to_registered_claims(&self) -> RegisteredClaims {
        RegisteredClaims {
            iss: self.issuer().map(str::to_owned),
            sub: self.subject().map(str::to_owned),
            aud: match &self.aud {
                None => None,
                Some(Spans::One(one)) => self.str(Some(one)).map(|a| Audience::One(a.to_owned())),
                Some(Spans::Many(_)) => Some(Audience::Many(
                    self.audiences().map(str::to_owned).collect(),
                )),
            },
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
            jti: self.jwt_id().map(str::to_owned),
        }
    }
}

fn value<T>(slot: &Slot<T>) -> Option<&T> {
    match slot {
        Slot::Value(v) => Some(v),
        _ => None,
    }
}

impl fmt::Debug for VerifiedClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedClaims")
            .field("iss", &self.issuer())
            .field("sub", &self.subject())
            .field("aud", &self.audiences().collect::<Vec<_>>())
            .field("exp", &self.exp)
            .field("nbf", &self.nbf)
            .field("iat", &self.iat)
            .field("jti", &self.jwt_id())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::scan_payload;

    #[test]
    fn located_in_the_payload_or_copied_the_same() {
        let json = br#"{"iss":"i","sub":"s\u0041","aud":["a","b"],"exp":10,"jti":"j"}"#.to_vec();
        let view = scan_payload(&json, &[]).unwrap();
        let copied = VerifiedClaims::copied(&view);
        let mut located = VerifiedClaims::located(&view, &json);
        drop(view);
        located.prepend_payload(json.clone());
        for claims in [&copied, &located] {
            assert_eq!(claims.issuer(), Some("i"));
            assert_eq!(claims.subject(), Some("sA"));
            assert_eq!(claims.audiences().collect::<Vec<_>>(), ["a", "b"]);
            assert_eq!(claims.jwt_id(), Some("j"));
            assert_eq!(
                claims.expires_at(),
                Some(NumericDate::from_unix_seconds(10))
            );
            assert_eq!(claims.not_before(), None);
        }
        // Only the unescaped `sub` was appended to the payload.
        assert_eq!(located.text.len(), json.len() + 2);
        assert_eq!(
            copied.to_registered_claims(),
            located.to_registered_claims()
        );
    }
}
