//! The Node.js SDK's `fromSSO` and `fromLoginCredentials`, as `fromIni`
//! calls them: an SSO profile missing a required key, naming a missing
//! `sso-session`, or without a cached token fails the whole chain
//! (`tryNextLink: false`); so does a login profile without a cached token.

use super::{borrow_remote, LensAnswer, LensInputs, SourceKind};
use crate::inputs::node_ini::NodeProfile;

const SSO_KEYS: [&str; 5] = [
    "sso_start_url",
    "sso_account_id",
    "sso_session",
    "sso_region",
    "sso_role_name",
];

/// `isSsoProfile`: any SSO key at all.
pub(crate) fn is_sso_profile(data: &NodeProfile) -> bool {
    SSO_KEYS.iter().any(|k| data.contains_key(*k))
}

fn fail(name: &str, kind: &str, message: String, provider: &str, source: SourceKind) -> LensAnswer {
    LensAnswer::failed(name, kind, message).with_provider(provider, source)
}

/// `fromSSO({ profile })`.
pub(crate) fn sso(inputs: &LensInputs<'_>, data: &NodeProfile, name: &str) -> LensAnswer {
    let mut profile = data.clone();
    if let Some(session_name) = data.get("sso_session") {
        let sessions = inputs.files.node.as_ref().map(|n| &n.sso_sessions);
        let Some(session) = sessions.and_then(|s| s.get(session_name)) else {
            // The SDK reads `session.sso_region` of an undefined session.
            return fail(
                name,
                "TypeError",
                "Cannot read properties of undefined (reading 'sso_region')".into(),
                "fromSSO",
                SourceKind::Sso,
            );
        };
        for key in ["sso_region", "sso_start_url"] {
            if let Some(value) = session.get(key) {
                profile.insert(key.to_string(), value.clone());
            }
        }
    }
    let required = [
        "sso_account_id",
        "sso_region",
        "sso_role_name",
        "sso_start_url",
    ];
    if required.iter().any(|k| !profile.contains_key(*k)) {
        return fail(
            name,
            "CredentialsProviderError",
            "Profile is configured with invalid SSO credentials.".into(),
            "fromSSO",
            SourceKind::Sso,
        );
    }
    let session = data.get("sso_session");
    let cache_key = session.or(profile.get("sso_start_url"));
    let Some(cache_key) = cache_key.filter(|key| inputs.raw.has_sso_token(key)) else {
        return fail(
            name,
            "CredentialsProviderError",
            format!(
                "The SSO session token associated with profile={name} was not found or is invalid."
            ),
            "fromSSO",
            SourceKind::Sso,
        );
    };
    super::walked::node_sso_expired(inputs, name, cache_key, session.is_some())
        .unwrap_or_else(|| borrow_remote(inputs.rust, name, "fromSSO", SourceKind::Sso))
}

/// `fromLoginCredentials({ profile })`.
pub(crate) fn login(inputs: &LensInputs<'_>, data: &NodeProfile, name: &str) -> LensAnswer {
    let session = data.get("login_session").map(String::as_str).unwrap_or("");
    if !inputs.raw.has_login_token(session) {
        return fail(
            name,
            "CredentialsProviderError",
            "Failed to load token from the login cache".into(),
            "fromLoginCredentials",
            SourceKind::Login,
        );
    }
    borrow_remote(inputs.rust, name, "fromLoginCredentials", SourceKind::Login)
}
