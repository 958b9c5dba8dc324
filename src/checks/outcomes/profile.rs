//! Outcomes of the checks on the selected profile and the AWS files.

use super::Outcome;
use crate::diagnosis::Diagnosis;
use crate::findings::FindingId;
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
        Some(BaseSource::LoginSession { session_arn, .. }) => (
            "login",
            format!("'{name}' uses a console login (aws login) as {session_arn}"),
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
        Some(ProcessOutcome::BadOutput { problem, .. }) => ("bad_output", problem.clone()),
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
    // A name with no [sso-session] section: no token can be found or help.
    if d.has(crate::findings::FindingId::SsoSessionMissing) {
        return (
            "no_session",
            "the profile's sso_session names no [sso-session] section of the config file".into(),
        );
    }
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

pub(crate) fn login_cache(d: &Diagnosis) -> Outcome {
    use crate::inputs::login_cache::{CacheFreshness, LoginCacheState};
    let Some(state) = &d.facts.login else {
        return (
            "not_configured",
            "the profile does not use a console login (login_session)".into(),
        );
    };
    if let Some(f) = d
        .findings
        .iter()
        .find(|f| f.id == FindingId::LoginSessionMismatch)
    {
        return ("mismatch", f.evidence.clone());
    }
    match state {
        LoginCacheState::NoCacheDirectory | LoginCacheState::Missing { .. } => (
            "missing",
            "no cached console login for this login_session".into(),
        ),
        LoginCacheState::Unreadable { .. } | LoginCacheState::Malformed { .. } => (
            "malformed",
            "the cached console login cannot be read or parsed".into(),
        ),
        LoginCacheState::Cached { login, .. } => {
            let at = crate::text::time::rfc3339(login.expires_at);
            match login.freshness {
                CacheFreshness::Valid => {
                    ("valid", format!("cached console login valid until {at}"))
                }
                CacheFreshness::ExpiresSoon | CacheFreshness::Expired => (
                    "expired",
                    format!("cached console login due for a refresh (expires {at})"),
                ),
            }
        }
    }
}
