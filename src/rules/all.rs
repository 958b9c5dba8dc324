//! Every rule family over one diagnosis' evidence, in the order the report
//! lists them (the report then sorts by severity, stably).

use crate::evidence::Evidence;
use crate::findings::{Finding, FindingId};
use crate::inputs::profile_plan::BaseSource;
use crate::inputs::{DiagnoseRequest, Inputs};
use crate::probes::s3::S3Probe;
use crate::rules::s3::inspection::S3Inspection;
use crate::rules::{
    chain, env, files, login, profile, refresh, region, region_shape, runtime, sso, sts,
};

/// Every finding the evidence supports.
pub fn findings(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    evidence: &Evidence,
    s3_request: Option<&S3Inspection>,
    s3_probe: Option<&S3Probe>,
) -> Vec<Finding> {
    let Inputs {
        env: environment,
        files: aws_files,
        selection,
        plan,
        ..
    } = inputs;
    let mut found = Vec::new();
    // A sweep lints the files once and reports that once, not per profile.
    if !evidence.files_linted_elsewhere {
        found.extend(files::findings(aws_files));
    }
    found.extend(env::findings(environment, selection, plan.base.is_some()));
    found.extend(profile::findings(plan, selection, aws_files));
    found.extend(runtime::findings(
        environment,
        evidence.platform.is_container(),
        evidence.home_has_aws_dir,
    ));
    if let (Some(state), Some(selected)) = (&evidence.sso, aws_files.profile(&selection.name)) {
        found.extend(sso::findings(state, &selected, aws_files, evidence.now));
    }
    if let (Some(cached), Some(BaseSource::LoginSession { profile: owner, .. })) =
        (&evidence.login, &plan.base)
    {
        // The login may sit in a source profile at the end of role hops.
        if let Some(owner) = aws_files.profile(owner) {
            found.extend(login::findings(cached, &owner));
        }
    }
    if let Some(refusal) = request
        .error_text
        .as_deref()
        .and_then(login::refresh_refusal)
    {
        found.push(login::refresh_failed(refusal, &selection.name));
    }
    found.extend(chain::findings(
        &evidence.chain,
        plan,
        selection,
        environment,
        aws_files,
        evidence.now,
        &evidence.platform,
    ));
    found.extend(refresh::findings(&evidence.chain, plan));
    found.extend(region::findings(
        evidence.region.as_ref(),
        &selection.name,
        &aws_files.config.path,
    ));
    found.extend(region_shape::findings(
        evidence.region.as_ref(),
        &selection.name,
    ));
    // What the S3 request itself shows is read here, not asked of a
    // server: it ranks before STS's answer.
    if let Some(inspection) = s3_request {
        found.extend(inspection.findings.iter().cloned());
    }
    found_sts(request, inputs, evidence, &mut found);
    if let Some(probe) = s3_probe {
        found.extend(probe.findings.iter().cloned());
    }
    found
}

/// STS's answer: who the caller is, or which rejection and why.
fn found_sts(
    request: &DiagnoseRequest,
    inputs: &Inputs,
    evidence: &Evidence,
    found: &mut Vec<Finding>,
) {
    if let Some(outcome) = &evidence.sts {
        let resolved = evidence.chain.resolved.as_ref();
        let context = sts::StsContext {
            profile: &inputs.selection.name,
            masked_key: resolved.map(|r| r.access_key_id.as_str()).unwrap_or("?"),
            source: resolved.map(|r| r.source.as_str()).unwrap_or("?"),
            region: evidence.region.as_ref().map(|r| r.value.as_str()),
            env: &inputs.env,
            wsl: evidence.platform.is_wsl(),
        };
        for finding in sts::findings(outcome, &context) {
            // A key already flagged where it was read needs no second line.
            let key_family = matches!(
                finding.id,
                FindingId::KeyWhitespace
                    | FindingId::KeyMalformedId
                    | FindingId::KeyMalformedSecret
            );
            if !(key_family && found.iter().any(|f: &Finding| f.id == finding.id)) {
                found.push(finding);
            }
        }
        if let Ok(who) = &outcome.result {
            // The account of the principal the error names is the one the
            // failing program used.
            let facts = &request.error_facts;
            let expected = request
                .expect_account
                .as_ref()
                .or(facts.principal_arn.as_ref().and(facts.account.as_ref()));
            if let Some(expected) = expected {
                found.extend(sts::account_mismatch(who, expected, &context));
            }
            found.extend(sts::access_denied(facts, who));
        }
    }
}
