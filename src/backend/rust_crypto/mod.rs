//! The `RustCrypto` backend: `hmac` + `sha2`, `rsa` and `p256`, with `pkcs8`, `spki`, `sec1`
//! and `der` (as re-exported by `rsa` and `p256`) for reading key files.

mod hmac;
#[cfg(feature = "ecdsa")]
mod p256;
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
pub(crate) mod pem;
#[cfg(feature = "rsa")]
mod rsa;

pub(crate) use self::hmac::HmacSecret;
#[cfg(feature = "ecdsa")]
pub(crate) use self::p256::{EcP256Private, EcP256Public, FIELD_LEN as P256_FIELD_LEN};
#[cfg(feature = "rsa")]
pub(crate) use self::rsa::{RsaPrivate, RsaPublic};

#[cfg(all(feature = "ecdsa", not(feature = "rsa")))]
use ::p256::pkcs8;
/// `pkcs8` (and through it `spki` and `der`) from whichever curve or RSA crate is built; both
/// re-export the same version.
#[cfg(feature = "rsa")]
use ::rsa::pkcs8;
