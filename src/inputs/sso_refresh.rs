//! Whether the SDK would refresh a profile's cached SSO token right now, and
//! so rewrite the cache file. aws-config refreshes a session's token when it
//! expires within five minutes and the cache holds what a refresh needs (a
//! refresh token, a client id and secret, a registration that has not
//! expired); legacy `sso_start_url` profiles are never refreshed. credwiz is
//! read-only by default, so it stops before the SDK would write.

use crate::inputs::bounded_file::{read_text, SMALL_FILE_LIMIT};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::hazards::sso_cache_path;
use crate::inputs::profile_plan::ProfilePlan;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// aws-config's `REFRESH_BUFFER_TIME` (sso/token.rs).
pub const SDK_REFRESH_BUFFER: Duration = Duration::from_secs(5 * 60);

/// The cache file the SDK would rewrite, when it would refresh now.
pub fn would_refresh(
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
    now: SystemTime,
) -> Option<PathBuf> {
    let session = files
        .profile(&plan.profile)?
        .get("sso_session")?
        .to_string();
    let path = sso_cache_path(env, &session)?;
    let text = read_text(&path, SMALL_FILE_LIMIT).ok()?;
    let token: serde_json::Value = serde_json::from_str(&text).ok()?;
    let field = |name: &str| {
        token
            .get(name)
            .and_then(|v| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let time = |name: &str| {
        let text = field(name)?;
        let parsed = aws_smithy_types::DateTime::from_str(
            text,
            aws_smithy_types::date_time::Format::DateTime,
        )
        .ok()?;
        SystemTime::try_from(parsed).ok()
    };
    let expires_soon = time("expiresAt").is_some_and(|at| at <= now + SDK_REFRESH_BUFFER);
    let refreshable = field("refreshToken").is_some()
        && field("clientId").is_some()
        && field("clientSecret").is_some()
        && time("registrationExpiresAt").is_some_and(|at| at > now);
    (expires_soon && refreshable).then_some(path)
}
