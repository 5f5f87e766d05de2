//! Reading the scripts' replies back into the store's types. A reply that does not have the
//! shape its script returns is [`StoreError::Unavailable`] (a foreign script under our
//! SHA, or a bug), never a panic and never a guess.

use jwtcraft::NumericDate;
use redis::Value;

use crate::store::types::{
    Cursor, FamilyId, FamilyInfo, FamilySnapshot, Revocation, RevocationPage, RevocationTarget,
    RotateOutcome, StoreError, TokenHash,
};

fn bad(what: &str) -> StoreError {
    StoreError::Unavailable(format!("unexpected redis reply ({what})"))
}

fn bytes<'a>(value: &'a Value, what: &str) -> Result<&'a [u8], StoreError> {
    match value {
        Value::BulkString(b) => Ok(b),
        Value::SimpleString(s) => Ok(s.as_bytes()),
        _ => Err(bad(what)),
    }
}

fn text<'a>(value: &'a Value, what: &str) -> Result<&'a str, StoreError> {
    std::str::from_utf8(bytes(value, what)?).map_err(|_| bad(what))
}

fn int(value: &Value, what: &str) -> Result<i64, StoreError> {
    match value {
        Value::Int(n) => Ok(*n),
        other => text(other, what)?.parse().map_err(|_| bad(what)),
    }
}

fn date(value: &Value, what: &str) -> Result<NumericDate, StoreError> {
    int(value, what).map(NumericDate::from_unix_seconds)
}

fn seq(value: &Value) -> Result<u64, StoreError> {
    u64::try_from(int(value, "seq")?).map_err(|_| bad("seq"))
}

fn hash(value: &Value) -> Result<TokenHash, StoreError> {
    let bytes: [u8; 32] = bytes(value, "token hash")?
        .try_into()
        .map_err(|_| bad("token hash"))?;
    Ok(TokenHash::from_bytes(bytes))
}

fn array<'a>(value: &'a Value, what: &str) -> Result<&'a [Value], StoreError> {
    match value {
        Value::Array(items) => Ok(items),
        _ => Err(bad(what)),
    }
}

/// `create.lua`: `ok` or `conflict`.
pub(super) fn created(value: &Value) -> Result<(), StoreError> {
    match text(value, "create")? {
        "ok" => Ok(()),
        "conflict" => Err(StoreError::Conflict),
        _ => Err(bad("create")),
    }
}

/// What `rotate.lua` decided. Theft is not an outcome yet: the caller appends the log entry
/// (another slot) and turns it into [`RotateOutcome::ReuseDetected`].
#[derive(Debug)]
pub(super) enum Rotated {
    Done(RotateOutcome),
    /// The family was revoked; its log entry's `until`.
    Theft(NumericDate),
}

/// `rotate.lua`: `{verdict, ...}`.
pub(super) fn rotated(value: &Value) -> Result<Rotated, StoreError> {
    let items = array(value, "rotate")?;
    let verdict = items.first().ok_or_else(|| bad("rotate"))?;
    Ok(Rotated::Done(match (text(verdict, "rotate")?, items) {
        ("rotated", [_, from_previous, subject, has_extra, extra, idle, absolute]) => {
            let extra_claims = match text(has_extra, "extra flag")? {
                "1" => Some(text(extra, "extra claims")?.to_owned()),
                _ => None,
            };
            RotateOutcome::Rotated {
                family: FamilyInfo::new(
                    text(subject, "subject")?.to_owned(),
                    extra_claims,
                    date(idle, "idle")?,
                    date(absolute, "absolute")?,
                ),
                from_previous: int(from_previous, "from_previous")? == 1,
            }
        }
        ("reuse", [_, until]) => return Ok(Rotated::Theft(date(until, "until")?)),
        ("revoked", [_]) => RotateOutcome::Revoked,
        ("expired", [_]) => RotateOutcome::Expired,
        ("early", [_]) => RotateOutcome::AccessStillValid,
        ("notfound", [_]) => RotateOutcome::NotFound,
        _ => return Err(bad("rotate")),
    }))
}

/// `append.lua`: `seq, until` per entry, for `targets` in order.
pub(super) fn appended(
    value: &Value,
    targets: Vec<RevocationTarget>,
) -> Result<Vec<Revocation>, StoreError> {
    let items = array(value, "append")?;
    if items.len() != 2 * targets.len() {
        return Err(bad("append"));
    }
    items
        .chunks(2)
        .zip(targets)
        .map(|(chunk, target)| match chunk {
            [seq_value, until] => Ok(Revocation::new(
                seq(seq_value)?,
                target,
                date(until, "until")?,
            )),
            _ => Err(bad("append")),
        })
        .collect()
}

/// `revoke_family.lua`: the family's `access_until`, or nil when it was not revoked.
pub(super) fn family_revoked(value: &Value) -> Result<Option<NumericDate>, StoreError> {
    match value {
        Value::Nil => Ok(None),
        other => date(other, "until").map(Some),
    }
}

/// `ZRANGEBYSCORE` of the subject index: family ids.
pub(super) fn family_ids(value: &Value) -> Result<Vec<FamilyId>, StoreError> {
    array(value, "subject index")?
        .iter()
        .map(|id| FamilyId::parse(text(id, "family id")?).ok_or_else(|| bad("family id")))
        .collect()
}

/// `since.lua`: `{next, "seq:until:kind:target"...}`.
pub(super) fn page(value: &Value) -> Result<RevocationPage, StoreError> {
    let (next, entries) = array(value, "log page")?
        .split_first()
        .ok_or_else(|| bad("log page"))?;
    let entries = entries
        .iter()
        .map(|entry| log_entry(text(entry, "log entry")?).ok_or_else(|| bad("log entry")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RevocationPage::new(entries, Cursor(seq(next)?)))
}

fn log_entry(entry: &str) -> Option<Revocation> {
    // The target comes last, so a `:` inside a jti is kept.
    let mut parts = entry.splitn(4, ':');
    let seq = parts.next()?.parse().ok()?;
    let until = NumericDate::from_unix_seconds(parts.next()?.parse().ok()?);
    let target = match (parts.next()?, parts.next()?) {
        ("f", id) => RevocationTarget::Family(FamilyId::parse(id)?),
        ("a", jti) => RevocationTarget::Access(jti.to_owned()),
        _ => return None,
    };
    Some(Revocation::new(seq, target, until))
}

/// `HMGET` of a family's snapshot fields, in [`SNAPSHOT_FIELDS`] order; `None` if absent.
pub(super) fn snapshot(value: &Value) -> Result<Option<FamilySnapshot>, StoreError> {
    match array(value, "family")? {
        [Value::Nil, ..] => Ok(None),
        [subject, created, idle, absolute, generation, current, revoked] => {
            Ok(Some(FamilySnapshot::new(
                text(subject, "subject")?.to_owned(),
                date(created, "created")?,
                date(idle, "idle")?,
                date(absolute, "absolute")?,
                u64::try_from(int(generation, "generation")?).map_err(|_| bad("generation"))?,
                hash(current)?,
                int(revoked, "revoked")? == 1,
            )))
        }
        _ => Err(bad("family")),
    }
}

/// The hash fields [`snapshot`] reads.
pub(super) const SNAPSHOT_FIELDS: [&str; 7] =
    ["sub", "created", "idle", "abs", "gen", "cur", "rev"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_entries_round_trip_and_keep_colons_in_jti() {
        let entry = log_entry("7:1800000060:a:jti:with:colons").unwrap();
        assert_eq!(entry.seq, 7);
        assert_eq!(entry.until, NumericDate::from_unix_seconds(1_800_000_060));
        assert_eq!(
            entry.target,
            RevocationTarget::Access("jti:with:colons".into())
        );
        assert!(log_entry("7:1:f:not-an-id").is_none());
        assert!(log_entry("x:1:a:j").is_none());
    }

    #[test]
    fn malformed_replies_are_errors() {
        assert_eq!(
            rotated(&Value::Int(1)).unwrap_err().code(),
            "store.unavailable"
        );
        let short = Value::Array(vec![Value::SimpleString("rotated".into())]);
        assert!(rotated(&short).is_err());
        let one = Value::Array(vec![Value::Int(1), Value::Int(2)]);
        assert!(appended(&one, vec![]).is_err());
        assert_eq!(
            appended(&one, vec![RevocationTarget::Access("j".into())])
                .unwrap()
                .len(),
            1
        );
        assert!(created(&Value::SimpleString("what".into())).is_err());
        assert!(page(&Value::Array(vec![])).is_err());
    }
}
