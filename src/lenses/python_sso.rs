//! botocore's `SSOProvider` and `LoginProvider`.
//!
//! SSO applies when the profile has `sso_role_name` or `sso_account_id`; a
//! missing `sso-session`, a missing required key, or no cached token fail at
//! once (InvalidConfigError, SSOTokenLoadError). Login needs `botocore[crt]`,
//! which a plain `pip install boto3` does not bring.

use super::{borrow_remote, LensAnswer, LensInputs, SourceKind};
use crate::inputs::python_ini::PySection;
use std::collections::BTreeMap;

const REQUIRED: [&str; 4] = [
    "sso_start_url",
    "sso_region",
    "sso_role_name",
    "sso_account_id",
];

fn fail(profile: &str, kind: &str, message: String) -> LensAnswer {
    LensAnswer::failed(profile, kind, message).with_provider("sso", SourceKind::Sso)
}

/// The SSO provider's answer for a profile with SSO settings.
pub(crate) fn sso(
    inputs: &LensInputs<'_>,
    sessions: &BTreeMap<String, PySection>,
    data: &PySection,
    profile: &str,
) -> LensAnswer {
    let mut config = data.clone();
    let session_name = data.get("sso_session");
    if let Some(name) = session_name {
        let Some(session) = sessions.get(name) else {
            return fail(
                profile,
                "InvalidConfigError",
                format!("The specified sso-session does not exist: \"{name}\""),
            );
        };
        for (key, value) in session {
            if config.get(key).is_some_and(|v| v != value) {
                return fail(
                    profile,
                    "InvalidConfigError",
                    format!("The value for {key} is inconsistent between profile and sso-session."),
                );
            }
            config.insert(key.clone(), value.clone());
        }
    }
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|key| !config.contains_key(*key))
        .collect();
    if !missing.is_empty() {
        return fail(
            profile,
            "InvalidConfigError",
            format!(
                "The profile \"{profile}\" is configured to use SSO but is missing required configuration: {}",
                missing.join(", ")
            ),
        );
    }
    let cache_key = session_name.or(config.get("sso_start_url"));
    let Some(cache_key) = cache_key.filter(|key| inputs.raw.has_sso_token(key)) else {
        return fail(
            profile,
            "SSOTokenLoadError",
            "Error loading SSO Token: Token for the SSO session does not exist".into(),
        );
    };
    super::walked::python_sso_expired(inputs, profile, cache_key, session_name.is_some())
        .unwrap_or_else(|| borrow_remote(inputs.rust, profile, "sso", SourceKind::Sso))
}

/// The login provider without `botocore[crt]`.
pub(crate) fn login(profile: &str) -> LensAnswer {
    LensAnswer::failed(
        profile,
        "MissingDependencyException",
        "Using the login credential provider requires botocore[crt] (pip install \"botocore[crt]\")",
    )
    .with_provider("login", SourceKind::Login)
}
