//! The loopback AWS test world: moto's server and small stubs of our own, all
//! on `127.0.0.1`, started and stopped by tests with bounded waits.
//!
//! Include it with `#[path = "support/world.rs"] mod world;`. It is
//! self-contained (no `use super::`).
//!
//! * [`Moto`]: moto's real server with IAM users, access keys, roles and a
//!   bucket, and request authentication enforced.
//! * [`ImdsStub`], [`ContainerStub`], [`StsStub`], [`SilentServer`]: what moto
//!   lacks (IMDSv2 tokens, the container endpoint's auth header,
//!   `ExpiredToken`, a skewed `Date`, a server that never answers).
//! * [`loopback_env`] / [`loopback_command`]: the environment every credwiz or
//!   SDK run in a test must get, so nothing can leave this machine.
//!
//! In CI (`CI=true`) a world that cannot start fails the test. Elsewhere a
//! missing venv makes [`Moto::start`] return `None` after a loud message.
//! Nothing here prints or panics with a secret key or session token.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// How long moto may take to start and build the world.
pub const MOTO_START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a stub waits for a request's bytes before giving up on a client.
pub const STUB_READ_TIMEOUT: Duration = Duration::from_secs(2);
/// Region of the moto world and of [`sts_client`].
pub const WORLD_REGION: &str = "us-east-1";
/// Account id the stubs answer with (moto's default account too).
pub const STUB_ACCOUNT_ID: &str = "123456789012";

/// STS's XML namespace. The stubs answer errors in AWS STS's shape,
/// `<ErrorResponse><Error>…</Error><RequestId>`, which aws-sdk-sts parses;
/// moto wraps the `<Error>` in `<Errors>`, which it does not (see
/// [`xml_error_code`]).
const STS_XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

// ---------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------

/// True when running in CI (`CI` set to anything but empty, `0` or `false`).
pub fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| {
            let v = v.trim().to_ascii_lowercase();
            !(v.is_empty() || v == "0" || v == "false")
        })
        .unwrap_or(false)
}

/// The environment every credwiz or SDK run in a test must get, and nothing
/// else: start from `Command::env_clear()` and add exactly these (or use
/// [`loopback_command`]). No inherited `AWS_*` variable survives that.
///
/// * `HOME` = `home` (so `~/.aws` is the test's own),
/// * `PATH` from the test process (for `credential_process` helpers),
/// * `AWS_EC2_METADATA_DISABLED=true` (remove it and set
///   `AWS_EC2_METADATA_SERVICE_ENDPOINT` to an [`ImdsStub`] to test IMDS),
/// * `AWS_ENDPOINT_URL` = `endpoint`, which must be loopback: a [`Moto`]
///   endpoint, a stub, a [`SilentServer`], or [`refused_url`],
/// * `CREDWIZ_CONTAINER=0`, since the test machine may itself be a container,
///   and `CREDWIZ_SYSROOT` at a missing path, so its /sys and /proc are not read.
///
/// Panics if `endpoint` is not a loopback URL.
pub fn loopback_env(home: &Path, endpoint: &str) -> Vec<(String, String)> {
    assert_loopback_url("AWS_ENDPOINT_URL", endpoint);
    let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".to_string());
    vec![
        ("HOME".into(), home.display().to_string()),
        ("PATH".into(), path),
        ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ("AWS_ENDPOINT_URL".into(), endpoint.to_string()),
        ("CREDWIZ_CONTAINER".into(), "0".into()),
        // The test machine's own /sys and /proc must not decide a scenario.
        (
            "CREDWIZ_SYSROOT".into(),
            "/nonexistent/credwiz-test-sysroot".into(),
        ),
        ("NO_COLOR".into(), "1".into()),
    ]
}

/// A `Command` for `program` with a cleared environment plus [`loopback_env`].
pub fn loopback_command(
    program: impl AsRef<std::ffi::OsStr>,
    home: &Path,
    endpoint: &str,
) -> Command {
    let mut command = Command::new(program);
    command.env_clear().envs(loopback_env(home, endpoint));
    command
}

/// Panics unless `url` is `http(s)://` to 127.0.0.0/8, `localhost` or `[::1]`.
pub fn assert_loopback_url(what: &str, url: &str) {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or_else(|| panic!("{what} must be an http(s) URL on loopback, got {url:?}"));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or("")
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false);
    assert!(loopback, "{what} must point at loopback, got {url:?}");
}

/// A loopback URL where nothing listens: connections are refused at once.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("local addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

// ---------------------------------------------------------------------------
// Keys and an SDK client
// ---------------------------------------------------------------------------

/// A key pair (and optional session token). `Debug` never shows the secret
/// or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct StaticKey {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl StaticKey {
    pub fn new(access_key_id: &str, secret_access_key: &str) -> Self {
        StaticKey {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
        }
    }

    pub fn with_token(mut self, token: &str) -> Self {
        self.session_token = Some(token.into());
        self
    }

    /// The secret and token, for "no output contains these" assertions.
    pub fn secrets(&self) -> Vec<&str> {
        let mut secrets = vec![self.secret_access_key.as_str()];
        secrets.extend(self.session_token.as_deref());
        secrets
    }
}

impl std::fmt::Debug for StaticKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticKey")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// An STS client configured by hand: `endpoint`, static `key`, region
/// us-east-1, no retries, 2 s connect and 5 s operation timeouts. It never
/// consults the environment, `~/.aws` or IMDS.
pub fn sts_client(endpoint: &str, key: &StaticKey) -> aws_sdk_sts::Client {
    sts_client_with_timeout(endpoint, key, Duration::from_secs(5))
}

/// [`sts_client`] with a chosen operation timeout.
pub fn sts_client_with_timeout(
    endpoint: &str,
    key: &StaticKey,
    timeout: Duration,
) -> aws_sdk_sts::Client {
    assert_loopback_url("sts_client endpoint", endpoint);
    let credentials = aws_credential_types::Credentials::new(
        key.access_key_id.clone(),
        key.secret_access_key.clone(),
        key.session_token.clone(),
        None,
        "credwiz-test-world",
    );
    let config = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new(WORLD_REGION))
        .endpoint_url(endpoint)
        .credentials_provider(credentials)
        .retry_config(aws_sdk_sts::config::retry::RetryConfig::disabled())
        .timeout_config(
            // One bound for the whole call. Connect and read limits equal to it
            // would race it, and which fires first (a DispatchFailure or a
            // TimeoutError) would depend on the machine's load.
            aws_sdk_sts::config::timeout::TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2).min(timeout * 2))
                .read_timeout(timeout * 2)
                .operation_timeout(timeout)
                .build(),
        )
        .build();
    aws_sdk_sts::Client::from_conf(config)
}

// ---------------------------------------------------------------------------
// Moto
// ---------------------------------------------------------------------------

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
    if let Some(path) = std::env::var_os("CREDWIZ_WORLD_PYTHON").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
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
            .env("PATH", std::env::var("PATH").unwrap_or_default())
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

// ---------------------------------------------------------------------------
// A tiny HTTP/1.1 server for the stubs
// ---------------------------------------------------------------------------

/// One request a stub received.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    /// Header names lowercased.
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl RecordedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// Form fields of an `application/x-www-form-urlencoded` body.
    pub fn form(&self) -> BTreeMap<String, String> {
        parse_form(&self.body)
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// Never answer: hold the connection open for [`SILENT_HOLD`].
    silent: bool,
}

/// How long a silent reply holds its connection before dropping it.
const SILENT_HOLD: Duration = Duration::from_secs(5);

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            silent: false,
        }
    }

    /// No answer at all, as when a reply is dropped one network hop away.
    fn silent() -> Reply {
        Reply {
            silent: true,
            ..Reply::new(0, "text/plain", "")
        }
    }

    fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = Arc<dyn Fn(&RecordedRequest) -> Reply + Send + Sync>;

/// A listener on 127.0.0.1:0 with an accept thread; stopped on drop.
/// Ready as soon as it exists: the socket listens before `bind` returns.
struct Listener {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept_thread: Option<JoinHandle<()>>,
}

impl Listener {
    fn start(on_connection: impl Fn(TcpStream) + Send + 'static) -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let accept_thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    on_connection(stream);
                }
            }
        });
        Listener {
            addr,
            stop,
            accept_thread: Some(accept_thread),
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the thread sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.accept_thread.take() {
            let _ = thread.join();
        }
    }
}

/// An HTTP server answering each request with `handler`, one thread per
/// connection, `Connection: close` after every reply.
struct HttpStub {
    listener: Listener,
    requests: Arc<Mutex<Vec<RecordedRequest>>>,
}

impl HttpStub {
    fn start(handler: Handler) -> HttpStub {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        let listener = Listener::start(move |stream| {
            let handler = Arc::clone(&handler);
            let log = Arc::clone(&log);
            std::thread::spawn(move || serve_one(stream, &handler, &log));
        });
        HttpStub { listener, requests }
    }

    fn requests(&self) -> Vec<RecordedRequest> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn serve_one(mut stream: TcpStream, handler: &Handler, log: &Mutex<Vec<RecordedRequest>>) {
    let _ = stream.set_read_timeout(Some(STUB_READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(STUB_READ_TIMEOUT));
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(request.clone());
    let reply = handler(&request);
    if reply.silent {
        std::thread::sleep(SILENT_HOLD);
        return;
    }
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.body.len()
    ));
    let _ = stream.write_all(head.as_bytes());
    if request.method != "HEAD" {
        let _ = stream.write_all(reply.body.as_bytes());
    }
    let _ = stream.flush();
}

fn read_request(stream: &mut TcpStream) -> Option<RecordedRequest> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    Some(RecordedRequest {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn parse_form(body: &str) -> BTreeMap<String, String> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |byte: Option<&u8>| byte.and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 2;
            }
            (byte, _, _) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// RFC 3339 (`2026-01-02T03:04:05Z`), as IMDS, ECS and STS write expirations.
pub fn rfc3339(time: SystemTime) -> String {
    aws_smithy_types::DateTime::from(time)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .expect("format date")
}

/// An HTTP `Date` header value (`Mon, 02 Jan 2026 03:04:05 GMT`).
pub fn http_date(time: SystemTime) -> String {
    aws_smithy_types::DateTime::from(time)
        .fmt(aws_smithy_types::date_time::Format::HttpDate)
        .expect("format date")
}

fn offset_now(offset_secs: i64) -> SystemTime {
    let now = SystemTime::now();
    let magnitude = Duration::from_secs(offset_secs.unsigned_abs());
    if offset_secs >= 0 {
        now + magnitude
    } else {
        now - magnitude
    }
}

static UNIQUE: AtomicUsize = AtomicUsize::new(0);

fn unique() -> usize {
    UNIQUE.fetch_add(1, Ordering::SeqCst)
}

// ---------------------------------------------------------------------------
// Temporary credentials the stubs hand out
// ---------------------------------------------------------------------------

/// Temporary credentials served by [`ImdsStub`], [`ContainerStub`] and
/// [`StsStub`]'s AssumeRole. `Debug` hides the secret and token.
#[derive(Clone)]
pub struct StubCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub token: String,
    pub expiration: SystemTime,
}

impl StubCredentials {
    /// Fresh `ASIA…` credentials valid for an hour, distinct per call.
    pub fn fresh() -> Self {
        let n = unique();
        StubCredentials {
            access_key_id: format!("ASIASTUB{:012}", n),
            secret_access_key: format!("stubSecret{n:04}/wJalrXUtnFEMIK7MDENGbPxRfiCY"),
            token: format!("StubSessionToken{n:04}IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJHMEUCIQ"),
            expiration: SystemTime::now() + Duration::from_secs(3600),
        }
    }

    /// Sets the expiration relative to now (negative: already expired).
    pub fn expiring_in(mut self, offset_secs: i64) -> Self {
        self.expiration = offset_now(offset_secs);
        self
    }

    pub fn key(&self) -> StaticKey {
        StaticKey::new(&self.access_key_id, &self.secret_access_key).with_token(&self.token)
    }

    pub fn secrets(&self) -> Vec<&str> {
        vec![self.secret_access_key.as_str(), self.token.as_str()]
    }
}

impl std::fmt::Debug for StubCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StubCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("expiration", &rfc3339(self.expiration))
            .finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------
// IMDSv2
// ---------------------------------------------------------------------------

/// What the instance looks like to IMDS.
#[derive(Clone, Debug)]
pub enum ImdsMode {
    /// An instance profile with this role name and credentials.
    Role {
        name: String,
        credentials: StubCredentials,
    },
    /// No instance profile: the role listing answers 404.
    NoRole,
    /// The IMDSv2 hop limit seen from a container: the token `PUT` is never
    /// answered, while a plain `GET` is answered 401 at once.
    HopLimit,
    /// Instance metadata turned off for the instance: 403 on the token `PUT`.
    Disabled,
    /// A role is listed but its credentials are refused (500).
    CredentialsRefused { name: String },
}

/// An IMDSv2 endpoint. Point the SDK at it with
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT=<url()>` (and without
/// `AWS_EC2_METADATA_DISABLED`).
///
/// * `PUT /latest/api/token` needs `X-aws-ec2-metadata-token-ttl-seconds`
///   (1–21600, else 400) and returns the token, echoing the TTL header;
/// * every `GET` needs `X-aws-ec2-metadata-token: <token>` (else 401);
/// * `GET /latest/meta-data/iam/security-credentials/` lists the role (404 in
///   [`ImdsMode::NoRole`]), `GET …/<role>` returns the credentials JSON;
/// * anything else is 404.
pub struct ImdsStub {
    http: HttpStub,
    token: String,
}

impl ImdsStub {
    pub fn start(mode: ImdsMode) -> ImdsStub {
        let token = format!("credwiz-imds-token-{}", unique());
        let expected = token.clone();
        let handler: Handler = Arc::new(move |request| imds_reply(request, &mode, &expected));
        ImdsStub {
            http: HttpStub::start(handler),
            token,
        }
    }

    /// An instance whose profile has role `name` with `credentials`.
    pub fn with_role(name: &str, credentials: StubCredentials) -> ImdsStub {
        Self::start(ImdsMode::Role {
            name: name.into(),
            credentials,
        })
    }

    /// An instance without an instance profile.
    pub fn no_role() -> ImdsStub {
        Self::start(ImdsMode::NoRole)
    }

    /// The hop limit from inside a container: token `PUT` unanswered, `GET` 401.
    pub fn hop_limit() -> ImdsStub {
        Self::start(ImdsMode::HopLimit)
    }

    /// Instance metadata turned off: 403 on the token `PUT`.
    pub fn disabled() -> ImdsStub {
        Self::start(ImdsMode::Disabled)
    }

    /// Role `name` listed, its credentials refused with 500.
    pub fn credentials_refused(name: &str) -> ImdsStub {
        Self::start(ImdsMode::CredentialsRefused { name: name.into() })
    }

    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub fn url(&self) -> String {
        self.http.listener.url()
    }

    /// The session token this stub hands out and requires.
    pub fn token(&self) -> &str {
        &self.token
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }
}

const IMDS_CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

fn imds_reply(request: &RecordedRequest, mode: &ImdsMode, token: &str) -> Reply {
    let path = request.path.split('?').next().unwrap_or("");
    if path == "/latest/api/token" {
        match mode {
            ImdsMode::HopLimit => return Reply::silent(),
            ImdsMode::Disabled => return Reply::new(403, "text/plain", ""),
            _ => {}
        }
        if request.method != "PUT" {
            return Reply::new(405, "text/plain", "token requests must be PUT");
        }
        let ttl = request
            .header("x-aws-ec2-metadata-token-ttl-seconds")
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|ttl| (1..=21600).contains(ttl));
        return match ttl {
            Some(ttl) => Reply::new(200, "text/plain", token)
                .header("X-aws-ec2-metadata-token-ttl-seconds", ttl.to_string()),
            None => Reply::new(400, "text/plain", "missing or invalid token TTL"),
        };
    }
    if request.method != "GET" {
        return Reply::new(405, "text/plain", "");
    }
    if request.header("x-aws-ec2-metadata-token") != Some(token) {
        return Reply::new(401, "text/plain", "");
    }
    match (mode, path.strip_prefix(IMDS_CREDENTIALS_PATH)) {
        (ImdsMode::Role { name, .. }, Some("")) => Reply::new(200, "text/plain", name.clone()),
        (ImdsMode::CredentialsRefused { name }, Some("")) => {
            Reply::new(200, "text/plain", name.clone())
        }
        (ImdsMode::CredentialsRefused { name }, Some(role)) if role == name => {
            Reply::new(500, "text/plain", "")
        }
        (ImdsMode::Role { name, credentials }, Some(role)) if role == name => {
            let body = serde_json::json!({
                "Code": "Success",
                "LastUpdated": rfc3339(SystemTime::now()),
                "Type": "AWS-HMAC",
                "AccessKeyId": credentials.access_key_id,
                "SecretAccessKey": credentials.secret_access_key,
                "Token": credentials.token,
                "Expiration": rfc3339(credentials.expiration),
            });
            Reply::new(200, "text/plain", body.to_string())
        }
        _ => Reply::new(
            404,
            "text/html",
            "<html><body><h1>404 - Not Found</h1></body></html>",
        ),
    }
}

// ---------------------------------------------------------------------------
// Container credentials (ECS / EKS Pod Identity)
// ---------------------------------------------------------------------------

/// A container credentials endpoint serving `credentials` at one path. With a
/// required `Authorization` value, a request without the header gets 401 and
/// one with another value 403. Other paths get 404.
///
/// Point the SDK at it with `AWS_CONTAINER_CREDENTIALS_FULL_URI=<url()>`
/// (plus `AWS_CONTAINER_AUTHORIZATION_TOKEN` when auth is required).
pub struct ContainerStub {
    http: HttpStub,
    path: String,
}

impl ContainerStub {
    pub fn start(
        path: &str,
        credentials: StubCredentials,
        required_authorization: Option<&str>,
    ) -> ContainerStub {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        let served = path.clone();
        let required = required_authorization.map(str::to_string);
        let handler: Handler = Arc::new(move |request| {
            if request.method != "GET" {
                return Reply::new(
                    405,
                    "application/json",
                    r#"{"message":"method not allowed"}"#,
                );
            }
            if request.path != served {
                return Reply::new(404, "application/json", r#"{"message":"not found"}"#);
            }
            if let Some(required) = &required {
                match request.header("authorization") {
                    None => {
                        return Reply::new(
                            401,
                            "application/json",
                            r#"{"message":"missing authorization"}"#,
                        )
                    }
                    Some(given) if given != required => {
                        return Reply::new(
                            403,
                            "application/json",
                            r#"{"message":"bad authorization"}"#,
                        )
                    }
                    Some(_) => {}
                }
            }
            let body = serde_json::json!({
                "AccessKeyId": credentials.access_key_id,
                "SecretAccessKey": credentials.secret_access_key,
                "Token": credentials.token,
                "Expiration": rfc3339(credentials.expiration),
                "RoleArn": format!("arn:aws:iam::{STUB_ACCOUNT_ID}:role/credwiz-container-role"),
            });
            Reply::new(200, "application/json", body.to_string())
        });
        ContainerStub {
            http: HttpStub::start(handler),
            path,
        }
    }

    /// The full credentials URI: `http://127.0.0.1:<port><path>`.
    pub fn url(&self) -> String {
        format!("{}{}", self.http.listener.url(), self.path)
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        self.http.listener.url()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }
}

// ---------------------------------------------------------------------------
// STS
// ---------------------------------------------------------------------------

/// How [`StsStub`] answers.
#[derive(Clone, Debug)]
pub enum StsBehaviour {
    /// GetCallerIdentity and AssumeRole succeed.
    Success,
    /// Every call: HTTP 400 `ExpiredToken` ("The security token included in
    /// the request is expired"), as STS answers an expired session token.
    ExpiredToken,
    /// Every call: this error, in STS's `<ErrorResponse>` shape.
    Error {
        status: u16,
        code: String,
        message: String,
    },
}

/// An STS endpoint (query protocol: form-encoded POST with `Action=`).
/// Every reply carries a `Date` header, shifted by the clock offset if set.
pub struct StsStub {
    http: HttpStub,
    assumed: StubCredentials,
}

impl StsStub {
    pub fn start(behaviour: StsBehaviour) -> StsStub {
        Self::start_with_clock_offset(behaviour, 0)
    }

    /// Like [`StsStub::start`], with every `Date` header `offset_secs` off
    /// (positive: the server's clock is ahead).
    pub fn start_with_clock_offset(behaviour: StsBehaviour, offset_secs: i64) -> StsStub {
        let assumed = StubCredentials::fresh();
        let served = assumed.clone();
        let handler: Handler =
            Arc::new(move |request| sts_reply(request, &behaviour, &served, offset_secs));
        StsStub {
            http: HttpStub::start(handler),
            assumed,
        }
    }

    /// Every call fails with `ExpiredToken`.
    pub fn expired_token() -> StsStub {
        Self::start(StsBehaviour::ExpiredToken)
    }

    /// Calls succeed, but `Date` is `offset_secs` off (e.g. `20 * 60`).
    pub fn skewed_clock(offset_secs: i64) -> StsStub {
        Self::start_with_clock_offset(StsBehaviour::Success, offset_secs)
    }

    /// Every call fails with `code` and `message` at HTTP `status`.
    pub fn error(status: u16, code: &str, message: &str) -> StsStub {
        Self::start(StsBehaviour::Error {
            status,
            code: code.into(),
            message: message.into(),
        })
    }

    /// `http://127.0.0.1:<port>`; set it as `AWS_ENDPOINT_URL(_STS)`.
    pub fn url(&self) -> String {
        self.http.listener.url()
    }

    /// What a successful AssumeRole hands out.
    pub fn assumed_credentials(&self) -> &StubCredentials {
        &self.assumed
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }
}

fn sts_error(status: u16, code: &str, message: &str) -> Reply {
    let request_id = format!("credwiz-stub-{}", unique());
    let body = format!(
        "<ErrorResponse xmlns=\"{STS_XMLNS}\">\n  <Error>\n    <Type>Sender</Type>\n    \
         <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  \
         <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
        xml_escape(code),
        xml_escape(message)
    );
    Reply::new(status, "text/xml", body).header("x-amzn-RequestId", request_id)
}

fn sts_reply(
    request: &RecordedRequest,
    behaviour: &StsBehaviour,
    assumed: &StubCredentials,
    offset_secs: i64,
) -> Reply {
    let date = http_date(offset_now(offset_secs));
    let reply = match behaviour {
        StsBehaviour::ExpiredToken => sts_error(
            400,
            "ExpiredToken",
            "The security token included in the request is expired",
        ),
        StsBehaviour::Error {
            status,
            code,
            message,
        } => sts_error(*status, code, message),
        StsBehaviour::Success => sts_success(request, assumed),
    };
    reply.header("Date", date)
}

fn sts_success(request: &RecordedRequest, assumed: &StubCredentials) -> Reply {
    let form = request.form();
    let request_id = format!("credwiz-stub-{}", unique());
    let result = match form.get("Action").map(String::as_str) {
        Some("GetCallerIdentity") => format!(
            "<GetCallerIdentityResult>\n    <Arn>arn:aws:iam::{STUB_ACCOUNT_ID}:user/credwiz-stub-user</Arn>\n    \
             <UserId>AIDASTUBSTUBSTUBSTUB0</UserId>\n    <Account>{STUB_ACCOUNT_ID}</Account>\n  \
             </GetCallerIdentityResult>"
        ),
        Some("AssumeRole") => {
            let role_arn = form.get("RoleArn").cloned().unwrap_or_default();
            let session = form.get("RoleSessionName").cloned().unwrap_or_default();
            let role_name = role_arn.rsplit('/').next().unwrap_or("role");
            format!(
                "<AssumeRoleResult>\n    <Credentials>\n      <AccessKeyId>{}</AccessKeyId>\n      \
                 <SecretAccessKey>{}</SecretAccessKey>\n      <SessionToken>{}</SessionToken>\n      \
                 <Expiration>{}</Expiration>\n    </Credentials>\n    <AssumedRoleUser>\n      \
                 <AssumedRoleId>AROASTUBSTUBSTUBSTUB0:{}</AssumedRoleId>\n      \
                 <Arn>arn:aws:sts::{STUB_ACCOUNT_ID}:assumed-role/{}/{}</Arn>\n    </AssumedRoleUser>\n  \
                 </AssumeRoleResult>",
                xml_escape(&assumed.access_key_id),
                xml_escape(&assumed.secret_access_key),
                xml_escape(&assumed.token),
                rfc3339(assumed.expiration),
                xml_escape(&session),
                xml_escape(role_name),
                xml_escape(&session),
            )
        }
        other => {
            let action = other.unwrap_or("<none>");
            return sts_error(400, "InvalidAction", &format!("Could not find operation {action} for version 2011-06-15"));
        }
    };
    let action = form.get("Action").cloned().unwrap_or_default();
    let body = format!(
        "<{action}Response xmlns=\"{STS_XMLNS}\">\n  {result}\n  <ResponseMetadata>\n    \
         <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</{action}Response>\n"
    );
    Reply::new(200, "text/xml", body).header("x-amzn-RequestId", request_id)
}

// ---------------------------------------------------------------------------
// SSO portal
// ---------------------------------------------------------------------------

/// The IAM Identity Center portal's `GetRoleCredentials`
/// (`GET /federation/credentials?account_id=…&role_name=…` with the cached
/// token in `x-amz-sso_bearer_token`): fresh credentials for any account and
/// role, distinct per call; 401 `UnauthorizedException` without a token.
/// Set its URL as `AWS_ENDPOINT_URL_SSO`. Records every request and every
/// credential it served (for leak checks).
pub struct SsoPortalStub {
    http: HttpStub,
    served: Arc<Mutex<Vec<StubCredentials>>>,
}

impl SsoPortalStub {
    pub fn start() -> SsoPortalStub {
        let served = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&served);
        let handler: Handler = Arc::new(move |request| {
            if request.header("x-amz-sso_bearer_token").is_none() {
                return Reply::new(
                    401,
                    "application/json",
                    "{\"message\":\"Session token not found or invalid\"}",
                )
                .header("x-amzn-ErrorType", "UnauthorizedException");
            }
            let credentials = StubCredentials::fresh();
            let expiration_ms = credentials
                .expiration
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or(0);
            let body = format!(
                "{{\"roleCredentials\":{{\"accessKeyId\":\"{}\",\"secretAccessKey\":\"{}\",\"sessionToken\":\"{}\",\"expiration\":{expiration_ms}}}}}",
                credentials.access_key_id, credentials.secret_access_key, credentials.token
            );
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(credentials);
            Reply::new(200, "application/json", body)
        });
        SsoPortalStub {
            http: HttpStub::start(handler),
            served,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.http.listener.url()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }

    /// Every credential handed out so far.
    pub fn served(&self) -> Vec<StubCredentials> {
        self.served
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

// ---------------------------------------------------------------------------
// A server that never answers
// ---------------------------------------------------------------------------

/// Accepts TCP connections and never answers, keeping them open until drop:
/// the shape of a firewalled or hung endpoint. Clients need their own timeout.
pub struct SilentServer {
    listener: Listener,
    connections: Arc<Mutex<Vec<TcpStream>>>,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        let connections = Arc::new(Mutex::new(Vec::new()));
        let held = Arc::clone(&connections);
        let listener = Listener::start(move |stream| {
            held.lock().unwrap_or_else(|e| e.into_inner()).push(stream);
        });
        SilentServer {
            listener,
            connections,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.listener.url()
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

// ---------------------------------------------------------------------------
// A bounded HTTP client for poking at the world
// ---------------------------------------------------------------------------

/// A reply read by [`http_call`]. Header names lowercased.
#[derive(Clone, Debug)]
pub struct HttpReply {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl HttpReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// One HTTP/1.1 request to a loopback `url`, with 2 s connect and 5 s read
/// bounds. Panics on a non-loopback URL or a transport error.
pub fn http_call(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> HttpReply {
    assert_loopback_url("http_call", url);
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (authority, path) = rest
        .find('/')
        .map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
    let addr: SocketAddr = authority
        .replace("localhost", "127.0.0.1")
        .parse()
        .unwrap_or_else(|e| panic!("http_call wants host:port, got {authority:?}: {e}"));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))
        .unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("read timeout");
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("write request");
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("read reply from {addr}: {e}"));
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status line from {addr}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    HttpReply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The first `<Code>…</Code>` of an XML error body, in either shape: AWS's
/// `<ErrorResponse><Error>` or moto's `<ErrorResponse><Errors><Error>` (which
/// aws-sdk-sts does not parse: its `code()` is `None` for moto's errors).
pub fn xml_error_code(body: &str) -> Option<String> {
    let start = body.find("<Code>")? + "<Code>".len();
    let end = body[start..].find("</Code>")? + start;
    Some(body[start..end].trim().to_string())
}
