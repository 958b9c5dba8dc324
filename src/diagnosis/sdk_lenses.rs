//! The SDK lenses for one diagnosis: the Rust walk's answer, what botocore
//! and the Node.js SDK would do with the same inputs, which lens leads, and
//! the installed SDK's own answer when `--probe-sdk` asked for it.

use crate::evidence::Evidence;
use crate::inputs::profile_plan::BaseSource;
use crate::inputs::program::Sdk;
use crate::inputs::{DiagnoseRequest, Inputs};
use crate::lenses::walked::ProcessRun;
use crate::lenses::{self, LensInputs, SdkAnswers};
use crate::probes::sdk_probe::{self, SdkProbe};

/// The lenses' part of a diagnosis.
pub(crate) struct LensOutcome {
    pub(crate) sdks: SdkAnswers,
    pub(crate) lead: Sdk,
    pub(crate) probe: Option<SdkProbe>,
}

/// Every lens, the leading one, and the optional real-SDK probe.
pub(crate) async fn answer(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    evidence: &Evidence,
) -> LensOutcome {
    let rust = lenses::rust::from_walk(&evidence.chain, &inputs.plan, &inputs.selection.name);
    let sdks = lenses::evaluate(&LensInputs {
        env: &inputs.env,
        raw: &inputs.raw,
        files: &inputs.sdk_files,
        profile_flag: request.profile.as_deref(),
        rust: &rust,
        rust_files_rejected: inputs.files.has_parse_errors(),
        container: evidence.chain.container_class,
        imds: evidence.chain.imds_class.as_ref(),
        role_refusal: evidence.chain.role_refusal.as_ref(),
        blocked: evidence.chain.blocked.as_ref(),
        process: process_run(inputs, evidence),
        missing_token_files: &evidence.missing_token_files,
        sso_token: evidence.sso.as_ref(),
    });
    let lead = super::lead_for(request);
    let probe = match request.probe_sdk {
        Some(sdk) => {
            let mut probe = sdk_probe::run(
                sdk,
                request.profile.as_deref(),
                request.project_dir.as_deref(),
                &inputs.env,
                sdk_probe::PROBE_TIMEOUT,
            )
            .await;
            compare(&mut probe, sdks.get(sdk));
            Some(probe)
        }
        None => None,
    };
    LensOutcome { sdks, lead, probe }
}

/// The credential_process the walk ran: the plan's own command.
fn process_run<'a>(inputs: &'a Inputs, evidence: &'a Evidence) -> Option<ProcessRun<'a>> {
    match (&inputs.plan.base, &evidence.chain.process) {
        (Some(BaseSource::CredentialProcess { command, .. }), Some(outcome)) => Some(ProcessRun {
            command,
            outcome,
            program: evidence.chain.process_program.as_ref(),
        }),
        _ => None,
    }
}

/// Compares the real answer with the lens's prediction.
fn compare(probe: &mut SdkProbe, lens: &crate::lenses::LensAnswer) {
    use crate::lenses::Verdict;
    if probe.verdict == "not_run" || lens.verdict == Verdict::Unverified {
        return;
    }
    let same_verdict = match lens.verdict {
        Verdict::Resolved => probe.verdict == "resolved",
        Verdict::Failed => probe.verdict == "failed",
        Verdict::None => probe.verdict == "none",
        Verdict::Unverified => true,
    };
    let same_details = match probe.verdict.as_str() {
        "resolved" => probe.provider == lens.provider && probe.access_key_id == lens.access_key_id,
        "failed" => probe.error_type.as_deref() == lens.error.as_ref().map(|e| e.kind.as_str()),
        _ => true,
    };
    probe.agrees_with_lens = Some(same_verdict && same_details);
}
