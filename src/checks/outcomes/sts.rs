//! The outcome of asking STS who the credentials belong to.

use super::Outcome;
use crate::diagnosis::Diagnosis;
use crate::findings::FindingId;

pub(crate) fn sts_identity(d: &Diagnosis) -> Outcome {
    if let Some(who) = &d.identity {
        let outcome = if who.arn.ends_with(":root") {
            "root"
        } else {
            "ok"
        };
        return (
            outcome,
            format!(
                "STS says these keys are {} (account {})",
                who.arn, who.account
            ),
        );
    }
    if d.offline {
        return ("offline", "not asked: --offline".into());
    }
    let Some(error) = &d.sts_error else {
        return (
            "no_credentials",
            "nothing resolved, so nothing to ask STS about".into(),
        );
    };
    let outcome = match d
        .findings
        .iter()
        .find(|f| f.id.as_str().starts_with("sts."))
        .map(|f| f.id)
    {
        Some(FindingId::StsClockSkew) => "clock_skew",
        Some(FindingId::StsInvalidClientTokenId) => "invalid_client_token_id",
        Some(FindingId::StsSignatureMismatch) => "signature_mismatch",
        Some(FindingId::StsExpiredToken) => "expired_token",
        Some(FindingId::StsUnreachable) => "unreachable",
        Some(FindingId::StsRegionNotEnabled) => "region_not_enabled",
        _ => "other_error",
    };
    (
        outcome,
        format!("STS answered {}: {}", error.code, error.message),
    )
}
