//! Member names: reading them without allocating, refusing a name seen twice, and handing
//! them on to the caller's type.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The message of every duplicate-name error; [`super::is_duplicate`] recognises it.
pub(crate) const DUPLICATE: &str = "duplicate member name";

/// An object member name, borrowed from the input when it has no escapes.
pub(crate) struct Name<'a>(pub(crate) Cow<'a, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// How many names one object compares linearly before switching to a hash set. Claims and
/// headers rarely have more, and below this a scan beats hashing.
const LINEAR: usize = 16;

/// The member names seen so far in one object.
///
/// Linear in the number of members overall: the first [`LINEAR`] are compared one by one,
/// after that every name goes into a hash set (`SipHash`, so an attacker cannot pick colliding
/// names). A quadratic check would let a small unauthenticated token with thousands of
/// members burn milliseconds of CPU.
///
/// The linear part keeps a 64-bit filter of the names so far: a name whose [`filter_bit`] is
/// not set yet is new without comparing any strings, which is the usual case. It holds only
/// names borrowed from the input; a name with escapes (rare) moves the object to the hash set.
pub(crate) struct SeenNames<'a> {
    filter: u64,
    names: [&'a str; LINEAR],
    len: usize,
    set: Option<HashSet<Cow<'a, str>>>,
}

/// One of 64 bits, from the length and three bytes of `name`: equal names set the same bit.
/// (Names chosen to share a bit only cost string comparisons, still at most [`LINEAR`].)
fn filter_bit(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let (first, last) = match bytes {
        [] => (0, 0),
        [first, .., last] => (*first, *last),
        [only] => (*only, *only),
    };
    let middle = bytes.get(bytes.len() / 2).copied().unwrap_or(0);
    let mix = (bytes.len() as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(u64::from(first) << 16 | u64::from(middle) << 8 | u64::from(last))
        .wrapping_mul(0xBF58_476D_1CE4_E5B9);
    1 << (mix >> 58)
}

impl<'a> SeenNames<'a> {
    pub(crate) fn new() -> Self {
        SeenNames {
            filter: 0,
            names: [""; LINEAR],
            len: 0,
            set: None,
        }
    }

    /// Records `name`, or fails if it was already seen. Takes the `Cow` by reference so that
    /// a borrowed name stays a cheap borrow.
    #[inline]
    #[allow(clippy::ptr_arg)]
    pub(crate) fn insert<E: de::Error>(&mut self, name: &Cow<'a, str>) -> Result<(), E> {
        #[cfg(test)]
        tests::count(if self.set.is_some() { 1 } else { self.len });
        // The usual case, kept small enough to inline: a borrowed name in a small object.
        if let (None, Cow::Borrowed(borrowed)) = (&self.set, name) {
            if self.len < LINEAR {
                let bit = filter_bit(borrowed);
                if self.filter & bit != 0 && self.names[..self.len].contains(borrowed) {
                    return Err(E::custom(DUPLICATE));
                }
                self.filter |= bit;
                self.names[self.len] = borrowed;
                self.len += 1;
                return Ok(());
            }
        }
        self.insert_into_set(name)
    }

    /// A large object, or a name with escapes: the hash set.
    #[cold]
    #[inline(never)]
    #[allow(clippy::ptr_arg)] // an owned name is cloned into the set as it is
    fn insert_into_set<E: de::Error>(&mut self, name: &Cow<'a, str>) -> Result<(), E> {
        let names = &self.names[..self.len];
        let set = self
            .set
            .get_or_insert_with(|| names.iter().map(|&n| Cow::Borrowed(n)).collect());
        if set.insert(name.clone()) {
            Ok(())
        } else {
            Err(E::custom(DUPLICATE))
        }
    }
}

/// A member name, already read (to check it for duplicates), given to the caller's seed.
///
/// Like `serde_json`'s own key deserializer, it parses the name as a number when the caller's
/// type asks for one (`HashMap<u32, _>`), and otherwise hands over the string.
pub(crate) struct NameDeserializer<'de, E>(pub(crate) Cow<'de, str>, pub(crate) PhantomData<E>);

impl<E: de::Error> NameDeserializer<'_, E> {
    /// The name as a number in JSON's syntax (no `+`, no leading zeros, no spaces).
    fn number<T: std::str::FromStr>(&self) -> Result<T, E> {
        let digits = self.0.strip_prefix('-').unwrap_or(&self.0);
        let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
        let json_like = !digits.starts_with('+') && !leading_zero;
        json_like
            .then(|| self.0.parse().ok())
            .flatten()
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&self.0), &"a number"))
    }
}

/// Parses the name as the requested number type, as `serde_json` does for map keys.
macro_rules! numeric_names {
    ($($method:ident: $ty:ty => $visit:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            visitor.$visit(self.number::<$ty>()?)
        })*
    };
}

impl<'de, E: de::Error> Deserializer<'de> for NameDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Cow::Borrowed(name) => visitor.visit_borrowed_str(name),
            Cow::Owned(name) => visitor.visit_string(name),
        }
    }

    numeric_names!(
        deserialize_i8: i8 => visit_i8,
        deserialize_i16: i16 => visit_i16,
        deserialize_i32: i32 => visit_i32,
        deserialize_i64: i64 => visit_i64,
        deserialize_i128: i128 => visit_i128,
        deserialize_u8: u8 => visit_u8,
        deserialize_u16: u16 => visit_u16,
        deserialize_u32: u32 => visit_u32,
        deserialize_u64: u64 => visit_u64,
        deserialize_u128: u128 => visit_u128,
        deserialize_f32: f32 => visit_f32,
        deserialize_f64: f64 => visit_f64,
    );

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0.as_ref() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            other => Err(de::Error::invalid_type(
                de::Unexpected::Str(other),
                &visitor,
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_enum(serde::de::value::CowStrDeserializer::new(self.0))
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::Cell;

    use super::*;

    thread_local! {
        /// Name comparisons (a hash lookup counts as one) made by this thread.
        static COMPARISONS: Cell<usize> = const { Cell::new(0) };
    }

    pub(crate) fn count(n: usize) {
        COMPARISONS.with(|c| c.set(c.get() + n));
    }

    /// Comparisons made while `f` runs.
    pub(crate) fn comparisons(f: impl FnOnce()) -> usize {
        let before = COMPARISONS.with(Cell::get);
        f();
        COMPARISONS.with(Cell::get) - before
    }

    fn insert_all(names: &[String]) -> Result<(), serde_json::Error> {
        let mut seen = SeenNames::new();
        names
            .iter()
            .try_for_each(|n| seen.insert(&Cow::Borrowed(n.as_str())))
    }

    #[test]
    fn names_sharing_a_filter_bit_are_still_told_apart() {
        // Find two different names with the same bit: the string comparison must decide.
        let names: Vec<String> = (0..200).map(|i| format!("n{i}")).collect();
        let (a, b) = names
            .iter()
            .enumerate()
            .find_map(|(i, a)| {
                names[i + 1..]
                    .iter()
                    .find(|b| filter_bit(b) == filter_bit(a))
                    .map(|b| (a, b))
            })
            .expect("200 names share some of 64 bits");
        assert_eq!(filter_bit("exp"), filter_bit("exp"));
        let mut seen = SeenNames::new();
        seen.insert::<serde_json::Error>(&Cow::Borrowed(a.as_str()))
            .unwrap();
        seen.insert::<serde_json::Error>(&Cow::Borrowed(b.as_str()))
            .unwrap();
        assert!(seen
            .insert::<serde_json::Error>(&Cow::Borrowed(b.as_str()))
            .is_err());
        assert!(seen.insert::<serde_json::Error>(&Cow::Borrowed("")).is_ok());
        assert!(seen
            .insert::<serde_json::Error>(&Cow::Borrowed(""))
            .is_err());
    }

    #[test]
    fn an_escaped_name_meets_its_borrowed_twin_in_the_set() {
        for first_owned in [false, true] {
            let mut seen = SeenNames::new();
            let borrowed = Cow::Borrowed("x");
            let owned: Cow<'_, str> = Cow::Owned("x".to_owned());
            let (a, b) = if first_owned {
                (&owned, &borrowed)
            } else {
                (&borrowed, &owned)
            };
            seen.insert::<serde_json::Error>(&Cow::Borrowed("y"))
                .unwrap();
            seen.insert::<serde_json::Error>(a).unwrap();
            assert!(
                seen.insert::<serde_json::Error>(b).is_err(),
                "{first_owned}"
            );
            assert!(seen
                .insert::<serde_json::Error>(&Cow::Borrowed("y"))
                .is_err());
        }
    }

    #[test]
    fn finds_duplicates_below_and_above_the_linear_part() {
        for count in [2, LINEAR, LINEAR + 1, 1000] {
            let mut names: Vec<String> = (0..count).map(|i| format!("n{i}")).collect();
            assert!(insert_all(&names).is_ok(), "{count}");
            for dup in [0, count / 2, count - 1] {
                names.push(format!("n{dup}"));
                let err = insert_all(&names).unwrap_err();
                assert!(err.to_string().starts_with(DUPLICATE), "{count}/{dup}");
                names.pop();
            }
        }
    }
}
