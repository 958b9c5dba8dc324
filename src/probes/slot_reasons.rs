//! Why a slot ended the way it did, read from the environment, the files and
//! the provider's answer: the typed reasons the chain walk records.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::display_path;
use crate::inputs::files::AwsFiles;
use crate::inputs::login_cache::{self, CacheFreshness, LoginCacheState};
use crate::inputs::profile_plan::BaseSource;
use crate::inputs::profile_plan::ProfilePlan;
use crate::probes::credential_process::ProcessOutcome;
use crate::probes::slot::{OfflineNeed, ProcessFailure, Slot, SlotReason};
use crate::text::key_bytes::{first_bad_char, KeyPart};
use crate::text::time::rfc3339;
use std::time::SystemTime;

pub(crate) fn not_configured_reason(
    slot: Slot,
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
    sdk: String,
) -> SlotReason {
    match slot {
        Slot::Environment => match (
            env.get_nonblank("AWS_ACCESS_KEY_ID"),
            env.get_nonblank("AWS_SECRET_ACCESS_KEY"),
        ) {
            (None, None) => SlotReason::EnvKeysUnset,
            (Some(_), None) => SlotReason::EnvSecretUnset,
            (None, Some(_)) => SlotReason::EnvKeyIdUnset,
            (Some(_), Some(_)) => SlotReason::EnvPassedOver { sdk },
        },
        Slot::Profile => {
            if !files.config.is_read() && !files.credentials.is_read() {
                SlotReason::NoAwsFiles
            } else {
                SlotReason::ProfileNotLoaded {
                    profile: plan.profile.clone(),
                    sdk,
                }
            }
        }
        Slot::WebIdentity => SlotReason::WebIdentityUnset,
        Slot::Container => SlotReason::ContainerUnset,
        Slot::Imds if env.is_true("AWS_EC2_METADATA_DISABLED") => SlotReason::ImdsDisabledByEnv,
        // The SDK says "no role" only in its words: an HTTP 404 on the role listing.
        Slot::Imds if sdk.contains("404") => SlotReason::ImdsNoRole { sdk },
        Slot::Imds => SlotReason::ImdsNoAnswer { sdk },
    }
}

pub(crate) fn offline_need(slot: Slot, plan: &ProfilePlan) -> OfflineNeed {
    let profile = plan.profile.clone();
    match slot {
        Slot::Profile => match plan.provider_name() {
            Some("AssumeRoleProvider") => OfflineNeed::AssumeRole {
                profile,
                role_arn: plan
                    .hops
                    .first()
                    .map(|h| h.role_arn.clone())
                    .unwrap_or_else(|| "a role".to_string()),
            },
            Some("SSO") => OfflineNeed::SsoPortal { profile },
            _ => OfflineNeed::ProfileCallsAws { profile },
        },
        Slot::WebIdentity => OfflineNeed::WebIdentity,
        Slot::Container => OfflineNeed::ContainerEndpoint,
        Slot::Imds => OfflineNeed::InstanceMetadata,
        Slot::Environment => OfflineNeed::Aws,
    }
}

/// How a credential_process run failed, or None when it printed credentials.
pub(crate) fn process_failure(outcome: &ProcessOutcome) -> Option<ProcessFailure> {
    Some(match outcome {
        ProcessOutcome::Ok { .. } => return None,
        ProcessOutcome::NotStarted { reason } => ProcessFailure::NotStarted {
            reason: reason.clone(),
        },
        ProcessOutcome::TimedOut { after } => ProcessFailure::TimedOut {
            after_secs: after.as_secs(),
        },
        ProcessOutcome::Failed { exit, .. } => ProcessFailure::Exited { exit: exit.clone() },
        ProcessOutcome::BadOutput { problem, .. } => ProcessFailure::BadOutput {
            problem: problem.clone(),
        },
    })
}

/// Why the SDK's profile provider must not run here, if it must not: it would
/// refresh a console login (rewriting its cache under ~/.aws), or sign an
/// AssumeRole call with a key its signer panics on.
pub(crate) fn profile_must_not_run(
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
    now: SystemTime,
    allow_refresh: bool,
) -> Option<SlotReason> {
    let refresh = (!allow_refresh)
        .then(|| login_refresh_needed(env, plan, now))
        .flatten();
    refresh.or_else(|| unsendable_role_source(files, plan))
}

/// When the profile assumes a role with static keys from a source profile and
/// those keys hold a character no signer can send: the SDK would sign the
/// AssumeRole call with them inside the chain, and its signer panics.
fn unsendable_role_source(files: &AwsFiles, plan: &ProfilePlan) -> Option<SlotReason> {
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
    Some(SlotReason::UnsendableRoleSource {
        role_arn: last_hop.role_arn.clone(),
        source_profile: source_name.to_string(),
        at: at.to_string(),
        part: bad.part.label(),
        problem: bad.where_text(),
    })
}

/// When the profile's console login is cached but due for a refresh (expired
/// or inside aws-config's five-minute window), why: the walk must not run the
/// provider, which would call the sign-in service and rewrite the cache.
fn login_refresh_needed(
    env: &EnvSnapshot,
    plan: &ProfilePlan,
    now: SystemTime,
) -> Option<SlotReason> {
    let Some(BaseSource::LoginSession { session_arn, .. }) = &plan.base else {
        return None;
    };
    let inspection = login_cache::inspect(env, session_arn, now);
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
    Some(SlotReason::LoginRefreshNeeded {
        profile: plan.profile.clone(),
        when,
        cache: display_path(path),
    })
}
