//! The key names (with their Cluster hash tags), the hash-slot computation that checks them,
//! and the Lua scripts of a [`RedisStore`](super::RedisStore).

use redis::Script;

use crate::store::types::FamilyId;

#[derive(Debug)]
pub(super) struct Keys {
    family_open: String,
    retired_open: String,
    subject_open: String,
    /// The log, its expiry index and its counter: `KEYS[1..3]` of `append.lua` and
    /// `since.lua`, all tagged `{<prefix>}`, so one slot.
    pub(super) log: [String; 3],
}

impl Keys {
    pub(super) fn new(prefix: &str) -> Self {
        Keys {
            family_open: format!("{prefix}:fam:{{"),
            retired_open: format!("{prefix}:ret:{{"),
            subject_open: format!("{prefix}:sub:{{"),
            log: [
                format!("{prefix}:log:{{{prefix}}}"),
                format!("{prefix}:log-until:{{{prefix}}}"),
                format!("{prefix}:log-seq:{{{prefix}}}"),
            ],
        }
    }

    /// `<prefix>:fam:{<id>}`: tagged by the id, so in the family's slot.
    pub(super) fn family(&self, id: &FamilyId) -> String {
        format!("{}{id}}}", self.family_open)
    }

    /// `<prefix>:ret:{<id>}`: the same tag as [`Keys::family`], so the same slot.
    pub(super) fn retired(&self, id: &FamilyId) -> String {
        format!("{}{id}}}", self.retired_open)
    }

    /// `<prefix>:sub:{<subject>}`: a slot per subject. A subject containing `}` ends the
    /// tag early; the key is still one key, so still one slot.
    pub(super) fn subject(&self, subject: &str) -> String {
        format!("{}{subject}}}", self.subject_open)
    }
}

/// The Redis Cluster hash slot of `key`: CRC16 (XMODEM) of its hash tag (the part between
/// the first `{` and the next `}`, when that is not empty) or of the whole key, mod 16384.
pub(super) fn slot(key: &[u8]) -> u16 {
    let tagged = key.iter().position(|&b| b == b'{').and_then(|open| {
        let rest = &key[open + 1..];
        let close = rest.iter().position(|&b| b == b'}')?;
        (close > 0).then(|| &rest[..close])
    });
    crc16(tagged.unwrap_or(key)) % 16_384
}

fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 == 0 {
                crc << 1
            } else {
                (crc << 1) ^ 0x1021
            };
        }
    }
    crc
}

/// Whether every key is in one slot (true for no key): what Redis Cluster requires of the
/// keys of one script call.
pub(super) fn one_slot(keys: &[&str]) -> bool {
    keys.windows(2)
        .all(|pair| slot(pair[0].as_bytes()) == slot(pair[1].as_bytes()))
}

/// One script per single-slot step. Which keys each one takes is in its header comment.
#[derive(Debug)]
pub(super) struct Scripts {
    /// The subject's index (login, step 1).
    pub(super) index: Script,
    /// The family hash (login, step 2).
    pub(super) create: Script,
    /// The family hash and its retired list.
    pub(super) rotate: Script,
    /// The family hash.
    pub(super) revoke_family: Script,
    /// The three log keys.
    pub(super) append: Script,
    /// The three log keys.
    pub(super) since: Script,
}

impl Scripts {
    pub(super) fn new() -> Self {
        Scripts {
            index: Script::new(include_str!("index.lua")),
            create: Script::new(include_str!("create.lua")),
            rotate: Script::new(include_str!("rotate.lua")),
            revoke_family: Script::new(include_str!("revoke_family.lua")),
            append: Script::new(include_str!("append.lua")),
            since: Script::new(include_str!("since.lua")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_match_redis() {
        // Values from `CLUSTER KEYSLOT` on redis-server 7.0 and the Cluster spec's test
        // vector (CRC16 of "123456789" is 0x31C3).
        assert_eq!(crc16(b"123456789"), 0x31C3);
        assert_eq!(slot(b"somekey"), 11_058);
        assert_eq!(slot(b"foo"), 12_182);
        assert_eq!(slot(b"{user1000}.following"), slot(b"user1000"));
        // An empty tag `{}` does not count: the whole key is hashed.
        assert_eq!(slot(b"foo{}{bar}"), crc16(b"foo{}{bar}") % 16_384);
        assert_eq!(slot(b"foo{{bar}}zap"), slot(b"{bar"));
    }

    #[test]
    fn each_script_call_stays_in_one_slot() {
        let keys = Keys::new("jwtcraft");
        let id = FamilyId::parse("AAAAAAAAAAAAAAAAAAAAAA").unwrap();
        let other = FamilyId::parse("BBBBBBBBBBBBBBBBBBBBBB").unwrap();
        let (family, retired) = (keys.family(&id), keys.retired(&id));
        // rotate.lua: the family and its retired list.
        assert!(one_slot(&[&family, &retired]));
        assert_eq!(slot(family.as_bytes()), slot(id.as_str().as_bytes()));
        // append.lua, since.lua: the three log keys.
        let log: Vec<&str> = keys.log.iter().map(String::as_str).collect();
        assert!(one_slot(&log));
        // index.lua: one key, whatever the subject (a `}` inside ends the tag early).
        for subject in ["ada", "we{ir}d", "}", ""] {
            assert!(one_slot(&[&keys.subject(subject)]));
        }
        // What was one script before, and why it had to be split: different slots.
        assert!(!one_slot(&[&family, &keys.subject("ada")]));
        assert!(!one_slot(&[&family, log[0]]));
        assert!(!one_slot(&[&family, &keys.family(&other)]));
    }
}
