//! The process environment, and the environment of the runs a test starts.
//!
//! [`Sandbox::sdk_provider`](super::sandbox::Sandbox::sdk_provider) swaps the
//! whole process environment while aws-config's chain runs. Tests of one
//! binary run on parallel threads, so every read here takes the same lock and
//! never sees a half-swapped environment.

use super::loopback::assert_loopback_url;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

/// Held while the process environment is swapped or read.
static PROCESS_ENV: Mutex<()> = Mutex::new(());

/// Takes the process environment lock (a poisoned lock is still usable: the
/// environment is restored before a panic can leave it).
pub fn lock_process_env() -> MutexGuard<'static, ()> {
    PROCESS_ENV.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs `f` with the process environment replaced by `env` (aws-config's
/// providers read the process environment), restoring it afterwards.
pub fn with_process_env<T>(env: &[(String, String)], f: impl FnOnce() -> T) -> T {
    let _serial = lock_process_env();
    let saved: Vec<(String, String)> = std::env::vars().collect();
    for (name, _) in &saved {
        std::env::remove_var(name);
    }
    for (name, value) in env {
        std::env::set_var(name, value);
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    for (name, _) in std::env::vars().collect::<Vec<_>>() {
        std::env::remove_var(name);
    }
    for (name, value) in saved {
        std::env::set_var(name, value);
    }
    result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// One variable of the test process, read under the lock. Do not call it
/// while holding [`lock_process_env`].
pub fn env_var(name: &str) -> Option<String> {
    let _serial = lock_process_env();
    std::env::var(name).ok()
}

/// True when running in CI (`CI` set to anything but empty, `0` or `false`).
pub fn in_ci() -> bool {
    env_var("CI")
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
///   `AWS_EC2_METADATA_SERVICE_ENDPOINT` to an `ImdsStub` to test IMDS),
/// * `AWS_ENDPOINT_URL` = `endpoint`, which must be loopback: a `Moto`
///   endpoint, a stub, a `SilentServer`, or `refused_url()`,
/// * `CREDWIZ_CONTAINER=0`, since the test machine may itself be a container,
///   and `CREDWIZ_SYSROOT` at a missing path, so its /sys and /proc are not read.
///
/// Panics if `endpoint` is not a loopback URL.
pub fn loopback_env(home: &Path, endpoint: &str) -> Vec<(String, String)> {
    assert_loopback_url("AWS_ENDPOINT_URL", endpoint);
    let path = env_var("PATH").unwrap_or_else(|| "/usr/bin:/bin".to_string());
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
