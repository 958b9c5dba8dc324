//! Findings about a console-login profile (`login_session`, written by
//! `aws login`): its cache, its expiry, what it hides, which SDKs can use it,
//! and what the sign-in service said when a refresh was refused.

use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::files::{display_path, MergedProfile};
use crate::inputs::login_cache::{
    arn_account, CacheFreshness, CacheProblem, LoginCacheState, LoginInspection,
};
use crate::probes::chain::rfc3339;

/// Settings aws-config reads after `login_session`, which a login profile hides.
const HIDDEN_BY_LOGIN: &[&str] = &["credential_process", "aws_access_key_id"];

/// The login command for a profile, shell-quoted.
pub fn login_command(profile: &str) -> String {
    format!("aws login --profile {}", crate::text::shell::quote(profile))
}

/// Every finding about the cached login of `profile`.
pub fn findings(inspection: &LoginInspection, profile: &MergedProfile) -> Vec<Finding> {
    let name = &profile.name;
    let fix = login_command(name);
    let mut found = Vec::new();
    match &inspection.state {
        LoginCacheState::NoCacheDirectory => found.push(Finding::new(
            FindingId::LoginCacheMissing,
            format!("profile '{name}' uses a console login, but there is no home directory to find its cache in"),
            "neither AWS_LOGIN_CACHE_DIRECTORY nor HOME is set",
            fix.clone(),
        )),
        LoginCacheState::Missing { path, other_files } => found.push(Finding::new(
            FindingId::LoginCacheMissing,
            format!("profile '{name}' uses a console login (login_session) but there is no cached login for it"),
            if *other_files > 0 {
                format!(
                    "{} does not exist; the cache holds {other_files} login(s) for other sessions: `aws login` was run for another ARN than login_session = {}",
                    display_path(path),
                    inspection.session_arn
                )
            } else {
                format!("{} does not exist", display_path(path))
            },
            fix.clone(),
        )),
        LoginCacheState::Unreadable { path, reason } => found.push(Finding::new(
            FindingId::LoginCacheMalformed,
            format!("the cached console login of profile '{name}' cannot be read"),
            format!("{}: {reason}", display_path(path)),
            fix.clone(),
        )),
        LoginCacheState::Malformed { path, problem } => found.push(Finding::new(
            FindingId::LoginCacheMalformed,
            format!("the cached console login of profile '{name}' is damaged; the SDK rejects it"),
            format!("{}: {}", display_path(path), describe(problem)),
            format!("{fix}   # writes a fresh cache file"),
        )),
        LoginCacheState::Cached { path, login } => {
            let at = rfc3339(login.expires_at);
            match login.freshness {
                CacheFreshness::Valid => {}
                CacheFreshness::ExpiresSoon | CacheFreshness::Expired => {
                    let expired = login.freshness == CacheFreshness::Expired;
                    let finding = Finding::new(
                        FindingId::LoginExpired,
                        if expired {
                            format!("the cached console login of profile '{name}' expired at {at}")
                        } else {
                            format!("the cached console login of profile '{name}' expires within 5 minutes ({at})")
                        },
                        format!(
                            "{}: the SDK refreshes it at the AWS sign-in service (signin:CreateOAuth2Token) and rewrites the file; credwiz does not refresh, because it never writes under ~/.aws; offline the refresh cannot happen and the SDK fails",
                            display_path(path)
                        ),
                        format!("{fix}   # or run your program, which refreshes the login if the session is still valid"),
                    );
                    found.push(if expired { finding } else { finding.with_severity(Severity::Warning) });
                }
            }
            if let Some(arn_account) = arn_account(&inspection.session_arn) {
                if arn_account != login.account_id {
                    found.push(Finding::new(
                        FindingId::LoginSessionMismatch,
                        format!("the cached console login of profile '{name}' belongs to another account than its login_session"),
                        format!(
                            "login_session names account {arn_account}; the cached credentials in {} are for account {}",
                            display_path(path),
                            login.account_id
                        ),
                        fix.clone(),
                    ));
                }
            }
        }
    }
    found.extend(hidden_settings(profile));
    found.push(sdk_support(name));
    found
}

fn describe(problem: &CacheProblem) -> String {
    match problem {
        CacheProblem::NotJson => "not a JSON object".into(),
        CacheProblem::MissingField(field) => {
            format!("the field `{field}` is missing or not a string")
        }
        CacheProblem::BadExpiry => "accessToken.expiresAt is not an RFC 3339 time".into(),
    }
}

/// Settings in the same profile that aws-config never reads while
/// `login_session` is there.
fn hidden_settings(profile: &MergedProfile) -> Option<Finding> {
    let hidden: Vec<String> = HIDDEN_BY_LOGIN
        .iter()
        .filter_map(|key| profile.location_of(key).map(|at| format!("{key} at {at}")))
        .collect();
    if hidden.is_empty() {
        return None;
    }
    Some(Finding::new(
        FindingId::LoginHidesSettings,
        format!("login_session in profile '{}' hides other settings of the profile", profile.name),
        format!(
            "aws-config (Rust) takes login_session before credential_process and static keys and never uses: {}{}",
            hidden.join(", "),
            if profile.get("aws_access_key_id").is_some() {
                "; botocore (Python, AWS CLI) and the JavaScript SDK take static keys before login_session, so programs in different languages get different credentials from this profile"
            } else {
                ""
            }
        ),
        format!(
            "remove what is not meant to be used from [profile {}], or move it to a profile of its own",
            profile.name
        ),
    ))
}

/// Which SDKs can read a login profile and what they need.
fn sdk_support(profile: &str) -> Finding {
    Finding::new(
        FindingId::LoginSdkSupport,
        format!("profile '{profile}' uses a console login: not every SDK can read it"),
        "the AWS CLI 2.32+ reads it as is; boto3/botocore needs its CRT extra (else MissingDependencyException); Rust programs need aws-config's `credentials-login` cargo feature; the JavaScript SDK v3 reads it through @aws-sdk/credential-provider-login; older SDKs fail on the profile",
        "pip install \"botocore[crt]\"   # Python; Rust: aws-config = { version = \"1\", features = [\"credentials-login\"] }",
    )
}

/// What the sign-in service answered to a refresh, read from an SDK's error
/// text (`--error-text` or a pasted message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshRefusal {
    SessionExpired,
    PasswordChanged,
    MissingPermission,
    Other,
}

/// The refusal in an error text, if the text is a failed login refresh.
pub fn refresh_refusal(error_text: &str) -> Option<RefreshRefusal> {
    let lower = error_text.to_ascii_lowercase();
    if !lower.contains("refresh cached login token") && !lower.contains("createoauth2token") {
        return None;
    }
    Some(
        if lower.contains("session has expired") || lower.contains("token_expired") {
            RefreshRefusal::SessionExpired
        } else if lower.contains("password") || lower.contains("user_credentials_changed") {
            RefreshRefusal::PasswordChanged
        } else if lower.contains("insufficient permissions")
            || lower.contains("insufficient_permissions")
        {
            RefreshRefusal::MissingPermission
        } else {
            RefreshRefusal::Other
        },
    )
}

/// The finding for a refused refresh.
pub fn refresh_failed(refusal: RefreshRefusal, profile: &str) -> Finding {
    let fix = login_command(profile);
    let (why, fix) = match refusal {
        RefreshRefusal::SessionExpired => (
            "the console session behind the login has expired (sessions last up to 12 hours)".to_string(),
            fix,
        ),
        RefreshRefusal::PasswordChanged => (
            "the password of the signed-in user changed since `aws login`, which ends the session".to_string(),
            format!("{fix}   # sign in with the new password"),
        ),
        RefreshRefusal::MissingPermission => (
            "the signed-in principal may not call signin:CreateOAuth2Token, which the refresh needs".to_string(),
            format!("{fix}   # and allow signin:CreateOAuth2Token for this user or role"),
        ),
        RefreshRefusal::Other => (
            "the AWS sign-in service refused to refresh the cached login".to_string(),
            fix,
        ),
    };
    Finding::new(
        FindingId::LoginRefreshFailed,
        format!("the console login of profile '{profile}' could not be refreshed"),
        why,
        fix,
    )
}
