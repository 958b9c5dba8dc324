//! The finding for a missing region.

use crate::findings::{FileSite, Finding, FindingId};
use crate::inputs::region::RegionChoice;
use std::path::Path;

/// `region.missing`, when nothing sets a region for this profile; its site
/// is the profile in the config file (`config`), where a region belongs.
pub fn findings(region: Option<&RegionChoice>, profile: &str, config: &Path) -> Option<Finding> {
    if region.is_some() {
        return None;
    }
    Some(
        Finding::new(
            FindingId::RegionMissing,
            "no region is configured",
            format!(
            "none of --region, AWS_REGION, AWS_DEFAULT_REGION or a region in profile '{profile}'"
        ),
            format!(
                "aws configure set region <region> --profile {}   # or: export AWS_REGION=<region>",
                crate::text::shell::quote(profile)
            ),
        )
        .at_site(FileSite {
            path: config.to_path_buf(),
            section: Some(profile.to_string()),
            key: Some("region".into()),
            ..FileSite::default()
        }),
    )
}
