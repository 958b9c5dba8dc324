//! Scenario sandboxes: a temporary HOME, an environment that can only reach
//! loopback, the credwiz binary run in it, and aws-config's own default chain
//! run on the very same environment.
//!
//! Every environment built here goes through [`Sandbox::env`], which forces
//! `AWS_EC2_METADATA_DISABLED=true` (unless a scenario points IMDS at a
//! loopback stub) and `AWS_ENDPOINT_URL` at a loopback port, and refuses any
//! endpoint-like variable that names a non-loopback host (the guard is
//! [`super::loopback`]).

use super::env::{env_var, with_process_env};
pub use super::loopback::{assert_loopback_only, refused_url as refused_endpoint};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The secret and token planted in scenarios; no output may contain them.
pub const PLANTED_SECRET: &str = "pLaNtEdSeCrEt0123456789abcdefghijklmnopq";
pub const PLANTED_TOKEN: &str = "PlantedSessionTokenFQoGZXIvYXdzEJr0123456789";
/// A planted secret spelled like a third of real AWS secrets: with `/` and `+`.
pub const PLANTED_SLASH_SECRET: &str = "pLaNtEd/SlAsH+SeCrEt/0123456789+abcdefgh";
/// A platform root with nothing in it: no /sys, no /proc, no marker files.
pub const NO_SYSROOT: &str = "/nonexistent/credwiz-test-sysroot";
pub const KEY_ID: &str = "AKIAZ7VQXJ4PLM2RTW5Y";
pub const TEMP_KEY_ID: &str = "ASIAZ7VQXJ4PLM2RTW5Y";

/// A temporary HOME with optional AWS files and extra environment.
pub struct Sandbox {
    pub home: tempfile::TempDir,
    vars: BTreeMap<String, String>,
}

impl Sandbox {
    /// An empty HOME with the loopback guard variables set.
    pub fn new() -> Self {
        let home = tempfile::tempdir().expect("temp home");
        let mut vars = BTreeMap::new();
        vars.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
        vars.insert("AWS_ENDPOINT_URL".into(), refused_endpoint());
        // This machine may itself be a container; scenarios opt in explicitly.
        vars.insert("CREDWIZ_CONTAINER".into(), "0".into());
        // Nor may its own /sys and /proc (an EC2 test machine, WSL) decide a
        // scenario: point the platform test hook at a path that does not exist.
        vars.insert("CREDWIZ_SYSROOT".into(), NO_SYSROOT.into());
        Sandbox { home, vars }
    }

    /// Writes `~/.aws/config`.
    pub fn config(self, text: &str) -> Self {
        self.file(".aws/config", text)
    }

    /// Writes `~/.aws/credentials`.
    pub fn credentials(self, text: &str) -> Self {
        self.file(".aws/credentials", text)
    }

    /// Writes any file under HOME.
    pub fn file(self, relative: &str, text: &str) -> Self {
        let path = self.home.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write file");
        self
    }

    /// Sets a variable (use `{home}` for the HOME path).
    pub fn var(mut self, name: &str, value: &str) -> Self {
        let value = value.replace("{home}", &self.home.path().display().to_string());
        self.vars.insert(name.to_string(), value);
        self
    }

    /// Removes one of the guard variables (e.g. to point IMDS at a stub instead).
    pub fn unset(mut self, name: &str) -> Self {
        self.vars.remove(name);
        self
    }

    pub fn home_path(&self) -> &Path {
        self.home.path()
    }

    /// The full environment for a run, with the loopback guard enforced.
    pub fn env(&self) -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = vec![
            ("HOME".into(), self.home.path().display().to_string()),
            ("PATH".into(), path_variable()),
            ("NO_COLOR".into(), "1".into()),
        ];
        env.extend(self.vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        assert_loopback_only(&env);
        env
    }

    /// Runs the credwiz binary with exactly this environment.
    ///
    /// Every run is held to two promises: HOME is byte for byte the same
    /// afterwards (unless the run was told `--allow-refresh`), and no Rust
    /// Debug dump reaches the output.
    pub fn credwiz(&self, args: &[&str]) -> Output {
        let before = super::home_hash::hash_tree(self.home_path());
        let mut command = Command::new(env!("CARGO_BIN_EXE_credwiz"));
        command.env_clear().envs(self.env()).args(args);
        let out = run_bounded(command, Duration::from_secs(30));
        let label = format!("credwiz {args:?}");
        if !args.contains(&"--allow-refresh") {
            assert_eq!(
                before,
                super::home_hash::hash_tree(self.home_path()),
                "{label} wrote under HOME"
            );
        }
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            super::debug_dump::assert_no_debug_dump(&label, &text);
        }
        out
    }

    /// `credwiz check --json` plus the parsed JSON.
    pub fn check_json(&self, extra: &[&str]) -> (Output, serde_json::Value) {
        let mut args = vec!["check", "--json"];
        args.extend_from_slice(extra);
        let out = self.credwiz(&args);
        let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "credwiz printed no JSON ({e}); stdout: {} stderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out, json)
    }

    /// What aws-config's own `DefaultCredentialsChain` resolves in this
    /// environment: the provider name, or None when it fails.
    pub fn sdk_provider(&self, profile: Option<&str>) -> Option<String> {
        self.sdk_outcome(profile).ok()
    }

    /// credwiz's offline diagnosis of this HOME, in process (no network, as
    /// the local facts are).
    pub fn offline_diagnosis(&self) -> credwiz::diagnosis::Diagnosis {
        use credwiz::diagnosis::{diagnose, DiagnoseRequest, Inputs};
        std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let env = credwiz::inputs::environment::EnvSnapshot::from_pairs(self.env());
        let inputs = Inputs::gather(env, None);
        let request = DiagnoseRequest {
            offline: true,
            ..DiagnoseRequest::default()
        };
        runtime.block_on(diagnose(&request, &inputs))
    }

    /// What aws-config's own `DefaultCredentialsChain` resolves: the provider
    /// name, or its error as the SDK displays it (with its sources).
    pub fn sdk_outcome(&self, profile: Option<&str>) -> Result<String, String> {
        let result = with_process_env(&self.env(), || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                use aws_credential_types::provider::ProvideCredentials;
                let mut builder =
                    aws_config::default_provider::credentials::DefaultCredentialsChain::builder();
                if let Some(name) = profile {
                    builder = builder.profile_name(name);
                }
                let chain = builder.build().await;
                tokio::time::timeout(Duration::from_secs(20), chain.provide_credentials()).await
            })
        });
        match result.expect("the SDK chain finished within 20 s") {
            Ok(credentials) => Ok(provider_name(&credentials)),
            Err(error) => Err(format!(
                "{}",
                aws_smithy_types::error::display::DisplayErrorContext(&error)
            )),
        }
    }
}

/// The test process's PATH, read under the process environment lock (SDK
/// runs swap the whole environment, see [`Sandbox::sdk_provider`]).
fn path_variable() -> String {
    env_var("PATH").unwrap_or_default()
}

/// aws-config names the provider only in `Credentials`' Debug output.
pub fn provider_name(credentials: &aws_credential_types::Credentials) -> String {
    let debug = format!("{credentials:?}");
    debug
        .split_once("provider_name: \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(name, _)| name.to_string())
        .expect("Debug output names the provider")
}

/// Runs a command with a time limit, killing it when the limit passes. Its
/// output is read while it runs, so a chatty command never blocks on a full pipe.
pub fn run_bounded(mut command: Command, limit: Duration) -> Output {
    command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    wait_bounded("command", command.spawn().expect("spawn"), limit)
}

/// Waits for a started child, reading whatever pipes it still has while it
/// runs, and kills it (failing the test) when `limit` passes.
pub fn wait_bounded(label: &str, mut child: std::process::Child, limit: Duration) -> Output {
    let started = std::time::Instant::now();
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = stderr.join().unwrap_or_default();
            panic!(
                "{label}: still running after {limit:?}; stderr: {}",
                String::from_utf8_lossy(&stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// Reads a pipe to its end on a thread of its own.
fn drain(pipe: Option<impl std::io::Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Asserts that no planted secret appears in a run's output.
pub fn assert_no_secrets(label: &str, out: &Output) {
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        for secret in [PLANTED_SECRET, PLANTED_TOKEN, PLANTED_SLASH_SECRET] {
            assert!(
                !text.contains(secret),
                "{label}: a planted secret leaked into the output:\n{text}"
            );
        }
    }
}

/// The ids of a report's findings (check, s3 probe or s3 inspect JSON).
pub fn finding_ids(json: &serde_json::Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

/// A path under the sandbox HOME.
pub fn home_file(sandbox: &Sandbox, relative: &str) -> PathBuf {
    sandbox.home_path().join(relative)
}
