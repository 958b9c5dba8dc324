//! The console-login cache (`aws login`, AWS CLI 2.32+): the file aws-config's
//! `LoginCredentialsProvider` reads for a profile's `login_session`.
//!
//! The file is `$AWS_LOGIN_CACHE_DIRECTORY/<sha256 of the trimmed ARN>.json`,
//! or `~/.aws/login/cache/…` without the variable. It holds temporary
//! credentials plus a refresh token and a DPoP private key, which are secrets:
//! this module reads them only to tell whether they are present and to hand
//! them to the scrubber, never to show them. Read only; the sign-in service
//! is never called from here.

use crate::inputs::bounded_file::{read_text, FileProblem};
use crate::inputs::environment::EnvSnapshot;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The variable that moves the cache, as aws-config reads it.
pub const CACHE_DIRECTORY_VARIABLE: &str = "AWS_LOGIN_CACHE_DIRECTORY";
/// aws-config refreshes cached credentials this long before they expire.
pub const REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Cache files are a few kilobytes; anything larger is not one.
const MAX_CACHE_BYTES: u64 = 1024 * 1024;

/// Why a cache file cannot be used, without any of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheProblem {
    NotJson,
    /// A field aws-config requires is missing or not a string.
    MissingField(&'static str),
    /// `accessToken.expiresAt` is not an RFC 3339 time.
    BadExpiry,
}

/// What the cached login looks like, relative to now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheFreshness {
    /// Used as is: more than the refresh window left.
    Valid,
    /// Inside the refresh window: the SDK would call the sign-in service.
    ExpiresSoon,
    /// Past its expiry: the SDK would call the sign-in service.
    Expired,
}

/// A parsed cache file, secrets reduced to "present or not".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedLogin {
    pub expires_at: SystemTime,
    pub freshness: CacheFreshness,
    pub account_id: String,
    pub has_id_token: bool,
}

/// What the cache says for one `login_session`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginCacheState {
    /// No file for this ARN; `other_files` counts cached logins for other ARNs.
    Missing {
        path: PathBuf,
        other_files: usize,
    },
    Unreadable {
        path: PathBuf,
        reason: String,
    },
    Malformed {
        path: PathBuf,
        problem: CacheProblem,
    },
    Cached {
        path: PathBuf,
        login: CachedLogin,
    },
    /// Neither the variable nor a home directory says where the cache is.
    NoCacheDirectory,
}

/// One inspection: the ARN, the state, and the secret values found (for the
/// scrubber only; never printed, never in Debug output).
#[derive(Clone)]
pub struct LoginInspection {
    pub session_arn: String,
    pub state: LoginCacheState,
    secrets: Vec<String>,
}

impl std::fmt::Debug for LoginInspection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginInspection")
            .field("session_arn", &self.session_arn)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl LoginInspection {
    /// Refresh token, id token, DPoP key and cached secret/session token.
    pub fn secrets(&self) -> &[String] {
        &self.secrets
    }
}

/// The cache directory aws-config would use.
pub fn cache_dir(env: &EnvSnapshot) -> Option<PathBuf> {
    // aws-config takes the variable as set, even when empty or blank.
    if let Some(dir) = env.get(CACHE_DIRECTORY_VARIABLE) {
        return Some(PathBuf::from(dir));
    }
    env.home_dir().map(|home| home.join(".aws/login/cache"))
}

/// The cache file for a session ARN: SHA-256 of the trimmed ARN, hex, `.json`.
pub fn cache_file(dir: &Path, session_arn: &str) -> PathBuf {
    let digest = Sha256::digest(session_arn.trim().as_bytes());
    let name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{name}.json"))
}

/// Reads the cache for `session_arn` as the SDK would.
pub fn inspect(env: &EnvSnapshot, session_arn: &str, now: SystemTime) -> LoginInspection {
    let mut secrets = Vec::new();
    let state = match cache_dir(env) {
        None => LoginCacheState::NoCacheDirectory,
        Some(dir) => read_state(&dir, session_arn, now, &mut secrets),
    };
    LoginInspection {
        session_arn: session_arn.to_string(),
        state,
        secrets,
    }
}

fn read_state(
    dir: &Path,
    session_arn: &str,
    now: SystemTime,
    secrets: &mut Vec<String>,
) -> LoginCacheState {
    let path = cache_file(dir, session_arn);
    // Checked to be a regular file before it is opened: opening a FIFO
    // would block until something writes to it.
    let text = match read_text(&path, MAX_CACHE_BYTES) {
        Ok(text) => text,
        Err(FileProblem::NotFound) => {
            let other_files = count_other_files(dir, &path);
            return LoginCacheState::Missing { path, other_files };
        }
        Err(problem) => {
            return LoginCacheState::Unreadable {
                path,
                reason: problem.to_string(),
            }
        }
    };
    match parse(&text, now, secrets) {
        Ok(login) => LoginCacheState::Cached { path, login },
        Err(problem) => LoginCacheState::Malformed { path, problem },
    }
}

fn count_other_files(dir: &Path, own: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path() != own && e.path().extension().is_some_and(|x| x == "json"))
                .count()
        })
        .unwrap_or(0)
}

/// The fields aws-config requires, in the order it checks them.
fn parse(
    text: &str,
    now: SystemTime,
    secrets: &mut Vec<String>,
) -> Result<CachedLogin, CacheProblem> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|_| CacheProblem::NotJson)?;
    let object = json.as_object().ok_or(CacheProblem::NotJson)?;
    // aws-config matches keys without regard to case.
    let field = |parent: &serde_json::Map<String, serde_json::Value>, name: &str| {
        parent
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let string = |parent: &serde_json::Map<String, serde_json::Value>, name: &'static str| {
        field(parent, name)
            .and_then(|v| v.as_str().map(str::to_string))
            .ok_or(CacheProblem::MissingField(name))
    };
    let access = field(object, "accessToken")
        .and_then(|v| v.as_object().cloned())
        .ok_or(CacheProblem::MissingField("accessToken"))?;
    for name in ["secretAccessKey", "sessionToken"] {
        if let Some(value) = field(&access, name).and_then(|v| v.as_str().map(str::to_string)) {
            secrets.push(value);
        }
    }
    for name in ["refreshToken", "idToken", "dpopKey"] {
        if let Some(value) = field(object, name).and_then(|v| v.as_str().map(str::to_string)) {
            // A PEM key spans lines; any one of them must not show either.
            secrets.extend(value.lines().map(str::to_string));
            secrets.push(value);
        }
    }
    string(&access, "accessKeyId")?;
    string(&access, "secretAccessKey")?;
    string(&access, "sessionToken")?;
    let account_id = string(&access, "accountId")?;
    let expires = string(&access, "expiresAt")?;
    string(object, "clientId")?;
    string(object, "dpopKey")?;
    string(object, "refreshToken")?;
    let expires_at = aws_smithy_types::DateTime::from_str(
        &expires,
        aws_smithy_types::date_time::Format::DateTime,
    )
    .ok()
    .and_then(|t| SystemTime::try_from(t).ok())
    .ok_or(CacheProblem::BadExpiry)?;
    let freshness = if expires_at <= now {
        CacheFreshness::Expired
    } else if expires_at <= now + REFRESH_WINDOW {
        CacheFreshness::ExpiresSoon
    } else {
        CacheFreshness::Valid
    };
    Ok(CachedLogin {
        expires_at,
        freshness,
        account_id,
        has_id_token: field(object, "idToken").is_some(),
    })
}

/// The account id in a session ARN (`arn:aws:iam::<account>:user/x`).
pub fn arn_account(session_arn: &str) -> Option<&str> {
    session_arn
        .trim()
        .split(':')
        .nth(4)
        .filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_is_the_sha256_of_the_trimmed_arn() {
        // The names aws-config's own tests expect.
        let dir = Path::new("/home/someuser/.aws/login/cache");
        let expected = "/home/someuser/.aws/login/cache/36db1d138ff460920374e4c3d8e01f53f9f73537e89c88d639f68393df0e2726.json";
        assert_eq!(
            cache_file(dir, "arn:aws:iam::0123456789012:user/Admin"),
            PathBuf::from(expected)
        );
        assert_eq!(
            cache_file(dir, "  arn:aws:iam::0123456789012:user/Admin  "),
            PathBuf::from(expected)
        );
    }

    #[test]
    fn arn_account_is_the_fifth_field() {
        assert_eq!(
            arn_account("arn:aws:iam::0123456789012:user/Admin"),
            Some("0123456789012")
        );
        assert_eq!(arn_account("nonsense"), None);
    }
}
