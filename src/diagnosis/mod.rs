//! One full diagnosis: which profile, which region, what the chain resolved
//! slot by slot, who STS says the caller is, and every finding. This is the
//! model `credwiz check` prints and the wizard's checks read.

pub mod s3_inspection;
pub mod s3_request;

use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::profile_plan::{self, BaseSource, ProfilePlan};
use crate::inputs::region::{self, RegionChoice};
use crate::probes::chain::{self, ChainInspection, ChainOptions, ResolvedCredentials, SlotResult};
use crate::probes::sts::{self, Identity, StsError, StsOptions};
use crate::probes::{runtime, sso_cache};
use crate::rules::env::{self as env_keys, ProfileSelection};
use crate::rules::{
    chain as chain_findings, files as files_lint, profile as profile_findings, sts as sts_findings,
};
use crate::text::mask::Scrubber;
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

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
    /// Use the SDK's own (slow) IMDS and container timeouts.
    pub sdk_timeouts: bool,
    /// Override of the credential_process time limit.
    pub process_timeout: Option<Duration>,
    /// An S3 request to inspect: a URL or a curl command.
    pub s3_request: Option<String>,
    /// A bucket (and key) to probe live with the resolved credentials.
    pub s3_bucket: Option<String>,
    pub s3_key: Option<String>,
}

/// The selected profile as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileReport {
    pub name: String,
    pub source: String,
}

/// A full diagnosis; serializes to the `--json` contract.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    pub schema: u32,
    pub profile: ProfileReport,
    pub region: Option<RegionChoice>,
    pub resolved: Option<ResolvedCredentials>,
    pub chain: Vec<SlotResult>,
    pub identity: Option<Identity>,
    pub sts_error: Option<StsError>,
    pub findings: Vec<Finding>,
    pub offline: bool,
    /// The S3 request that was inspected, if one was given or found in the error text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_request: Option<crate::diagnosis::s3_inspection::S3Inspection>,
    /// The live S3 probe, if a bucket was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_probe: Option<crate::probes::s3::S3Probe>,
    /// What the wizard's checks branch on; not part of the JSON contract.
    #[serde(skip)]
    pub facts: CheckFacts,
}

/// Facts behind the report that the wizard's checks need.
#[derive(Debug, Clone, Default)]
pub struct CheckFacts {
    /// When the diagnosis read the clock (once); None before it ran.
    pub checked_at: Option<SystemTime>,
    pub plan: ProfilePlan,
    pub process: Option<crate::probes::credential_process::ProcessOutcome>,
    pub sso: Option<sso_cache::SsoTokenState>,
    pub in_container: bool,
    pub profile_exists: bool,
    pub expires_at: Option<SystemTime>,
    pub sts_endpoint: Option<String>,
    pub server_clock_offset: Option<i64>,
    /// Where the SDK reads the two files, as users know the paths.
    pub config_file: Option<String>,
    pub credentials_file: Option<String>,
}

impl Diagnosis {
    /// A diagnosis in which nothing has been looked at yet: what the wizard
    /// holds before its first run finishes.
    pub fn pending(profile: &str) -> Self {
        use crate::probes::chain::{Slot, SlotReason, SlotStatus};
        Diagnosis {
            schema: SCHEMA_VERSION,
            profile: ProfileReport {
                name: profile.to_string(),
                source: "default".into(),
            },
            region: None,
            resolved: None,
            chain: Slot::ORDER
                .iter()
                .map(|slot| SlotResult {
                    slot: *slot,
                    status: SlotStatus::NotTried,
                    reason: SlotReason::NotRunYet,
                })
                .collect(),
            identity: None,
            sts_error: None,
            findings: Vec::new(),
            offline: false,
            s3_request: None,
            s3_probe: None,
            facts: CheckFacts::default(),
        }
    }

    /// 0 when credentials resolved and nothing is an error, else 1.
    pub fn exit_code(&self) -> i32 {
        let ok = (self.resolved.is_some() || self.offline)
            && !crate::findings::has_errors(&self.findings);
        if ok {
            0
        } else {
            1
        }
    }

    /// The outcome of one slot of the chain.
    pub fn slot(&self, slot: crate::probes::chain::Slot) -> &SlotResult {
        // Every diagnosis holds all five slots, in order.
        &self.chain[slot.index()]
    }

    /// True when a finding with this id was raised.
    pub fn has(&self, id: FindingId) -> bool {
        self.findings.iter().any(|f| f.id == id)
    }
}

/// Everything read once at the start and shared by the checks.
pub struct Inputs {
    pub env: EnvSnapshot,
    pub files: AwsFiles,
    pub selection: ProfileSelection,
    pub plan: ProfilePlan,
    pub scrubber: Scrubber,
}

impl Inputs {
    /// Reads the environment and the AWS files.
    pub fn gather(env: EnvSnapshot, profile_flag: Option<&str>) -> Inputs {
        let files = AwsFiles::load(&env);
        let selection = env_keys::select_profile(&env, profile_flag);
        let plan = profile_plan::plan(&files, &selection.name);
        let scrubber = known_secrets(&env, &files);
        Inputs {
            env,
            files,
            selection,
            plan,
            scrubber,
        }
    }
}

/// Every secret value credwiz can see, so that no output can echo one.
fn known_secrets(env: &EnvSnapshot, files: &AwsFiles) -> Scrubber {
    let mut scrubber = Scrubber::default();
    for name in [
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ] {
        if let Some(value) = env.get(name) {
            scrubber.add(value);
        }
    }
    for file in files.in_load_order() {
        for entry in file.sections.iter().flat_map(|s| &s.entries) {
            if [
                "aws_secret_access_key",
                "aws_session_token",
                "aws_security_token",
            ]
            .contains(&entry.key.as_str())
            {
                scrubber.add(&entry.value);
            }
        }
    }
    scrubber
}

/// The region the SDK would use for this request.
pub fn region_for(request: &DiagnoseRequest, inputs: &Inputs) -> Option<RegionChoice> {
    let profile = inputs.files.profile(&inputs.selection.name);
    region::resolve(request.region.as_deref(), &inputs.env, profile.as_ref())
}

/// Walks the default chain for this request, with credwiz's bounds.
pub async fn resolve(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    region: Option<&RegionChoice>,
) -> ChainInspection {
    let options = ChainOptions {
        profile_override: request.profile.clone(),
        region: region.map(|r| r.value.clone()),
        offline: request.offline,
        sdk_timeouts: request.sdk_timeouts,
        process_timeout: request
            .process_timeout
            .unwrap_or(crate::probes::credential_process::DEFAULT_PROCESS_TIMEOUT),
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

/// Runs every check of `credwiz check`.
pub async fn diagnose(request: &DiagnoseRequest, inputs: &Inputs) -> Diagnosis {
    let Inputs {
        env,
        files,
        selection,
        plan,
        scrubber,
    } = inputs;
    let selected_profile = files.profile(&selection.name);
    let region = region_for(request, inputs);
    let now = SystemTime::now();

    let mut findings = Vec::new();
    let mut sso = None;
    findings.extend(files_lint::findings(files));
    findings.extend(env_keys::findings(env, selection));
    findings.extend(profile_findings::findings(plan, selection, files));
    let in_container = runtime::in_container(env, Path::new("/"));
    findings.extend(runtime::findings(env, in_container));
    if let (Some(BaseSource::Sso { .. }), Some(profile)) = (&plan.base, selected_profile.as_ref()) {
        let state = sso_cache::token_state(env, profile, now);
        findings.extend(sso_cache::findings(&state, profile));
        sso = Some(state);
    }

    let inspection = resolve(request, inputs, region.as_ref()).await;
    findings.extend(chain_findings::findings(
        &inspection,
        plan,
        selection,
        env,
        files,
        now,
    ));
    if region.is_none() {
        findings.push(Finding::new(
            FindingId::RegionMissing,
            "no region is configured",
            format!(
                "none of --region, AWS_REGION, AWS_DEFAULT_REGION or a region in profile '{}'",
                selection.name
            ),
            format!(
                "aws configure set region <region> --profile {}   # or: export AWS_REGION=<region>",
                selection.name
            ),
        ));
    }

    let (mut identity, mut sts_error) = (None, None);
    let (mut sts_endpoint, mut server_clock_offset) = (None, None);
    if let (Some(credentials), false) = (inspection.credentials.clone(), request.offline) {
        let outcome = sts::caller_identity(
            credentials,
            env,
            &StsOptions {
                region: region.as_ref().map(|r| r.value.clone()),
                ..StsOptions::default()
            },
        )
        .await;
        let resolved = inspection.resolved.as_ref();
        let ctx = sts_findings::StsContext {
            profile: &selection.name,
            masked_key: resolved.map(|r| r.access_key_id.as_str()).unwrap_or("?"),
            source: resolved.map(|r| r.source.as_str()).unwrap_or("?"),
            region: region.as_ref().map(|r| r.value.as_str()),
            env,
        };
        findings.extend(sts_findings::findings(&outcome, &ctx));
        sts_endpoint = Some(outcome.endpoint.clone());
        server_clock_offset = outcome.server_clock_offset;
        match &outcome.result {
            Ok(who) => {
                if let Some(expected) = &request.expect_account {
                    findings.extend(sts_findings::account_mismatch(who, expected, &ctx));
                }
                if let Some(text) = &request.error_text {
                    findings.extend(sts_findings::access_denied(text, who));
                }
                identity = Some(who.clone());
            }
            Err(error) => sts_error = Some(error.clone()),
        }
    }

    let s3_inspection = request
        .s3_request
        .as_deref()
        .or(request.error_text.as_deref())
        .and_then(|text| s3_request::inspect_text(text, now));
    if let Some(inspection) = &s3_inspection {
        findings.extend(inspection.findings.iter().cloned());
    }
    let mut s3_probe = None;
    if let (Some(bucket), Some(credentials), Some(resolved), false) = (
        &request.s3_bucket,
        inspection.credentials.clone(),
        inspection.resolved.as_ref(),
        request.offline,
    ) {
        let target = crate::probes::s3::S3Target {
            bucket: Some(bucket.clone()),
            key: request.s3_key.clone(),
            region: region.as_ref().map(|r| r.value.clone()),
        };
        let probe =
            crate::probes::s3::probe(credentials, env, &target, &resolved.access_key_id).await;
        findings.extend(probe.findings.iter().cloned());
        s3_probe = Some(probe);
    }

    let mut diagnosis = Diagnosis {
        schema: SCHEMA_VERSION,
        profile: ProfileReport {
            name: selection.name.clone(),
            source: selection.source.to_string(),
        },
        region,
        resolved: inspection.resolved,
        chain: inspection.slots,
        identity,
        sts_error,
        findings,
        offline: request.offline,
        s3_request: s3_inspection,
        s3_probe,
        facts: CheckFacts {
            checked_at: Some(now),
            plan: plan.clone(),
            process: inspection.process,
            sso,
            in_container,
            profile_exists: selected_profile.is_some(),
            expires_at: inspection.credentials.as_ref().and_then(|c| c.expiry()),
            sts_endpoint,
            server_clock_offset,
            config_file: Some(crate::inputs::files::display_path(&files.config.path)),
            credentials_file: Some(crate::inputs::files::display_path(&files.credentials.path)),
        },
    };
    scrub_all(&mut diagnosis, scrubber);
    // Errors first, then warnings, then info; stable within a severity.
    diagnosis
        .findings
        .sort_by_key(|f| std::cmp::Reverse(f.severity));
    diagnosis
}

/// Last line of defence: no text leaves the engine with a known secret in it.
fn scrub_all(diagnosis: &mut Diagnosis, scrubber: &Scrubber) {
    let clean = |text: &mut String| {
        if let std::borrow::Cow::Owned(cleaned) = scrubber.scrub(text) {
            *text = cleaned;
        }
    };
    for finding in &mut diagnosis.findings {
        clean(&mut finding.title);
        clean(&mut finding.evidence);
        clean(&mut finding.fix);
    }
    for slot in &mut diagnosis.chain {
        slot.reason.clean_texts(clean);
    }
    if let Some(error) = &mut diagnosis.sts_error {
        clean(&mut error.message);
    }
}

/// The worst severity among the findings, for summaries.
pub fn worst_severity(findings: &[Finding]) -> Option<Severity> {
    findings.iter().map(|f| f.severity).max()
}
