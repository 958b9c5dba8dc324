//! moto's real server: IAM users, access keys, roles and a bucket, with
//! request authentication enforced.

use super::credentials::StaticKey;
use super::WORLD_REGION;
use crate::support::env::{env_var, in_ci};
use crate::support::loopback::assert_loopback_url;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::Duration;

/// How long moto may take to start and build the world.
pub const MOTO_START_TIMEOUT: Duration = Duration::from_secs(30);

/// An IAM user of the moto world and its access key.
#[derive(Clone, Debug)]
pub struct MotoUser {
    pub user_name: String,
    pub arn: String,
    pub key: StaticKey,
}

/// moto's server on `127.0.0.1:<free port>`, holding:
///
/// * [`admin`](Moto::admin): user `credwiz-admin`, policy `Allow *`;
/// * [`no_s3`](Moto::no_s3): user `credwiz-no-s3`, `Allow *` and `Deny s3:*`;
/// * [`role_arn`](Moto::role_arn): role `credwiz-role` (`Allow *`), which only
///   `credwiz-admin` may assume (moto checks trust policies by exact ARN);
/// * [`chained_role_arn`](Moto::chained_role_arn): `credwiz-chained-role`
///   (`Allow *`), which anyone may assume, so a `credwiz-role` session can;
/// * bucket `credwiz-bucket` with `hello.txt`;
///
/// and then every request authenticated. Facts pinned in `world_smoke.rs`:
/// an unknown key id gets 403 `InvalidClientTokenId`, a wrong secret 403
/// `SignatureDoesNotMatch`, a long-term key sent with a session token
/// `InvalidClientTokenId`, `GetCallerIdentity` is allowed whatever the
/// policy; moto never expires session credentials (use [`StsStub`] for
/// `ExpiredToken`).
///
/// Killed on drop. Also exits by itself when the test process dies: it
/// serves until its stdin (held by this struct) closes.
pub struct Moto {
    child: Mutex<Child>,
    stdin: Mutex<Option<ChildStdin>>,
    stderr: Arc<Mutex<String>>,
    endpoint: String,
    account_id: String,
    admin: MotoUser,
    no_s3: MotoUser,
    role_arn: String,
    chained_role_arn: String,
    bucket: String,
}

impl std::fmt::Debug for Moto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Moto")
            .field("endpoint", &self.endpoint)
            .field("account_id", &self.account_id)
            .field("admin", &self.admin)
            .field("no_s3", &self.no_s3)
            .finish_non_exhaustive()
    }
}

/// The python with moto installed: `CREDWIZ_WORLD_PYTHON`, else the venv that
/// `scripts/world-venv` builds under `target/world-venv`.
pub fn world_python() -> Option<PathBuf> {
    if let Some(path) = env_var("CREDWIZ_WORLD_PYTHON").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let target = env_var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let python = target.join("world-venv/bin/python");
    python.exists().then_some(python)
}

impl Moto {
    /// Starts a fresh moto world of this test's own (≤ 30 s).
    ///
    /// `None` only outside CI when no venv is found (after a loud message on
    /// stderr). In CI a missing venv, and anywhere a moto that fails to
    /// start, panics with moto's stderr.
    pub fn start() -> Option<Moto> {
        let Some(python) = world_python() else {
            let help = "no moto venv: run scripts/test (or scripts/world-venv and set \
                        CREDWIZ_WORLD_PYTHON=<venv>/bin/python)";
            if in_ci() {
                panic!("CI=true and {help}");
            }
            eprintln!("\n!!!!! SKIPPING a moto test: {help} !!!!!\n");
            return None;
        };
        Some(Self::start_with(&python))
    }

    /// One moto world shared by every test of this process (started on first
    /// use). Tests sharing it must not change its users, roles or policies.
    /// It exits when the test process ends, as its stdin closes.
    pub fn shared() -> Option<&'static Moto> {
        static SHARED: OnceLock<Option<Moto>> = OnceLock::new();
        SHARED.get_or_init(Moto::start).as_ref()
    }

    fn start_with(python: &Path) -> Moto {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/world/moto_world.py");
        let mut child = Command::new(python)
            .arg(&script)
            .env_clear()
            .env("PATH", env_var("PATH").unwrap_or_default())
            .env("PYTHONUNBUFFERED", "1")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run {} {}: {e}", python.display(), script.display())
            });

        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_pipe = child.stderr.take().expect("piped stderr");
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr_pipe).lines().map_while(Result::ok) {
                let mut all = collected.lock().unwrap_or_else(|e| e.into_inner());
                all.push_str(&line);
                all.push('\n');
            }
        });

        // The world line carries secrets: it goes through the channel only,
        // never into a message. Other stdout lines are ignored.
        let stdout_pipe = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout_pipe).lines().map_while(Result::ok) {
                if let Some(json) = line.strip_prefix("CREDWIZ-WORLD ") {
                    let _ = sender.send(json.to_string());
                }
            }
        });

        let stdin = child.stdin.take();
        let fail = |child: &mut Child, why: &str| -> ! {
            let _ = child.kill();
            let _ = child.wait();
            // Let the stderr reader drain what the dead process left.
            std::thread::sleep(Duration::from_millis(100));
            let log = stderr.lock().unwrap_or_else(|e| e.into_inner()).clone();
            panic!(
                "moto world did not start ({why}); python {} {}\n--- moto stderr ---\n{}",
                python.display(),
                script.display(),
                tail(&log, 4000)
            );
        };
        let json = match receiver.recv_timeout(MOTO_START_TIMEOUT) {
            Ok(json) => json,
            Err(mpsc::RecvTimeoutError::Timeout) => fail(
                &mut child,
                &format!("no world line within {MOTO_START_TIMEOUT:?}"),
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => fail(
                &mut child,
                "moto_world.py exited before reporting the world",
            ),
        };
        let world: serde_json::Value = match serde_json::from_str(&json) {
            Ok(world) => world,
            Err(e) => fail(&mut child, &format!("world line is not JSON: {e}")),
        };
        let text = |pointer: &str| -> String {
            world
                .pointer(pointer)
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| panic!("moto world line lacks {pointer}"))
        };
        let user = |name: &str| MotoUser {
            user_name: text(&format!("/{name}/user_name")),
            arn: text(&format!("/{name}/arn")),
            key: StaticKey::new(
                &text(&format!("/{name}/access_key_id")),
                &text(&format!("/{name}/secret_access_key")),
            ),
        };
        let endpoint = text("/endpoint");
        assert_loopback_url("moto endpoint", &endpoint);
        Moto {
            endpoint,
            account_id: text("/account_id"),
            admin: user("admin"),
            no_s3: user("no_s3"),
            role_arn: text("/role/arn"),
            chained_role_arn: text("/chained_role/arn"),
            bucket: text("/bucket"),
            child: Mutex::new(child),
            stdin: Mutex::new(stdin),
            stderr,
        }
    }

    /// `http://127.0.0.1:<port>`; set it as `AWS_ENDPOINT_URL`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The account every user and role lives in (moto's `123456789012`).
    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    /// Always us-east-1.
    pub fn region(&self) -> &str {
        WORLD_REGION
    }

    /// `credwiz-admin`: allowed everything, may assume [`Moto::role_arn`].
    pub fn admin(&self) -> &MotoUser {
        &self.admin
    }

    /// `credwiz-no-s3`: allowed everything but `s3:*`; may not assume
    /// [`Moto::role_arn`] (trust policy), may assume the chained role.
    pub fn no_s3(&self) -> &MotoUser {
        &self.no_s3
    }

    /// `arn:aws:iam::<account>:role/credwiz-role`.
    pub fn role_arn(&self) -> &str {
        &self.role_arn
    }

    /// `arn:aws:iam::<account>:role/credwiz-chained-role`.
    pub fn chained_role_arn(&self) -> &str {
        &self.chained_role_arn
    }

    /// `credwiz-bucket` (holds `hello.txt`).
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// What moto wrote to stderr so far (tracebacks; never keys).
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Every secret of the world, for "no output contains these" assertions.
    pub fn secrets(&self) -> Vec<&str> {
        vec![
            self.admin.key.secret_access_key.as_str(),
            self.no_s3.key.secret_access_key.as_str(),
        ]
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        drop(self.stdin.lock().unwrap_or_else(|e| e.into_inner()).take());
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn tail(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}
