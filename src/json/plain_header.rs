//! Headers in the plain shape nearly every issuer writes, read without the general parser.
//!
//! A header with a `kid`, or with a `typ` other than `JWT` (RFC 9068 access tokens are
//! `at+jwt`), cannot be recognised by its encoded bytes, as the usual forms are
//! ([`crate::header::parse_common`]), and the general strict reader spends most of a token's
//! parsing time on it. This module reads exactly one small language and declines
//! everything else, which then goes to the general reader:
//!
//! ```text
//! header = "{" member *("," member) "}"           ; nothing before or after, no whitespace
//! member = "\"alg\":\"" name "\""                 ; a name `Algorithm::from_name` knows
//!        / "\"typ\":\"" *plain "\""               ; `JWT`, `at+jwt` (RFC 9068)…
//!        / "\"cty\":\"" *plain "\""
//!        / "\"kid\":\"" *plain "\""
//! plain  = any byte but `"`, `\` and 0x00-0x1F     ; the whole string valid UTF-8
//! ```
//!
//! Each member at most once, `alg` required. Within that language there are no escapes, no
//! numbers, no nesting and no duplicates, so the general reader would return the same
//! algorithm and header; a test holds the two to that on generated headers. Declining is
//! always safe: a header this module does not read is read, or refused, as before.

use std::borrow::Cow;

use crate::alg::Algorithm;
use crate::header::{Header, JWT};

/// The algorithm and header of a header in the plain shape, or `None` for any other JSON.
pub(crate) fn read(json: &[u8]) -> Option<(Algorithm, Header)> {
    let mut rest = json.strip_prefix(b"{")?;
    let mut alg = None;
    let (mut typ, mut cty, mut kid) = (None, None, None);
    loop {
        // Every member of the language is `"xyz":"…"`: a three-letter name and a string.
        let [b'"', a, b, c, b'"', b':', b'"', after @ ..] = rest else {
            return None;
        };
        let (value, after) = string(after)?;
        let first = match [*a, *b, *c] {
            [b'a', b'l', b'g'] => alg.replace(Algorithm::from_name(utf8(value)?)?).is_none(),
            // `JWT` is compared as bytes: no UTF-8 check, and no allocation below.
            [b't', b'y', b'p'] if value == JWT.as_bytes() => {
                typ.replace(Cow::Borrowed(JWT)).is_none()
            }
            [b't', b'y', b'p'] => typ.replace(Cow::Owned(utf8(value)?.to_owned())).is_none(),
            [b'c', b't', b'y'] => cty.replace(utf8(value)?).is_none(),
            [b'k', b'i', b'd'] => kid.replace(utf8(value)?).is_none(),
            _ => return None,
        };
        if !first {
            return None;
        }
        rest = match after {
            [b',', more @ ..] => more,
            b"}" => break,
            _ => return None,
        };
    }
    let mut header = Header::empty();
    header.typ = typ;
    header.cty = cty.map(str::to_owned);
    header.kid = kid.map(str::to_owned);
    Some((alg?, header))
}

/// The bytes of a string with no escapes and no control characters, up to its closing
/// quote, and what follows the quote.
fn string(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = text
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    (text[end] == b'"').then(|| (&text[..end], &text[end + 1..]))
}

/// `bytes` as text; the general reader refuses what is not UTF-8, so this declines it.
fn utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn general(json: &[u8]) -> Option<(Algorithm, Header)> {
        super::super::read_header_generally(json).ok()
    }

    #[test]
    fn reads_the_plain_shapes() {
        let jwt = Some("JWT");
        for (json, typ, cty, kid) in [
            (
                r#"{"alg":"HS256","typ":"JWT","kid":"k-1"}"#,
                jwt,
                None,
                Some("k-1"),
            ),
            (
                r#"{"alg":"HS256","kid":"k-1","typ":"JWT"}"#,
                jwt,
                None,
                Some("k-1"),
            ),
            (
                r#"{"typ":"JWT","alg":"HS256","kid":"k-1"}"#,
                jwt,
                None,
                Some("k-1"),
            ),
            (
                r#"{"typ":"at+jwt","alg":"HS256"}"#,
                Some("at+jwt"),
                None,
                None,
            ),
            (r#"{"alg":"HS256","cty":"JWT"}"#, None, Some("JWT"), None),
            (r#"{"kid":"","alg":"HS256"}"#, None, None, Some("")),
            (
                r#"{"alg":"HS256","kid":"ключ ✓"}"#,
                None,
                None,
                Some("ключ ✓"),
            ),
            (r#"{"alg":"HS256"}"#, None, None, None),
        ] {
            let (alg, header) = read(json.as_bytes()).unwrap_or_else(|| panic!("{json}"));
            assert_eq!(alg, Algorithm::Hs256);
            assert_eq!(header.token_type(), typ, "{json}");
            assert_eq!(header.content_type(), cty, "{json}");
            assert_eq!(header.key_id(), kid, "{json}");
            assert_eq!(Some((alg, header)), general(json.as_bytes()), "{json}");
        }
    }

    #[test]
    fn declines_everything_else() {
        for json in [
            "",
            "{}",
            r#"{"typ":"JWT"}"#,
            r#"{"kid":"k"}"#,
            r#"{"alg":"HS256","alg":"HS256"}"#,
            r#"{"alg":"HS256","kid":"a","kid":"a"}"#,
            r#"{"alg":"HS256","typ":"JWT","typ":"JWT"}"#,
            r#"{"alg":"HS256","cty":"a","cty":"b"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":"HS\u0032256"}"#,
            r#"{"alg":"HS256","typ":"J\u0057T"}"#,
            r#"{"alg":"HS256","kid":"a\"b"}"#,
            r#"{"alg":"HS256","kid":"a\nb"}"#,
            "{\"alg\":\"HS256\",\"kid\":\"a\tb\"}",
            r#"{"alg":"HS256","jku":"https://x"}"#,
            r#"{"alg":"HS256","crit":["exp"]}"#,
            r#"{"alg":"HS256","b64":false}"#,
            r#"{"alg":"HS256","kid":1}"#,
            r#"{"alg":"HS256","typ":null}"#,
            r#"{"alg":"HS256" }"#,
            r#"{ "alg":"HS256"}"#,
            r#"{"alg":"HS256",}"#,
            r#"{"alg":"HS256"}}"#,
            r#"{"alg":"HS256"} "#,
            r#"{"alg":"HS256""#,
            r#"{"alg":"HS256","kid":"k"#,
        ] {
            assert!(read(json.as_bytes()).is_none(), "{json}");
        }
        // Not valid UTF-8 inside the id: declined, and the general reader refuses it.
        let bad = b"{\"alg\":\"HS256\",\"kid\":\"\xff\"}";
        assert!(read(bad).is_none());
        assert!(general(bad).is_none());
    }

    /// Headers near the plain shape: mostly in it (so the fast path has to agree often), with
    /// every piece that can vary sometimes varied.
    fn near_plain() -> impl Strategy<Value = String> {
        let alg = prop_oneof![
            8 => prop_oneof![Just("HS256"), Just("ES512"), Just("EdDSA"), Just("Ed25519")],
            1 => Just("none"),
            1 => Just("HS\\u0032256"),
        ]
        .prop_map(|alg| format!(r#""alg":"{alg}""#));
        let typ = prop_oneof![
            6 => Just("JWT"),
            2 => Just("at+jwt"),
            1 => Just("jwt"),
            1 => Just("J\\u0057T"),
        ]
        .prop_map(|typ| format!(r#""typ":"{typ}""#));
        let kid = prop_oneof![
            8 => "[a-zA-Z0-9._é✓ -]{0,8}",
            1 => "[a-z\"\\\\\t\u{1}\u{7f}]{1,4}",
        ]
        .prop_map(|kid| format!(r#""kid":"{kid}""#));
        let extra = prop_oneof![
            Just(r#""kid":7"#.to_owned()),
            Just(r#""typ":null"#.to_owned()),
            Just(r#""cty":"JWT""#.to_owned()),
            Just(r#""jku":"https://x""#.to_owned()),
            Just(r#""alg":"HS256""#.to_owned()),
            Just(r#""typ":"JWT""#.to_owned()),
        ];
        (
            alg,
            prop::option::of(typ),
            prop::option::of(kid),
            prop::option::weighted(0.1, extra),
        )
            .prop_map(|(alg, typ, kid, extra)| {
                [Some(alg), typ, kid, extra]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
            })
            .prop_shuffle()
            .prop_flat_map(|members| {
                let comma = prop_oneof![8 => Just(","), 1 => Just(", "), 1 => Just(" ,")];
                let pad = prop_oneof![8 => Just(""), 1 => Just(" ")];
                (Just(members), comma, pad)
            })
            .prop_map(|(members, comma, pad)| format!("{pad}{{{}}}{pad}", members.join(comma)))
    }

    proptest! {
        // About half of these headers are in the plain shape (measured: 942 of 2,000).
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn reads_what_the_general_reader_reads(json in near_plain()) {
            if let Some(plain) = read(json.as_bytes()) {
                prop_assert_eq!(Some(plain), general(json.as_bytes()), "{}", json);
            }
        }
    }
}
