//! aws-config's own credential providers, one per slot, built the way
//! `DefaultCredentialsChain` builds them plus credwiz's bounds.

use crate::inputs::profile_plan::ProfilePlan;
use crate::probes::bounds;
use crate::probes::offline_http::{OfflineDns, OfflineHttpClient};
use crate::probes::slot::Slot;
use aws_config::ecs::EcsCredentialsProvider;
use aws_config::environment::credentials::EnvironmentVariableCredentialsProvider;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::Credentials;
use aws_types::region::Region;
use std::time::{Duration, SystemTime};

/// How to run the chain.
#[derive(Debug, Clone)]
pub struct ChainOptions {
    /// `--profile`: passed to the profile provider as the SDK's builder would.
    pub profile_override: Option<String>,
    pub region: Option<String>,
    /// No network I/O at all: the providers get a client that refuses every call.
    pub offline: bool,
    /// Connect bound for the container and IMDS probes, and for STS calls
    /// made by profile providers.
    pub probe_connect_timeout: Duration,
    /// Read bound for the same.
    pub probe_read_timeout: Duration,
    /// Use the SDK's own timeouts and retries for IMDS and the container
    /// endpoint (slow where no metadata service answers).
    pub sdk_timeouts: bool,
    /// Let the SDK refresh a cached SSO token, which rewrites its file.
    pub allow_refresh: bool,
    /// The diagnosis' one clock reading, for the refresh windows of cached
    /// tokens and logins.
    pub now: SystemTime,
    /// Time limit for a profile's credential_process (the SDK has none).
    pub process_timeout: Duration,
    /// The shared files in memory for the profile provider; `None` lets it
    /// read them from disk as a program would.
    pub profile_files: Option<aws_runtime::env_config::file::EnvConfigFiles>,
}

impl Default for ChainOptions {
    fn default() -> Self {
        ChainOptions {
            profile_override: None,
            region: None,
            offline: false,
            probe_connect_timeout: bounds::METADATA_CONNECT,
            probe_read_timeout: bounds::METADATA_READ,
            sdk_timeouts: false,
            allow_refresh: false,
            now: SystemTime::now(),
            process_timeout: crate::probes::credential_process::DEFAULT_PROCESS_TIMEOUT,
            profile_files: None,
        }
    }
}

/// The configuration every provider is built with, as `DefaultCredentialsChain`
/// does, plus credwiz's bounds (one attempt, short timeouts) or, offline, a
/// client that refuses every request.
pub(crate) fn provider_config(options: &ChainOptions) -> ProviderConfig {
    let mut config = ProviderConfig::default()
        .with_region(options.region.clone().map(Region::new))
        .with_retry_config(RetryConfig::standard().with_max_attempts(1))
        .with_timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(options.probe_connect_timeout)
                .read_timeout(options.probe_read_timeout.max(Duration::from_secs(3)))
                .operation_attempt_timeout(bounds::STS_OPERATION)
                .operation_timeout(bounds::STS_OPERATION)
                .build(),
        );
    if options.offline {
        config = config.with_http_client(OfflineHttpClient);
    }
    config
}

/// The bound on a whole slot: a dripping server defeats the read timeout,
/// and some providers retry on their own.
pub(crate) fn slot_bound(slot: Slot, options: &ChainOptions, plan: &ProfilePlan) -> Duration {
    match slot {
        Slot::Container | Slot::Imds if options.sdk_timeouts => bounds::METADATA_TOTAL_SDK,
        Slot::Container | Slot::Imds => bounds::METADATA_TOTAL,
        // The SDK runs the program once more after credwiz's own run.
        Slot::Profile if plan.runs_a_process() => {
            bounds::PROFILE_SLOT_TOTAL + options.process_timeout
        }
        Slot::Environment | Slot::Profile | Slot::WebIdentity => bounds::PROFILE_SLOT_TOTAL,
    }
}

/// One slot's provider, stopped at [`slot_bound`] with `ProviderTimedOut`.
pub(crate) async fn run_slot(
    slot: Slot,
    config: &ProviderConfig,
    options: &ChainOptions,
    plan: &ProfilePlan,
) -> Result<Credentials, CredentialsError> {
    let bound = slot_bound(slot, options, plan);
    tokio::time::timeout(bound, run_slot_provider(slot, config, options))
        .await
        .unwrap_or_else(|_| Err(CredentialsError::provider_timed_out(bound)))
}

pub(crate) async fn run_slot_provider(
    slot: Slot,
    config: &ProviderConfig,
    options: &ChainOptions,
) -> Result<Credentials, CredentialsError> {
    match slot {
        Slot::Environment => {
            EnvironmentVariableCredentialsProvider::new()
                .provide_credentials()
                .await
        }
        Slot::Profile => {
            let mut builder = ProfileFileCredentialsProvider::builder().configure(config);
            if let Some(name) = &options.profile_override {
                builder = builder.profile_name(name);
            }
            if let Some(files) = &options.profile_files {
                builder = builder.profile_files(files.clone());
            }
            builder.build().provide_credentials().await
        }
        Slot::WebIdentity => {
            WebIdentityTokenCredentialsProvider::builder()
                .configure(config)
                .build()
                .provide_credentials()
                .await
        }
        Slot::Container => {
            let mut builder = EcsCredentialsProvider::builder().configure(config);
            if !options.sdk_timeouts {
                builder = builder
                    .connect_timeout(options.probe_connect_timeout)
                    .read_timeout(options.probe_read_timeout);
            }
            if options.offline {
                builder = builder.dns(OfflineDns);
            }
            builder.build().provide_credentials().await
        }
        Slot::Imds => {
            let mut builder = ImdsCredentialsProvider::builder().configure(config);
            if let Some(name) = &options.profile_override {
                builder = builder.profile(name);
            }
            if !options.sdk_timeouts {
                let client = aws_config::imds::Client::builder()
                    .configure(config)
                    .connect_timeout(options.probe_connect_timeout)
                    .read_timeout(options.probe_read_timeout)
                    .max_attempts(1)
                    .build();
                builder = builder.imds_client(client);
            }
            builder.build().provide_credentials().await
        }
    }
}

/// aws-config exposes the provider name only through `Credentials`' Debug
/// output (`provider_name: "ProfileFile"`), which never includes the secret.
pub fn provider_name(credentials: &Credentials) -> String {
    let debug = format!("{credentials:?}");
    debug
        .split_once("provider_name: \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(name, _)| name.to_string())
        .unwrap_or_else(|| "unknown".to_string())
}
