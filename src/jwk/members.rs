//! The crate-private side of [`Jwk`]: what the typed key constructors check and read when
//! importing a JWK, and how they build one when exporting.

use super::{jwk_err, Jwk};
use crate::alg::Algorithm;
use crate::codec;
use crate::error::{KeyError, Segment};

/// What a key is about to be used for, checked against `use` and `key_ops`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyOp {
    Sign,
    Verify,
}

impl KeyOp {
    fn name(self) -> &'static str {
        match self {
            KeyOp::Sign => "sign",
            KeyOp::Verify => "verify",
        }
    }
}

impl Jwk {
    /// Checks the members shared by every typed import: `kty`, `alg`, `use` and `key_ops`.
    /// `ops` lists the operations the key will serve; `key_ops` must allow one of them.
    pub(crate) fn check(
        &self,
        kty: &'static str,
        alg: Algorithm,
        ops: &[KeyOp],
    ) -> Result<(), KeyError> {
        if self.kty != kty {
            return Err(KeyError::JwkMismatch {
                member: "kty",
                expected: kty,
            });
        }
        if let Some(found) = &self.alg {
            if found != alg.name() {
                return Err(KeyError::JwkMismatch {
                    member: "alg",
                    expected: alg.name(),
                });
            }
        }
        if let Some(use_) = &self.use_ {
            if use_ != "sig" {
                return Err(KeyError::JwkMismatch {
                    member: "use",
                    expected: "sig",
                });
            }
        }
        if let Some(ops_allowed) = &self.key_ops {
            let duplicated = ops_allowed
                .iter()
                .enumerate()
                .any(|(i, op)| ops_allowed[..i].contains(op));
            if duplicated {
                return Err(jwk_err("key_ops has duplicate values"));
            }
            if !ops_allowed
                .iter()
                .any(|o| ops.iter().any(|op| op.name() == o))
            {
                return Err(KeyError::JwkMismatch {
                    member: "key_ops",
                    expected: ops[0].name(),
                });
            }
        }
        Ok(())
    }

    /// A required base64url member, decoded.
    pub(crate) fn member(&self, name: &'static str) -> Result<Vec<u8>, KeyError> {
        let value = match name {
            "x" => &self.x,
            "y" => &self.y,
            "n" => &self.n,
            "e" => &self.e,
            "d" => &self.d,
            "p" => &self.p,
            "q" => &self.q,
            "k" => &self.k,
            _ => &None,
        };
        let value = value.as_deref().ok_or(KeyError::JwkMissingMember(name))?;
        codec::decode(value, Segment::Payload).map_err(|_| KeyError::JwkMissingMember(name))
    }

    /// Whether the JWK has this member.
    #[cfg(feature = "rsa")]
    pub(crate) fn has(&self, name: &str) -> bool {
        match name {
            "d" => self.d.is_some(),
            "oth" => self.other.contains_key("oth"),
            _ => false,
        }
    }

    /// A new JWK of this type with the given base64url members.
    pub(crate) fn build(kty: &str, kid: Option<&str>, alg: Algorithm) -> Jwk {
        let mut jwk = Jwk::default();
        kty.clone_into(&mut jwk.kty);
        jwk.kid = kid.map(str::to_owned);
        jwk.alg = Some(alg.name().to_owned());
        jwk.use_ = Some("sig".to_owned());
        jwk
    }

    /// Sets a base64url member from raw bytes.
    pub(crate) fn set(&mut self, name: &'static str, bytes: &[u8]) {
        let value = Some(codec::encode(bytes));
        match name {
            "x" => self.x = value,
            "y" => self.y = value,
            "n" => self.n = value,
            "e" => self.e = value,
            "d" => self.d = value,
            "p" => self.p = value,
            "q" => self.q = value,
            "dp" => self.dp = value,
            "dq" => self.dq = value,
            "qi" => self.qi = value,
            "k" => self.k = value,
            _ => {}
        }
    }

    /// Sets `crv`.
    #[cfg(any(
        feature = "ecdsa",
        feature = "es384",
        feature = "es512",
        feature = "eddsa"
    ))]
    pub(crate) fn set_curve(&mut self, crv: &str) {
        self.crv = Some(crv.to_owned());
    }
}
