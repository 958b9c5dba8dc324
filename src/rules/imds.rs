//! Findings about the instance metadata slot, worded by what the platform
//! evidence says this machine is.

use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::platform::Platform;
use crate::probes::chain::{ChainInspection, Slot, SlotStatus};

/// The IMDS findings for this walk.
pub fn findings(
    inspection: &ChainInspection,
    env: &EnvSnapshot,
    platform: &Platform,
) -> Vec<Finding> {
    let imds = inspection.slot(Slot::Imds);
    if imds.status != SlotStatus::NotConfigured || env.is_true("AWS_EC2_METADATA_DISABLED") {
        return Vec::new();
    }
    if imds.detail.contains("404") {
        return vec![Finding::new(
            FindingId::ImdsNoRole,
            "the instance metadata service answers but no IAM role is attached",
            imds.detail.clone(),
            "aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>",
        )];
    }
    if inspection.resolved.is_some() {
        return Vec::new();
    }
    vec![unreachable(&imds.detail, platform)]
}

/// No metadata service answered: nothing to do off EC2, a problem on it.
fn unreachable(detail: &str, platform: &Platform) -> Finding {
    let options = "aws ec2 describe-instances --instance-ids <id> --query 'Reservations[].Instances[].MetadataOptions'";
    match platform.ec2 {
        Some(true) => Finding::new(
            FindingId::ImdsUnreachable,
            "this is an EC2 instance, but its instance metadata service did not answer",
            format!("{detail}; {}", platform.evidence.join("; ")),
            format!("check the instance's metadata options: {options}"),
        )
        .with_severity(Severity::Error),
        Some(false) => Finding::new(
            FindingId::ImdsUnreachable,
            "no instance metadata service answered; this is not an EC2 instance, so that is expected",
            detail.to_string(),
            "outside EC2 nothing to do here: give this machine credentials another way (aws configure, aws login, aws sso login)",
        ),
        None => Finding::new(
            FindingId::ImdsUnreachable,
            "no instance metadata service answered (expected unless this is an EC2 instance)",
            format!("{detail}; nothing readable here shows whether this is EC2"),
            format!("outside EC2 nothing to do; on EC2 check the instance's metadata options: {options}"),
        ),
    }
}
