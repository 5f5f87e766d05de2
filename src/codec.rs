//! The compact serialization: strict base64url and the `header.payload.signature` split.
//!
//! No serde and no crypto live here; this module only knows bytes and dots.
//!
//! The alphabet is base64url without padding (RFC 7515 §2). Decoding is strict: `=`, `+`,
//! `/`, whitespace and non-canonical trailing bits are refused, so a token has exactly one
//! encoding and a signature cannot be "re-spelled" past a cache or a deny list.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine as _};

use crate::error::{MalformedError, Segment};

/// Strict base64url: no padding written, padding refused, trailing bits must be zero.
const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Default for [`Limits::max_token_len`]: 16 KiB, four times a large cookie-borne token.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 16 * 1024;
/// Default for [`Limits::max_header_len`]: 2 KiB of encoded header.
pub const DEFAULT_MAX_HEADER_LEN: usize = 2 * 1024;

/// Size limits checked before any decoding work, so a hostile input costs at most one
/// length comparison.
///
/// ```
/// use jwtcraft::Limits;
/// let limits = Limits::default().with_max_token_len(4096);
/// assert_eq!(limits.max_token_len(), 4096);
/// assert_eq!(limits.max_header_len(), 2048);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_token_len: usize,
    max_header_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
            max_header_len: DEFAULT_MAX_HEADER_LEN,
        }
    }
}

impl Limits {
    /// The largest token accepted, in bytes (default [`DEFAULT_MAX_TOKEN_LEN`]).
    pub fn max_token_len(&self) -> usize {
        self.max_token_len
    }

    /// The largest encoded header accepted, in bytes (default [`DEFAULT_MAX_HEADER_LEN`]).
    pub fn max_header_len(&self) -> usize {
        self.max_header_len
    }

    /// Sets the largest token accepted, in bytes.
    #[must_use]
    pub fn with_max_token_len(mut self, max: usize) -> Self {
        self.max_token_len = max;
        self
    }

    /// Sets the largest encoded header accepted, in bytes.
    #[must_use]
    pub fn with_max_header_len(mut self, max: usize) -> Self {
        self.max_header_len = max;
        self
    }
}

/// The three segments of a compact token, borrowed from it. Nothing is decoded yet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parts<'a> {
    /// `header.payload`: the exact bytes the signature covers.
    pub(crate) signing_input: &'a str,
    pub(crate) header: &'a str,
    pub(crate) payload: &'a str,
    pub(crate) signature: &'a str,
    /// The whole token, for [`hint`].
    pub(crate) token: &'a str,
}

/// Splits a compact token into its three segments without allocating.
///
/// Lengths are checked first; a token full of dots is refused on the third dot, not after
/// splitting it apart (the golang-jwt CVE-2025-30204 pattern).
pub(crate) fn split<'a>(token: &'a str, limits: &Limits) -> Result<Parts<'a>, MalformedError> {
    if token.len() > limits.max_token_len {
        return Err(MalformedError::TooLong {
            len: token.len(),
            max: limits.max_token_len,
        });
    }
    let first = find_dot(token, 0).ok_or(MalformedError::SegmentCount)?;
    let second = find_dot(token, first + 1).ok_or(MalformedError::SegmentCount)?;
    if find_dot(token, second + 1).is_some() {
        return Err(MalformedError::SegmentCount);
    }
    if first > limits.max_header_len {
        return Err(MalformedError::HeaderTooLong {
            len: first,
            max: limits.max_header_len,
        });
    }
    let parts = Parts {
        token,
        signing_input: &token[..second],
        header: &token[..first],
        payload: &token[first + 1..second],
        signature: &token[second + 1..],
    };
    // An empty payload is a valid JWS but never a valid JWT (claims are a JSON object).
    for (segment, text) in [
        (Segment::Header, parts.header),
        (Segment::Payload, parts.payload),
        (Segment::Signature, parts.signature),
    ] {
        if text.is_empty() {
            return Err(MalformedError::EmptySegment(segment));
        }
    }
    Ok(parts)
}

/// A clearer error for two mistakes that otherwise show up as "not base64url": a token
/// still carrying the `Bearer ` scheme of its `Authorization` header, and a token with
/// surrounding whitespace (a newline from a file or a line of input). Only looked at once
/// parsing has already failed.
#[cold]
pub(crate) fn hint(token: &str) -> Option<MalformedError> {
    let scheme = token.get(..7);
    if scheme.is_some_and(|s| s.eq_ignore_ascii_case("bearer ")) {
        Some(MalformedError::BearerPrefix)
    } else if token.trim_ascii() != token {
        Some(MalformedError::Whitespace)
    } else {
        None
    }
}

/// The next `.` at or after `from`. `str::find` with an ASCII `char` uses the standard
/// library's word-at-a-time `memchr`, several times faster than a byte loop on long tokens.
fn find_dot(token: &str, from: usize) -> Option<usize> {
    token[from..].find('.').map(|i| i + from)
}

/// Appends the base64url form of `data` to `out`.
pub(crate) fn encode_into(data: &[u8], out: &mut String) {
    ENGINE.encode_string(data, out);
}

/// Encodes `data` as unpadded base64url.
///
/// ```
/// assert_eq!(jwtcraft::codec::encode(b"\xfb\xff"), "-_8");
/// ```
pub fn encode(data: &[u8]) -> String {
    ENGINE.encode(data)
}

/// Decodes strict unpadded base64url.
///
/// # Errors
/// [`MalformedError::Base64`] (reported against `segment`) for padding, characters outside
/// the URL-safe alphabet, whitespace, an impossible length or non-zero trailing bits.
///
/// ```
/// use jwtcraft::codec::decode;
/// use jwtcraft::Segment;
/// assert_eq!(decode("-_8", Segment::Payload).unwrap(), b"\xfb\xff");
/// assert!(decode("-_8=", Segment::Payload).is_err()); // padding
/// assert!(decode("+/8", Segment::Payload).is_err()); // standard alphabet
/// assert!(decode("-_9", Segment::Payload).is_err()); // non-zero trailing bits
/// ```
pub fn decode(text: &str, segment: Segment) -> Result<Vec<u8>, MalformedError> {
    let mut out = Vec::with_capacity(decoded_len_estimate(text.len()));
    decode_into(text, segment, &mut out)?;
    Ok(out)
}

/// Decodes strict base64url, appending to `out`.
pub(crate) fn decode_into(
    text: &str,
    segment: Segment,
    out: &mut Vec<u8>,
) -> Result<(), MalformedError> {
    ENGINE
        .decode_vec(text, out)
        .map_err(|_| MalformedError::Base64(segment))
}

/// Decodes strict base64url into a caller's buffer, returning the written length.
pub(crate) fn decode_slice(
    text: &str,
    segment: Segment,
    out: &mut [u8],
) -> Result<usize, MalformedError> {
    if decoded_len_estimate(text.len()) > out.len() + 2 {
        return Err(MalformedError::Base64(segment));
    }
    ENGINE
        .decode_slice(text, out)
        .map_err(|_| MalformedError::Base64(segment))
}

/// An upper bound on the decoded size of `len` base64 characters.
pub(crate) fn decoded_len_estimate(len: usize) -> usize {
    len.div_ceil(4) * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn split_finds_three_segments_and_signing_input() {
        let parts = split("aGk.cGF5.c2ln", &limits()).unwrap();
        assert_eq!(parts.header, "aGk");
        assert_eq!(parts.payload, "cGF5");
        assert_eq!(parts.signature, "c2ln");
        assert_eq!(parts.signing_input, "aGk.cGF5");
    }

    #[test]
    fn split_refuses_wrong_segment_counts() {
        for token in ["", "a", "a.b", "a.b.c.d", "a.b.c.d.e", "....", "a..b.c"] {
            assert!(
                matches!(split(token, &limits()), Err(MalformedError::SegmentCount)),
                "{token:?}"
            );
        }
    }

    #[test]
    fn split_refuses_empty_segments() {
        for (token, seg) in [
            (".b.c", Segment::Header),
            ("a..c", Segment::Payload),
            ("a.b.", Segment::Signature),
        ] {
            match split(token, &limits()) {
                Err(MalformedError::EmptySegment(s)) => assert_eq!(s, seg),
                other => panic!("{token:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn length_limits_are_checked_first() {
        let small = Limits::default().with_max_token_len(8);
        assert!(matches!(
            split("aaaa.bbbb.cccc", &small),
            Err(MalformedError::TooLong { len: 14, max: 8 })
        ));
        let small_header = Limits::default().with_max_header_len(2);
        assert!(matches!(
            split("aaaa.b.c", &small_header),
            Err(MalformedError::HeaderTooLong { len: 4, max: 2 })
        ));
    }

    #[test]
    fn base64_is_strict() {
        for bad in ["YQ==", "YQ=", "Y Q", "YQ\n", "+w", "/w", "YR", "Y"] {
            assert!(decode(bad, Segment::Header).is_err(), "{bad:?}");
        }
        assert_eq!(decode("YQ", Segment::Header).unwrap(), b"a");
        assert_eq!(decode("-w", Segment::Header).unwrap(), [0xfb]);
    }

    #[test]
    fn encode_round_trips_every_length() {
        let data: Vec<u8> = (0..=255).collect();
        for len in 0..data.len() {
            let text = encode(&data[..len]);
            assert!(!text.contains(['=', '+', '/']));
            assert_eq!(decode(&text, Segment::Payload).unwrap(), &data[..len]);
        }
    }

    #[test]
    fn decode_slice_refuses_overflow() {
        let mut buf = [0u8; 4];
        assert!(decode_slice(&encode(&[1u8; 16]), Segment::Signature, &mut buf).is_err());
        let n = decode_slice(&encode(&[7u8; 4]), Segment::Signature, &mut buf).unwrap();
        assert_eq!(&buf[..n], &[7u8; 4]);
    }
}
