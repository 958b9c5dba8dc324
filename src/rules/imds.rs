//! Findings about the instance metadata slot, from the probe's typed class
//! and worded by what the platform evidence says this machine is.

use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::platform::Platform;
use crate::probes::chain::{ChainInspection, Slot, SlotStatus};
use crate::probes::imds::{ImdsClass, ImdsStep, NoConnection};

const METADATA_OPTIONS: &str = "aws ec2 describe-instances --instance-ids <id> --query 'Reservations[].Instances[].MetadataOptions'";

/// The IMDS findings for this walk.
pub fn findings(inspection: &ChainInspection, platform: &Platform) -> Vec<Finding> {
    let imds = inspection.slot(Slot::Imds);
    if imds.status == SlotStatus::Resolved || imds.status == SlotStatus::NotTried {
        return Vec::new();
    }
    let Some(class) = &inspection.imds_class else {
        return Vec::new();
    };
    let detail = &imds.detail();
    match class {
        ImdsClass::DisabledByVariable | ImdsClass::Served { .. } | ImdsClass::NotProbed => {
            Vec::new()
        }
        ImdsClass::NothingListening(how) => {
            let what = match how {
                NoConnection::Refused => "the connection to the instance metadata address was refused",
                NoConnection::TimedOut => "the instance metadata address did not answer the connection (no route)",
            };
            unreachable(what, detail, platform)
        }
        ImdsClass::Silent => unreachable(
            "the instance metadata address accepts connections but never answers",
            detail,
            platform,
        ),
        ImdsClass::HopLimit { plain_status } => vec![Finding::new(
            FindingId::ImdsHopLimit,
            "the IMDSv2 token request goes unanswered while plain metadata requests are answered: the instance's hop limit is too low for this container",
            format!(
                "PUT /latest/api/token got no answer within the bound, GET /latest/meta-data/ was answered {plain_status} at once; with http-put-response-hop-limit 1 the token reply dies on the extra hop through the container network{}",
                evidence_suffix(platform)
            ),
            "aws ec2 modify-instance-metadata-options --instance-id <id> --http-put-response-hop-limit 2   # or run the container on the host network: docker run --network host ...",
        )],
        ImdsClass::TokenForbidden => vec![Finding::new(
            FindingId::ImdsDisabled,
            "the instance metadata service refuses the IMDSv2 token (403): it is turned off for this instance",
            format!("PUT /latest/api/token answered 403{}", evidence_suffix(platform)),
            "aws ec2 modify-instance-metadata-options --instance-id <id> --http-endpoint enabled",
        )],
        ImdsClass::NoRole => vec![Finding::new(
            FindingId::ImdsNoRole,
            "the instance metadata service answers but no IAM role is attached",
            "GET /latest/meta-data/iam/security-credentials/ answered 404: no instance profile",
            "aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>",
        )],
        ImdsClass::CredentialsRefused { role, status } => vec![Finding::new(
            FindingId::ImdsCredentialsRefused,
            format!("the instance profile's role '{role}' is attached, but instance metadata does not hand out its credentials"),
            if *status == 0 {
                format!("GET /latest/meta-data/iam/security-credentials/{role} got no answer")
            } else {
                format!("GET /latest/meta-data/iam/security-credentials/{role} answered {status}")
            },
            "aws iam get-instance-profile --instance-profile-name <profile>   # the role must exist and trust ec2.amazonaws.com",
        )],
        ImdsClass::Unexpected { step, status } => {
            let what = match step {
                ImdsStep::Token => "the IMDSv2 token request",
                ImdsStep::RoleListing => "the role listing",
            };
            vec![Finding::new(
                FindingId::ImdsUnreachable,
                format!("instance metadata answered {what} with an unexpected status {status}"),
                detail.clone(),
                format!("check the instance's metadata options: {METADATA_OPTIONS}"),
            )
            .with_severity(Severity::Error)]
        }
    }
}

fn evidence_suffix(platform: &Platform) -> String {
    if platform.evidence.is_empty() {
        String::new()
    } else {
        format!("; platform: {}", platform.evidence.join(", "))
    }
}

/// No metadata service answered: nothing to do off EC2, a problem on it.
fn unreachable(what: &str, detail: &str, platform: &Platform) -> Vec<Finding> {
    let finding = match platform.ec2 {
        Some(true) => Finding::new(
            FindingId::ImdsUnreachable,
            format!("this is an EC2 instance, but {what}"),
            format!("{detail}{}", evidence_suffix(platform)),
            format!("check the instance's metadata options: {METADATA_OPTIONS}"),
        )
        .with_severity(Severity::Error),
        Some(false) => Finding::new(
            FindingId::ImdsUnreachable,
            format!("{what}; this is not an EC2 instance, so that is expected"),
            detail.to_string(),
            "outside EC2 nothing to do here: give this machine credentials another way (aws configure, aws login, aws sso login)",
        ),
        None => Finding::new(
            FindingId::ImdsUnreachable,
            format!("{what} (expected unless this is an EC2 instance)"),
            format!("{detail}; nothing readable here shows whether this is EC2"),
            format!("outside EC2 nothing to do; on EC2 check the instance's metadata options: {METADATA_OPTIONS}"),
        ),
    };
    vec![finding]
}
