//! One full diagnosis: which profile, which region, what the chain resolved
//! slot by slot, who STS says the caller is, and every finding. This is the
//! model `credwiz check` prints and the wizard's checks read.

mod inert;
mod lead;
mod sdk_lenses;

pub use lead::{difference_finding, lead_for};

use crate::evidence::shared::SharedWork;
use crate::evidence::{self, Evidence};
use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::error_facts::ErrorFacts;
use crate::inputs::files::display_path;
use crate::inputs::platform::Platform;
use crate::inputs::profile_plan::ProfilePlan;
use crate::inputs::profile_selection::ProfileSource;
use crate::inputs::region::RegionChoice;
use crate::probes::chain::{ResolvedCredentials, SlotResult};
use crate::probes::sso_cache;
use crate::probes::sts::{Identity, StsError};
use crate::rules;
use crate::rules::s3::inspection as s3_inspection;
use crate::text::mask::Scrubber;
use serde::Serialize;
use std::time::SystemTime;

pub use crate::inputs::{DiagnoseRequest, Inputs};

/// The version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

/// The selected profile as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileReport {
    pub name: String,
    pub source: ProfileSource,
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
    pub s3_request: Option<crate::rules::s3::inspection::S3Inspection>,
    /// Where credwiz runs, from local evidence (EC2, container, WSL, ...).
    pub platform: Platform,
    /// The live S3 probe, if a bucket was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_probe: Option<crate::probes::s3::S3Probe>,
    /// What the pasted error says, when one was given.
    #[serde(skip_serializing_if = "ErrorFacts::is_empty")]
    pub error_facts: ErrorFacts,
    /// What each SDK would resolve here.
    pub sdks: crate::lenses::SdkAnswers,
    /// The lens the report leads with.
    pub sdk: crate::inputs::program::Sdk,
    /// The installed SDK's own answer, when `--probe-sdk` asked for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sdk_probe: Option<crate::probes::sdk_probe::SdkProbe>,
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
    /// The console-login cache, when the profile chain ends in `login_session`.
    pub login: Option<crate::inputs::login_cache::LoginCacheState>,
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
                source: ProfileSource::Default,
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
            platform: Platform::default(),
            s3_request: None,
            s3_probe: None,
            error_facts: ErrorFacts::default(),
            sdks: crate::lenses::SdkAnswers::pending(profile),
            sdk: crate::inputs::program::Sdk::Rust,
            sdk_probe: None,
            facts: CheckFacts::default(),
        }
    }

    /// 0 when credentials resolved and nothing is an error, else 1. Under
    /// `--offline` a winning slot that needs the network counts as resolved
    /// (`chain.offline_unverified`); an empty chain never does.
    pub fn exit_code(&self) -> i32 {
        let unverified = self.offline && self.has(FindingId::ChainOfflineUnverified);
        let ok =
            (self.resolved.is_some() || unverified) && !crate::findings::has_errors(&self.findings);
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

/// Runs every check of `credwiz check`: the probes gather evidence once, the
/// rules judge it, and the diagnosis holds the result.
pub async fn diagnose(request: &DiagnoseRequest, inputs: &Inputs) -> Diagnosis {
    diagnose_sharing(request, inputs, None).await
}

/// The same, for one of many diagnoses of this machine (a sweep): the work
/// `shared` holds is done once for all of them.
pub async fn diagnose_sharing(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    shared: Option<&SharedWork>,
) -> Diagnosis {
    let evidence = evidence::gather(request, inputs, shared).await;
    let s3_request = evidence
        .s3_request
        .as_ref()
        .map(|parsed| s3_inspection::inspect(parsed, evidence.now));
    let s3_probe = evidence.s3_probe.clone().map(|mut probe| {
        let masked_key = evidence.chain.resolved.as_ref();
        let masked_key = masked_key.map(|r| r.access_key_id.as_str()).unwrap_or("?");
        probe.findings = crate::rules::s3_probe::findings(&probe, masked_key);
        probe
    });
    let mut findings = rules::all::findings(
        request,
        inputs,
        &evidence,
        s3_request.as_ref(),
        s3_probe.as_ref(),
    );
    let lenses = sdk_lenses::answer(request, inputs, &evidence).await;
    findings.extend(crate::rules::sdk::findings(
        &lenses.sdks,
        &inputs.env,
        evidence.region.as_ref().map(|r| r.value.as_str()),
        lenses.lead,
    ));
    let mut diagnosis = assemble(request, inputs, evidence, findings);
    diagnosis.s3_request = s3_request;
    diagnosis.s3_probe = s3_probe;
    diagnosis.sdks = lenses.sdks;
    diagnosis.sdk = lenses.lead;
    diagnosis.sdk_probe = lenses.probe;
    scrub_all(&mut diagnosis, &inputs.scrubber);
    inert::make_inert(&mut diagnosis);
    // Errors first, then warnings, then info; stable within a severity.
    diagnosis
        .findings
        .sort_by_key(|f| std::cmp::Reverse(f.severity));
    diagnosis
}

/// The diagnosis from its evidence and findings.
fn assemble(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    evidence: Evidence,
    findings: Vec<Finding>,
) -> Diagnosis {
    let (selection, files) = (&inputs.selection, &inputs.files);
    let Evidence {
        now,
        region,
        platform,
        sso,
        login,
        chain,
        sts,
        ..
    } = evidence;
    let in_container = platform.is_container();
    let (identity, sts_error) = match sts.as_ref().map(|outcome| &outcome.result) {
        Some(Ok(who)) => (Some(who.clone()), None),
        Some(Err(error)) => (None, Some(error.clone())),
        None => (None, None),
    };
    Diagnosis {
        schema: SCHEMA_VERSION,
        profile: ProfileReport {
            name: selection.name.clone(),
            source: selection.source,
        },
        region,
        resolved: chain.resolved,
        chain: chain.slots,
        identity,
        sts_error,
        findings,
        offline: request.offline,
        platform,
        s3_request: None,
        s3_probe: None,
        error_facts: request.error_facts.clone(),
        sdks: crate::lenses::SdkAnswers::pending(&selection.name),
        sdk: crate::inputs::program::Sdk::Rust,
        sdk_probe: None,
        facts: CheckFacts {
            checked_at: Some(now),
            plan: inputs.plan.clone(),
            process: chain.process,
            sso,
            login: login.map(|inspection| inspection.state),
            in_container,
            profile_exists: files.profile(&selection.name).is_some(),
            expires_at: chain.credentials.as_ref().and_then(|c| c.expiry()),
            // Offline STS is not called: the endpoint the SDK would use is
            // still the one the variables name (userinfo hidden).
            sts_endpoint: sts
                .as_ref()
                .map(|outcome| outcome.endpoint.clone())
                .or_else(|| {
                    ["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"]
                        .into_iter()
                        .find_map(|name| inputs.env.get_nonblank(name))
                        .map(|url| {
                            crate::text::url_userinfo::mask_url_userinfo(url.trim()).into_owned()
                        })
                }),
            server_clock_offset: sts.as_ref().and_then(|outcome| outcome.server_clock_offset),
            config_file: Some(display_path(&files.config.path)),
            credentials_file: Some(display_path(&files.credentials.path)),
        },
    }
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
    for sdk in crate::inputs::program::Sdk::ALL {
        if let Some(error) = &mut diagnosis.sdks.get_mut(sdk).error {
            clean(&mut error.message);
        }
    }
}

/// The worst severity among the findings, for summaries.
pub fn worst_severity(findings: &[Finding]) -> Option<Severity> {
    findings.iter().map(|f| f.severity).max()
}
