//! The region the SDK will use, and where it comes from.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::MergedProfile;
use serde::Serialize;

/// A region with its source: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`
/// or `file:line [profile]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionChoice {
    pub value: String,
    pub source: String,
}

/// Resolves the region in the SDK's order (flag, env, profile). The SDK would
/// finally ask instance metadata; credwiz reports "missing" instead.
pub fn resolve(
    flag: Option<&str>,
    env: &EnvSnapshot,
    profile: Option<&MergedProfile>,
) -> Option<RegionChoice> {
    if let Some(value) = flag {
        return Some(RegionChoice {
            value: value.to_string(),
            source: "--region".into(),
        });
    }
    for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(value) = env.get_nonblank(name) {
            return Some(RegionChoice {
                value: value.trim().to_string(),
                source: name.into(),
            });
        }
    }
    let profile = profile?;
    let value = profile.get("region").filter(|v| !v.is_empty())?;
    let at = profile.location_of("region")?;
    Some(RegionChoice {
        value: value.to_string(),
        source: format!("{at} [{}]", profile.name),
    })
}
