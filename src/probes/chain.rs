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
use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use crate::inputs::sso_refresh;
use crate::probes::blocking;
use crate::probes::cache_backup::{self, CacheBackup};
use crate::probes::container_endpoint::{self, ContainerEndpointClass};
use crate::probes::credential_process::{self, ProcessOutcome};
use crate::probes::imds::{self, ImdsClass};
use crate::probes::offline_http::OFFLINE_MARKER;
pub use crate::probes::providers::ChainOptions;
use crate::probes::providers::{provider_config, provider_name, run_slot, slot_bound};
use crate::probes::role_refusal::{self, RoleRefusal};
pub use crate::probes::slot::{
    OfflineNeed, ProcessFailure, Slot, SlotReason, SlotResult, SlotStatus,
};
pub(crate) use crate::probes::slot_reasons::profile_must_not_run;
use crate::probes::slot_reasons::{not_configured_reason, offline_need, process_failure};
use crate::text::key_bytes::{first_bad_char, KeyPart};
use crate::text::mask::{concise_error, mask_key_id, Scrubber};
pub use crate::text::time::rfc3339;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::Credentials;
use aws_smithy_types::error::display::DisplayErrorContext;
use serde::Serialize;

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
    /// Whether that command's first word names a program (for botocore, which runs it without a shell).
    pub process_program: Option<credential_process::ProgramLookup>,
    /// Why instance metadata did or did not answer, when its slot ran online.
    pub imds_class: Option<ImdsClass>,
    /// How the container endpoint answered, when its slot ran online.
    pub container_class: Option<ContainerEndpointClass>,
    /// The SSO cache file the SDK would have rewritten, when the walk stopped
    /// before a token refresh (read-only without `--allow-refresh`).
    pub sso_refresh: Option<std::path::PathBuf>,
    /// With `--allow-refresh`: the caches copied before the SDK could rewrite them.
    pub backups: Vec<CacheBackup>,
    /// The file the slot that stopped the chain would have blocked on.
    pub blocked: Option<crate::inputs::hazards::BlockingFile>,
    /// When STS refused the profile's AssumeRole call: which role, and how.
    pub role_refusal: Option<RoleRefusal>,
}

impl ChainInspection {
    /// The outcome of one slot.
    pub fn slot(&self, slot: Slot) -> &SlotResult {
        // Every inspection holds all five slots, in order.
        &self.slots[slot.index()]
    }
}

/// What the walk reads at every slot.
struct WalkContext<'a> {
    env: &'a EnvSnapshot,
    files: &'a AwsFiles,
    plan: &'a ProfilePlan,
    scrubber: &'a Scrubber,
    options: &'a ChainOptions,
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
    let context = WalkContext {
        env,
        files,
        plan,
        scrubber,
        options,
    };
    let mut inspection = ChainInspection {
        slots: Vec::with_capacity(5),
        resolved: None,
        failure: None,
        unverified: None,
        credentials: None,
        process: None,
        process_program: None,
        imds_class: None,
        container_class: None,
        sso_refresh: None,
        backups: Vec::new(),
        role_refusal: None,
        blocked: None,
    };
    // The IMDS answer, when it was probed together with the container endpoint.
    let mut imds_early = None;
    for slot in Slot::ORDER {
        if let Some(reason) = inspection.settled() {
            inspection.push(slot, SlotStatus::NotTried, reason);
            continue;
        }
        if inspection.stops_before_process(slot, &context) {
            continue;
        }
        if slot == Slot::Profile && !run_process_first(&mut inspection, options, &context).await {
            continue;
        }
        if inspection.stops_before_provider(slot, &context) {
            continue;
        }
        let outcome = match slot {
            // Both metadata probes are bounded network waits: start them
            // together, so a laptop without either pays for one wait, not two.
            Slot::Container => {
                let (container, imds, class, endpoint) = tokio::join!(
                    run_slot(Slot::Container, &config, options, plan),
                    crate::probes::isolated_slot::run_slot(Slot::Imds, &config, options, plan),
                    imds::classify_for_walk(env, options),
                    container_endpoint::classify_for_walk(env, options)
                );
                (imds_early, inspection.imds_class) = (Some(imds), class);
                inspection.container_class = endpoint;
                container
            }
            Slot::Imds => match imds_early.take() {
                Some(imds) => imds,
                None => {
                    let (imds, class) = tokio::join!(
                        crate::probes::isolated_slot::run_slot(slot, &config, options, plan),
                        imds::classify_for_walk(env, options)
                    );
                    inspection.imds_class = class;
                    imds
                }
            },
            _ => crate::probes::isolated_slot::run_slot(slot, &config, options, plan).await,
        };
        inspection.record(slot, outcome, &context);
    }
    inspection
}

impl ChainInspection {
    fn push(&mut self, slot: Slot, status: SlotStatus, reason: SlotReason) {
        self.slots.push(SlotResult {
            slot,
            status,
            reason,
        });
    }

    /// Stops at the profile slot when the SDK's provider must not run:
    /// offline with a credential_process, a login refresh that would write
    /// under ~/.aws, or a role source key its signer panics on.
    fn stops_before_process(&mut self, slot: Slot, context: &WalkContext<'_>) -> bool {
        if slot != Slot::Profile {
            return false;
        }
        let plan = context.plan;
        if context.options.offline && plan.runs_a_process() {
            let need = OfflineNeed::Process {
                profile: plan.profile.clone(),
            };
            self.push(slot, SlotStatus::NotTried, SlotReason::Offline(need));
            // The SDK would stop here one way or another; nothing after it counts.
            self.unverified = Some(slot);
            return true;
        }
        let (now, allow_refresh) = (context.options.now, context.options.allow_refresh);
        let stop = profile_must_not_run(context.env, context.files, plan, now, allow_refresh);
        let Some(reason) = stop else {
            return false;
        };
        self.failure = Some((slot, reason.to_string()));
        self.push(slot, SlotStatus::Failed, reason);
        true
    }

    /// Stops before a provider that would rewrite the SSO token cache
    /// (without `--allow-refresh`) or block forever on a file.
    fn stops_before_provider(&mut self, slot: Slot, context: &WalkContext<'_>) -> bool {
        let (env, files, plan) = (context.env, context.files, context.plan);
        if slot == Slot::Profile && context.options.allow_refresh {
            self.backups = cache_backup::before_refresh(env, files, plan, context.options.now);
        }
        if slot == Slot::Profile && !context.options.allow_refresh {
            if let Some(cache) = sso_refresh::would_refresh(env, files, plan, context.options.now) {
                let reason = SlotReason::SsoRefreshNeeded {
                    cache: crate::inputs::files::display_path(&cache),
                };
                self.push(slot, SlotStatus::NotTried, reason);
                self.unverified = Some(slot);
                self.sso_refresh = Some(cache);
                return true;
            }
        }
        let Some(hang) = blocking::blocking_file(slot, env, files, plan) else {
            return false;
        };
        let reason = SlotReason::WouldBlock {
            what: hang.describe(),
        };
        self.failure = Some((slot, reason.to_string()));
        self.push(slot, SlotStatus::Failed, reason);
        self.blocked = Some(hang);
        true
    }

    /// Why the remaining slots are not tried, once the walk has its answer.
    fn settled(&self) -> Option<SlotReason> {
        if self.resolved.is_some() {
            Some(SlotReason::EarlierResolved)
        } else if self.failure.is_some() {
            Some(SlotReason::EarlierFailed)
        } else if self.sso_refresh.is_some() {
            Some(SlotReason::EarlierStoppedForSsoRefresh)
        } else if self.unverified.is_some() {
            Some(SlotReason::OfflineEarlierStopped)
        } else {
            None
        }
    }

    /// Keeps one provider's answer, by the chain's rule: not loaded passes
    /// on, any other error stops the chain.
    fn record(
        &mut self,
        slot: Slot,
        outcome: Result<Credentials, CredentialsError>,
        context: &WalkContext<'_>,
    ) {
        let error = match outcome {
            Ok(credentials) => {
                let resolved = describe(slot, &credentials, context.env, context.plan);
                let reason = SlotReason::Resolved {
                    provider: resolved.provider.clone(),
                    source: resolved.source.clone(),
                };
                self.resolved = Some(resolved);
                self.credentials = Some(credentials);
                return self.push(slot, SlotStatus::Resolved, reason);
            }
            Err(error) => error,
        };
        // SDK errors can quote a helper's stderr, whose secrets credwiz cannot know.
        let text = concise_error(
            &context
                .scrubber
                .scrub_untrusted(&format!("{}", DisplayErrorContext(&error))),
        );
        if matches!(error, CredentialsError::ProviderTimedOut(_)) {
            let reason = SlotReason::StoppedAfter {
                bound: slot_bound(slot, context.options, context.plan),
            };
            self.failure = Some((slot, reason.to_string()));
            self.push(slot, SlotStatus::Failed, reason);
        } else if text.contains(OFFLINE_MARKER) {
            self.unverified = Some(slot);
            let need = offline_need(slot, context.plan);
            self.push(slot, SlotStatus::NotTried, SlotReason::Offline(need));
        } else if matches!(error, CredentialsError::CredentialsNotLoaded(_)) {
            let reason =
                not_configured_reason(slot, context.env, context.files, context.plan, text);
            self.push(slot, SlotStatus::NotConfigured, reason);
        } else {
            if slot == Slot::Profile {
                self.role_refusal = role_refusal::of(&error, context.plan, context.scrubber);
            }
            self.failure = Some((slot, text.clone()));
            self.push(
                slot,
                SlotStatus::Failed,
                SlotReason::ProviderError { sdk: text },
            );
        }
    }
}

/// Runs the profile's credential_process once, bounded (the SDK would wait
/// forever). False when it failed, which fails the profile slot.
async fn run_process_first(
    inspection: &mut ChainInspection,
    options: &ChainOptions,
    context: &WalkContext<'_>,
) -> bool {
    let Some(BaseSource::CredentialProcess { command, at }) = &context.plan.base else {
        return true;
    };
    let outcome = credential_process::run(command, options.process_timeout, context.scrubber).await;
    let mut failure = process_failure(&outcome);
    // With a role on top, the SDK would sign AssumeRole with this key inside
    // the chain; its signer panics on such a key id.
    if let (ProcessOutcome::Ok { access_key_id, .. }, Some(hop)) =
        (&outcome, context.plan.hops.last())
    {
        if let Some(bad) = first_bad_char(KeyPart::AccessKeyId, access_key_id) {
            failure = Some(ProcessFailure::UnsendableForRole {
                role_arn: hop.role_arn.clone(),
                problem: bad.where_text(),
            });
        }
    }
    inspection.process = Some(outcome);
    let path = context.env.get("PATH");
    inspection.process_program = Some(credential_process::look_up_program(command, path));
    let Some(failure) = failure else {
        return true;
    };
    let reason = SlotReason::ProcessFailed {
        location: at.to_string(),
        failure,
    };
    inspection.failure = Some((Slot::Profile, reason.to_string()));
    inspection.push(Slot::Profile, SlotStatus::Failed, reason);
    false
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
