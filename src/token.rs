//! Issuing and verifying tokens: [`encode`], [`decode`], [`UntrustedToken`] and [`Token`].
//!
//! The order of work in [`decode`] is fixed and deliberate: size limits, split, header
//! (typed `alg`), algorithm match, `crit`, signature, and only then the claims — so attacker
//! JSON in the payload never reaches your `Deserialize` before the signature has verified.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::algorithm::{Algorithm, Verifier};
use crate::codec::{self, Limits, Parts};
use crate::error::{
    ClaimError, Error, HeaderError, MalformedError, Result, Segment, SignatureError,
};
use crate::header::{self, Header};
use crate::json::{self, PayloadError, RegisteredView};
use crate::validation::Validation;
use crate::verified::VerifiedClaims;

/// Largest signature accepted, in bytes: an RSA-8192 signature.
const MAX_SIGNATURE_LEN: usize = 1024;
/// Signatures up to this size (RSA-4096) are decoded on the stack.
const STACK_SIGNATURE_LEN: usize = 512;
/// Decoded headers up to this size (nearly all of them) are decoded on the stack.
const STACK_HEADER_LEN: usize = 384;

/// Verifies `token` with `verifier`, validates its claims, and returns them as `C`.
///
/// This is [`UntrustedToken::parse_with_limits`] followed by [`UntrustedToken::verify`].
///
/// # Errors
/// In the order checked: [`Error::Malformed`] (size, shape, base64, header JSON),
/// [`Error::Header`] ([`HeaderError::UnsupportedAlgorithm`], [`HeaderError::AlgorithmMismatch`],
/// [`HeaderError::UnsupportedCritical`]…), [`Error::Signature`] ([`SignatureError::Invalid`]),
/// then [`Error::Claims`] for a claim check or for claims that do not fit `C`.
///
/// ```
/// use jwtcraft::{decode, encode, FixedClock, Header, Hs256Key, NumericDate, RegisteredClaims, Validation};
/// let key = Hs256Key::new(&[42u8; 32])?;
/// let now = NumericDate::from_unix_seconds(1_700_000_000);
/// let claims = RegisteredClaims::new().with_subject("u1").expires_at(now.saturating_add(std::time::Duration::from_secs(60)));
/// let token = encode(&Header::new(), &claims, &key)?;
///
/// let validation = Validation::new().with_clock(FixedClock(now));
/// let verified = decode::<RegisteredClaims>(&token, &key, &validation)?;
/// assert_eq!(verified.claims().sub.as_deref(), Some("u1"));
///
/// let later = Validation::new().with_clock(FixedClock(now.saturating_add(std::time::Duration::from_secs(3600))));
/// assert_eq!(decode::<RegisteredClaims>(&token, &key, &later).unwrap_err().to_string(), "token expired");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode<C>(
    token: &str,
    verifier: &(impl Verifier + ?Sized),
    validation: &Validation,
) -> Result<Token<C>>
where
    C: DeserializeOwned,
{
    UntrustedToken::parse_with_limits(token, validation.limits())?.verify(verifier, validation)
}

/// As [`decode`], but `C` may borrow from `buffer`, which receives the decoded payload.
///
/// Reuse one buffer per worker and a claims type of `&str` / `Cow<str>` fields to verify
/// without allocating for the payload. Strings containing JSON escapes cannot be borrowed
/// as `&str`; use `Cow<'b, str>` with `#[serde(borrow)]` when claims may contain them.
///
/// # Errors
/// As [`decode`].
///
/// ```
/// use jwtcraft::{decode_borrowed, encode, FixedClock, Header, Hs256Key, NumericDate, Validation};
/// #[derive(serde::Deserialize)]
/// struct Claims<'a> { sub: &'a str, exp: i64 }
///
/// let key = Hs256Key::new(&[42u8; 32])?;
/// let token = encode(&Header::new(), &serde_json::json!({"sub": "u1", "exp": 2_000_000_000}), &key)?;
/// let validation = Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(1_900_000_000)));
/// let mut buffer = Vec::new();
/// let verified = decode_borrowed::<Claims>(&token, &key, &validation, &mut buffer)?;
/// assert_eq!(verified.claims().sub, "u1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_borrowed<'b, C>(
    token: &str,
    verifier: &(impl Verifier + ?Sized),
    validation: &Validation,
    buffer: &'b mut Vec<u8>,
) -> Result<Token<C>>
where
    C: Deserialize<'b>,
{
    UntrustedToken::parse_with_limits(token, validation.limits())?
        .verify_borrowed(verifier, validation, buffer)
}

/// A token whose signature has verified and whose claims passed a [`Validation`].
///
/// Only [`decode`] and [`UntrustedToken::verify`] can build one, so holding a `Token<C>` is
/// proof that both checks ran.
#[derive(Debug, Clone)]
pub struct Token<C> {
    algorithm: Algorithm,
    header: Header,
    claims: C,
    registered: VerifiedClaims,
}

impl<C> Token<C> {
    /// The algorithm the token was verified with.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The verified header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The verified claims.
    pub fn claims(&self) -> &C {
        &self.claims
    }

    /// The registered claims (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`) as validated,
    /// whether or not `C` has fields for them.
    pub fn registered(&self) -> &VerifiedClaims {
        &self.registered
    }

    /// The verified claims, by value.
    pub fn into_claims(self) -> C {
        self.claims
    }

    /// The verified header and claims, by value.
    pub fn into_parts(self) -> (Header, C) {
        (self.header, self.claims)
    }
}

/// A parsed but **unverified** token: enough to choose a key, nothing to trust.
///
/// Use it to read the `kid` (or the algorithm) and pick the verifying key, then call
/// [`UntrustedToken::verify`].
///
/// ```
/// use jwtcraft::{encode, FixedClock, Header, Hs256Key, NumericDate, UntrustedToken, Validation};
/// let old = Hs256Key::new(&[1u8; 32])?.with_key_id("2026-10");
/// let new = Hs256Key::new(&[2u8; 32])?.with_key_id("2026-11");
/// let token = encode(&Header::new(), &serde_json::json!({"exp": 2_000_000_000}), &new)?;
///
/// let untrusted = UntrustedToken::parse(&token)?;
/// let key = match untrusted.header().key_id() {
///     Some("2026-10") => &old,
///     Some("2026-11") => &new,
///     _ => return Err(jwtcraft::SignatureError::Invalid.into()),
/// };
/// let validation = Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(1_900_000_000)));
/// let verified = untrusted.verify::<serde_json::Value>(key, &validation)?;
/// assert_eq!(verified.claims()["exp"], 2_000_000_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct UntrustedToken<'a> {
    parts: Parts<'a>,
    algorithm: Algorithm,
    header: Header,
}

impl<'a> UntrustedToken<'a> {
    /// Splits the token and parses its header, with the default [`Limits`].
    ///
    /// # Errors
    /// [`Error::Malformed`] or [`Error::Header`] (such as [`HeaderError::UnsupportedAlgorithm`]).
    pub fn parse(token: &'a str) -> Result<Self> {
        Self::parse_with_limits(token, &Limits::default())
    }

    /// Splits the token and parses its header, refusing inputs over `limits` before any
    /// decoding.
    ///
    /// # Errors
    /// [`Error::Malformed`] or [`Error::Header`] (such as [`HeaderError::UnsupportedAlgorithm`]).
    pub fn parse_with_limits(token: &'a str, limits: &Limits) -> Result<Self> {
        let parts = codec::split(token, limits).map_err(|e| hinted(token, e))?;
        let (algorithm, header) = match header::parse_common(parts.header) {
            Some(common) => common,
            None => decode_header(parts.header).map_err(|e| match e {
                Error::Malformed(m) => hinted(token, m),
                other => other,
            })?,
        };
        Ok(UntrustedToken {
            parts,
            algorithm,
            header,
        })
    }

    /// The algorithm the header names. Unverified.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The header. Unverified: use it only to choose a key.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The bytes the signature covers: `header "." payload`, as sent.
    pub fn signing_input(&self) -> &'a [u8] {
        self.parts.signing_input.as_bytes()
    }

    /// The decoded signature bytes. Unverified.
    ///
    /// # Errors
    /// [`MalformedError::Base64`] if the signature segment is not strict base64url.
    pub fn signature(&self) -> Result<Vec<u8>> {
        Ok(codec::decode(self.parts.signature, Segment::Signature)?)
    }

    /// The claims, **without verifying anything**. Anyone can forge them; never use them to
    /// decide access. Meant for routing, such as choosing a tenant's key set by `iss`.
    ///
    /// # Errors
    /// [`Error::Malformed`] if the payload is not base64url JSON; [`ClaimError::Deserialize`]
    /// if it does not fit `C`.
    pub fn unverified_claims<C: DeserializeOwned>(&self) -> Result<C> {
        let json = codec::decode(self.parts.payload, Segment::Payload)?;
        // The same strict reading as `verify`: duplicate members are refused at any depth.
        read_claims(&json, &[], &mut RegisteredView::new(0), |_| Ok(()))
    }

    /// Verifies the signature with `verifier`, then checks the claims with `validation`.
    ///
    /// # Errors
    /// As [`decode`], from [`HeaderError::AlgorithmMismatch`] on.
    pub fn verify<C>(
        self,
        verifier: &(impl Verifier + ?Sized),
        validation: &Validation,
    ) -> Result<Token<C>>
    where
        C: DeserializeOwned,
    {
        let mut json = Vec::new();
        self.verify_into(verifier, validation, &mut json)?;
        let mut view = RegisteredView::new(validation.required_other().len());
        let claims = self.validated_claims::<C>(&json, validation, &mut view)?;
        // Built in place: `Token` is large, and each move of it is a copy.
        let mut token = self.into_token(claims, VerifiedClaims::located(&view, &json));
        drop(view);
        token.registered.prepend_payload(json);
        Ok(token)
    }

    /// As [`UntrustedToken::verify`], but decodes the payload into `buffer` and lets `C`
    /// borrow from it (`&str` or `Cow<str>` fields with `#[serde(borrow)]`), so a server that
    /// reuses one buffer per worker verifies without allocating for the payload.
    ///
    /// # Errors
    /// As [`decode`], from [`HeaderError::AlgorithmMismatch`] on.
    pub fn verify_borrowed<'b, C>(
        self,
        verifier: &(impl Verifier + ?Sized),
        validation: &Validation,
        buffer: &'b mut Vec<u8>,
    ) -> Result<Token<C>>
    where
        C: Deserialize<'b>,
    {
        self.verify_into(verifier, validation, buffer)?;
        let json: &'b Vec<u8> = buffer;
        let mut view = RegisteredView::new(validation.required_other().len());
        let claims = self.validated_claims(json, validation, &mut view)?;
        // The buffer stays the caller's (`C` may borrow from it): copy just the claims.
        let registered = VerifiedClaims::copied(&view);
        Ok(self.into_token(claims, registered))
    }

    /// Algorithm, `crit` and signature checks, leaving the decoded payload in `json`.
    fn verify_into(
        &self,
        verifier: &(impl Verifier + ?Sized),
        validation: &Validation,
        json: &mut Vec<u8>,
    ) -> Result<()> {
        let expected = verifier.algorithm();
        if self.algorithm != expected {
            return Err(HeaderError::AlgorithmMismatch {
                expected,
                found: self.algorithm,
            }
            .into());
        }
        header::check_critical(&self.header, validation.critical())?;
        self.verify_signature(verifier)?;

        json.clear();
        json.reserve(codec::decoded_len_estimate(self.parts.payload.len()));
        codec::decode_into(self.parts.payload, Segment::Payload, json)?;
        Ok(())
    }

    /// Builds `C` from the verified payload and validates the registered claims, in one
    /// pass over the JSON (see [`crate::json`]).
    fn validated_claims<'b, C: Deserialize<'b>>(
        &self,
        json: &'b [u8],
        validation: &Validation,
        view: &mut RegisteredView<'b>,
    ) -> Result<C> {
        read_claims(json, validation.required_other(), view, |view| {
            validation.check(&self.header, view)
        })
    }

    fn into_token<C>(self, claims: C, registered: VerifiedClaims) -> Token<C> {
        Token {
            algorithm: self.algorithm,
            header: self.header,
            claims,
            registered,
        }
    }

    fn verify_signature(&self, verifier: &(impl Verifier + ?Sized)) -> Result<()> {
        let encoded = self.parts.signature;
        let needed = codec::decoded_len_estimate(encoded.len());
        // Too long to be any supported signature: no need to decode it to know.
        if needed > MAX_SIGNATURE_LEN + 2 {
            return Err(SignatureError::Invalid.into());
        }
        // HS256, ES256 and RS256 up to 4096 bits decode on the stack; larger RSA on the heap.
        let mut stack = [0u8; STACK_SIGNATURE_LEN];
        let heap;
        let signature = if needed <= STACK_SIGNATURE_LEN {
            let len = codec::decode_slice(encoded, Segment::Signature, &mut stack)
                .map_err(|e| hinted(self.parts.token, e))?;
            &stack[..len]
        } else {
            heap = codec::decode(encoded, Segment::Signature)
                .map_err(|e| hinted(self.parts.token, e))?;
            &heap[..]
        };
        Ok(verifier.verify(self.signing_input(), signature)?)
    }
}

/// `error`, or the clearer [`codec::hint`] for a token with a `Bearer ` prefix or
/// surrounding whitespace.
#[cold]
fn hinted(token: &str, error: MalformedError) -> Error {
    match error {
        // Nothing else was looked at; a hint would make trimming look like the fix.
        MalformedError::TooLong { .. } | MalformedError::HeaderTooLong { .. } => error.into(),
        _ => codec::hint(token).unwrap_or(error).into(),
    }
}

fn decode_header(encoded: &str) -> Result<(Algorithm, Header)> {
    if codec::decoded_len_estimate(encoded.len()) <= STACK_HEADER_LEN {
        let mut buf = [0u8; STACK_HEADER_LEN];
        let len = codec::decode_slice(encoded, Segment::Header, &mut buf)?;
        json::parse_header(&buf[..len])
    } else {
        json::parse_header(&codec::decode(encoded, Segment::Header)?)
    }
}

/// Reads `C` and the registered claims from payload JSON in one pass and runs `check` on
/// the claims. Text that is not strict JSON is a malformed token; JSON that does not fit `C`
/// is [`ClaimError::Deserialize`], but only after `check` passed on the whole payload, so a
/// claim failure (an expired token) is reported as such whatever `C` is.
fn read_claims<'b, C: Deserialize<'b>>(
    json: &'b [u8],
    required: &[String],
    view: &mut RegisteredView<'b>,
    check: impl FnOnce(&RegisteredView<'b>) -> Result<(), ClaimError>,
) -> Result<C> {
    match json::read_payload::<C>(json, required, view) {
        Ok(claims) => {
            check(view)?;
            Ok(claims)
        }
        Err(PayloadError::Malformed(e)) => Err(e.into()),
        Err(PayloadError::Unfit(e)) => {
            // `C` gave up part-way: scan the rest for defects, then let the claims decide.
            *view = json::scan_payload(json, required)?;
            check(view)?;
            Err(ClaimError::Deserialize(json::reason(&e)).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algorithm::{Hs256Key, Signer};
    use crate::encode::encode;

    fn token_with_signature(len: usize) -> String {
        let key = Hs256Key::new(&[9u8; 32]).unwrap();
        let token = encode(&Header::new(), &serde_json::json!({"exp": 1}), &key).unwrap();
        let (input, _) = token.rsplit_once('.').unwrap();
        format!("{input}.{}", codec::encode(&vec![7u8; len]))
    }

    #[test]
    fn signatures_of_every_size_class_reach_the_verifier_or_are_refused() {
        let key = Hs256Key::new(&[9u8; 32]).unwrap();
        // Stack path (<= 512 bytes), heap path (RSA-8192 sized), and over the maximum.
        for len in [32, 512, 513, 1024, 1025, 4096] {
            let token = token_with_signature(len);
            let err = decode::<serde_json::Value>(&token, &key, &Validation::new()).unwrap_err();
            assert!(
                matches!(err, Error::Signature(SignatureError::Invalid)),
                "{len}: {err:?}"
            );
        }
    }

    fn at(now: i64) -> Validation {
        Validation::new().with_clock(crate::FixedClock(crate::NumericDate::from_unix_seconds(
            now,
        )))
    }

    /// Signs `json` exactly as written (duplicates included) with `key`.
    fn signed_raw(json: &str, key: &Hs256Key) -> String {
        let input = format!(
            "{}.{}",
            codec::encode(br#"{"alg":"HS256","typ":"JWT"}"#),
            codec::encode(json.as_bytes())
        );
        let signature = key.sign(input.as_bytes()).unwrap();
        format!("{input}.{}", codec::encode(&signature))
    }

    #[test]
    fn duplicates_the_claims_type_never_looks_at_are_refused() {
        #[derive(Deserialize, Debug)]
        struct Sub {
            #[allow(dead_code)]
            sub: String,
        }
        let key = Hs256Key::new(&[9u8; 32]).unwrap();
        let ok = signed_raw(r#"{"sub":"u","exp":100,"x":{"a":1}}"#, &key);
        assert!(decode::<Sub>(&ok, &key, &at(50)).is_ok());
        for json in [
            r#"{"sub":"u","exp":100,"x":{"a":1,"a":2}}"#,
            r#"{"sub":"u","exp":100,"exp":1}"#,
            r#"{"sub":"u","sub":"v","exp":100}"#,
        ] {
            let token = signed_raw(json, &key);
            // Without and with a required custom claim (whose value is captured).
            for validation in [at(50), at(50).with_required_claims(["x"])] {
                let err = decode::<Sub>(&token, &key, &validation).unwrap_err();
                assert!(
                    matches!(
                        err,
                        Error::Malformed(MalformedError::DuplicateMember(Segment::Payload))
                    ),
                    "{json}: {err:?}"
                );
            }
        }
    }

    #[test]
    fn a_claim_check_still_wins_over_a_claims_type_that_does_not_fit() {
        #[derive(Deserialize, Debug)]
        struct NeedsRole {
            #[allow(dead_code)]
            role: u8,
        }
        let key = Hs256Key::new(&[9u8; 32]).unwrap();
        let token = signed_raw(r#"{"exp":100,"role":"admin"}"#, &key);
        let expired = decode::<NeedsRole>(&token, &key, &at(500)).unwrap_err();
        assert!(
            matches!(expired, Error::Claims(ClaimError::Expired)),
            "{expired:?}"
        );
        let unfit = decode::<NeedsRole>(&token, &key, &at(50)).unwrap_err();
        assert!(
            matches!(unfit, Error::Claims(ClaimError::Deserialize(_))),
            "{unfit:?}"
        );
    }

    #[test]
    fn raw_value_claims_stay_strict() {
        #[derive(Deserialize, Debug)]
        struct Raw<'a> {
            #[serde(borrow)]
            x: &'a serde_json::value::RawValue,
        }
        let key = Hs256Key::new(&[9u8; 32]).unwrap();
        let mut buffer = Vec::new();
        let token = signed_raw(r#"{"exp":100,"x":{"a":[1]}}"#, &key);
        let verified = decode_borrowed::<Raw<'_>>(&token, &key, &at(50), &mut buffer).unwrap();
        assert_eq!(verified.claims().x.get(), r#"{"a":[1]}"#);
        let token = signed_raw(r#"{"exp":100,"x":{"a":1,"a":2}}"#, &key);
        assert!(matches!(
            decode_borrowed::<Raw<'_>>(&token, &key, &at(50), &mut buffer),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn registered_claims_reach_the_claims_type_unchanged() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct Typed {
            iss: String,
            aud: Vec<String>,
            exp: f64,
            nbf: Option<i64>,
            jti: Option<String>,
        }
        let key = Hs256Key::new(&[9u8; 32]).unwrap();
        let token = signed_raw(r#"{"iss":"i\u0073s","aud":["a","b"],"exp":100.5}"#, &key);
        let validation = at(50).with_issuer("iss").with_audience("b");
        let claims = decode::<Typed>(&token, &key, &validation)
            .unwrap()
            .into_claims();
        assert_eq!(
            claims,
            Typed {
                iss: "iss".into(),
                aud: vec!["a".into(), "b".into()],
                exp: 100.5,
                nbf: None,
                jti: None
            }
        );
    }
}
