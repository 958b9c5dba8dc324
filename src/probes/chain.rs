//! The default credentials chain, slot by slot, run through aws-config's own
//! providers in aws-config's own order.
//!
//! credwiz does not re-implement any provider: each slot is the SDK's provider,
//! built the way `DefaultCredentialsChain` builds it. What credwiz adds is the
//! walk itself, so that every slot's outcome is kept instead of only the
//! winner's, and the rule the SDK's `CredentialsProviderChain` applies:
//! a provider that has nothing configured (`CredentialsNotLoaded`) passes to
//! the next; any other error stops the chain.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::hazards;
use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use crate::inputs::sso_refresh;
use crate::probes::bounds;
use crate::probes::credential_process::{self, ProcessOutcome};
use crate::probes::imds::{self, ImdsBounds, ImdsClass};
use crate::probes::login_cache::{self, CacheFreshness, LoginCacheState};
use crate::probes::offline_http::{OfflineHttpClient, OFFLINE_MARKER};
use crate::text::key_bytes::{first_bad_char, KeyPart};
use crate::text::mask::{concise_error, mask_key_id, Scrubber};
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
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_types::region::Region;
use serde::Serialize;
use std::time::{Duration, SystemTime};

/// The five slots of the default chain, in the order the SDK tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    Environment,
    Profile,
    WebIdentity,
    Container,
    Imds,
}

impl Slot {
    /// Every slot in chain order.
    pub const ORDER: [Slot; 5] = [
        Slot::Environment,
        Slot::Profile,
        Slot::WebIdentity,
        Slot::Container,
        Slot::Imds,
    ];

    /// The slot's name as users read it.
    pub fn label(self) -> &'static str {
        match self {
            Slot::Environment => "environment variables",
            Slot::Profile => "shared config/credentials profile",
            Slot::WebIdentity => "web identity token (env)",
            Slot::Container => "container credentials endpoint (ECS/EKS)",
            Slot::Imds => "EC2 instance metadata (IMDS)",
        }
    }
}

/// What happened in one slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotStatus {
    Resolved,
    NotConfigured,
    Failed,
    NotTried,
}

/// One slot's outcome with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotResult {
    pub slot: Slot,
    pub status: SlotStatus,
    pub detail: String,
}

/// The credentials the chain resolved, with secrets left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolvedCredentials {
    /// aws-config's provider name (`EnvironmentVariable`, `ProfileFile`, …).
    pub provider: String,
    pub slot: Slot,
    /// Where they came from: variable names or `file:line [profile]`.
    pub source: String,
    /// Masked key id.
    pub access_key_id: String,
    /// RFC 3339 expiry, when the credentials are temporary.
    pub expires_at: Option<String>,
}

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
    /// Time limit for a profile's credential_process (the SDK has none).
    pub process_timeout: Duration,
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
            process_timeout: crate::probes::credential_process::DEFAULT_PROCESS_TIMEOUT,
        }
    }
}

/// The whole walk: every slot's outcome, the winner, and the SDK's credentials
/// object for the next checks (never serialized).
#[derive(Debug, Clone)]
pub struct ChainInspection {
    pub slots: Vec<SlotResult>,
    pub resolved: Option<ResolvedCredentials>,
    /// The error text of the slot that stopped the chain, scrubbed.
    pub failure: Option<(Slot, String)>,
    /// Under `--offline`: the slot that would have needed the network or a
    /// process, where the walk stopped without a verdict.
    pub unverified: Option<Slot>,
    pub credentials: Option<Credentials>,
    /// What the profile's credential_process did, when the walk ran it.
    pub process: Option<ProcessOutcome>,
    /// Why instance metadata did or did not answer, when its slot ran online.
    pub imds_class: Option<ImdsClass>,
    /// The SSO cache file the SDK would have rewritten, when the walk stopped
    /// before a token refresh (read-only without `--allow-refresh`).
    pub sso_refresh: Option<std::path::PathBuf>,
}

impl ChainInspection {
    /// The outcome of one slot.
    pub fn slot(&self, slot: Slot) -> &SlotResult {
        // Every inspection holds all five slots, in order.
        &self.slots[Slot::ORDER.iter().position(|s| *s == slot).unwrap_or(0)]
    }
}

/// Runs the default chain slot by slot with aws-config's own providers.
pub async fn inspect(
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
    options: &ChainOptions,
    scrubber: &Scrubber,
) -> ChainInspection {
    let config = provider_config(options);
    let mut inspection = ChainInspection {
        slots: Vec::with_capacity(5),
        resolved: None,
        failure: None,
        unverified: None,
        credentials: None,
        process: None,
        imds_class: None,
        sso_refresh: None,
    };
    // The IMDS answer, when it was probed together with the container endpoint.
    let mut imds_early = None;
    for slot in Slot::ORDER {
        if inspection.resolved.is_some()
            || inspection.failure.is_some()
            || inspection.unverified.is_some()
        {
            let why = if inspection.resolved.is_some() {
                "an earlier slot resolved credentials"
            } else if inspection.failure.is_some() {
                "an earlier slot failed, which stops the chain"
            } else if inspection.sso_refresh.is_some() {
                "the walk stopped before the SDK would rewrite the SSO token cache"
            } else {
                "offline: the walk stopped at an earlier slot that needs the network"
            };
            inspection.slots.push(SlotResult {
                slot,
                status: SlotStatus::NotTried,
                detail: why.to_string(),
            });
            continue;
        }
        if options.offline && slot == Slot::Profile && plan.runs_a_process() {
            inspection.slots.push(SlotResult {
                slot,
                status: SlotStatus::NotTried,
                detail: format!(
                    "offline: profile '{}' runs credential_process, which was not started",
                    plan.profile
                ),
            });
            // The SDK would stop here one way or another; nothing after it counts.
            inspection.unverified = Some(slot);
            continue;
        }
        if let Some(detail) = (slot == Slot::Profile)
            .then(|| profile_must_not_run(env, files, plan))
            .flatten()
        {
            inspection.failure = Some((slot, detail.clone()));
            inspection.slots.push(SlotResult {
                slot,
                status: SlotStatus::Failed,
                detail,
            });
            continue;
        }
        if slot == Slot::Profile && plan.runs_a_process() {
            // Run the program ourselves first, bounded: the SDK would wait forever.
            if let Some(BaseSource::CredentialProcess { command, at }) = &plan.base {
                let outcome =
                    credential_process::run(command, options.process_timeout, scrubber).await;
                let failed = !matches!(outcome, ProcessOutcome::Ok { .. });
                let mut summary = process_summary(&outcome, &at.to_string());
                // With a role on top, the SDK would sign AssumeRole with this
                // key inside the chain; its signer panics on such a key id.
                let unsendable = match &outcome {
                    ProcessOutcome::Ok { access_key_id, .. } if !plan.hops.is_empty() => {
                        first_bad_char(KeyPart::AccessKeyId, access_key_id)
                    }
                    _ => None,
                };
                if let Some(bad) = &unsendable {
                    summary = format!(
                        "not run: credential_process at {at} printed a key that cannot be sent to assume {}: its access key id holds {}",
                        plan.hops.last().map_or("the role", |h| h.role_arn.as_str()),
                        bad.where_text()
                    );
                }
                inspection.process = Some(outcome);
                if failed || unsendable.is_some() {
                    inspection.failure = Some((slot, summary.clone()));
                    inspection.slots.push(SlotResult {
                        slot,
                        status: SlotStatus::Failed,
                        detail: summary,
                    });
                    continue;
                }
            }
        }
        if slot == Slot::Profile && !options.allow_refresh {
            let now = SystemTime::now();
            if let Some(cache) = sso_refresh::would_refresh(env, files, plan, now) {
                inspection.slots.push(SlotResult {
                    slot,
                    status: SlotStatus::NotTried,
                    detail: format!(
                        "your program would refresh the cached SSO token now (it expires within 5 minutes) and rewrite {}; credwiz does not write there: rerun with --allow-refresh to let the SDK do it",
                        crate::inputs::files::display_path(&cache)
                    ),
                });
                inspection.unverified = Some(slot);
                inspection.sso_refresh = Some(cache);
                continue;
            }
        }
        if let Some(hang) = blocking_file(slot, env, files, plan) {
            let detail = hang.describe();
            inspection.failure = Some((slot, detail.clone()));
            inspection.slots.push(SlotResult {
                slot,
                status: SlotStatus::Failed,
                detail,
            });
            continue;
        }
        let outcome = match slot {
            // Both metadata probes are bounded network waits: start them
            // together, so a laptop without either pays for one wait, not two.
            Slot::Container => {
                let (container, imds, class) = tokio::join!(
                    run_slot(Slot::Container, &config, options, plan),
                    run_slot(Slot::Imds, &config, options, plan),
                    classify_imds(env, options)
                );
                imds_early = Some(imds);
                inspection.imds_class = class;
                container
            }
            Slot::Imds => match imds_early.take() {
                Some(imds) => imds,
                None => {
                    let (imds, class) = tokio::join!(
                        run_slot(slot, &config, options, plan),
                        classify_imds(env, options)
                    );
                    inspection.imds_class = class;
                    imds
                }
            },
            _ => run_slot(slot, &config, options, plan).await,
        };
        let result = match outcome {
            Ok(credentials) => {
                inspection.resolved = Some(describe(slot, &credentials, env, plan));
                inspection.credentials = Some(credentials);
                SlotResult {
                    slot,
                    status: SlotStatus::Resolved,
                    detail: inspection
                        .resolved
                        .as_ref()
                        .map(|r| format!("{} from {}", r.provider, r.source))
                        .unwrap_or_default(),
                }
            }
            Err(error) => {
                // SDK errors can quote a helper's stderr, whose secrets credwiz cannot know.
                let text = concise_error(
                    &scrubber.scrub_untrusted(&format!("{}", DisplayErrorContext(&error))),
                );
                if matches!(error, CredentialsError::ProviderTimedOut(_)) {
                    let detail = bounds::stopped_after(slot_bound(slot, options, plan));
                    inspection.failure = Some((slot, detail.clone()));
                    SlotResult {
                        slot,
                        status: SlotStatus::Failed,
                        detail,
                    }
                } else if text.contains(OFFLINE_MARKER) {
                    inspection.unverified = Some(slot);
                    SlotResult {
                        slot,
                        status: SlotStatus::NotTried,
                        detail: format!("offline: {}", offline_reason(slot, plan)),
                    }
                } else if matches!(error, CredentialsError::CredentialsNotLoaded(_)) {
                    SlotResult {
                        slot,
                        status: SlotStatus::NotConfigured,
                        detail: not_configured_reason(slot, env, files, plan, &text),
                    }
                } else {
                    inspection.failure = Some((slot, text.clone()));
                    SlotResult {
                        slot,
                        status: SlotStatus::Failed,
                        detail: text,
                    }
                }
            }
        };
        inspection.slots.push(result);
    }
    inspection
}

/// A file this slot's provider would block on (see [`hazards`]).
fn blocking_file(
    slot: Slot,
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
) -> Option<hazards::BlockingFile> {
    match slot {
        Slot::Profile => hazards::shared_files(files)
            .or_else(|| hazards::profile_source(env, plan))
            .or_else(|| {
                // A console login's cache, read by the SDK's login provider.
                let session = files
                    .profile(&plan.profile)?
                    .get("login_session")?
                    .to_string();
                let dir = crate::probes::login_cache::cache_dir(env)?;
                hazards::blocking(crate::probes::login_cache::cache_file(&dir, &session))
            }),
        Slot::WebIdentity => hazards::web_identity_env(env),
        _ => None,
    }
}

/// The configuration every provider is built with, as `DefaultCredentialsChain`
/// does, plus credwiz's bounds (one attempt, short timeouts) or, offline, a
/// client that refuses every request.
fn provider_config(options: &ChainOptions) -> ProviderConfig {
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

/// The IMDS probe next to the SDK's own slot, with the same bounds (the
/// whole probe included); never offline.
async fn classify_imds(env: &EnvSnapshot, options: &ChainOptions) -> Option<ImdsClass> {
    if options.offline {
        return None;
    }
    let imds_bounds = ImdsBounds {
        connect: options.probe_connect_timeout,
        answer: options.probe_read_timeout,
    };
    let total = if options.sdk_timeouts {
        bounds::METADATA_TOTAL_SDK
    } else {
        bounds::METADATA_TOTAL
    };
    tokio::time::timeout(total, imds::classify(env, imds_bounds))
        .await
        .ok()
}

/// The bound on a whole slot: a dripping server defeats the read timeout,
/// and some providers retry on their own.
fn slot_bound(slot: Slot, options: &ChainOptions, plan: &ProfilePlan) -> Duration {
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
async fn run_slot(
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

async fn run_slot_provider(
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

fn describe(
    slot: Slot,
    credentials: &Credentials,
    env: &EnvSnapshot,
    plan: &ProfilePlan,
) -> ResolvedCredentials {
    let source = match slot {
        Slot::Environment => {
            let mut names = vec!["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
            if env.get_nonblank("AWS_SESSION_TOKEN").is_some() {
                names.push("AWS_SESSION_TOKEN");
            }
            format!("env: {}", names.join(", "))
        }
        Slot::Profile => plan
            .source_text()
            .unwrap_or_else(|| format!("profile [{}]", plan.profile)),
        Slot::WebIdentity => "env: AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN".to_string(),
        Slot::Container => [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        ]
        .into_iter()
        .find_map(|name| env.get_nonblank(name).map(|v| format!("env: {name}={v}")))
        .unwrap_or_else(|| "container endpoint".to_string()),
        Slot::Imds => format!(
            "instance metadata ({})",
            env.get_nonblank("AWS_EC2_METADATA_SERVICE_ENDPOINT")
                .unwrap_or("http://169.254.169.254")
        ),
    };
    ResolvedCredentials {
        provider: provider_name(credentials),
        slot,
        source,
        access_key_id: mask_key_id(credentials.access_key_id()),
        expires_at: credentials.expiry().map(rfc3339),
    }
}

/// Formats a time as RFC 3339 (UTC, seconds).
pub fn rfc3339(time: SystemTime) -> String {
    aws_smithy_types::DateTime::from(time)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_else(|_| "invalid time".to_string())
}

fn not_configured_reason(
    slot: Slot,
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
    sdk_text: &str,
) -> String {
    match slot {
        Slot::Environment => match (
            env.get_nonblank("AWS_ACCESS_KEY_ID"),
            env.get_nonblank("AWS_SECRET_ACCESS_KEY"),
        ) {
            (None, None) => "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set".into(),
            (Some(_), None) => "AWS_SECRET_ACCESS_KEY is not set (AWS_ACCESS_KEY_ID is)".into(),
            (None, Some(_)) => "AWS_ACCESS_KEY_ID is not set (AWS_SECRET_ACCESS_KEY is)".into(),
            (Some(_), Some(_)) => format!("the SDK passed over them: {sdk_text}"),
        },
        Slot::Profile => {
            if !files.config.is_read() && !files.credentials.is_read() {
                "no ~/.aws/config or ~/.aws/credentials file".into()
            } else {
                format!("profile '{}': {sdk_text}", plan.profile)
            }
        }
        Slot::WebIdentity => "AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN are not set".into(),
        Slot::Container => "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI are not set".into(),
        Slot::Imds if env.is_true("AWS_EC2_METADATA_DISABLED") => {
            "disabled by AWS_EC2_METADATA_DISABLED=true".into()
        }
        Slot::Imds => format!("no instance role answered: {sdk_text}"),
    }
}

/// Why the SDK's profile provider must not run here, if it must not: it would
/// refresh a console login (rewriting its cache under ~/.aws), or sign an
/// AssumeRole call with a key its signer panics on.
pub(crate) fn profile_must_not_run(
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
) -> Option<String> {
    login_refresh_needed(env, plan).or_else(|| unsendable_role_source(files, plan))
}

/// When the profile assumes a role with static keys from a source profile and
/// those keys hold a character no signer can send, why: the SDK would sign
/// the AssumeRole call with them inside the chain, and its signer panics.
fn unsendable_role_source(files: &AwsFiles, plan: &ProfilePlan) -> Option<String> {
    let (Some(last_hop), Some(BaseSource::StaticKeys { access_key_id: at })) =
        (plan.hops.last(), &plan.base)
    else {
        return None;
    };
    let role_profile = files.profile(&last_hop.profile)?;
    let source_name = role_profile.get("source_profile")?;
    let source = files.profile(source_name)?;
    let bad = [
        (KeyPart::AccessKeyId, "aws_access_key_id"),
        (KeyPart::SecretAccessKey, "aws_secret_access_key"),
        (KeyPart::SessionToken, "aws_session_token"),
    ]
    .into_iter()
    .find_map(|(part, key)| source.get(key).and_then(|v| first_bad_char(part, v)))?;
    Some(format!(
        "not run: the key that would sign the AssumeRole call for {} (profile '{source_name}', {at}) cannot be sent: its {} holds {}",
        last_hop.role_arn,
        bad.part.label(),
        bad.where_text()
    ))
}

/// When the profile's console login is cached but due for a refresh (expired
/// or inside aws-config's five-minute window), why: the walk must not run the
/// provider, which would call the sign-in service and rewrite the cache.
pub(crate) fn login_refresh_needed(env: &EnvSnapshot, plan: &ProfilePlan) -> Option<String> {
    let Some(BaseSource::LoginSession { session_arn, .. }) = &plan.base else {
        return None;
    };
    let inspection = login_cache::inspect(env, session_arn, SystemTime::now());
    let LoginCacheState::Cached { path, login } = &inspection.state else {
        return None;
    };
    let when = match login.freshness {
        CacheFreshness::Valid => return None,
        CacheFreshness::Expired => format!("expired at {}", rfc3339(login.expires_at)),
        CacheFreshness::ExpiresSoon => {
            format!("expires within 5 minutes ({})", rfc3339(login.expires_at))
        }
    };
    Some(format!(
        "not run: the cached console login of profile '{}' {when}; the SDK would refresh it at the AWS sign-in service and rewrite {}, and credwiz does not write under ~/.aws",
        plan.profile,
        crate::inputs::files::display_path(path)
    ))
}

fn offline_reason(slot: Slot, plan: &ProfilePlan) -> String {
    match slot {
        Slot::Profile => match plan.provider_name() {
            Some("AssumeRoleProvider") => format!(
                "profile '{}' would call STS AssumeRole for {}",
                plan.profile,
                plan.hops
                    .first()
                    .map(|h| h.role_arn.as_str())
                    .unwrap_or("a role")
            ),
            Some("SSO") => format!("profile '{}' would call the SSO portal", plan.profile),
            _ => format!("profile '{}' would call AWS", plan.profile),
        },
        Slot::WebIdentity => "would call STS AssumeRoleWithWebIdentity".into(),
        Slot::Container => "would call the container credentials endpoint".into(),
        Slot::Imds => "would call the instance metadata service".into(),
        Slot::Environment => "would call AWS".into(),
    }
}

fn process_summary(outcome: &ProcessOutcome, location: &str) -> String {
    match outcome {
        ProcessOutcome::Ok { .. } => {
            format!("credential_process at {location} printed valid credentials")
        }
        ProcessOutcome::NotStarted { reason } => {
            format!("credential_process at {location} could not start: {reason}")
        }
        ProcessOutcome::TimedOut { after } => {
            format!(
                "credential_process at {location} was killed after {}s without an answer",
                after.as_secs()
            )
        }
        ProcessOutcome::Failed { exit, .. } => {
            format!("credential_process at {location} failed ({exit})")
        }
        ProcessOutcome::BadOutput { problem } => {
            format!("credential_process at {location} printed invalid output: {problem}")
        }
    }
}
