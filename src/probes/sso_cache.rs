//! The SSO token cache: `~/.aws/sso/cache/<sha1>.json`, keyed by the
//! `sso_session` name (new style) or the `sso_start_url` (legacy style).
//! Read only; the portal is never called from here.

use crate::inputs::bounded_file::{read_text, FileProblem, SMALL_FILE_LIMIT};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::MergedProfile;
use sha1::{Digest, Sha1};
use std::path::PathBuf;
use std::time::SystemTime;

/// What the cache says for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SsoTokenState {
    NotConfigured,
    Missing {
        path: PathBuf,
    },
    Expired {
        path: PathBuf,
        expired_at: String,
        refresh: SsoRefresh,
    },
    Valid {
        path: PathBuf,
        expires_at: String,
    },
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

/// What an expired token holds for a refresh: each SDK asks the OIDC
/// service for a new one (a remote call) only when it has what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoRefresh {
    /// The first of `clientId`, `clientSecret`, `refreshToken` (the order
    /// the Node.js SDK checks them in) that is absent or empty.
    pub first_missing: Option<&'static str>,
    /// True when `registrationExpiresAt` is present and still ahead
    /// (botocore and aws-config refresh only then; Node does not look).
    pub registration_live: bool,
}

impl SsoRefresh {
    fn of(token: &serde_json::Value, now: SystemTime) -> SsoRefresh {
        let field = |name: &str| {
            token
                .get(name)
                .and_then(|v| v.as_str())
                .filter(|v| !v.is_empty())
        };
        let first_missing = ["clientId", "clientSecret", "refreshToken"]
            .into_iter()
            .find(|name| field(name).is_none());
        let registration_live = field("registrationExpiresAt")
            .and_then(parse_time)
            .is_some_and(|at| at > now);
        SsoRefresh {
            first_missing,
            registration_live,
        }
    }
}

fn parse_time(text: &str) -> Option<SystemTime> {
    aws_smithy_types::DateTime::from_str(text, aws_smithy_types::date_time::Format::DateTime)
        .ok()
        .and_then(|t| SystemTime::try_from(t).ok())
}

impl SsoTokenState {
    /// The cache file this state was read from.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            SsoTokenState::NotConfigured => None,
            SsoTokenState::Missing { path }
            | SsoTokenState::Expired { path, .. }
            | SsoTokenState::Valid { path, .. }
            | SsoTokenState::Unreadable { path, .. } => Some(path),
        }
    }
}

/// Looks up the cached token for a profile that uses SSO.
pub fn token_state(env: &EnvSnapshot, profile: &MergedProfile, now: SystemTime) -> SsoTokenState {
    let key = profile
        .get("sso_session")
        .or_else(|| profile.get("sso_start_url"));
    let (Some(key), Some(home)) = (key, env.home_dir()) else {
        return SsoTokenState::NotConfigured;
    };
    let digest = Sha1::digest(key.as_bytes());
    let name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let path = home.join(".aws/sso/cache").join(format!("{name}.json"));
    let text = match read_text(&path, SMALL_FILE_LIMIT) {
        Ok(text) => text,
        Err(FileProblem::NotFound) => return SsoTokenState::Missing { path },
        Err(problem) => {
            return SsoTokenState::Unreadable {
                path,
                reason: problem.to_string(),
            }
        }
    };
    let token = serde_json::from_str::<serde_json::Value>(&text).unwrap_or_default();
    let expires = token
        .get("expiresAt")
        .and_then(|e| e.as_str())
        .map(str::to_string);
    let Some(expires) = expires else {
        return SsoTokenState::Unreadable {
            path,
            reason: "no expiresAt in the cached token".into(),
        };
    };
    match parse_time(&expires) {
        Some(at) if at <= now => SsoTokenState::Expired {
            path,
            expired_at: expires,
            refresh: SsoRefresh::of(&token, now),
        },
        Some(_) => SsoTokenState::Valid {
            path,
            expires_at: expires,
        },
        None => SsoTokenState::Unreadable {
            path,
            // The cache holds a token: describe the value, never echo it.
            reason: format!(
                "expiresAt is not a timestamp ({} characters)",
                expires.chars().count()
            ),
        },
    }
}
