//! The registered claims (RFC 7519 §4.1) as read from a payload, for validation.
//!
//! Each claim lands in a [`Slot`] that never fails on the JSON type, so a wrong type comes
//! out as a typed [`ClaimError::WrongType`] instead of a parser message, and is never
//! mistaken for an absent claim (the jsonwebtoken CVE-2026-25537 pattern).

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, Deserialize as _, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};

use super::captured::{Captured, Replay};
use super::names::DUPLICATE;
use super::skip::Skip;
use super::strict::{Hook, NoHook};
use super::tee::{Outcome, Target, TeeSeed};
use crate::date::NumericDate;
use crate::error::{Claim, ClaimError};

/// A registered claim as read: absent, of the right type, or not.
#[derive(Debug, Default)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Value(T),
    WrongType,
    OutOfRange,
}

impl<T> Slot<T> {
    /// The value, `None` if absent, or the typed error for a bad one.
    pub(crate) fn get(&self, claim: Claim) -> Result<Option<&T>, ClaimError> {
        match self {
            Slot::Absent => Ok(None),
            Slot::Value(v) => Ok(Some(v)),
            Slot::WrongType => Err(ClaimError::WrongType(claim)),
            Slot::OutOfRange => Err(ClaimError::OutOfRange(claim)),
        }
    }

    pub(crate) fn is_present(&self) -> bool {
        !matches!(self, Slot::Absent)
    }
}

/// The registered claims of one token, borrowing from the decoded payload.
#[derive(Debug, Default)]
pub(crate) struct RegisteredView<'a> {
    pub(crate) iss: Slot<Cow<'a, str>>,
    pub(crate) sub: Slot<Cow<'a, str>>,
    pub(crate) aud: Slot<Aud<'a>>,
    pub(crate) exp: Slot<NumericDate>,
    pub(crate) nbf: Slot<NumericDate>,
    pub(crate) iat: Slot<NumericDate>,
    pub(crate) jti: Slot<Cow<'a, str>>,
    /// For each name in the validation's extra required list: present and not `null`.
    pub(crate) found: Vec<bool>,
    /// Whether the payload was a JSON object at all.
    pub(crate) object: bool,
}

impl RegisteredView<'_> {
    /// An empty view, for a validation that requires `required` extra names.
    pub(crate) fn new(required: usize) -> Self {
        RegisteredView {
            found: vec![false; required],
            ..RegisteredView::default()
        }
    }
}

/// An `aud` value: one string or an array of strings.
#[derive(Debug)]
pub(crate) enum Aud<'a> {
    One(Cow<'a, str>),
    Many(Vec<Cow<'a, str>>),
}

impl Aud<'_> {
    pub(crate) fn any(&self, mut pred: impl FnMut(&str) -> bool) -> bool {
        match self {
            Aud::One(one) => pred(one),
            Aud::Many(many) => many.iter().any(|a| pred(a)),
        }
    }
}

/// Puts `value` in an empty slot. (The names of an object are unique by the time a value is
/// read, so a full slot means a deserializer that visited one value twice: refused.)
pub(crate) fn fill<T, U: Into<Slot<T>>, E: de::Error>(
    slot: &mut Slot<T>,
    value: U,
) -> std::result::Result<(), E> {
    if slot.is_present() {
        // A duplicate registered claim could mean one thing to us and another to a peer.
        return Err(E::custom(DUPLICATE));
    }
    *slot = value.into();
    Ok(())
}

/// The registered claim names (RFC 7519 §4.1).
#[derive(Debug, Clone, Copy)]
pub(crate) enum RegisteredName {
    Iss,
    Sub,
    Aud,
    Exp,
    Nbf,
    Iat,
    Jti,
}

impl RegisteredName {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        // Every registered name has three letters: one length check turns most names away,
        // and the rest are compared as three bytes, not as strings.
        let &[a, b, c] = name.as_bytes() else {
            return None;
        };
        Some(match [a, b, c] {
            [b'i', b's', b's'] => RegisteredName::Iss,
            [b's', b'u', b'b'] => RegisteredName::Sub,
            [b'a', b'u', b'd'] => RegisteredName::Aud,
            [b'e', b'x', b'p'] => RegisteredName::Exp,
            [b'n', b'b', b'f'] => RegisteredName::Nbf,
            [b'i', b'a', b't'] => RegisteredName::Iat,
            [b'j', b't', b'i'] => RegisteredName::Jti,
            _ => return None,
        })
    }
}

/// Reads one registered claim's value into its slot of the view.
pub(crate) struct Fill<'v, 'de> {
    pub(crate) view: &'v mut RegisteredView<'de>,
    pub(crate) which: RegisteredName,
}

impl<'de> DeserializeSeed<'de> for Fill<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        let view = self.view;
        match self.which {
            RegisteredName::Iss => fill(&mut view.iss, Lenient::<Str<'de>>::deserialize(d)?),
            RegisteredName::Sub => fill(&mut view.sub, Lenient::<Str<'de>>::deserialize(d)?),
            RegisteredName::Jti => fill(&mut view.jti, Lenient::<Str<'de>>::deserialize(d)?),
            RegisteredName::Aud => fill(&mut view.aud, Lenient::<AudV<'de>>::deserialize(d)?),
            RegisteredName::Exp => fill(&mut view.exp, Lenient::<Date>::deserialize(d)?),
            RegisteredName::Nbf => fill(&mut view.nbf, Lenient::<Date>::deserialize(d)?),
            RegisteredName::Iat => fill(&mut view.iat, Lenient::<Date>::deserialize(d)?),
        }
    }
}

/// The [`Hook`] that copies the registered claims out of the top-level object, and notes
/// which of the names the validation requires are present and not `null`.
pub(crate) struct Capture<'de, 'r, 'v> {
    /// Filled in place: the caller keeps the view, so it is never moved around.
    pub(crate) view: &'v mut RegisteredView<'de>,
    required: &'r [String],
    pending: Pending,
    /// Read registered claims as the caller's type reads them ([`super::tee`]) rather than
    /// capturing and replaying them.
    tee: bool,
    /// A teed claim could not be recorded: the view is incomplete, read the payload again.
    pub(crate) incomplete: bool,
}

/// What the member whose name was just read is wanted for.
#[derive(Clone, Copy)]
enum Pending {
    Nothing,
    Registered(RegisteredName),
    Required(usize),
}

impl<'de, 'r, 'v> Capture<'de, 'r, 'v> {
    /// A hook that captures and replays every wanted value (always complete) into `view`,
    /// made by [`RegisteredView::new`] for `required`.
    pub(crate) fn new(required: &'r [String], view: &'v mut RegisteredView<'de>) -> Self {
        Capture {
            view,
            required,
            pending: Pending::Nothing,
            tee: false,
            incomplete: false,
        }
    }

    /// A hook that tees registered claims; check [`Capture::incomplete`] afterwards.
    pub(crate) fn teeing(required: &'r [String], view: &'v mut RegisteredView<'de>) -> Self {
        Capture {
            tee: true,
            ..Capture::new(required, view)
        }
    }
}

impl<'de> Hook<'de> for Capture<'de, '_, '_> {
    fn object(&mut self) {
        self.view.object = true;
    }

    fn wants(&mut self, name: &str) -> bool {
        self.pending = if let Some(which) = RegisteredName::from_name(name) {
            Pending::Registered(which)
        } else if let Some(i) = self.required.iter().position(|r| r == name) {
            Pending::Required(i)
        } else {
            Pending::Nothing
        };
        !matches!(self.pending, Pending::Nothing)
    }

    fn value<A, S>(&mut self, map: &mut A, seed: S) -> Result<S::Value, A::Error>
    where
        A: MapAccess<'de>,
        S: DeserializeSeed<'de>,
    {
        let pending = std::mem::replace(&mut self.pending, Pending::Nothing);
        match pending {
            Pending::Nothing => return NoHook.value(map, seed),
            Pending::Registered(which) if self.tee => {
                let view = &mut *self.view;
                let target = match which {
                    RegisteredName::Iss => Target::Str(&mut view.iss),
                    RegisteredName::Sub => Target::Str(&mut view.sub),
                    RegisteredName::Jti => Target::Str(&mut view.jti),
                    RegisteredName::Aud => Target::Aud(&mut view.aud),
                    RegisteredName::Exp => Target::Date(&mut view.exp),
                    RegisteredName::Nbf => Target::Date(&mut view.nbf),
                    RegisteredName::Iat => Target::Date(&mut view.iat),
                };
                let mut outcome = Outcome::Pending;
                let value = map.next_value_seed(TeeSeed {
                    seed,
                    target,
                    outcome: &mut outcome,
                })?;
                self.incomplete |= outcome != Outcome::Recorded;
                return Ok(value);
            }
            _ => {}
        }
        // Captured once, read twice: by the claim reader here, by the caller's type below.
        let value: Captured<'de> = map.next_value()?;
        match pending {
            Pending::Registered(which) => Fill {
                view: self.view,
                which,
            }
            .deserialize(Replay::<A::Error>::new(&value))?,
            Pending::Required(i) => self.view.found[i] |= !value.is_null(),
            Pending::Nothing => {}
        }
        seed.deserialize(Replay::new(&value))
    }
}

/// The outcome of reading a value leniently: right type, wrong type, or out of range.
enum Lenient<T> {
    Ok(T),
    WrongType,
    OutOfRange,
}

impl<T, U: From<T>> From<Lenient<T>> for Slot<U> {
    fn from(value: Lenient<T>) -> Self {
        match value {
            Lenient::Ok(v) => Slot::Value(v.into()),
            Lenient::WrongType => Slot::WrongType,
            Lenient::OutOfRange => Slot::OutOfRange,
        }
    }
}

struct Str<'a>(Cow<'a, str>);
impl<'a> From<Str<'a>> for Cow<'a, str> {
    fn from(value: Str<'a>) -> Self {
        value.0
    }
}

struct AudV<'a>(Aud<'a>);
impl<'a> From<AudV<'a>> for Aud<'a> {
    fn from(value: AudV<'a>) -> Self {
        value.0
    }
}

struct Date(NumericDate);
impl From<Date> for NumericDate {
    fn from(value: Date) -> Self {
        value.0
    }
}

/// Implements the visitor methods that turn every other JSON type into `WrongType`, consuming
/// nested arrays and objects so the parser stays in step.
macro_rules! wrong_types {
    ($($method:ident($($arg:ty)?)),*) => {
        $(fn $method<E: de::Error>(self $(, _: $arg)?) -> std::result::Result<Self::Value, E> {
            Ok(Lenient::WrongType)
        })*
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
            Skip::visit_entries(&mut map)?;
            Ok(Lenient::WrongType)
        }
    };
}

struct StrVisitor;
impl<'de> Visitor<'de> for StrVisitor {
    type Value = Lenient<Str<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(Str(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Lenient::WrongType)
    }
    wrong_types!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_unit()
    );
}

impl<'de> de::Deserialize<'de> for Lenient<Str<'de>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrVisitor)
    }
}

struct AudVisitor;
impl<'de> Visitor<'de> for AudVisitor {
    type Value = Lenient<AudV<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an array of strings")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(AudV(Aud::One(Cow::Borrowed(v)))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(AudV(Aud::One(Cow::Owned(v.to_owned())))))
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut all = Vec::new();
        let mut wrong = false;
        while let Some(item) = seq.next_element::<Lenient<Str<'de>>>()? {
            match item {
                Lenient::Ok(Str(s)) => all.push(s),
                _ => wrong = true,
            }
        }
        Ok(if wrong {
            Lenient::WrongType
        } else {
            Lenient::Ok(AudV(Aud::Many(all)))
        })
    }
    wrong_types!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_unit()
    );
}

impl<'de> de::Deserialize<'de> for Lenient<AudV<'de>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(AudVisitor)
    }
}

struct DateVisitor;
impl<'de> Visitor<'de> for DateVisitor {
    type Value = Lenient<Date>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a numeric date")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::Ok(Date(NumericDate::from_unix_seconds(v))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(i64::try_from(v).map_or(Lenient::OutOfRange, |v| {
            Lenient::Ok(Date(NumericDate::from_unix_seconds(v)))
        }))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
        Ok(NumericDate::from_f64(v).map_or(Lenient::OutOfRange, |d| Lenient::Ok(Date(d))))
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Lenient::WrongType)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<Self::Value, E> {
        Ok(Lenient::WrongType)
    }
    wrong_types!(visit_bool(bool), visit_unit());
}

impl<'de> de::Deserialize<'de> for Lenient<Date> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}
