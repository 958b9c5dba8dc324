//! Writes a [`Situation`] out: a temporary HOME with its AWS files, SSO
//! cache and helper, and the credwiz command with a cleared environment
//! that reaches nothing but refused loopback ports.

use crate::fuzz_situation::{
    Act, Cmd, Encoding, Ending, FileSpec, Helper, Prints, ServerRole, Situation, Value,
};
use crate::support::loopback::{assert_loopback_only, refused_url};
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

/// Planted secrets, spelled with the characters encodings change.
pub const FUZZ_SECRET: &str = "fUzZ/SeCrEt+0123456789/abcdefghijKLMNOPQ";
pub const FUZZ_TOKEN: &str = "FuzzSessionToken/IQoJb3JpZ2luX2Vj+EJr0123456789";
pub const FUZZ_KEY_ID: &str = "AKIAZ7VQXJ4PLM2FUZZY";

/// A situation written out under a fresh HOME, ready to run.
pub struct World {
    pub home: tempfile::TempDir,
    /// Unique to this run: in the helper's argv and in every process's
    /// environment, so survivors can be found in /proc.
    pub marker: String,
    pub command: Command,
    /// The argv and environment, for the report of a failing case.
    pub shown: String,
    /// The loopback endpoint of the case, if it has one; stops when dropped.
    pub server: Option<crate::fuzz_server::FuzzServer>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn fresh_marker() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("credwizfuzz{}x{n}", std::process::id())
}

impl World {
    pub fn build(situation: &Situation) -> World {
        let home = tempfile::tempdir().expect("temp home");
        let marker = fresh_marker();
        let helper_command = situation
            .helper
            .as_ref()
            .map(|h| write_helper(home.path(), h, &marker))
            .unwrap_or_else(|| "/bin/false".to_string());
        let fill = |value: &Value| fill(value, home.path(), &helper_command);
        let aws = home.path().join(".aws");
        std::fs::create_dir_all(&aws).expect("mkdir .aws");
        let mut config = situation.config.clone();
        if situation.helper.is_some() {
            prepend_helper_profiles(&mut config);
        }
        write_file(&aws.join("config"), &config, &fill);
        write_file(&aws.join("credentials"), &situation.credentials, &fill);
        if let Some(body) = &situation.sso_cache {
            write_sso_cache(&aws, &fill(body));
        }
        let server = situation
            .server
            .as_ref()
            .map(|spec| crate::fuzz_server::FuzzServer::start(spec, &fill));
        let endpoint = situation
            .server
            .as_ref()
            .zip(server.as_ref())
            .map(|(spec, running)| (spec.role, running.url.clone()));
        let (command, shown) = command(situation, home.path(), &marker, &fill, endpoint);
        World {
            home,
            marker,
            command,
            shown,
            server,
        }
    }
}

/// Every profile the helper could be reached from runs it.
fn prepend_helper_profiles(config: &mut FileSpec) {
    let head = [
        Value(b"[default]".to_vec()),
        Value(b"credential_process = {helper}".to_vec()),
        Value(b"[profile proc]".to_vec()),
        Value(b"credential_process = {helper}".to_vec()),
    ];
    if let FileSpec::Text { lines, .. } | FileSpec::Huge { lines, .. } = config {
        lines.splice(0..0, head);
    }
}

/// The placeholders filled in.
fn fill(value: &Value, home: &Path, helper: &str) -> Vec<u8> {
    let mut out = value.0.clone();
    for (from, to) in [
        ("{home}", home.display().to_string()),
        ("{helper}", helper.to_string()),
        ("{secret}", FUZZ_SECRET.to_string()),
        ("{token}", FUZZ_TOKEN.to_string()),
        ("{key_id}", FUZZ_KEY_ID.to_string()),
    ] {
        out = replace(&out, from.as_bytes(), to.as_bytes());
    }
    out
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

fn encode(text: Vec<u8>, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text,
        Encoding::Bom => [b"\xef\xbb\xbf".as_slice(), &text].concat(),
        Encoding::Utf16Le => {
            let s = String::from_utf8_lossy(&text);
            let mut out = vec![0xff, 0xfe];
            s.encode_utf16().for_each(|u| out.extend(u.to_le_bytes()));
            out
        }
        Encoding::Latin1 => String::from_utf8_lossy(&text)
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .chain(*b"\n# caf\xe9\n")
            .collect(),
    }
}

fn joined(lines: &[Value], ending: &[u8], fill: &dyn Fn(&Value) -> Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    for line in lines {
        // A value's own newlines are part of the input; keep them.
        out.extend(fill(line));
        out.extend_from_slice(ending);
    }
    out
}

fn write_file(path: &Path, spec: &FileSpec, fill: &dyn Fn(&Value) -> Vec<u8>) {
    match spec {
        FileSpec::Absent => {}
        FileSpec::Text {
            lines,
            encoding,
            ending,
        } => {
            let ending: &[u8] = match ending {
                Ending::Lf => b"\n",
                Ending::CrLf => b"\r\n",
                Ending::Cr => b"\r",
            };
            std::fs::write(path, encode(joined(lines, ending, fill), *encoding)).expect("write");
        }
        FileSpec::Huge { lines, kib } => {
            let mut text =
                b"# padding padding padding padding padding padding padding pad\n".repeat(kib * 16);
            text.extend(joined(lines, b"\n", fill));
            std::fs::write(path, text).expect("write huge");
        }
        FileSpec::Fifo => {
            let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
            assert!(status.success(), "mkfifo {path:?}");
        }
        FileSpec::DanglingSymlink => {
            std::os::unix::fs::symlink(path.with_extension("gone"), path).expect("symlink");
        }
        FileSpec::Directory => std::fs::create_dir(path).expect("mkdir"),
    }
}

/// The cache file both for the session `fz` and for its start URL.
fn write_sso_cache(aws: &Path, body: &[u8]) {
    use sha1::{Digest, Sha1};
    let dir = aws.join("sso/cache");
    std::fs::create_dir_all(&dir).expect("mkdir sso cache");
    for key in ["fz", "https://d-fz.awsapps.com/start"] {
        let name = format!("{:x}.json", Sha1::digest(key.as_bytes()));
        std::fs::write(dir.join(name), body).expect("write sso cache");
    }
}

/// Writes the helper script and what it prints; returns the
/// credential_process command line that runs it.
fn write_helper(home: &Path, helper: &Helper, marker: &str) -> String {
    let dir = if helper.odd_dir {
        home.join("my tools $(PWN)")
    } else {
        home.join("tools")
    };
    std::fs::create_dir_all(&dir).expect("mkdir helper dir");
    let out = dir.join("out.json");
    let printed = match &helper.prints {
        Prints::Json { expiration } => {
            let expiration = expiration
                .as_ref()
                .map(|e| format!(", \"Expiration\": \"{e}\""))
                .unwrap_or_default();
            format!(
                "{{\"Version\": 1, \"AccessKeyId\": \"{FUZZ_KEY_ID}\", \"SecretAccessKey\": \"{FUZZ_SECRET}\", \"SessionToken\": \"{FUZZ_TOKEN}\"{expiration}}}\n"
            )
            .into_bytes()
        }
        Prints::Raw(raw) => fill(raw, home, "/bin/false"),
        Prints::Nothing => Vec::new(),
    };
    std::fs::write(&out, printed).expect("write helper output");
    let act = match helper.act {
        Act::Nothing => String::new(),
        Act::TrapKill0 => "trap 'kill 0' EXIT\n".into(),
        Act::StopGroup => "kill -STOP 0\n".into(),
        Act::Sleep(secs) => format!("sleep {secs}\n"),
        Act::ReadStdin => "cat > /dev/null\n".into(),
        Act::Orphan => {
            format!("(sh -c 'sleep 30' orphan-{marker} </dev/null >/dev/null 2>&1 &)\n")
        }
    };
    let script = dir.join("helper.sh");
    let text = format!(
        "#!/bin/sh\n# run {marker}\n{act}cat \"$(dirname \"$0\")/out.json\"\nexit {}\n",
        helper.exit
    );
    std::fs::write(&script, text).expect("write helper");
    let quoted = crate::fuzz_world::double_quoted(&script);
    format!("/bin/sh {quoted} {marker}")
}

/// A path in double quotes, as the AWS config's credential_process takes it.
pub fn double_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text.contains(' ') {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text
    }
}

/// Linux takes at most 128 KiB in one argument or variable; a huge value
/// stops short of that, so the run tests credwiz rather than execve.
const MAX_ARG: usize = 100_000;

fn arg(value: &Value, fill: &dyn Fn(&Value) -> Vec<u8>) -> OsString {
    let mut bytes = fill(value);
    bytes.truncate(MAX_ARG);
    OsString::from_vec(bytes)
}

fn args(situation: &Situation, fill: &dyn Fn(&Value) -> Vec<u8>) -> Vec<OsString> {
    let words = |w: &[&str]| w.iter().map(OsString::from).collect::<Vec<_>>();
    let mut args = match &situation.command {
        Cmd::CheckOffline => words(&["check", "--offline"]),
        Cmd::CheckOnline => words(&["check", "--process-timeout", "2"]),
        Cmd::CheckVerbose => words(&["check", "-v", "--process-timeout", "2"]),
        Cmd::CheckJson { offline } => words(if *offline {
            &["check", "--json", "--offline"]
        } else {
            &["check", "--json", "--process-timeout", "2"]
        }),
        Cmd::CheckMarkdown { offline } => words(if *offline {
            &["check", "--markdown", "--offline"]
        } else {
            &["check", "--markdown", "--process-timeout", "2"]
        }),
        Cmd::Run {
            playbook,
            error_text,
            offline,
        } => {
            let mut a = words(&["run", playbook, "--accept-detected", "--error-text"]);
            a.push(arg(error_text, fill));
            if *offline {
                a.push("--offline".into());
            }
            a
        }
        Cmd::CheckTimeout(secs) => words(&["check", "--process-timeout", secs]),
        Cmd::Resolve { timeout } => {
            let mut a = words(&["resolve", "--timeout", timeout]);
            // resolve takes --profile only.
            if let Some(profile) = &situation.profile_arg {
                a.push("--profile".into());
                a.push(arg(profile, fill));
            }
            return a;
        }
        Cmd::AllProfiles => {
            let mut a = words(&["check", "--all-profiles", "--process-timeout", "2"]);
            // --all-profiles takes no --profile.
            if let Some(region) = &situation.region_arg {
                a.push("--region".into());
                a.push(arg(region, fill));
            }
            return a;
        }
        Cmd::S3Inspect(url) => {
            let mut a = words(&["s3", "inspect"]);
            a.push(arg(url, fill));
            return a;
        }
    };
    if let Some(profile) = &situation.profile_arg {
        args.push("--profile".into());
        args.push(arg(profile, fill));
    }
    if let Some(region) = &situation.region_arg {
        args.push("--region".into());
        args.push(arg(region, fill));
    }
    args
}

fn command(
    situation: &Situation,
    home: &Path,
    marker: &str,
    fill: &dyn Fn(&Value) -> Vec<u8>,
    endpoint: Option<(ServerRole, String)>,
) -> (Command, String) {
    let mut env: Vec<(OsString, OsString)> = Vec::new();
    let mut set = |name: &str, value: OsString| {
        env.retain(|(n, _)| n != name);
        env.push((name.into(), value));
    };
    set("HOME", home.as_os_str().to_owned());
    set("PATH", "/usr/local/bin:/usr/bin:/bin".into());
    set("NO_COLOR", "1".into());
    set("CREDWIZ_CONTAINER", "0".into());
    set(
        "CREDWIZ_SYSROOT",
        "/nonexistent/credwiz-test-sysroot".into(),
    );
    set("CREDWIZ_FUZZ_MARKER", marker.into());
    // The token is always one of the user's: an endpoint that echoes it
    // (an STS error quoting the request) echoes a secret credwiz was given.
    let planted = situation.env.iter().any(|(_, v)| {
        let filled = fill(v);
        contains(&filled, FUZZ_TOKEN.as_bytes())
            || (situation.server.is_none() && contains(&filled, FUZZ_SECRET.as_bytes()))
    });
    if !planted {
        set("AWS_SESSION_TOKEN", FUZZ_TOKEN.into());
    }
    for (name, value) in &situation.env {
        set(name, arg(value, fill));
    }
    // The guards last, so nothing generated can undo them; the case's own
    // server, always on loopback, is the one endpoint that answers.
    set("AWS_EC2_METADATA_DISABLED", "true".into());
    set("AWS_ENDPOINT_URL", refused_url().into());
    match endpoint {
        Some((ServerRole::Container, url)) => {
            set(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                format!("{url}/creds").into(),
            );
        }
        Some((ServerRole::Imds, url)) => {
            set("AWS_EC2_METADATA_DISABLED", "false".into());
            set("AWS_EC2_METADATA_SERVICE_ENDPOINT", url.into());
        }
        Some((ServerRole::Sts, url)) => set("AWS_ENDPOINT_URL", url.into()),
        None => {}
    }
    let lossy: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string_lossy().into(), v.to_string_lossy().into()))
        .collect();
    assert_loopback_only(&lossy);
    let args = args(situation, fill);
    // scripts/fuzz runs a snapshot of the binary, so a rebuild during a
    // long pass cannot swap it.
    let binary = std::env::var_os("CREDWIZ_FUZZ_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_credwiz").into());
    let mut command = Command::new(binary);
    command
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .args(&args)
        .current_dir(home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own group: a helper that signals "its" group must not reach
        // the test process, and a run past its limit is killed whole.
        .process_group(0);
    let shown = format!("args {args:?}\nenv {lossy:?}");
    (command, shown)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// A path under the world's HOME.
#[allow(dead_code)]
pub fn home_path(world: &World, relative: &str) -> PathBuf {
    world.home.path().join(relative)
}
