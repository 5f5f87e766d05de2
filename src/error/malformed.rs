//! [`MalformedError`]: the token is not a JWS compact serialization.

use std::fmt;

/// Which part of a compact token an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment {
    /// The first segment, the JOSE header.
    Header,
    /// The second segment, the claims.
    Payload,
    /// The third segment, the signature.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// The token is not a well-formed JWS compact serialization.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MalformedError {
    /// The token is longer than the configured maximum; nothing else was looked at.
    #[error("token is {len} bytes, more than the limit of {max}")]
    TooLong {
        /// Length of the token in bytes.
        len: usize,
        /// The configured limit.
        max: usize,
    },

    /// The encoded header is longer than the configured maximum.
    #[error("header is {len} bytes, more than the limit of {max}")]
    HeaderTooLong {
        /// Length of the encoded header in bytes.
        len: usize,
        /// The configured limit.
        max: usize,
    },

    /// The token still starts with the `Bearer ` scheme of an `Authorization` header. Pass
    /// the header's value through [`bearer_token`](crate::bearer_token) first.
    #[error("token starts with \"Bearer \"; pass only the token, see bearer_token")]
    BearerPrefix,

    /// The token starts or ends with whitespace, typically a newline left by reading a file
    /// or a line of input.
    #[error("token has leading or trailing whitespace (a newline?); trim it before decoding")]
    Whitespace,

    /// The token does not have exactly three dot-separated segments.
    #[error("token must have exactly 3 segments separated by dots")]
    SegmentCount,

    /// A segment is empty where content is required.
    #[error("{0} segment is empty")]
    EmptySegment(Segment),

    /// A segment is not unpadded, canonical base64url (RFC 7515 §2): padding, `+`, `/`,
    /// whitespace and non-zero trailing bits are all refused.
    #[error("{0} segment is not valid unpadded base64url")]
    Base64(Segment),

    /// A segment is not JSON, or not a JSON object.
    #[error("{segment} is not valid json: {reason}")]
    Json {
        /// The segment that failed to parse.
        segment: Segment,
        /// What the parser said: a position, never the whole input; quoted input is cut to
        /// [`MAX_ECHO`](crate::MAX_ECHO) characters and escaped.
        reason: String,
    },

    /// A JSON object in the segment names the same member twice, at any depth. Two parsers
    /// that resolve duplicates differently could disagree about what a signed token says.
    #[error("{0} has a duplicate json member name")]
    DuplicateMember(Segment),
}

impl MalformedError {
    /// A stable, machine-readable code, such as `"malformed.base64"`.
    pub fn code(&self) -> &'static str {
        match self {
            MalformedError::TooLong { .. } => "malformed.too_long",
            MalformedError::HeaderTooLong { .. } => "malformed.header_too_long",
            MalformedError::BearerPrefix => "malformed.bearer_prefix",
            MalformedError::Whitespace => "malformed.whitespace",
            MalformedError::SegmentCount => "malformed.segment_count",
            MalformedError::EmptySegment(_) => "malformed.empty_segment",
            MalformedError::Base64(_) => "malformed.base64",
            MalformedError::Json { .. } => "malformed.json",
            MalformedError::DuplicateMember(_) => "malformed.duplicate_member",
        }
    }
}
