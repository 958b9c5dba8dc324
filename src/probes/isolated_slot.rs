//! The profile slot, when it runs a `credential_process`, in a process of
//! its own. aws-config starts the helper as a plain child, in the process
//! group of whoever called it; a helper that signals its group (`trap 'kill
//! 0' EXIT`, `kill -STOP 0`) would end or stop credwiz itself. So the
//! credwiz binary runs that one provider in a copy of itself
//! (`credwiz __sdk-profile-slot`) with a process group of its own, the
//! helper inherits that group, and whatever it does to it ends there:
//! credwiz reads the answer, or says what the helper did.
//!
//! Only the binary turns this on ([`enable`]): library callers (the truth
//! suites) run the provider in their own process, as before.

use crate::inputs::profile_plan::ProfilePlan;
use crate::probes::isolated_answer::{Answer, Request};
use crate::probes::providers::{self, ChainOptions};
use crate::probes::slot::Slot;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::io::AsyncReadExt;

/// The hidden subcommand the worker answers to.
pub const WORKER_COMMAND: &str = "__sdk-profile-slot";

/// The largest answer read from a worker (a few hundred bytes in practice).
const ANSWER_LIMIT: u64 = 64 * 1024;

static WORKER: OnceLock<PathBuf> = OnceLock::new();

/// Runs the profile slot's helpers in a worker from now on (the binary
/// calls this once; without a path to itself it stays in-process).
pub fn enable() {
    if let Ok(exe) = std::env::current_exe() {
        let _ = WORKER.set(exe);
    }
}

/// The worker binary, when isolation is on.
pub fn worker() -> Option<&'static PathBuf> {
    WORKER.get()
}

/// Runs the profile slot in a worker with a process group of its own,
/// bounded by `bound` (after which the whole group is killed), and returns
/// the provider's answer — or, when the helper ended or stopped the worker's
/// group, an error that says so.
pub async fn run(
    worker: &std::path::Path,
    request: &Request,
    bound: Duration,
) -> Result<Credentials, CredentialsError> {
    let request = serde_json::to_string(request).unwrap_or_default();
    let mut command = tokio::process::Command::new(worker);
    command
        .arg(WORKER_COMMAND)
        .arg(request)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    command.as_std_mut().process_group(0);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Err(CredentialsError::unhandled(format!(
                "credwiz could not start its SDK worker ({}): {e}",
                worker.display()
            )))
        }
    };
    let group = child.id();
    let mut answer = Vec::new();
    let waited = tokio::time::timeout(bound, async {
        let stopped = watch_for_stop(group);
        let finished = async {
            if let Some(stdout) = child.stdout.take() {
                let _ = stdout.take(ANSWER_LIMIT).read_to_end(&mut answer).await;
            }
            child.wait().await
        };
        tokio::select! {
            status = finished => Ok(status),
            () = stopped => Err(()),
        }
    })
    .await;
    end_group(group);
    let _ = child.wait().await;
    match waited {
        Err(_) => Err(CredentialsError::provider_timed_out(bound)),
        Ok(Err(())) => Err(CredentialsError::provider_error(
            "the credential_process program stopped its own process group (SIGSTOP): \
             a program that runs it is stopped with it and never finishes",
        )),
        Ok(Ok(Err(e))) => Err(CredentialsError::unhandled(format!(
            "credwiz lost its SDK worker: {e}"
        ))),
        Ok(Ok(Ok(status))) => match serde_json::from_slice::<Answer>(&answer) {
            Ok(answer) if status.success() => answer.into_result(),
            _ => Err(ended_by(status)),
        },
    }
}

/// The worker died without an answer: by a signal its helper sent to the
/// group it shares with it, most likely.
fn ended_by(status: std::process::ExitStatus) -> CredentialsError {
    match status.signal() {
        Some(signal) => CredentialsError::provider_error(format!(
            "the credential_process program sent {} to its whole process group: \
             a program that runs it is ended along with it",
            signal_name(signal)
        )),
        None => CredentialsError::unhandled(format!(
            "credwiz's SDK worker ended with {status} and no answer"
        )),
    }
}

fn signal_name(signal: i32) -> String {
    match signal {
        1 => "SIGHUP".into(),
        2 => "SIGINT".into(),
        3 => "SIGQUIT".into(),
        9 => "SIGKILL".into(),
        15 => "SIGTERM".into(),
        other => format!("{other}"),
    }
}

/// Resolves when the worker is stopped (state `T` in `/proc`): a stopped
/// group would otherwise hold the slot until its bound.
async fn watch_for_stop(pid: Option<u32>) {
    let Some(pid) = pid.and_then(|p| i32::try_from(p).ok()) else {
        return std::future::pending().await;
    };
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if crate::probes::supervisor::state_of(pid) == Some('T') {
            return;
        }
    }
}

/// Kills the worker's whole group: the helper and whatever it started.
fn end_group(pid: Option<u32>) {
    let Some(pid) = pid
        .and_then(|p| i32::try_from(p).ok())
        .and_then(rustix::process::Pid::from_raw)
    else {
        return;
    };
    let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
}

/// A slot's provider; the profile slot's in a worker with a process group
/// of its own when it runs a credential_process, so that a helper that
/// signals or stops its group cannot end or stop credwiz.
pub(crate) async fn run_slot(
    slot: Slot,
    config: &ProviderConfig,
    options: &ChainOptions,
    plan: &ProfilePlan,
) -> Result<Credentials, CredentialsError> {
    let worker = worker();
    match worker {
        Some(worker) if slot == Slot::Profile && plan.runs_a_process() => {
            let request = Request::from_options(options);
            run(worker, &request, providers::slot_bound(slot, options, plan)).await
        }
        _ => providers::run_slot(slot, config, options, plan).await,
    }
}
