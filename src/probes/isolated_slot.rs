//! The SDK providers that untrusted data can crash or hijack, each in a
//! process of its own. aws-config starts a `credential_process` helper as a
//! plain child in its caller's process group, so a helper that signals its
//! group (`trap 'kill 0' EXIT`, `kill -STOP 0`) would end or stop credwiz;
//! and its instance metadata provider builds a request path from the role
//! name the endpoint lists and panics when that is not a valid URL path.
//! So the credwiz binary runs those providers in a copy of itself
//! (`credwiz __sdk-profile-slot`) with a process group of its own: whatever
//! the helper does to its group, or the provider's panic, ends there, and
//! credwiz reads the answer or says what happened.
//!
//! Only the binary turns this on ([`enable`]): library callers (the truth
//! suites) run the providers in their own process, as before.

use crate::inputs::profile_plan::ProfilePlan;
use crate::probes::isolated_answer::{Answer, Request, Task};
use crate::probes::providers::{self, ChainOptions};
use crate::probes::slot::Slot;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;
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
    let task = request.task;
    let request = serde_json::to_string(request).unwrap_or_default();
    let mut command = tokio::process::Command::new(worker);
    command
        .arg(WORKER_COMMAND)
        .arg(request)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    super::process_group::lead_own_group(&mut command);
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
    // The worker's whole group: the helper and whatever it started.
    super::process_group::kill_group(group);
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
            _ => Err(ended_by(status, task)),
        },
    }
}

/// The worker died without an answer: aws-config panicked (exit 101, or
/// SIGABRT in a release build), or a helper signalled the group it shares
/// with the worker.
fn ended_by(status: std::process::ExitStatus, task: Task) -> CredentialsError {
    let signal = super::process_group::ended_by_signal(&status);
    let panicked = status.code() == Some(101) || signal == Some(6);
    match (signal, task) {
        _ if panicked => CredentialsError::unhandled(match task {
            Task::ImdsSlot => "aws-config's instance metadata provider crashed (a panic) on what the endpoint answered, such as a role name that is not a valid URL path: a Rust program using the SDK crashes the same way",
            _ => "aws-config crashed (a panic) on this configuration: a Rust program using the SDK crashes the same way",
        }),
        (Some(signal), Task::ProfileSlot | Task::WholeChain) => {
            CredentialsError::provider_error(format!(
                "the credential_process program sent {} to its whole process group: \
                 a program that runs it is ended along with it",
                signal_name(signal)
            ))
        }
        _ => CredentialsError::unhandled(format!(
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

/// A slot's provider; the profile slot's in a worker with a process group
/// of its own when it runs a credential_process, so that a helper that
/// signals or stops its group cannot end or stop credwiz.
pub(crate) async fn run_slot(
    slot: Slot,
    config: &ProviderConfig,
    options: &ChainOptions,
    plan: &ProfilePlan,
) -> Result<Credentials, CredentialsError> {
    let task = match slot {
        Slot::Profile if plan.runs_a_process() => Some(Task::ProfileSlot),
        Slot::Imds if metadata_enabled() => Some(Task::ImdsSlot),
        _ => None,
    };
    match worker().zip(task) {
        Some((worker, task)) => {
            let mut request = Request::from_options(options);
            request.task = task;
            run(worker, &request, providers::slot_bound(slot, options, plan)).await
        }
        None => providers::run_slot(slot, config, options, plan).await,
    }
}

/// Whether aws-config would ask instance metadata at all (its own reading
/// of `AWS_EC2_METADATA_DISABLED`): a disabled slot needs no worker.
pub fn metadata_enabled() -> bool {
    std::env::var("AWS_EC2_METADATA_DISABLED")
        .map(|v| !v.trim().eq_ignore_ascii_case("true"))
        .unwrap_or(true)
}
