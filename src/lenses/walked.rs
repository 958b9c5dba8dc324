//! Answers the lenses take from what the Rust walk itself ran or read, not
//! from a remote call: the credential_process it ran, the web identity token
//! file it found missing, the SSO token it read expired. Every SDK runs or
//! reads the same thing, so these are verdicts, never `unverified`; each
//! SDK's error is the one it raises (checked against the real SDKs in
//! `tests/live/sdk_lenses_walked.rs` and `tests/live/sdk_facts_walked.rs`).

use super::{LensAnswer, LensInputs, Rule, SourceKind};
use crate::probes::credential_process::{OutputProblem, ProcessOutcome, ProgramLookup};
use crate::probes::sso_cache::{SsoRefresh, SsoTokenState};
use std::path::Path;

/// The credential_process the Rust walk ran: its command line as written,
/// what it did, and whether its first word names a program.
#[derive(Debug, Clone, Copy)]
pub struct ProcessRun<'a> {
    pub command: &'a str,
    pub outcome: &'a ProcessOutcome,
    pub program: Option<&'a ProgramLookup>,
}

/// How the walk's run of `command` failed, when the walk ran this very
/// command and it failed in a way every SDK sees the same.
fn failed_run<'a>(inputs: &LensInputs<'a>, command: &str) -> Option<ProcessRun<'a>> {
    let run = inputs.process.filter(|run| run.command == command)?;
    match run.outcome {
        ProcessOutcome::Failed { .. } => Some(run),
        ProcessOutcome::BadOutput { kind, .. } => match kind {
            OutputProblem::NotJson | OutputProblem::Version | OutputProblem::MissingKey => {
                Some(run)
            }
            // Accepted by some SDK, or checked differently: not the same failure.
            OutputProblem::OddVersion | OutputProblem::EmptyKey | OutputProblem::Expiration => None,
        },
        // A run killed at credwiz's bound would wait forever in the SDK; one
        // that never started says nothing of the SDK's own start.
        ProcessOutcome::Ok { .. }
        | ProcessOutcome::TimedOut { .. }
        | ProcessOutcome::NotStarted { .. } => None,
    }
}

/// True when the walk ran this very command and it printed credentials
/// whose `Expiration` had already passed: aws-config uses them as they are,
/// botocore and the Node.js SDK refuse them.
pub(crate) fn process_expired(inputs: &LensInputs<'_>, command: &str) -> bool {
    inputs.process.is_some_and(|run| {
        run.command == command && matches!(run.outcome, ProcessOutcome::Ok { expired: true, .. })
    })
}

/// botocore's `ProcessProvider` on a command the walk saw fail: it runs the
/// split command without a shell (a missing program is `FileNotFoundError`),
/// raises `CredentialRetrievalError` on a non-zero exit, a wrong `Version`
/// or a missing key, and lets `json.loads` raise `JSONDecodeError`.
pub(crate) fn python_process(
    inputs: &LensInputs<'_>,
    profile: &str,
    command: &str,
) -> Option<LensAnswer> {
    if process_expired(inputs, command) {
        // Expired credentials make RefreshableCredentials refresh at once, run
        // the helper again and raise when the new ones are expired too.
        return Some(
            LensAnswer::failed(
                profile,
                "RuntimeError",
                "Credentials were refreshed, but the refreshed credentials are still expired.",
            )
            .with_provider("custom-process", SourceKind::Process)
            .with_rule(Rule::ExpiredProcessCredentials),
        );
    }
    let run = failed_run(inputs, command)?;
    let retrieval = |why: &str| {
        (
            "CredentialRetrievalError",
            format!("Error when retrieving credentials from custom-process: {why}"),
        )
    };
    let (kind, message) = match (run.program, run.outcome) {
        (Some(ProgramLookup::Missing { program }), _) => (
            "FileNotFoundError",
            format!("[Errno 2] No such file or directory: '{program}'"),
        ),
        (Some(ProgramLookup::Found), ProcessOutcome::Failed { exit, .. }) => {
            retrieval(&format!("the program failed ({exit})"))
        }
        (Some(ProgramLookup::Found), ProcessOutcome::BadOutput { kind, .. }) => match kind {
            OutputProblem::NotJson => (
                "JSONDecodeError",
                "the program's output is not JSON".to_string(),
            ),
            OutputProblem::Version => retrieval(
                "Unsupported version for credential process provider, supported versions: 1",
            ),
            _ => retrieval("Missing required key in response"),
        },
        _ => return None,
    };
    Some(
        LensAnswer::failed(profile, kind, message)
            .with_provider("custom-process", SourceKind::Process),
    )
}

/// True when the Node.js SDK's process provider fails on `command` the way
/// the walk saw it fail (or on the expired credentials it printed): it runs
/// it through a shell like aws-config, and its `CredentialsProviderError`
/// passes to the next provider.
pub(crate) fn node_process_fails(inputs: &LensInputs<'_>, command: &str) -> bool {
    failed_run(inputs, command).is_some() || process_expired(inputs, command)
}

/// True when the walk found this web identity token file missing.
pub(crate) fn token_file_missing(inputs: &LensInputs<'_>, token_file: &str) -> bool {
    inputs
        .missing_token_files
        .iter()
        .any(|missing| missing == Path::new(token_file))
}

/// The SSO token the walk read for this session name or start URL, when it
/// had expired: how it can be refreshed.
fn expired_token<'a>(inputs: &LensInputs<'a>, cache_key: &str) -> Option<&'a SsoRefresh> {
    let path = crate::inputs::hazards::sso_cache_path(inputs.env, cache_key)?;
    match inputs.sso_token? {
        SsoTokenState::Expired {
            path: read,
            refresh,
            ..
        } if *read == path => Some(refresh),
        _ => None,
    }
}

/// botocore on an expired cached token: a legacy profile (no `sso_session`)
/// is never refreshed (`UnauthorizedSSOTokenError`); a session's token is
/// refreshed through the OIDC service (a remote call: None) only with a
/// refresh token, client and live registration, else `TokenRetrievalError`.
pub(crate) fn python_sso_expired(
    inputs: &LensInputs<'_>,
    profile: &str,
    cache_key: &str,
    session: bool,
) -> Option<LensAnswer> {
    let refresh = expired_token(inputs, cache_key)?;
    let (kind, message) = if !session {
        ("UnauthorizedSSOTokenError", "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.")
    } else if refresh.first_missing.is_none() && refresh.registration_live {
        return None;
    } else {
        (
            "TokenRetrievalError",
            "Error when retrieving token from sso: Token has expired and refresh failed",
        )
    };
    Some(LensAnswer::failed(profile, kind, message).with_provider("sso", SourceKind::Sso))
}

/// The Node.js SDK on an expired cached token: a legacy profile fails at
/// once; a session's token is refreshed (a remote call: None) whenever the
/// cache holds a client and a refresh token, whatever its registration.
pub(crate) fn node_sso_expired(
    inputs: &LensInputs<'_>,
    profile: &str,
    cache_key: &str,
    session: bool,
) -> Option<LensAnswer> {
    let refresh = expired_token(inputs, cache_key)?;
    let message = match (session, refresh.first_missing) {
        (false, _) => "The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.".to_string(),
        (true, None) => return None,
        (true, Some(missing)) => format!("Value not present for '{missing}' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile."),
    };
    Some(
        LensAnswer::failed(profile, "CredentialsProviderError", message)
            .with_provider("fromSSO", SourceKind::Sso),
    )
}
