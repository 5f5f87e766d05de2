//! The store-generic suite (tests/common) run against [`MemoryStore`].

#[macro_use]
mod common;

use jwtcraft_session::MemoryStore;

session_suite!(MemoryStore::new);

#[tokio::test]
async fn memory_store_is_bounded() {
    let (m, _clock) = common::manager(
        MemoryStore::new().with_max_families(2),
        jwtcraft_session::SessionConfig::new(),
    )
    .await;
    m.login("a").await.unwrap();
    m.login("b").await.unwrap();
    assert_eq!(common::code(m.login("c").await), "store_unavailable");
    assert_eq!(m.store().len(), 2);
}
