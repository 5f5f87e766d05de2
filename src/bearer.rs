//! Taking the token out of an `Authorization: Bearer <token>` header (RFC 6750 §2.1).

use crate::error::BearerError;

/// The token in an `Authorization` header value of the `Bearer` scheme.
///
/// RFC 6750 §2.1 and RFC 9110 §11.1: the scheme is case-insensitive, one or more spaces
/// separate it from the token, and the token is `token68` (`A-Z a-z 0-9 - . _ ~ + /`
/// followed by any `=`). Trailing spaces are tolerated; anything else (a second token, a
/// comma, a tab, a newline) is refused.
///
/// ```
/// use jwtcraft::{bearer_token, BearerError};
/// assert_eq!(bearer_token("Bearer eyJ.eyJ.sig"), Ok("eyJ.eyJ.sig"));
/// assert_eq!(bearer_token("bearer  abc"), Ok("abc"));
/// assert_eq!(bearer_token("Basic dXNlcjpwYXNz"), Err(BearerError::NotBearer));
/// assert_eq!(bearer_token("Bearer "), Err(BearerError::Empty));
/// assert_eq!(bearer_token("Bearer a b"), Err(BearerError::InvalidCharacter));
/// ```
///
/// # Errors
/// [`BearerError::NotBearer`] for another scheme, [`BearerError::Empty`] for no token,
/// [`BearerError::InvalidCharacter`] for anything that is not one token68.
pub fn bearer_token(authorization: &str) -> Result<&str, BearerError> {
    let (scheme, rest) = authorization.split_once(' ').unwrap_or((authorization, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(BearerError::NotBearer);
    }
    let token = rest.trim_start_matches(' ').trim_end_matches(' ');
    if token.is_empty() {
        return Err(BearerError::Empty);
    }
    let body = token.trim_end_matches('=');
    let token68 = |b: u8| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b);
    if body.is_empty() || !body.bytes().all(token68) {
        return Err(BearerError::InvalidCharacter);
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_token68_with_any_scheme_case() {
        for (header, token) in [
            ("Bearer a.b.c", "a.b.c"),
            ("BEARER a.b.c", "a.b.c"),
            ("bEaReR   a.b.c  ", "a.b.c"),
            ("Bearer abc+/~_-.==", "abc+/~_-.=="),
        ] {
            assert_eq!(bearer_token(header), Ok(token), "{header}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for (header, err) in [
            ("", BearerError::NotBearer),
            ("Bearer", BearerError::Empty),
            ("Bearer    ", BearerError::Empty),
            ("Bearerx a.b.c", BearerError::NotBearer),
            ("Basic a.b.c", BearerError::NotBearer),
            ("Token a.b.c", BearerError::NotBearer),
            ("\tBearer a.b.c", BearerError::NotBearer),
            ("Bearer a.b.c d", BearerError::InvalidCharacter),
            ("Bearer a.b.c,x", BearerError::InvalidCharacter),
            ("Bearer a.b.c\n", BearerError::InvalidCharacter),
            ("Bearer\ta.b.c", BearerError::NotBearer),
            ("Bearer ==", BearerError::InvalidCharacter),
            ("Bearer a=b", BearerError::InvalidCharacter),
            ("Bearer a\u{e9}", BearerError::InvalidCharacter),
        ] {
            assert_eq!(bearer_token(header), Err(err), "{header:?}");
        }
    }
}
