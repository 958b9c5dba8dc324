//! Findings about the cached SSO login a profile needs.

use crate::findings::{FileSite, Finding, FindingId};
use crate::inputs::files::{display_path, AwsFiles, MergedProfile};
use crate::inputs::s3::presign::human_duration;
use crate::probes::sso_cache::SsoTokenState;
use std::time::SystemTime;

/// The login command for this profile: by session when it has one.
pub fn login_command(profile: &MergedProfile) -> String {
    match profile.get("sso_session") {
        Some(session) => format!(
            "aws sso login --sso-session {}   # or: aws sso login --profile {}",
            crate::text::shell::quote(session),
            crate::text::shell::quote(&profile.name)
        ),
        None => format!(
            "aws sso login --profile {}",
            crate::text::shell::quote(&profile.name)
        ),
    }
}

/// The login that serves every profile of this profile's `sso-session`.
fn session_login(profile: &MergedProfile) -> Option<String> {
    profile.get("sso_session").map(|session| {
        format!(
            "aws sso login --sso-session {}",
            crate::text::shell::quote(session)
        )
    })
}

/// ` (3 days ago)`, when the timestamp reads as one.
fn ago(timestamp: &str, now: SystemTime) -> String {
    aws_smithy_types::DateTime::from_str(
        timestamp.trim(),
        aws_smithy_types::date_time::Format::DateTime,
    )
    .ok()
    .and_then(|at| SystemTime::try_from(at).ok())
    .and_then(|at| now.duration_since(at).ok())
    .map(|since| format!(" ({} ago)", human_duration(since.as_secs())))
    .unwrap_or_default()
}

/// The finding for a missing or expired token, if any. A profile whose
/// `sso_session` names no `[sso-session]` section gets that finding instead:
/// no login can help it (`aws sso login --sso-session` fails the same way).
pub fn findings(
    state: &SsoTokenState,
    profile: &MergedProfile,
    files: &AwsFiles,
    now: SystemTime,
) -> Vec<Finding> {
    if let Some(missing) = session_missing(profile, files) {
        return vec![missing];
    }
    let login = login_command(profile);
    let shared = session_login(profile);
    let found = match state {
        SsoTokenState::Missing { path } => vec![Finding::new(
            FindingId::SsoTokenMissing,
            format!(
                "profile '{}' uses SSO but there is no cached login",
                profile.name
            ),
            format!("{} does not exist", display_path(path)),
            login,
        )],
        SsoTokenState::Expired {
            path, expired_at, ..
        } => vec![Finding::new(
            FindingId::SsoTokenExpired,
            format!(
                "the SSO login of profile '{}' expired at {expired_at}{}",
                profile.name,
                ago(expired_at, now)
            ),
            display_path(path),
            login,
        )],
        SsoTokenState::Unreadable { path, reason } => vec![Finding::new(
            FindingId::SsoTokenMissing,
            format!(
                "the cached SSO login of profile '{}' cannot be used",
                profile.name
            ),
            format!("{}: {reason}", display_path(path)),
            login,
        )],
        SsoTokenState::NotConfigured | SsoTokenState::Valid { .. } => Vec::new(),
    };
    found
        .into_iter()
        .map(|f| f.with_shared_fix(shared.clone()))
        .collect()
}

/// `sso_session = X` with no `[sso-session X]` in the config file; the site
/// names the section meant when one existing name is that close.
fn session_missing(profile: &MergedProfile, files: &AwsFiles) -> Option<Finding> {
    let name = profile.get("sso_session")?;
    if files.sso_session(name).is_some() {
        return None;
    }
    let at = profile.location_of("sso_session")?;
    let wanted = name.trim().to_lowercase();
    let close: Vec<String> = files
        .sso_session_names()
        .into_iter()
        .filter(|s| crate::rules::files::spelling::edit_distance(&wanted, &s.to_lowercase()) <= 2)
        .collect();
    let meant = match close.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    };
    let fix = match &meant {
        Some(meant) => format!(
            "aws configure set sso_session {} --profile {}   # the section is [sso-session {meant}]; or fix the name at {at}",
            crate::text::shell::quote(meant),
            crate::text::shell::quote(&profile.name)
        ),
        None => format!(
            "aws configure sso-session   # creates an [sso-session] section; or fix the name at {at}"
        ),
    };
    Some(
        Finding::new(
            FindingId::SsoSessionMissing,
            format!(
                "profile '{}' names sso_session '{name}', but the config file has no [sso-session {name}] section",
                profile.name
            ),
            format!("{at}: sso_session = {name}"),
            fix,
        )
        .at_site(FileSite {
            path: at.path.clone(),
            line: Some(at.line),
            section: Some(profile.name.clone()),
            key: Some("sso_session".into()),
            meant,
            ..FileSite::default()
        }),
    )
}
