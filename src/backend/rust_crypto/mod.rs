//! The `RustCrypto` backend: `hmac` + `sha2`, `rsa`, `p256`, `p384`, `p521` and
//! `ed25519-dalek`, with `pkcs8`, `spki`, `sec1` and `der` for reading key files.

#[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
mod ec;
#[cfg(feature = "eddsa")]
mod ed25519;
mod hmac;
#[cfg(any(
    feature = "rsa",
    feature = "ecdsa",
    feature = "es384",
    feature = "es512",
    feature = "eddsa"
))]
pub(crate) mod pem;
#[cfg(feature = "rsa")]
mod rsa;

/// P-256 material (ES256).
#[cfg(feature = "ecdsa")]
mod p256 {
    super::ec::ec_material!(p256, EcP256Public, EcP256Private, 32, EC_P256, "p-256");
}

/// P-384 material (ES384).
#[cfg(feature = "es384")]
mod p384 {
    super::ec::ec_material!(p384, EcP384Public, EcP384Private, 48, EC_P384, "p-384");
}

/// P-521 material (ES512). A coordinate or scalar is 66 bytes (521 bits rounded up).
#[cfg(feature = "es512")]
mod p521 {
    super::ec::ec_material!(p521, EcP521Public, EcP521Private, 66, EC_P521, "p-521");
}

#[cfg(feature = "eddsa")]
pub(crate) use self::ed25519::{Ed25519Private, Ed25519Public};
pub(crate) use self::hmac::HmacSecret;
#[cfg(feature = "ecdsa")]
pub(crate) use self::p256::{EcP256Private, EcP256Public, FIELD_LEN as P256_FIELD_LEN};
#[cfg(feature = "es384")]
pub(crate) use self::p384::{EcP384Private, EcP384Public, FIELD_LEN as P384_FIELD_LEN};
#[cfg(feature = "es512")]
pub(crate) use self::p521::{EcP521Private, EcP521Public, FIELD_LEN as P521_FIELD_LEN};
#[cfg(all(feature = "rsa", feature = "aws-lc"))]
pub(crate) use self::rsa::RsaPrivateParts;
#[cfg(feature = "rsa")]
pub(crate) use self::rsa::{RsaPrivate, RsaPublic};
