//! The key names (with their Cluster hash tags) and the Lua scripts of a
//! [`RedisStore`](super::RedisStore).

use redis::Script;

use crate::store::types::FamilyId;

/// Shared by the scripts that append to the revocation log.
const LOG: &str = include_str!("log.lua");

#[derive(Debug)]
pub(super) struct Keys {
    /// `<prefix>:fam:{`, followed by the id and `}`.
    pub(super) family_open: String,
    retired_open: String,
    subject_open: String,
    /// The log, its expiry index and its counter: `KEYS[1..3]` of the appending scripts.
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

    pub(super) fn family(&self, id: &FamilyId) -> String {
        format!("{}{id}}}", self.family_open)
    }

    pub(super) fn retired(&self, id: &FamilyId) -> String {
        format!("{}{id}}}", self.retired_open)
    }

    pub(super) fn subject(&self, subject: &str) -> String {
        format!("{}{subject}}}", self.subject_open)
    }
}

#[derive(Debug)]
pub(super) struct Scripts {
    pub(super) create: Script,
    pub(super) rotate: Script,
    pub(super) revoke_family: Script,
    pub(super) revoke_subject: Script,
    pub(super) revoke_access: Script,
    pub(super) since: Script,
}

impl Scripts {
    pub(super) fn new() -> Self {
        let with_log = |body: &str| Script::new(&format!("{LOG}\n{body}"));
        Scripts {
            create: Script::new(include_str!("create.lua")),
            rotate: with_log(include_str!("rotate.lua")),
            revoke_family: with_log(include_str!("revoke_family.lua")),
            revoke_subject: with_log(include_str!("revoke_subject.lua")),
            revoke_access: with_log(include_str!("revoke_access.lua")),
            since: Script::new(include_str!("since.lua")),
        }
    }
}
