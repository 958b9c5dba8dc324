//! Findings about the cached SSO login a profile needs.

use crate::findings::{Finding, FindingId};
use crate::inputs::files::{display_path, MergedProfile};
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

/// The finding for a missing or expired token, if any.
pub fn findings(state: &SsoTokenState, profile: &MergedProfile, now: SystemTime) -> Vec<Finding> {
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
