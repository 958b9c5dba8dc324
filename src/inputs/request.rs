//! What the user asked credwiz to look at.

use crate::inputs::error_facts::ErrorFacts;
use std::time::Duration;

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct DiagnoseRequest {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub offline: bool,
    /// `--expect-account`.
    pub expect_account: Option<String>,
    /// `--error-text`: the error message the user's program printed.
    pub error_text: Option<String>,
    /// What the error text says, read from it before it was scrubbed.
    pub error_facts: ErrorFacts,
    /// Use the SDK's own (slow) IMDS and container timeouts.
    pub sdk_timeouts: bool,
    /// Let the SDK refresh (and rewrite) a cached SSO token.
    pub allow_refresh: bool,
    /// Override of the credential_process time limit.
    pub process_timeout: Option<Duration>,
    /// An S3 request to inspect: a URL or a curl command.
    pub s3_request: Option<String>,
    /// A bucket (and key) to probe live with the resolved credentials.
    pub s3_bucket: Option<String>,
    pub s3_key: Option<String>,
    /// `--sdk`: the lens the report leads with (else detected from the error text).
    pub sdk: Option<crate::inputs::program::Sdk>,
    /// `--probe-sdk`: run that SDK for real as ground truth.
    pub probe_sdk: Option<crate::inputs::program::Sdk>,
    /// `--project-dir`: where the Node program's node_modules live.
    pub project_dir: Option<std::path::PathBuf>,
}
