//! A real 3-primary Redis Cluster, started by the test from `JWTCRAFT_REDIS_SERVER` (and the
//! `redis-cli` beside it), and the generic scenarios run against
//! `RedisStore::open_cluster`: every script call must stay in one slot, or the cluster
//! refuses it with `CROSSSLOT`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use jwtcraft_session::store::{RedisStore, RedisStoreConfig};
use jwtcraft_session::SessionConfig;

use super::{common, env_or_skip, fresh_prefix};

/// Three cluster-enabled nodes, no replicas; killed (and their directory removed) on drop,
/// also when the test panics.
struct Cluster {
    ports: Vec<u16>,
    dir: PathBuf,
    children: Vec<Child>,
}

impl Cluster {
    fn start(server: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "jwtcraft-redis-cluster-{}-{}",
            std::process::id(),
            fresh_prefix()
        ));
        std::fs::create_dir_all(&dir).expect("cluster dir");
        let mut cluster = Cluster {
            ports: Vec::new(),
            dir,
            children: Vec::new(),
        };
        for node in 0..3 {
            // A tiny race with other processes for the port remains; `redis-cli` then fails
            // below and says so.
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let node_dir = cluster.dir.join(node.to_string());
            std::fs::create_dir_all(&node_dir).expect("node dir");
            let child = Command::new(server)
                .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
                .args([
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                ])
                .args(["--save", "", "--appendonly", "no"])
                .arg("--dir")
                .arg(&node_dir)
                .args(["--logfile", "redis.log"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .spawn()
                .expect("spawn redis-server");
            cluster.ports.push(port);
            cluster.children.push(child);
        }
        let cli = cli(server);
        for port in &cluster.ports {
            Cluster::wait_for(&cli, *port, &["PING"], "PONG");
        }
        let nodes: Vec<String> = cluster
            .ports
            .iter()
            .map(|port| format!("127.0.0.1:{port}"))
            .collect();
        let created = Command::new(&cli)
            .args(["--cluster", "create"])
            .args(&nodes)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .stdin(Stdio::null())
            .output()
            .expect("run redis-cli --cluster create");
        assert!(
            created.status.success(),
            "redis-cli --cluster create failed: {}",
            String::from_utf8_lossy(&created.stdout)
        );
        for port in &cluster.ports {
            Cluster::wait_for(&cli, *port, &["CLUSTER", "INFO"], "cluster_state:ok");
        }
        cluster
    }

    /// Polls `redis-cli -p port command...` until its output contains `expected` (10 s).
    fn wait_for(cli: &Path, port: u16, command: &[&str], expected: &str) {
        for _ in 0..500 {
            let out = Command::new(cli)
                .args(["-h", "127.0.0.1", "-p", &port.to_string()])
                .args(command)
                .stdin(Stdio::null())
                .output();
            if out.is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains(expected)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("cluster node 127.0.0.1:{port} never answered {expected:?}");
    }

    fn urls(&self) -> Vec<String> {
        self.ports
            .iter()
            .map(|port| format!("redis://127.0.0.1:{port}/"))
            .collect()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `redis-cli` beside the server binary, else from `PATH`.
fn cli(server: &str) -> PathBuf {
    let beside = Path::new(server).with_file_name("redis-cli");
    if beside.exists() {
        beside
    } else {
        PathBuf::from("redis-cli")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_runs_the_generic_scenarios() {
    let Some(server) = env_or_skip("JWTCRAFT_REDIS_SERVER") else {
        return;
    };
    let cluster = Cluster::start(&server);
    let urls = cluster.urls();
    let make = || {
        RedisStore::open_cluster(&urls, &RedisStoreConfig::new().with_prefix(fresh_prefix()))
            .expect("open_cluster")
    };
    make().ping().await.expect("ping the cluster");
    // Login, refresh, reuse, logout, subject-wide and access revocations, sync between two
    // managers, and the one-winner races: every script, on a real cluster.
    common::scenarios::login_then_verify_carries_claims(&make).await;
    common::scenarios::rotation_issues_new_pair_and_kills_old(&make).await;
    common::scenarios::reuse_revokes_whole_family(&make).await;
    common::scenarios::grace_allows_only_previous_then_kills_its_successor(&make).await;
    common::scenarios::early_refresh_policies(&make).await;
    common::scenarios::logout_revokes_family_only(&make).await;
    common::scenarios::revoke_subject_revokes_every_family_of_subject_only(&make).await;
    common::scenarios::revoke_access_by_jti_until_exp(&make).await;
    common::scenarios::other_manager_revocations_arrive_by_sync(&make).await;
    common::scenarios::mirror_is_pruned_after_expiry(&make).await;
    common::scenarios::race_grace_zero(&make).await;
    common::scenarios::race_with_grace(&make).await;
    common::fault_scenarios::round_trips_per_operation(&make).await;

    // The keys really share a slot per script as documented: `CLUSTER KEYSLOT` agrees.
    let prefix = fresh_prefix();
    let store =
        RedisStore::open_cluster(&urls, &RedisStoreConfig::new().with_prefix(&prefix)).unwrap();
    let (m, _clock) = common::manager(store, SessionConfig::new()).await;
    let pair = m.login("alice").await.unwrap();
    m.refresh(pair.refresh_token.as_str()).await.unwrap();
    m.logout(&pair.family).await.unwrap();
    let client = redis::Client::open(cluster.urls()[0].as_str()).unwrap();
    let conn = client.get_multiplexed_async_connection().await.unwrap();
    let slot = |key: String| {
        let mut conn = conn.clone();
        async move {
            redis::cmd("CLUSTER")
                .arg("KEYSLOT")
                .arg(key)
                .query_async::<i64>(&mut conn)
                .await
                .unwrap()
        }
    };
    let family = slot(format!("{prefix}:fam:{{{}}}", pair.family)).await;
    assert_eq!(
        family,
        slot(format!("{prefix}:ret:{{{}}}", pair.family)).await
    );
    let log = slot(format!("{prefix}:log:{{{prefix}}}")).await;
    assert_eq!(log, slot(format!("{prefix}:log-until:{{{prefix}}}")).await);
    assert_eq!(log, slot(format!("{prefix}:log-seq:{{{prefix}}}")).await);
}
