//! RFC 7638 JWK thumbprints: SHA-256 over the required public members in lexicographic
//! order, no whitespace, base64url-encoded.
//!
//! Every key type's `thumbprint` and `with_thumbprint_key_id` and [`Jwk::thumbprint`] go
//! through these functions, so they cannot disagree.
//!
//! [`Jwk::thumbprint`]: super::Jwk::thumbprint

use serde::Serialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::codec;

/// The members of an RSA thumbprint, declared in lexicographic order (`serde` writes fields
/// in declaration order, `serde_json` without whitespace and with RFC 8259 escaping).
#[derive(Serialize)]
struct Rsa<'a> {
    e: &'a str,
    kty: &'static str,
    n: &'a str,
}

/// The members of an EC thumbprint, in lexicographic order.
#[derive(Serialize)]
struct Ec<'a> {
    crv: &'a str,
    kty: &'static str,
    x: &'a str,
    y: &'a str,
}

/// The members of an OKP thumbprint (RFC 8037 §2), in lexicographic order.
#[derive(Serialize)]
struct Okp<'a> {
    crv: &'a str,
    kty: &'static str,
    x: &'a str,
}

/// The members of an `oct` thumbprint, in lexicographic order.
#[derive(Serialize)]
struct Oct<'a> {
    k: &'a str,
    kty: &'static str,
}

/// RFC 7638 thumbprint of an RSA key from its base64url `n` and `e`.
pub(crate) fn thumbprint_rsa(n: &str, e: &str) -> String {
    digest(&Rsa { e, kty: "RSA", n })
}

/// RFC 7638 thumbprint of an EC key from its `crv` and base64url `x` and `y`.
pub(crate) fn thumbprint_ec(crv: &str, x: &str, y: &str) -> String {
    digest(&Ec {
        crv,
        kty: "EC",
        x,
        y,
    })
}

/// RFC 7638 thumbprint of an OKP key (RFC 8037 §2) from its `crv` and base64url `x`.
pub(crate) fn thumbprint_okp(crv: &str, x: &str) -> String {
    digest(&Okp { crv, kty: "OKP", x })
}

/// RFC 7638 §3.3 thumbprint of a symmetric key from its base64url `k`. The canonical JSON
/// holds the secret, so it is built in a buffer that is wiped afterwards.
pub(crate) fn thumbprint_oct(k: &str) -> String {
    digest(&Oct { k, kty: "oct" })
}

fn digest(members: &impl Serialize) -> String {
    // Sized up front so that no reallocation leaves a copy of a secret behind.
    let mut canonical = Zeroizing::new(Vec::with_capacity(256));
    // Writing strings into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *canonical, members);
    codec::encode(&Sha256::digest(&canonical[..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7638_section_3_1() {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        assert_eq!(
            thumbprint_rsa(n, "AQAB"),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn rfc8037_appendix_a_3() {
        assert_eq!(
            thumbprint_okp("Ed25519", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    #[test]
    fn members_are_escaped_like_json() {
        // Same digest as the canonical text written out by hand.
        let by_hand = codec::encode(&Sha256::digest(br#"{"k":"a\"b","kty":"oct"}"#));
        assert_eq!(thumbprint_oct("a\"b"), by_hand);
        let by_hand = codec::encode(&Sha256::digest(
            br#"{"crv":"P-256","kty":"EC","x":"x","y":"y"}"#,
        ));
        assert_eq!(thumbprint_ec("P-256", "x", "y"), by_hand);
    }
}
