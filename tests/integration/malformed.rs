//! Malformed compact serializations: wrong segment counts, empty segments, every way base64url
//! can be non-canonical, JSON that is not a JSON object, and oversized inputs.
//!
//! Each test asserts the exact [`MalformedError`] variant, and a few assert the exact message
//! (lower-case, no trailing period). Segments that are only decoded after the signature has
//! verified (the payload) are tested with tokens correctly signed over the broken text, so
//! the payload check really runs. Every validation uses a [`FixedClock`]; timing is printed,
//! never asserted.

use std::time::Instant;

use crate::common::{assert_matches, forge, hs_key as key, segments, sign_segments, validation};
use jwtcraft::codec;
use jwtcraft::{
    decode, Error, Limits, MalformedError, Segment, Token, UntrustedToken, DEFAULT_MAX_HEADER_LEN,
    DEFAULT_MAX_TOKEN_LEN, MAX_ECHO,
};
use jwtcraft::{HeaderError, SignatureError};
use serde_json::Value;

/// `{"alg":"HS256","kid":"k1"}`: 26 bytes, so 35 base64url characters with 2 unused bits.
const HEADER: &str = r#"{"alg":"HS256","kid":"k1"}"#;
/// 29 bytes, so 39 base64url characters with 2 unused bits.
const PAYLOAD: &str = r#"{"sub":"u1","exp":1700003600}"#;

/// A token `header.payload.signature` made of exactly these segment texts, with a correct
/// HS256 signature over `header "." payload` as written.
fn signed(header: &str, payload: &str) -> String {
    sign_segments(header, payload, &key())
}

/// A correctly signed token with this header and payload JSON.
fn token_of(header_json: &[u8], payload_json: &[u8]) -> String {
    forge(header_json, payload_json, &key())
}

fn good() -> String {
    token_of(HEADER.as_bytes(), PAYLOAD.as_bytes())
}

fn run(token: &str) -> jwtcraft::Result<Token<Value>> {
    decode::<Value>(token, &key(), &validation())
}

#[track_caller]
fn reject(token: &str) -> Error {
    crate::common::reject(token, &key(), &validation())
}

const URL_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The segment with `=` padding added, as standard base64 would write it.
fn padded(segment: &str) -> String {
    assert_ne!(segment.len() % 4, 0, "{segment} needs no padding");
    let mut out = segment.to_owned();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

/// The segment with the lowest unused bit of its last character set: it decodes to the same
/// bytes in a lenient decoder, so it is a second spelling of the same segment.
fn dirty_trailing_bits(segment: &str) -> String {
    assert!(
        matches!(segment.len() % 4, 2 | 3),
        "{segment} has no unused bits"
    );
    let (head, last) = segment.split_at(segment.len() - 1);
    let index = URL_ALPHABET
        .iter()
        .position(|&c| c == last.as_bytes()[0])
        .unwrap();
    assert_eq!(index & 1, 0, "canonical encodings have zero unused bits");
    format!("{head}{}", char::from(URL_ALPHABET[index | 1]))
}

/// The segment in the standard alphabet: `-` becomes `+` and `_` becomes `/`.
fn standard_alphabet(segment: &str) -> String {
    assert!(
        segment.contains(['-', '_']),
        "{segment} has nothing to re-spell"
    );
    segment.replace('-', "+").replace('_', "/")
}

/// Inserts `text` in the middle of `segment`.
fn insert_middle(segment: &str, text: &str) -> String {
    let mid = segment.len() / 2;
    format!("{}{text}{}", &segment[..mid], &segment[mid..])
}

// ---------------------------------------------------------------------------------------------
// Shape
// ---------------------------------------------------------------------------------------------

#[test]
fn the_reference_token_is_valid() {
    let token = good();
    run(&token).unwrap();
    let (h, p, s) = segments(&token);
    // The fixtures have the shapes the tests below rely on.
    assert_eq!((h.len() % 4, p.len() % 4, s.len() % 4), (3, 3, 3));
}

#[test]
fn wrong_segment_counts() {
    let token = good();
    let (h, p, s) = segments(&token);
    for bad in [
        String::new(),
        h.to_owned(),
        format!("{h}.{p}"),
        format!("{h}.{p}.{s}.{s}"),
        format!("{h}.{p}.{s}.{s}.{s}"),
        format!("{h}.{p}.{s}."),
        format!(".{h}.{p}.{s}"),
        ".".to_owned(),
        "...".to_owned(),
        "....".to_owned(),
        ".".repeat(100),
    ] {
        assert_matches!(reject(&bad), Error::Malformed(MalformedError::SegmentCount));
        assert_matches!(
            UntrustedToken::parse(&bad),
            Err(Error::Malformed(MalformedError::SegmentCount))
        );
    }
}

#[test]
fn empty_segments() {
    let token = good();
    let (h, p, s) = segments(&token);
    for (bad, segment) in [
        (format!(".{p}.{s}"), Segment::Header),
        (format!("{h}..{s}"), Segment::Payload),
        (format!("{h}.{p}."), Segment::Signature),
        // Three empty segments: the first empty one is reported.
        ("..".to_owned(), Segment::Header),
        (format!("{h}.."), Segment::Payload),
    ] {
        assert_matches!(
            reject(&bad),
            Error::Malformed(MalformedError::EmptySegment(found)) if found == segment
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Base64url strictness
// ---------------------------------------------------------------------------------------------

/// `token` with its header, then its payload, then its signature re-spelled by `respell`: each
/// is refused as bad base64url in that segment. The payload variant is signed over the
/// re-spelled text, so the signature verifies and the payload really is decoded.
#[track_caller]
fn assert_respelled_segments_refused(token: &str, what: &str, respell: impl Fn(&str) -> String) {
    let (h, p, s) = segments(token);
    for (bad, segment) in [
        (format!("{}.{p}.{s}", respell(h)), Segment::Header),
        (signed(h, &respell(p)), Segment::Payload),
        (format!("{h}.{p}.{}", respell(s)), Segment::Signature),
    ] {
        match reject(&bad) {
            Error::Malformed(MalformedError::Base64(found)) if found == segment => {}
            other => {
                panic!("{what} in the {segment:?}: expected Base64({segment:?}), got {other:?}")
            }
        }
    }
}

#[test]
fn padding_is_refused_in_every_segment() {
    let token = good();
    assert_respelled_segments_refused(&token, "padding", padded);
    let (h, p, s) = segments(&token);
    // Over-padding and a lone `=` are no better.
    assert_matches!(
        reject(&format!("{h}.{p}.{s}==")),
        Error::Malformed(MalformedError::Base64(Segment::Signature))
    );
    assert_matches!(
        reject(&format!("{h}.{p}.=")),
        Error::Malformed(MalformedError::Base64(Segment::Signature))
    );
}

/// A token whose three segments all contain `-` and `_`.
fn token_with_url_only_characters() -> String {
    // `??????` covers an aligned `???`, which encodes as `Pz8_`; `>>>>>>` gives `Pj4-`.
    let header = br#"{"alg":"HS256","kid":"??????>>>>>>"}"#;
    for n in 0..10_000 {
        let payload = format!(r#"{{"exp":1700003600,"note":"??????>>>>>>","n":{n}}}"#);
        let token = token_of(header, payload.as_bytes());
        let (_, _, s) = segments(&token);
        if s.contains('-') && s.contains('_') {
            return token;
        }
    }
    unreachable!("some signature contains both - and _");
}

#[test]
fn standard_alphabet_is_refused_in_every_segment() {
    let token = token_with_url_only_characters();
    run(&token).unwrap();
    assert_respelled_segments_refused(&token, "the standard alphabet", standard_alphabet);
}

#[test]
fn whitespace_is_refused_in_every_segment() {
    let token = good();
    let (h, p, s) = segments(&token);
    for ws in [" ", "\n", "\r\n", "\t", "\u{a0}"] {
        assert_respelled_segments_refused(&token, &format!("{ws:?}"), |segment| {
            insert_middle(segment, ws)
        });
    }
    // Around the whole token: leading whitespace lands in the header, trailing whitespace
    // (a newline from a file, say) in the signature. Nothing is trimmed; the error says why.
    assert_matches!(
        reject(&format!(" {token}")),
        Error::Malformed(MalformedError::Whitespace)
    );
    assert_matches!(
        reject(&format!("{token}\n")),
        Error::Malformed(MalformedError::Whitespace)
    );
    // Around a dot.
    assert_matches!(
        reject(&format!("{h} .{p}.{s}")),
        Error::Malformed(MalformedError::Base64(Segment::Header))
    );
}

#[test]
fn non_canonical_trailing_bits_are_refused_in_every_segment() {
    let token = good();
    let (_, _, s) = segments(&token);
    // The dirty spellings decode to the same bytes in a lenient decoder.
    assert_ne!(dirty_trailing_bits(s), s);
    // A second spelling of a valid signature is refused too, so a token has exactly one
    // encoding (deny lists and caches keyed on the token text cannot be bypassed).
    assert_respelled_segments_refused(&token, "dirty trailing bits", dirty_trailing_bits);
}

#[test]
fn impossible_lengths_and_foreign_characters_are_refused() {
    let token = good();
    let (h, p, s) = segments(&token);
    // One character more makes a length that no byte string has (4k + 1).
    let one_more = format!("{s}A");
    assert_eq!(one_more.len() % 4, 0);
    // A 4k length decodes, to 33 bytes: not a valid HS256 tag.
    assert_matches!(
        reject(&format!("{h}.{p}.{one_more}")),
        Error::Signature(SignatureError::Invalid)
    );
    let two_more = format!("{s}AA");
    assert_eq!(two_more.len() % 4, 1);
    assert_matches!(
        reject(&format!("{h}.{p}.{two_more}")),
        Error::Malformed(MalformedError::Base64(Segment::Signature))
    );
    assert_matches!(
        reject(&format!("A.{p}.{s}")),
        Error::Malformed(MalformedError::Base64(Segment::Header))
    );
    for bad in ["!", "*", "%2B", "é", "\0", "~"] {
        assert_matches!(
            reject(&format!("{}.{p}.{s}", insert_middle(h, bad))),
            Error::Malformed(MalformedError::Base64(Segment::Header))
        );
        assert_matches!(
            reject(&format!("{h}.{p}.{}", insert_middle(s, bad))),
            Error::Malformed(MalformedError::Base64(Segment::Signature))
        );
    }
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

#[test]
fn header_that_is_not_a_json_object() {
    for header in [
        &b"not json"[..],
        b"[]",
        br#"["alg","HS256"]"#,
        b"null",
        b"42",
        br#""HS256""#,
        b"{",
        br#"{"alg":"HS256"} x"#,
        br#"{"alg":"HS256"}{}"#,
        br#"{"alg":"HS256",}"#,
        b"\xef\xbb\xbf{\"alg\":\"HS256\"}",
        b"{\"alg\":\"HS256\",\"kid\":\"\xff\"}",
        b"{\"alg\":\"HS256\",\"x\":\"\xc3\x28\"}",
        b"{\"alg\":\"HS256\",\"\xff\":1}",
        b"{'alg':'HS256'}",
    ] {
        let token = token_of(header, PAYLOAD.as_bytes());
        assert_matches!(
            reject(&token),
            Error::Malformed(MalformedError::Json {
                segment: Segment::Header,
                ..
            })
        );
    }
}

#[test]
fn payload_that_is_not_a_json_object() {
    for payload in [
        &b"not json"[..],
        b"[]",
        b"[{\"exp\":1700003600}]",
        b"null",
        b"42",
        br#""claims""#,
        b"{",
        br#"{"exp":1700003600} x"#,
        br#"{"exp":1700003600}{}"#,
        br#"{"exp":1700003600,}"#,
        b"\xef\xbb\xbf{\"exp\":1700003600}",
        b"{\"exp\":1700003600,\"sub\":\"\xff\"}",
        b"{\"exp\":1700003600,\"\xff\":1}",
    ] {
        let token = token_of(HEADER.as_bytes(), payload);
        assert_matches!(
            reject(&token),
            Error::Malformed(MalformedError::Json {
                segment: Segment::Payload,
                ..
            })
        );
    }
}

// RFC 8259 §8.1 requires UTF-8; RFC 7519 §7.2 requires the claims to be a valid JSON object.
// Invalid UTF-8 inside a claim jwtcraft does not itself read must be refused like any other.
#[test]
fn payload_with_invalid_utf8_in_an_unread_claim_is_malformed() {
    for payload in [
        &b"{\"exp\":1700003600,\"note\":\"\xff\"}"[..],
        b"{\"exp\":1700003600,\"note\":[\"\xc3\x28\"]}",
        b"{\"exp\":1700003600,\"note\":{\"k\":\"\xed\xa0\x80\"}}",
    ] {
        let token = token_of(HEADER.as_bytes(), payload);
        assert_matches!(
            reject(&token),
            Error::Malformed(MalformedError::Json {
                segment: Segment::Payload,
                ..
            })
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Size limits
// ---------------------------------------------------------------------------------------------

/// A valid token of exactly `len` bytes, padded through a claim.
fn valid_token_of_len(len: usize, limits: Limits) -> String {
    let base = token_of(br#"{"alg":"HS256"}"#, br#"{"exp":1700003600,"pad":""}"#).len();
    // Each 3 bytes of padding add 4 characters; start just below the target.
    let start = (len.saturating_sub(base) * 3 / 4).saturating_sub(8);
    for pad in start..len {
        let payload = format!(r#"{{"exp":1700003600,"pad":"{}"}}"#, "x".repeat(pad));
        let token = token_of(br#"{"alg":"HS256"}"#, payload.as_bytes());
        if token.len() == len {
            run_with(&token, limits).unwrap();
            return token;
        }
        assert!(token.len() < len, "{len} is not a reachable token length");
    }
    unreachable!()
}

fn run_with(token: &str, limits: Limits) -> jwtcraft::Result<Token<Value>> {
    decode::<Value>(token, &key(), &validation().with_limits(limits))
}

#[test]
fn token_just_over_the_default_limit_is_too_long() {
    assert_eq!(Limits::default().max_token_len(), DEFAULT_MAX_TOKEN_LEN);
    let at_limit = valid_token_of_len(DEFAULT_MAX_TOKEN_LEN, Limits::default());
    run(&at_limit).unwrap();
    let over = format!("{at_limit}A");
    let err = reject(&over);
    assert_matches!(
        err,
        Error::Malformed(MalformedError::TooLong { len, max })
            if len == DEFAULT_MAX_TOKEN_LEN + 1 && max == DEFAULT_MAX_TOKEN_LEN
    );
    assert_eq!(
        err.to_string(),
        format!(
            "token is {} bytes, more than the limit of {DEFAULT_MAX_TOKEN_LEN}",
            DEFAULT_MAX_TOKEN_LEN + 1
        )
    );
}

#[test]
fn ten_megabyte_tokens_are_refused() {
    const TEN_MB: usize = 10 * 1024 * 1024;
    let inputs = [
        ("letters", "a".repeat(TEN_MB)),
        (
            "three segments",
            format!("{}.{}.{}", "a".repeat(TEN_MB), "b", "c"),
        ),
        ("dots", ".".repeat(TEN_MB)),
    ];
    for (name, input) in &inputs {
        let started = Instant::now();
        let err = reject(input);
        println!("10 MB of {name}: refused in {:?}", started.elapsed());
        assert_matches!(
            err,
            Error::Malformed(MalformedError::TooLong { len, max })
                if len == input.len() && max == DEFAULT_MAX_TOKEN_LEN
        );
    }
    // With the limit lifted, a string of dots is refused at the third dot, without splitting
    // it apart (the golang-jwt CVE-2025-30204 pattern).
    let unlimited = Limits::default().with_max_token_len(usize::MAX);
    let started = Instant::now();
    let err = run_with(&inputs[2].1, unlimited).unwrap_err();
    println!(
        "10 MB of dots, no limit: refused in {:?}",
        started.elapsed()
    );
    assert_matches!(err, Error::Malformed(MalformedError::SegmentCount));
}

#[test]
fn header_over_the_header_limit() {
    assert_eq!(Limits::default().max_header_len(), DEFAULT_MAX_HEADER_LEN);
    // `{"alg":"HS256","pad":""}` is 24 bytes; 1536 bytes encode to exactly 2048 characters.
    let header_json = |len: usize| format!(r#"{{"alg":"HS256","pad":"{}"}}"#, "x".repeat(len - 24));
    let at_limit = token_of(header_json(1536).as_bytes(), PAYLOAD.as_bytes());
    assert_eq!(segments(&at_limit).0.len(), DEFAULT_MAX_HEADER_LEN);
    run(&at_limit).unwrap();

    let over = token_of(header_json(1537).as_bytes(), PAYLOAD.as_bytes());
    let err = reject(&over);
    assert_matches!(
        err,
        Error::Malformed(MalformedError::HeaderTooLong { len: 2050, max })
            if max == DEFAULT_MAX_HEADER_LEN
    );
    assert_eq!(
        err.to_string(),
        "header is 2050 bytes, more than the limit of 2048"
    );
    // The limit is on the raw first segment, checked before base64: one junk character more
    // than the limit is enough.
    let junk = format!("{}.{}.c2ln", "!".repeat(2049), "x");
    assert_matches!(
        reject(&junk),
        Error::Malformed(MalformedError::HeaderTooLong { len: 2049, .. })
    );
}

#[test]
fn custom_limits_through_validation() {
    let token = good();
    let (h, _, _) = segments(&token);

    let exact = Limits::default()
        .with_max_token_len(token.len())
        .with_max_header_len(h.len());
    run_with(&token, exact).unwrap();

    let short = Limits::default().with_max_token_len(token.len() - 1);
    assert_matches!(
        run_with(&token, short),
        Err(Error::Malformed(MalformedError::TooLong { len, max }))
            if len == token.len() && max == token.len() - 1
    );
    assert_matches!(
        UntrustedToken::parse_with_limits(&token, &short),
        Err(Error::Malformed(MalformedError::TooLong { .. }))
    );

    let small_header = Limits::default().with_max_header_len(h.len() - 1);
    assert_matches!(
        run_with(&token, small_header),
        Err(Error::Malformed(MalformedError::HeaderTooLong { len, max }))
            if len == h.len() && max == h.len() - 1
    );

    // Raised limits admit a 64 KiB token with a 6 KiB header (decoded off the stack).
    let raised = Limits::default()
        .with_max_token_len(64 * 1024)
        .with_max_header_len(8 * 1024);
    let header = format!(r#"{{"alg":"HS256","pad":"{}"}}"#, "h".repeat(4500));
    let payload = format!(r#"{{"exp":1700003600,"pad":"{}"}}"#, "p".repeat(40_000));
    let big = token_of(header.as_bytes(), payload.as_bytes());
    assert!(big.len() > DEFAULT_MAX_TOKEN_LEN && segments(&big).0.len() > 6000);
    let verified = run_with(&big, raised).unwrap();
    assert_eq!(
        verified
            .header()
            .extra("pad")
            .unwrap()
            .as_str()
            .unwrap()
            .len(),
        4500
    );
    assert_matches!(
        reject(&big),
        Error::Malformed(MalformedError::TooLong { .. })
    );
}

// A signature segment too long for any supported algorithm is refused as an invalid
// signature without decoding it, even when it is not base64 at all.
#[test]
fn overlong_signature_is_an_invalid_signature() {
    let token = good();
    let (h, p, _) = segments(&token);
    for signature in ["A".repeat(4000), "!".repeat(4000)] {
        assert_matches!(
            reject(&format!("{h}.{p}.{signature}")),
            Error::Signature(SignatureError::Invalid)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

#[test]
fn exact_error_messages() {
    let token = good();
    let (h, p, s) = segments(&token);
    let cases = [
        (
            "a.b".to_owned(),
            "token must have exactly 3 segments separated by dots",
        ),
        (format!(".{p}.{s}"), "header segment is empty"),
        (format!("{h}..{s}"), "payload segment is empty"),
        (format!("{h}.{p}."), "signature segment is empty"),
        (
            format!("{}.{p}.{s}", padded(h)),
            "header segment is not valid unpadded base64url",
        ),
        (
            signed(h, &padded(p)),
            "payload segment is not valid unpadded base64url",
        ),
        (
            format!("{h}.{p}.{s}="),
            "signature segment is not valid unpadded base64url",
        ),
        (
            token_of(br#"{"typ":"JWT"}"#, PAYLOAD.as_bytes()),
            "header has no alg",
        ),
        (
            token_of(br#"{"alg":"none"}"#, PAYLOAD.as_bytes()),
            r#"unsupported algorithm "none""#,
        ),
        (
            token_of(br#"{"alg":"RS256"}"#, PAYLOAD.as_bytes()),
            "algorithm mismatch: the key is for HS256, the token says RS256",
        ),
        (
            format!("{h}.{p}.{}", codec::encode(&[0u8; 32])),
            "invalid signature",
        ),
    ];
    for (token, message) in cases {
        assert_eq!(reject(&token).to_string(), message);
    }
    let json = reject(&token_of(b"[]", PAYLOAD.as_bytes())).to_string();
    assert!(json.starts_with("header is not valid json: "), "{json}");
    let json = reject(&token_of(HEADER.as_bytes(), b"[]")).to_string();
    assert!(json.starts_with("payload is not valid json: "), "{json}");
}

#[test]
fn messages_are_lower_case_without_a_trailing_period() {
    let token = good();
    let (h, p, s) = segments(&token);
    for bad in [
        String::new(),
        format!("{h}.{p}."),
        format!("{h}.{p}.{s}="),
        token_of(b"{", PAYLOAD.as_bytes()),
        token_of(HEADER.as_bytes(), b"{"),
        token_of(HEADER.as_bytes(), br#"{"exp":1,"exp":1}"#),
        "a".repeat(DEFAULT_MAX_TOKEN_LEN + 1),
    ] {
        let message = reject(&bad).to_string();
        assert!(!message.is_empty());
        assert!(!message.ends_with('.'), "{message}");
        assert!(message.starts_with(|c: char| c.is_lowercase()), "{message}");
    }
}

// Error text that repeats the token is cut to `MAX_ECHO` characters, so a hostile token
// cannot put kilobytes of its own text into a log line.
#[test]
fn messages_echo_little_attacker_text() {
    let long = "Z".repeat(700);
    let cut = "Z".repeat(MAX_ECHO + 1);
    // Names that are echoed on purpose are cut to exactly `MAX_ECHO` characters.
    for header in [
        format!(r#"{{"alg":"{long}"}}"#),
        format!(r#"{{"alg":"HS256","crit":["{long}"],"{long}":1}}"#),
    ] {
        let message = reject(&token_of(header.as_bytes(), PAYLOAD.as_bytes())).to_string();
        assert!(message.contains(&"Z".repeat(MAX_ECHO)), "{message}");
        assert!(!message.contains(&cut), "{} characters", message.len());
    }
    let keys = jwtcraft::KeySet::new().with_key(key().with_key_id("k1"));
    let token = token_of(
        format!(r#"{{"alg":"HS256","kid":"{long}"}}"#).as_bytes(),
        PAYLOAD.as_bytes(),
    );
    let message = keys
        .decode::<Value>(&token, &validation())
        .unwrap_err()
        .to_string();
    assert!(!message.contains(&cut), "{} characters", message.len());
    // JSON errors about a value of the wrong type name the type, not the value.
    for header in [
        format!(r#"{{"alg":"HS256","kid":{{"{long}":1}},"x":"{long}"}}"#),
        format!(r#"{{"alg":"HS256","typ":["{long}"]}}"#),
        format!(r#"{{"alg":"HS256","cty":"{long}","cty":"{long}"}}"#),
    ] {
        let err = reject(&token_of(header.as_bytes(), PAYLOAD.as_bytes()));
        assert_matches!(
            err,
            Error::Malformed(MalformedError::Json { .. } | MalformedError::DuplicateMember(_))
        );
        let message = err.to_string();
        assert!(!message.contains(&cut), "{} characters", message.len());
    }
}

// A string where the header needs another type (here a string `crit`, which must be an
// array) makes serde_json quote the whole string in its message, and the crate passes that
// message on uncut: up to the header limit (about 1.5 KB) of attacker text per log line.
#[test]
fn header_json_errors_echo_little_attacker_text() {
    let long = "Z".repeat(1000);
    let header = format!(r#"{{"alg":"HS256","crit":"{long}"}}"#);
    let err = reject(&token_of(header.as_bytes(), PAYLOAD.as_bytes()));
    assert_matches!(err, Error::Header(HeaderError::InvalidCritical));
    let message = err.to_string();
    assert!(
        !message.contains(&"Z".repeat(MAX_ECHO + 1)),
        "{} characters: {message}",
        message.len()
    );
}

// `UntrustedToken::unverified_claims` reads attacker text before any signature check; a type
// error there repeats the offending claim value in full (up to the token limit).
#[test]
fn unverified_claims_errors_echo_little_attacker_text() {
    #[derive(Debug, serde::Deserialize)]
    struct Claims {
        #[allow(dead_code)]
        exp: i64,
    }
    let long = "Z".repeat(10_000);
    let payload = format!(r#"{{"exp":"{long}"}}"#);
    let token = format!(
        "{}.{}.c2ln",
        codec::encode(HEADER.as_bytes()),
        codec::encode(payload.as_bytes())
    );
    let err = UntrustedToken::parse(&token)
        .unwrap()
        .unverified_claims::<Claims>()
        .unwrap_err();
    let message = err.to_string();
    println!("{} characters", message.len());
    assert!(
        !message.contains(&"Z".repeat(MAX_ECHO + 1)),
        "{} characters",
        message.len()
    );
}

// Escaping counts against the echo bound: an `alg` of 80 DEL characters once came out as
// 80 six-byte `\u{7f}` escapes (found by the `header` fuzz target). The message repeats at
// most `MAX_ECHO` bytes of escaped text, and never cuts inside an escape.
#[test]
fn escapes_count_against_the_echo_bound() {
    let alg = "\u{7f}".repeat(80);
    let header = format!(r#"{{"alg":"{alg}"}}"#);
    let err = reject(&token_of(header.as_bytes(), PAYLOAD.as_bytes()));
    let message = err.to_string();
    let echoed = message
        .strip_prefix("unsupported algorithm \"")
        .and_then(|m| m.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{message}"));
    assert!(echoed.len() <= MAX_ECHO, "{message}");
    assert_eq!(echoed, "\\u{7f}".repeat(MAX_ECHO / 6), "{message}");
}
