//! Evidence: the typed facts the probes found for one diagnosis, gathered
//! once. Rules read this and never probe; nothing here is worded for people.

pub mod shared;

use crate::inputs::login_cache::{self, LoginInspection};
use crate::inputs::platform::{self, Platform};
use crate::inputs::profile_plan::BaseSource;
use crate::inputs::region::RegionChoice;
use crate::inputs::request::DiagnoseRequest;
use crate::inputs::s3::in_text::{request_in_error, request_in_text};
use crate::inputs::s3::S3Request;
use crate::inputs::Inputs;
use crate::probes::chain::{self, ChainInspection, ChainOptions};
use crate::probes::credential_process::DEFAULT_PROCESS_TIMEOUT;
use crate::probes::s3::{S3Probe, S3Target};
use crate::probes::sso_cache::{self, SsoTokenState};
use crate::probes::sts::{self, StsOptions, StsOutcome};
use crate::probes::{runtime, s3};
use shared::SharedWork;
use std::time::SystemTime;

/// Everything the probes found, for the rules and the diagnosis.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The one clock reading of this diagnosis.
    pub now: SystemTime,
    pub region: Option<RegionChoice>,
    /// Where credwiz runs, from local evidence (EC2, container, WSL…).
    pub platform: Platform,
    /// True when the files were linted once for many diagnoses (a sweep),
    /// so this one does not repeat their findings.
    pub files_linted_elsewhere: bool,
    pub home_has_aws_dir: bool,
    /// The cached SSO token, when the profile gets credentials from SSO.
    pub sso: Option<SsoTokenState>,
    /// The console-login cache, when the profile chain ends in `login_session`.
    pub login: Option<LoginInspection>,
    pub chain: ChainInspection,
    /// Web identity token files an SDK would open that do not exist.
    pub missing_token_files: Vec<std::path::PathBuf>,
    /// STS GetCallerIdentity, when something resolved and we are online.
    pub sts: Option<StsOutcome>,
    /// The S3 request given, or found in the pasted error.
    pub s3_request: Option<S3Request>,
    /// The live S3 probe, when a bucket was named and we are online.
    pub s3_probe: Option<S3Probe>,
}

/// Runs every probe this request calls for, in the order the SDK would.
/// `shared` holds what other diagnoses of this machine already found.
pub async fn gather(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    shared: Option<&SharedWork>,
) -> Evidence {
    let env = &inputs.env;
    let now = SystemTime::now();
    let region = inputs.region(request);
    let sso = match (
        inputs.plan.uses_sso(),
        inputs.files.profile(&inputs.selection.name),
    ) {
        (true, Some(profile)) => Some(match shared {
            Some(shared) => shared.sso_token(env, &profile, now),
            None => sso_cache::token_state(env, &profile, now),
        }),
        _ => None,
    };
    let login = match &inputs.plan.base {
        Some(BaseSource::LoginSession { session_arn, .. }) => Some(match shared {
            Some(shared) => shared.login_cache(env, session_arn, now),
            None => login_cache::inspect(env, session_arn, now),
        }),
        _ => None,
    };
    let chain = walk_chain(request, inputs, region.as_ref(), now).await;
    let sts = match (chain.credentials.clone(), request.offline) {
        (Some(credentials), false) => {
            let options = StsOptions {
                region: region.as_ref().map(|r| r.value.clone()),
                ..StsOptions::default()
            };
            Some(match shared {
                Some(shared) => shared.caller_identity(credentials, env, &options).await,
                None => sts::caller_identity(credentials, env, &options).await,
            })
        }
        _ => None,
    };
    let s3_request = match &request.s3_request {
        Some(given) => request_in_text(given),
        None => request_in_error(request.error_text.as_deref(), &request.error_facts),
    };
    // A bucket named in the pasted error is probed like one given with --s3-bucket.
    let (bucket, key) = match &request.s3_bucket {
        Some(bucket) => (Some(bucket), request.s3_key.clone()),
        None => (
            request.error_facts.bucket.as_ref(),
            request.error_facts.key.clone(),
        ),
    };
    let s3_probe = match (bucket, chain.credentials.clone(), request.offline) {
        (Some(bucket), Some(credentials), false) => {
            let target = S3Target {
                bucket: Some(bucket.clone()),
                key,
                region: region.as_ref().map(|r| r.value.clone()),
            };
            Some(s3::probe(credentials, env, &target).await)
        }
        _ => None,
    };
    Evidence {
        now,
        region,
        platform: platform::detect(env, &platform::sysroot(env)),
        files_linted_elsewhere: shared.is_some(),
        home_has_aws_dir: runtime::home_has_aws_dir(env),
        sso,
        login,
        missing_token_files: crate::inputs::hazards::missing_token_files(env, &inputs.plan),
        chain,
        sts,
        s3_request,
        s3_probe,
    }
}

/// Walks the default chain for this request, with credwiz's bounds.
pub async fn walk_chain(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    region: Option<&RegionChoice>,
    now: SystemTime,
) -> ChainInspection {
    let options = ChainOptions {
        profile_override: request.profile.clone(),
        region: region.map(|r| r.value.clone()),
        offline: request.offline,
        sdk_timeouts: request.sdk_timeouts,
        allow_refresh: request.allow_refresh,
        process_timeout: request.process_timeout.unwrap_or(DEFAULT_PROCESS_TIMEOUT),
        now,
        profile_files: inputs.profile_files.clone(),
        ..ChainOptions::default()
    };
    chain::inspect(
        &inputs.env,
        &inputs.files,
        &inputs.plan,
        &options,
        &inputs.scrubber,
    )
    .await
}
