//! Member names: reading them without allocating, and refusing a name seen twice.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The message of every duplicate-name error; [`super::classify`] recognises it.
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
pub(crate) struct SeenNames<'a> {
    inline: [Cow<'a, str>; LINEAR],
    len: usize,
    set: Option<HashSet<Cow<'a, str>>>,
}

impl<'a> SeenNames<'a> {
    pub(crate) fn new() -> Self {
        SeenNames {
            inline: [const { Cow::Borrowed("") }; LINEAR],
            len: 0,
            set: None,
        }
    }

    /// Records `name`, or fails if it was already seen. Takes the `Cow` by reference so that
    /// a borrowed name stays a cheap borrow.
    #[allow(clippy::ptr_arg)]
    pub(crate) fn insert<E: de::Error>(&mut self, name: &Cow<'a, str>) -> Result<(), E> {
        #[cfg(test)]
        tests::count(if self.set.is_some() { 1 } else { self.len });
        let fresh = if let Some(set) = &mut self.set {
            set.insert(name.clone())
        } else if self.inline[..self.len].contains(name) {
            false
        } else if self.len < LINEAR {
            self.inline[self.len].clone_from(name);
            self.len += 1;
            true
        } else {
            let mut set: HashSet<Cow<'a, str>> = self.inline.iter().cloned().collect();
            set.insert(name.clone());
            self.set = Some(set);
            true
        };
        if fresh {
            Ok(())
        } else {
            Err(E::custom(DUPLICATE))
        }
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
