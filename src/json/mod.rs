//! The one strict JSON reader, for headers and payloads.
//!
//! `serde_json` is the parser; this module makes it strict and reads a payload in one pass:
//!
//! - **Duplicate member names are refused at every depth**, in linear time ([`names`]). Two
//!   parsers that resolve a duplicate differently could disagree about what a signed token
//!   says, so a duplicate is a malformed token, never "last one wins".
//! - **The caller's claims type is built in the same pass** that checks the names and copies
//!   out the registered claims ([`strict`] wraps the deserializer; its hook, in
//!   [`registered`], sees the registered and required members). A registered claim is read
//!   *as* the caller's type reads it ([`tee`]): each scalar `serde_json` hands over is written
//!   to the claim's slot on its way through, so nothing is parsed, copied or visited twice.
//!   This holds for every claims type: borrowed strings, `RawValue`, integer map keys, enums,
//!   flattened maps.
//! - **Registered claims of the wrong type are typed errors**, never "absent".
//!
//! The payload is read a second time only when something is not certain after the first
//! pass, so the result never depends on the caller's type:
//!
//! - the caller's type does not fit the payload: the claim checks still decide first (an
//!   expired token is reported as expired even if its claims would not fit your type), and a
//!   defect after the point where your type gave up is still found;
//! - a registered claim reached the caller's type in a form the tee does not record (an
//!   object, an enum, a `RawValue`): the claims are read again by capturing each wanted value
//!   ([`captured`]) and replaying it to the claim readers.

/// Calls `$forward!` with every `Deserializer` method that takes a visitor, except
/// `deserialize_newtype_struct` and `deserialize_ignored_any` (every adapter here treats those
/// two on its own): the one list the adapters [`strict`] and [`tee`] forward.
macro_rules! forward_each_deserialize {
    ($forward:ident) => {
        $forward!(
            deserialize_any(),
            deserialize_bool(),
            deserialize_i8(),
            deserialize_i16(),
            deserialize_i32(),
            deserialize_i64(),
            deserialize_i128(),
            deserialize_u8(),
            deserialize_u16(),
            deserialize_u32(),
            deserialize_u64(),
            deserialize_u128(),
            deserialize_f32(),
            deserialize_f64(),
            deserialize_char(),
            deserialize_str(),
            deserialize_string(),
            deserialize_bytes(),
            deserialize_byte_buf(),
            deserialize_option(),
            deserialize_unit(),
            deserialize_unit_struct(name: &'static str),
            deserialize_seq(),
            deserialize_tuple(len: usize),
            deserialize_tuple_struct(name: &'static str, len: usize),
            deserialize_map(),
            deserialize_struct(name: &'static str, fields: &'static [&'static str]),
            deserialize_enum(name: &'static str, variants: &'static [&'static str]),
            deserialize_identifier(),
        );
    };
}

mod captured;
mod header;
mod names;
mod plain_header;
mod raw;
mod registered;
mod skip;
mod strict;
mod tee;

use serde::Deserialize;

pub(crate) use self::header::RawHeader;
use self::registered::Capture;
pub(crate) use self::registered::{Aud, RegisteredView, Slot};
use self::skip::Skip;
pub(crate) use self::skip::StrictValue;
use self::strict::Strict;
use serde_json::Value;

use crate::alg::Algorithm;
use crate::error::{push_printable, HeaderError, MalformedError, Result, Segment, MAX_ECHO};
use crate::header::{check_crit_shape, Header};

/// Why a payload could not be read.
#[derive(Debug)]
pub(crate) enum PayloadError {
    /// The JSON itself is bad: syntax, a duplicate name, not an object.
    Malformed(MalformedError),
    /// The JSON is fine but the caller's type does not fit it. The payload still has to be
    /// scanned ([`scan_payload`]) before this may be reported.
    Unfit(serde_json::Error),
}

/// Reads a payload into the caller's type `C` and the registered claims into `view` (made by
/// [`RegisteredView::new`] for `required`), in one pass.
///
/// `required` are the non-registered names the validation requires; the view records which
/// are present and not `null`.
pub(crate) fn read_payload<'de, C: Deserialize<'de>>(
    json: &'de [u8],
    required: &[String],
    view: &mut RegisteredView<'de>,
) -> Result<C, PayloadError> {
    let mut capture = Capture::teeing(required, view);
    let claims = read_with(json, &mut capture)?;
    if capture.incomplete {
        // A registered claim the tee could not record (an object, an enum, a `RawValue`):
        // read the claims alone, the capturing way.
        *view = scan_payload(json, required).map_err(PayloadError::Malformed)?;
    }
    Ok(claims)
}

/// Reads `json` into `C` through the strict adapter, with `capture` as the hook.
fn read_with<'de, C: Deserialize<'de>>(
    json: &'de [u8],
    capture: &mut Capture<'de, '_, '_>,
) -> Result<C, PayloadError> {
    let mut de = serde_json::Deserializer::from_slice(json);
    // Errors are sorted out of line, so that `C` (often large) is moved as little as possible.
    let claims = C::deserialize(Strict::new(&mut de, Some(&mut *capture))).map_err(sort)?;
    de.end().map_err(sort)?;
    if !capture.view.object {
        return Err(PayloadError::Malformed(not_an_object(Segment::Payload)));
    }
    Ok(claims)
}

/// A data error that is not a duplicate name means `C` does not fit; anything else is bad
/// JSON.
#[cold]
fn sort(e: serde_json::Error) -> PayloadError {
    if e.is_data() && !is_duplicate(&e) {
        PayloadError::Unfit(e)
    } else {
        PayloadError::Malformed(malformed(&e, Segment::Payload))
    }
}

/// Reads only the registered claims (and the presence of `required` names), checking the
/// whole payload strictly.
pub(crate) fn scan_payload<'de>(
    json: &'de [u8],
    required: &[String],
) -> Result<RegisteredView<'de>, MalformedError> {
    let mut view = RegisteredView::new(required.len());
    match read_with::<Skip>(json, &mut Capture::new(required, &mut view)) {
        Ok(Skip) => Ok(view),
        Err(PayloadError::Malformed(e)) => Err(e),
        // `Skip` accepts every JSON value: only a registered-claim reader could complain,
        // and those record wrong types instead of failing.
        Err(PayloadError::Unfit(e)) => Err(malformed(&e, Segment::Payload)),
    }
}

/// Reads a header's JSON strictly; `alg` is still a string.
fn read_header(json: &[u8]) -> Result<RawHeader<'_>, MalformedError> {
    let mut de = serde_json::Deserializer::from_slice(json);
    RawHeader::deserialize(Strict::new(&mut de, None::<&mut strict::NoHook>))
        .and_then(|raw| de.end().map(|()| raw))
        .map_err(|e| malformed(&e, Segment::Header))
}

/// Parses a decoded header: JSON shape, typed `alg`, the shape of `crit`, and `b64`.
///
/// Whether each `crit` extension is understood depends on the verifier's
/// [`Validation`](crate::Validation) and is checked by [`check_critical`](crate::header::check_critical).
pub(crate) fn parse_header(json: &[u8]) -> Result<(Algorithm, Header)> {
    match plain_header::read(json) {
        Some(plain) => Ok(plain),
        None => read_header_generally(json),
    }
}

/// [`parse_header`] for any header, through the strict reader.
fn read_header_generally(json: &[u8]) -> Result<(Algorithm, Header)> {
    let raw = read_header(json)?;
    if raw.bad_crit {
        return Err(HeaderError::InvalidCritical.into());
    }
    let alg = raw.alg.ok_or(HeaderError::MissingAlgorithm)?;
    let alg = Algorithm::from_name(&alg).ok_or_else(|| HeaderError::unsupported_algorithm(&alg))?;
    let header = raw.header;
    // RFC 7797 unencoded payloads change what the signature covers; not implemented, so a
    // token asking for them is refused rather than verified the wrong way.
    if let Some(b64) = header.extra.get("b64") {
        if b64 != &Value::Bool(true) {
            return Err(HeaderError::UnsupportedParameter("b64").into());
        }
    }
    if let Some(crit) = &header.crit {
        check_crit_shape(crit, &header.extra).map_err(|_| HeaderError::InvalidCritical)?;
    }
    Ok((alg, header))
}

/// Parses any JSON document into a `serde_json::Value`, refusing duplicate names at every
/// depth. (The reference reading in the tests; JWK documents will use it too.)
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn parse_value(json: &str) -> std::result::Result<Value, serde_json::Error> {
    serde_json::from_str::<StrictValue>(json).map(|StrictValue(value)| value)
}

/// The typed error for a parser error in `segment`.
pub(crate) fn malformed(error: &serde_json::Error, segment: Segment) -> MalformedError {
    if is_duplicate(error) {
        MalformedError::DuplicateMember(segment)
    } else {
        MalformedError::Json {
            segment,
            reason: reason(error),
        }
    }
}

fn not_an_object(segment: Segment) -> MalformedError {
    MalformedError::Json {
        segment,
        reason: "expected a json object".to_owned(),
    }
}

fn is_duplicate(error: &serde_json::Error) -> bool {
    error.is_data() && error.to_string().starts_with(names::DUPLICATE)
}

/// A parser error's message without its position, for an error raised inside a value that
/// was parsed on its own (a `RawValue`'s text).
fn root_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// A parser error as a message safe to log and to put in an HTTP header: quoted input
/// (`serde_json` quotes offending strings with `"` and names with `` ` ``) is cut to
/// [`MAX_ECHO`] characters of output, and everything but printable ASCII is escaped.
pub(crate) fn reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let mut out = String::with_capacity(message.len().min(256));
    let mut quote: Option<char> = None;
    // Where the current quoted part starts in `out`, and whether it was cut.
    let mut start = 0;
    let mut cut = false;
    let mut escaped = false;
    for c in message.chars() {
        match quote {
            Some(q) if !escaped && c == q => {
                quote = None;
                if cut {
                    out.push_str("...");
                }
                out.push(c);
            }
            Some(_) => {
                // `serde_json` already escapes `"` and `\` inside its quotes.
                escaped = !escaped && c == '\\';
                cut = cut || !push_printable(&mut out, c, false, start + MAX_ECHO);
            }
            None => {
                if c == '"' || c == '`' {
                    quote = Some(c);
                    start = out.len() + 1;
                    cut = false;
                    escaped = false;
                }
                push_printable(&mut out, c, false, usize::MAX);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
