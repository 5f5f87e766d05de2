//! Reading a registered claim *while* the caller's type reads it, instead of capturing the
//! value and replaying it twice ([`super::captured`]).
//!
//! [`TeeSeed`] wraps the deserializer of one member value. Every `visit_*` call that
//! `serde_json` makes for a scalar (and, for `aud`, for each string of an array) is written to
//! the claim's [`Slot`] as the lenient claim readers of [`super::registered`] would write it,
//! then passed on unchanged. What is not recorded here (an object, an enum, a `RawValue`, a
//! value the caller's type never visited) leaves the outcome [`Outcome::Unseen`], and the
//! payload is then read again the capturing way, so the registered claims never depend on
//! which path read them. The tests hold the two paths to the same result.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use super::registered::{fill, Aud, Slot};
use super::skip::SkipVisitor;
use super::strict::{plain, RAW_VALUE};
use crate::date::NumericDate;

/// Where one registered claim goes.
pub(crate) enum Target<'v, 'de> {
    /// `iss`, `sub`, `jti`: a string.
    Str(&'v mut Slot<Cow<'de, str>>),
    /// `exp`, `nbf`, `iat`: a `NumericDate`.
    Date(&'v mut Slot<NumericDate>),
    /// `aud`: a string or an array of strings.
    Aud(&'v mut Slot<Aud<'de>>),
}

/// Whether a value reached its [`Target`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing yet.
    Pending,
    /// The slot holds what the lenient readers would have put there.
    Recorded,
    /// Not recorded here: read the payload again.
    Unseen,
}

/// A scalar as `serde_json` visits it.
enum Scalar<'de> {
    Str(Cow<'de, str>),
    I64(i64),
    U64(u64),
    F64(f64),
    /// `true`, `false` or `null`: the wrong type for every registered claim.
    Other,
}

impl<'de> Target<'_, 'de> {
    /// Writes `value` to the slot; a value of the wrong type is [`Slot::WrongType`], a date
    /// beyond `i64` seconds [`Slot::OutOfRange`] (as the lenient readers decide).
    fn record<E: de::Error>(self, value: Scalar<'de>) -> Result<(), E> {
        match self {
            Target::Str(slot) => {
                let value = match value {
                    Scalar::Str(s) => Slot::Value(s),
                    _ => Slot::WrongType,
                };
                fill(slot, value)
            }
            Target::Aud(slot) => {
                let value = match value {
                    Scalar::Str(s) => Slot::Value(Aud::One(s)),
                    _ => Slot::WrongType,
                };
                fill(slot, value)
            }
            Target::Date(slot) => {
                let date = match value {
                    Scalar::I64(t) => Some(NumericDate::from_unix_seconds(t)),
                    Scalar::U64(t) => i64::try_from(t).ok().map(NumericDate::from_unix_seconds),
                    Scalar::F64(t) => NumericDate::from_f64(t),
                    Scalar::Str(_) | Scalar::Other => return fill(slot, Slot::WrongType),
                };
                fill(slot, date.map_or(Slot::OutOfRange, Slot::Value))
            }
        }
    }
}

/// Gives one member value to `seed` through a [`Tee`], recording it into `target`.
pub(crate) struct TeeSeed<'v, 'de, S> {
    pub(crate) seed: S,
    pub(crate) target: Target<'v, 'de>,
    pub(crate) outcome: &'v mut Outcome,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for TeeSeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        // Strict below the tee: objects inside the value still refuse duplicate names.
        tee(self.seed, plain(d), self.target, self.outcome)
    }
}

/// One `aud` array item (its deserializer is already strict): a scalar is recorded,
/// anything nested is unseen.
struct ItemSeed<'v, 'de, S> {
    seed: S,
    target: Target<'v, 'de>,
    outcome: &'v mut Outcome,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ItemSeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        tee(self.seed, d, self.target, self.outcome)
    }
}

/// Gives `de` to `seed` through a [`Tee`]; a value that was never visited is unseen.
fn tee<'de, S: DeserializeSeed<'de>, D: Deserializer<'de>>(
    seed: S,
    de: D,
    target: Target<'_, 'de>,
    outcome: &mut Outcome,
) -> Result<S::Value, D::Error> {
    let value = seed.deserialize(Tee {
        de,
        target,
        outcome: &mut *outcome,
    })?;
    if *outcome == Outcome::Pending {
        *outcome = Outcome::Unseen;
    }
    Ok(value)
}

struct Tee<'v, 'de, D> {
    de: D,
    target: Target<'v, 'de>,
    outcome: &'v mut Outcome,
}

impl<'v, 'de, D> Tee<'v, 'de, D> {
    fn split<V>(self, inner: V) -> (D, TeeVisitor<'v, 'de, V>) {
        let visitor = TeeVisitor {
            inner,
            target: self.target,
            outcome: self.outcome,
        };
        (self.de, visitor)
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let (de, visitor) = self.split(visitor);
            de.$method($($arg,)* visitor)
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tee<'_, 'de, D> {
    type Error = D::Error;

    forward_each_deserialize!(forward_deserialize);

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name == RAW_VALUE {
            // Copied as text, never visited.
            *self.outcome = Outcome::Unseen;
            return self.de.deserialize_newtype_struct(name, visitor);
        }
        let (de, visitor) = self.split(visitor);
        de.deserialize_newtype_struct(name, visitor)
    }

    /// The caller's type has no field for this claim: read it for the claim alone (over
    /// [`SkipVisitor`], which still checks nested names).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (de, recorder) = self.split(SkipVisitor);
        de.deserialize_any(recorder)?;
        visitor.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

struct TeeVisitor<'v, 'de, V> {
    inner: V,
    target: Target<'v, 'de>,
    outcome: &'v mut Outcome,
}

impl<'de, V> TeeVisitor<'_, 'de, V> {
    /// Records `value` once; a second visit of one value is a deserializer this module does
    /// not know, so the read is left to the capturing path.
    fn record<E: de::Error>(self, value: Scalar<'de>) -> Result<V, E> {
        if *self.outcome == Outcome::Pending {
            self.target.record(value)?;
            *self.outcome = Outcome::Recorded;
        } else {
            *self.outcome = Outcome::Unseen;
        }
        Ok(self.inner)
    }

    fn unseen(self) -> V {
        *self.outcome = Outcome::Unseen;
        self.inner
    }
}

/// Records a scalar visit, then passes it on.
macro_rules! record_visit {
    ($($method:ident($ty:ty) => $scalar:expr),* $(,)?) => {
        $(fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            #[allow(clippy::redundant_closure_call)]
            self.record(($scalar)(v))?.$method(v)
        })*
    };
}

/// Marks a visit that is not recorded as unseen, then passes it on.
macro_rules! unseen_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.unseen().$method(v)
        })*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TeeVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    record_visit!(
        visit_bool(bool) => |_| Scalar::Other,
        visit_i64(i64) => Scalar::I64,
        visit_u64(u64) => Scalar::U64,
        visit_f64(f64) => Scalar::F64,
        visit_borrowed_str(&'de str) => |v| Scalar::Str(Cow::Borrowed(v)),
    );

    unseen_visit!(
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u128(u128),
        visit_f32(f32),
        visit_char(char),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
    );

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        // An unescaped copy that does not outlive this call: the slot keeps its own.
        self.record(Scalar::Str(Cow::Owned(v.to_owned())))?
            .visit_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.record(Scalar::Str(Cow::Owned(v.clone())))?
            .visit_string(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.record(Scalar::Other)?.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.record(Scalar::Other)?.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_some(Tee {
            de: d,
            target: self.target,
            outcome: self.outcome,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_newtype_struct(Tee {
            de: d,
            target: self.target,
            outcome: self.outcome,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let TeeVisitor {
            inner,
            target,
            outcome,
        } = self;
        let slot = match target {
            Target::Aud(slot) if *outcome == Outcome::Pending => slot,
            _ => {
                *outcome = Outcome::Unseen;
                return inner.visit_seq(seq);
            }
        };
        let mut items = TeeSeq {
            seq,
            items: Vec::new(),
            wrong: false,
            unseen: false,
        };
        let value = inner.visit_seq(&mut items)?;
        if items.unseen {
            *outcome = Outcome::Unseen;
        } else {
            // As the lenient `aud` reader: any item that is not a string makes it wrong.
            let aud = if items.wrong {
                Slot::WrongType
            } else {
                Slot::Value(Aud::Many(items.items))
            };
            fill(slot, aud)?;
            *outcome = Outcome::Recorded;
        }
        Ok(value)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.unseen().visit_map(map)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.unseen().visit_enum(data)
    }
}

/// The items of an `aud` array, each recorded through its own [`Tee`].
struct TeeSeq<'de, A> {
    seq: A,
    items: Vec<Cow<'de, str>>,
    wrong: bool,
    unseen: bool,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for TeeSeq<'de, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let mut item = Slot::Absent;
        let mut outcome = Outcome::Pending;
        let value = self.seq.next_element_seed(ItemSeed {
            seed,
            target: Target::Str(&mut item),
            outcome: &mut outcome,
        })?;
        match (value.is_some(), outcome, item) {
            // The end of the array.
            (false, ..) => {}
            (true, Outcome::Recorded, Slot::Value(s)) => self.items.push(s),
            (true, Outcome::Recorded, _) => self.wrong = true,
            (true, _, _) => self.unseen = true,
        }
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}
