//! [`Clock`]: where "now" comes from, for validating and for issuing.

use std::fmt;

use crate::date::{unix_now, NumericDate};

/// A source of the current time. Inject a [`FixedClock`] in tests, or your own for hosts
/// whose system time cannot be trusted.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> NumericDate;
}

/// Shares one clock: `Arc<MyClock>` (a test clock you advance from outside the validation) or
/// `&'static MyClock`.
impl<T: Clock + ?Sized> Clock for std::sync::Arc<T> {
    fn now(&self) -> NumericDate {
        (**self).now()
    }
}

impl<T: Clock + ?Sized> Clock for &T {
    fn now(&self) -> NumericDate {
        (**self).now()
    }
}

impl<T: Clock + ?Sized> Clock for Box<T> {
    fn now(&self) -> NumericDate {
        (**self).now()
    }
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NumericDate {
        NumericDate::from_unix_seconds(unix_now())
    }
}

/// A clock stopped at one instant.
///
/// ```
/// use jwtcraft::{Clock, FixedClock, NumericDate};
/// let clock = FixedClock(NumericDate::from_unix_seconds(1_700_000_000));
/// assert_eq!(clock.now().as_unix_seconds(), 1_700_000_000);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NumericDate);

impl Clock for FixedClock {
    fn now(&self) -> NumericDate {
        self.0
    }
}
