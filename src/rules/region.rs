//! The finding for a missing region.

use crate::findings::{Finding, FindingId};
use crate::inputs::region::RegionChoice;

/// `region.missing`, when nothing sets a region for this profile.
pub fn findings(region: Option<&RegionChoice>, profile: &str) -> Option<Finding> {
    if region.is_some() {
        return None;
    }
    Some(Finding::new(
        FindingId::RegionMissing,
        "no region is configured",
        format!(
            "none of --region, AWS_REGION, AWS_DEFAULT_REGION or a region in profile '{profile}'"
        ),
        format!(
            "aws configure set region <region> --profile {}   # or: export AWS_REGION=<region>",
            crate::text::shell::quote(profile)
        ),
    ))
}
