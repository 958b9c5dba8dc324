//! Outcomes of the checks on the selected profile and the AWS files.

use super::Outcome;
use crate::diagnosis::Diagnosis;
use crate::inputs::profile_selection::ProfileSource;
use crate::probes::chain::{Slot, SlotReason};
use crate::probes::credential_process::ProcessOutcome;
use crate::probes::sso_cache::SsoTokenState;

pub(crate) fn profile_selection(d: &Diagnosis) -> Outcome {
    let name = &d.profile.name;
    match (d.profile.source, d.facts.profile_exists) {
        (ProfileSource::Default, true) => (
            "default_present",
            "no profile selected; the [default] profile exists".into(),
        ),
        (ProfileSource::Default, false) => (
            "default_absent",
            "no profile selected and there is no [default] profile".into(),
        ),
        (source, true) => (
            "named_found",
            format!("{source} selects '{name}', which exists"),
        ),
        (source, false) => (
            "named_missing",
            format!("{source} selects '{name}', which is in neither file"),
        ),
    }
}

pub(crate) fn aws_files(d: &Diagnosis) -> Outcome {
    let problems = d
        .findings
        .iter()
        .filter(|f| f.id.as_str().starts_with("files."))
        .count();
    let absent = d.slot(Slot::Profile).reason == SlotReason::NoAwsFiles;
    if problems > 0 {
        (
            "problems",
            format!("{problems} problem(s) the SDK silently ignores or rejects"),
        )
    } else if absent {
        (
            "absent",
            "neither ~/.aws/config nor ~/.aws/credentials exists".into(),
        )
    } else {
        (
            "clean",
            "both files read the way the SDK reads them, nothing ignored".into(),
        )
    }
}

pub(crate) fn profile_kind(d: &Diagnosis) -> Outcome {
    use crate::inputs::profile_plan::BaseSource;
    let plan = &d.facts.plan;
    let name = &plan.profile;
    if !d.facts.profile_exists {
        return ("missing", format!("profile '{name}' does not exist"));
    }
    if !plan.hops.is_empty() {
        let roles: Vec<&str> = plan.hops.iter().map(|h| h.role_arn.as_str()).collect();
        return (
            "assume_role",
            format!("'{name}' assumes {}", roles.join(" then ")),
        );
    }
    match &plan.base {
        Some(BaseSource::StaticKeys { access_key_id }) => (
            "static_keys",
            format!("'{name}' has keys at {access_key_id}"),
        ),
        Some(BaseSource::CredentialProcess { at, .. }) => (
            "credential_process",
            format!("'{name}' runs credential_process ({at})"),
        ),
        Some(BaseSource::Sso { session_or_url, .. }) => (
            "sso",
            format!("'{name}' logs in through SSO ({session_or_url})"),
        ),
        Some(BaseSource::WebIdentity { token_file, .. }) => (
            "web_identity",
            format!("'{name}' uses the web identity token {token_file}"),
        ),
        _ => ("none", format!("'{name}' has no way to make credentials")),
    }
}

pub(crate) fn credential_process(d: &Diagnosis) -> Outcome {
    match &d.facts.process {
        None => (
            "not_configured",
            "the profile does not use credential_process (or it was not run)".into(),
        ),
        Some(ProcessOutcome::Ok { expired: true, .. }) => (
            "expired",
            "it printed credentials that already expired".into(),
        ),
        Some(ProcessOutcome::Ok { .. }) => ("ok", "it printed valid credentials".into()),
        Some(ProcessOutcome::BadOutput { problem }) => ("bad_output", problem.clone()),
        Some(ProcessOutcome::Failed { exit, .. }) => ("failed", format!("it failed ({exit})")),
        Some(ProcessOutcome::TimedOut { after }) => {
            ("failed", format!("killed after {}s", after.as_secs()))
        }
        Some(ProcessOutcome::NotStarted { reason }) => {
            ("failed", format!("could not start: {reason}"))
        }
    }
}

pub(crate) fn sso_token(d: &Diagnosis) -> Outcome {
    match &d.facts.sso {
        None | Some(SsoTokenState::NotConfigured) => {
            ("not_configured", "the profile does not use SSO".into())
        }
        Some(SsoTokenState::Valid { expires_at, .. }) => (
            "valid",
            format!("cached SSO login valid until {expires_at}"),
        ),
        Some(SsoTokenState::Expired { expired_at, .. }) => (
            "expired",
            format!("cached SSO login expired at {expired_at}"),
        ),
        Some(SsoTokenState::Missing { .. }) | Some(SsoTokenState::Unreadable { .. }) => {
            ("missing", "no usable cached SSO login".into())
        }
    }
}
