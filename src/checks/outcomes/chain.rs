//! Outcomes of the checks on the chain's slots and what surrounds them.

use super::{has_any, Outcome};
use crate::diagnosis::Diagnosis;
use crate::findings::FindingId;
use crate::probes::chain::{Slot, SlotReason, SlotStatus};

pub(crate) fn resolved_provider(d: &Diagnosis) -> Outcome {
    if let Some(r) = &d.resolved {
        let outcome = match r.slot {
            Slot::Environment => "environment",
            Slot::Profile => "profile",
            Slot::WebIdentity => "web_identity",
            Slot::Container => "container",
            Slot::Imds => "imds",
        };
        return (
            outcome,
            format!("{} from {} (key {})", r.provider, r.source, r.access_key_id),
        );
    }
    if let Some(failed) = d.chain.iter().find(|s| s.status == SlotStatus::Failed) {
        return (
            "failed",
            format!(
                "{} failed and stopped the chain: {}",
                failed.slot.label(),
                failed.detail()
            ),
        );
    }
    if d.has(FindingId::SsoRefreshNeeded) {
        let profile = d.slot(Slot::Profile);
        return ("unverified", profile.detail());
    }
    let skipped = d.chain.iter().find(|s| s.reason.is_offline());
    if let (Some(skipped), true) = (skipped, d.has(FindingId::ChainOfflineUnverified)) {
        return ("unverified", skipped.detail());
    }
    ("none", "every slot came up empty".into())
}

pub(crate) fn runtime(d: &Diagnosis) -> Outcome {
    if has_any(d, &[FindingId::RuntimeContainerWithoutAwsDir]) {
        (
            "container_without_aws_dir",
            "inside a container with no ~/.aws and no keys in the environment".into(),
        )
    } else if d.platform.lambda == Some(true) {
        (
            "lambda",
            "inside a Lambda function (AWS_LAMBDA_FUNCTION_NAME is set)".into(),
        )
    } else if d.facts.in_container {
        ("container", "inside a container".into())
    } else if d.platform.is_ec2() {
        (
            "ec2",
            format!("on an EC2 instance ({})", d.platform.evidence.join("; ")),
        )
    } else {
        (
            "host",
            "not inside a container, and nothing here shows EC2".into(),
        )
    }
}

pub(crate) fn container_endpoint(d: &Diagnosis) -> Outcome {
    let slot = d.slot(Slot::Container);
    if has_any(d, &[FindingId::ContainerAuthTokenMissing]) {
        return ("auth_token_missing", slot.detail());
    }
    match slot.status {
        SlotStatus::Resolved => ("ok", slot.detail()),
        SlotStatus::Failed => ("unreachable", slot.detail()),
        _ => ("not_configured", slot.detail()),
    }
}

pub(crate) fn imds(d: &Diagnosis) -> Outcome {
    let slot = d.slot(Slot::Imds);
    if slot.reason == SlotReason::ImdsDisabledByEnv {
        return ("disabled", slot.detail());
    }
    if has_any(d, &[FindingId::ImdsNoRole]) {
        return ("no_role", slot.detail());
    }
    if let Some(finding) = d.findings.iter().find(|f| {
        matches!(
            f.id,
            FindingId::ImdsHopLimit | FindingId::ImdsDisabled | FindingId::ImdsCredentialsRefused
        )
    }) {
        let outcome = match finding.id {
            FindingId::ImdsHopLimit => "hop_limit",
            FindingId::ImdsDisabled => "disabled",
            _ => "credentials_refused",
        };
        return (outcome, finding.evidence.clone());
    }
    match slot.status {
        SlotStatus::Resolved => ("ok", slot.detail()),
        SlotStatus::NotTried => ("disabled", slot.detail()),
        _ => ("unreachable", slot.detail()),
    }
}

pub(crate) fn region(d: &Diagnosis) -> Outcome {
    match &d.region {
        Some(r) if d.has(crate::findings::FindingId::RegionInvalid) => (
            "invalid",
            format!("{} from {} is not an AWS region name", r.value, r.source),
        ),
        Some(r) => ("set", format!("{} from {}", r.value, r.source)),
        None => (
            "missing",
            "no region from --region, AWS_REGION, AWS_DEFAULT_REGION or the profile".into(),
        ),
    }
}

pub(crate) fn endpoint(d: &Diagnosis) -> Outcome {
    match &d.facts.sts_endpoint {
        Some(url) if url.contains(".vpce.") || url.contains("vpce-") => {
            ("vpc", format!("calls go to the VPC endpoint {url}"))
        }
        Some(url) if !url.ends_with(".amazonaws.com") && !url.ends_with(".amazonaws.com.cn") => (
            "custom",
            format!("calls go to {url} (AWS_ENDPOINT_URL*), not to AWS"),
        ),
        Some(url) => ("aws_default", format!("calls go to {url}")),
        None => ("aws_default", "no endpoint override".into()),
    }
}
