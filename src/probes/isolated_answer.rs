//! What `credwiz __sdk-profile-slot` is asked and answers (see
//! `isolated_slot`): the provider's options in, its credentials or its
//! error out, kept to what credwiz reads from them.

use crate::probes::providers::ChainOptions;
use crate::probes::relayed_error::Relayed;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;
use aws_sdk_sts::operation::assume_role::AssumeRoleError;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::http::Response;
use serde::{Deserialize, Serialize};
use std::time::{Duration, UNIX_EPOCH};

/// What the parent asks the worker: the options the provider is built with.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    pub profile_override: Option<String>,
    pub region: Option<String>,
    pub offline: bool,
    pub connect_ms: u64,
    pub read_ms: u64,
    pub sdk_timeouts: bool,
    pub allow_refresh: bool,
    pub task: Task,
}

/// What the worker runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// The profile slot's provider (it may start a credential_process).
    ProfileSlot,
    /// The instance metadata provider (it builds request paths from what
    /// the endpoint answers, and panics on some).
    ImdsSlot,
    /// aws-config's whole default chain (`credwiz resolve`).
    WholeChain,
}

impl Request {
    pub fn from_options(options: &ChainOptions) -> Self {
        Request {
            task: Task::ProfileSlot,
            profile_override: options.profile_override.clone(),
            region: options.region.clone(),
            offline: options.offline,
            connect_ms: millis(options.probe_connect_timeout),
            read_ms: millis(options.probe_read_timeout),
            sdk_timeouts: options.sdk_timeouts,
            allow_refresh: options.allow_refresh,
        }
    }

    pub fn to_options(&self) -> ChainOptions {
        ChainOptions {
            profile_override: self.profile_override.clone(),
            region: self.region.clone(),
            offline: self.offline,
            probe_connect_timeout: Duration::from_millis(self.connect_ms),
            probe_read_timeout: Duration::from_millis(self.read_ms),
            sdk_timeouts: self.sdk_timeouts,
            allow_refresh: self.allow_refresh,
            ..ChainOptions::default()
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The worker's answer: the provider's credentials or its error, kept to
/// what credwiz reads from them (the kind, the words, an STS refusal).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Resolved {
        access_key_id: String,
        secret_access_key: String,
        session_token: Option<String>,
        expires_unix_ms: Option<u64>,
        provider: String,
    },
    Failed {
        kind: ErrorKind,
        /// The error's sources, as `DisplayErrorContext` joins them.
        sources: String,
        timed_out_ms: Option<u64>,
        /// STS's code and message when an AssumeRole hop was refused.
        refusal: Option<(String, String)>,
    },
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotLoaded,
    TimedOut,
    InvalidConfiguration,
    ProviderError,
    Unhandled,
}

impl Answer {
    /// The worker's side: what the provider returned, for the wire.
    pub fn of(result: &Result<Credentials, CredentialsError>) -> Self {
        match result {
            Ok(creds) => Answer::Resolved {
                access_key_id: creds.access_key_id().to_string(),
                secret_access_key: creds.secret_access_key().to_string(),
                session_token: creds.session_token().map(str::to_string),
                expires_unix_ms: creds
                    .expiry()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map(millis),
                provider: crate::probes::providers::provider_name(creds),
            },
            Err(err) => {
                let (kind, timed_out_ms) = match err {
                    CredentialsError::CredentialsNotLoaded(_) => (ErrorKind::NotLoaded, None),
                    CredentialsError::ProviderTimedOut(t) => {
                        (ErrorKind::TimedOut, Some(millis(t.timeout_duration())))
                    }
                    CredentialsError::InvalidConfiguration(_) => {
                        (ErrorKind::InvalidConfiguration, None)
                    }
                    CredentialsError::ProviderError(_) => (ErrorKind::ProviderError, None),
                    _ => (ErrorKind::Unhandled, None),
                };
                Answer::Failed {
                    kind,
                    sources: sources_text(err),
                    timed_out_ms,
                    refusal: crate::probes::role_refusal::code_and_message(err),
                }
            }
        }
    }

    /// The parent's side: the provider's result, as if it had run here.
    pub fn into_result(self) -> Result<Credentials, CredentialsError> {
        match self {
            Answer::Resolved {
                access_key_id,
                secret_access_key,
                session_token,
                expires_unix_ms,
                provider,
            } => Ok(Credentials::new(
                access_key_id,
                secret_access_key,
                session_token,
                expires_unix_ms.map(|ms| UNIX_EPOCH + Duration::from_millis(ms)),
                static_provider_name(&provider),
            )),
            Answer::Failed {
                kind,
                sources,
                timed_out_ms,
                refusal,
            } => Err(rebuild(kind, sources, timed_out_ms, refusal)),
        }
    }
}

/// The sources below the provider's own error, joined as
/// `DisplayErrorContext` joins them.
fn sources_text(err: &CredentialsError) -> String {
    let mut parts = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(current) = source {
        parts.push(current.to_string());
        source = current.source();
    }
    parts.join(": ")
}

/// aws-config's provider names are static; the wire carries them as text.
/// A name this list does not know stays unknown rather than being passed
/// off as another provider (`providers::provider_name` says the same).
fn static_provider_name(name: &str) -> &'static str {
    const KNOWN: [&str; 7] = [
        "IMDSv2",
        "ProfileFile",
        "CredentialProcess",
        "AssumeRoleProvider",
        "WebIdentityToken",
        "SSO",
        "Login",
    ];
    KNOWN
        .into_iter()
        .find(|known| *known == name)
        .unwrap_or("unknown")
}

fn rebuild(
    kind: ErrorKind,
    sources: String,
    timed_out_ms: Option<u64>,
    refusal: Option<(String, String)>,
) -> CredentialsError {
    let refusal = refusal.and_then(|(code, message)| {
        let meta = aws_sdk_sts::error::ErrorMetadata::builder()
            .code(code)
            .message(message)
            .build();
        let status = aws_smithy_runtime_api::http::StatusCode::try_from(403).ok()?;
        Some(SdkError::service_error(
            AssumeRoleError::generic(meta),
            Response::new(status, aws_smithy_types::body::SdkBody::empty()),
        ))
    });
    if sources.is_empty() && refusal.is_none() {
        return match kind {
            ErrorKind::NotLoaded => CredentialsError::not_loaded_no_source(),
            ErrorKind::TimedOut => CredentialsError::provider_timed_out(Duration::from_millis(
                timed_out_ms.unwrap_or_default(),
            )),
            other => rebuild(other, "no further detail".into(), None, None),
        };
    }
    let source = Relayed {
        text: sources,
        refusal,
    };
    match kind {
        ErrorKind::NotLoaded => CredentialsError::not_loaded(source),
        ErrorKind::TimedOut => CredentialsError::provider_timed_out(Duration::from_millis(
            timed_out_ms.unwrap_or_default(),
        )),
        ErrorKind::InvalidConfiguration => CredentialsError::invalid_configuration(source),
        ErrorKind::ProviderError => CredentialsError::provider_error(source),
        ErrorKind::Unhandled => CredentialsError::unhandled(source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;
    use std::time::SystemTime;

    fn expiry_of(answer: Answer) -> Option<SystemTime> {
        answer.into_result().ok().and_then(|c| c.expiry())
    }

    #[test]
    fn resolved_credentials_cross_the_wire_unchanged() {
        let expiry = UNIX_EPOCH + Duration::from_millis(4_102_444_800_000);
        let creds = Credentials::new(
            "AKIAEXAMPLE",
            "s/e+c",
            Some("tok".into()),
            Some(expiry),
            "CredentialProcess",
        );
        let wire = serde_json::to_string(&Answer::of(&Ok(creds))).expect("json");
        let back: Answer = serde_json::from_str(&wire).expect("parse");
        let again: Answer = serde_json::from_str(&wire).expect("parse");
        assert_eq!(expiry_of(again), Some(expiry));
        let creds = back.into_result().expect("resolved");
        assert_eq!(creds.secret_access_key(), "s/e+c");
        assert_eq!(
            crate::probes::providers::provider_name(&creds),
            "CredentialProcess"
        );
    }

    #[test]
    fn a_provider_name_the_list_does_not_know_stays_unknown() {
        assert_eq!(static_provider_name("IMDSv2"), "IMDSv2");
        assert_eq!(static_provider_name("SSO"), "SSO");
        assert_eq!(static_provider_name("SomethingNew"), "unknown");
    }

    #[test]
    fn an_error_keeps_its_kind_and_words() {
        let original = CredentialsError::provider_error("Error retrieving credentials: exit 3");
        let wire = serde_json::to_string(&Answer::of(&Err(original))).expect("json");
        let back: Answer = serde_json::from_str(&wire).expect("parse");
        let err = back.into_result().expect_err("failed");
        assert!(matches!(err, CredentialsError::ProviderError(_)));
        let source = err.source().expect("source").to_string();
        assert_eq!(source, "Error retrieving credentials: exit 3");
    }
}
