//! Which profile the SDK would look for, and what selected it.

use crate::inputs::environment::EnvSnapshot;
use serde::Serialize;
use std::fmt;

/// What selected the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProfileSource {
    #[serde(rename = "--profile")]
    Flag,
    #[serde(rename = "AWS_PROFILE")]
    EnvVar,
    #[serde(rename = "default")]
    Default,
    /// One of every profile, in a sweep.
    #[serde(rename = "--all-profiles")]
    AllProfiles,
}

impl fmt::Display for ProfileSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProfileSource::Flag => "--profile",
            ProfileSource::EnvVar => "AWS_PROFILE",
            ProfileSource::Default => "default",
            ProfileSource::AllProfiles => "--all-profiles",
        })
    }
}

/// Which profile the user selected and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSelection {
    pub name: String,
    pub source: ProfileSource,
}

/// Works out the selected profile the way the SDK does: `--profile` wins,
/// then `AWS_PROFILE`, then `default`.
pub fn select_profile(env: &EnvSnapshot, flag: Option<&str>) -> ProfileSelection {
    if let Some(name) = flag {
        return ProfileSelection {
            name: name.to_string(),
            source: ProfileSource::Flag,
        };
    }
    match env.get("AWS_PROFILE") {
        // The SDK takes a set-but-empty AWS_PROFILE as it is and looks for a
        // profile named "" (aws-runtime's env_config::source), not `default`.
        Some(name) if name.trim().is_empty() => ProfileSelection {
            name: name.to_string(),
            source: ProfileSource::EnvVar,
        },
        Some(name) => ProfileSelection {
            name: name.trim().to_string(),
            source: ProfileSource::EnvVar,
        },
        None => ProfileSelection {
            name: "default".into(),
            source: ProfileSource::Default,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_selection_order() {
        let env = EnvSnapshot::from_pairs([("AWS_PROFILE", "dev")]);
        assert_eq!(
            select_profile(&env, Some("ops")).source.to_string(),
            "--profile"
        );
        assert_eq!(select_profile(&env, None).name, "dev");
        assert_eq!(
            select_profile(&EnvSnapshot::default(), None)
                .source
                .to_string(),
            "default"
        );
    }
}
