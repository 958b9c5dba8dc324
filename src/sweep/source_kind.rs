//! What kind of source a profile gets its credentials from, in one word:
//! static keys, a process, SSO, a login session, or an assumed role and the
//! base it starts from.

use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use serde::Serialize;
use std::fmt;

/// Where a chain of profiles starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseKind {
    Static,
    Process,
    Sso,
    Login,
    WebIdentity,
    /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
    CredentialSource,
    /// The plan found no way to make credentials.
    None,
}

impl BaseKind {
    fn label(self) -> &'static str {
        match self {
            BaseKind::Static => "static",
            BaseKind::Process => "process",
            BaseKind::Sso => "SSO",
            BaseKind::Login => "login",
            BaseKind::WebIdentity => "web identity",
            BaseKind::CredentialSource => "credential_source",
            BaseKind::None => "none",
        }
    }
}

/// A profile's source: its base, and how many roles are assumed on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SourceKind {
    pub base: BaseKind,
    pub role_hops: usize,
}

impl SourceKind {
    /// Read from the profile's plan.
    pub fn of(plan: &ProfilePlan) -> Self {
        let base = match &plan.base {
            Some(BaseSource::StaticKeys { .. }) => BaseKind::Static,
            Some(BaseSource::CredentialProcess { .. }) => BaseKind::Process,
            Some(BaseSource::Sso { .. }) => BaseKind::Sso,
            Some(BaseSource::LoginSession { .. }) => BaseKind::Login,
            Some(BaseSource::WebIdentity { .. }) => BaseKind::WebIdentity,
            Some(BaseSource::NamedSource { .. }) => BaseKind::CredentialSource,
            None => BaseKind::None,
        };
        SourceKind {
            base,
            role_hops: plan.hops.len(),
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.role_hops {
            0 => f.write_str(self.base.label()),
            1 => write!(f, "assume-role → {}", self.base.label()),
            hops => write!(f, "assume-role ×{hops} → {}", self.base.label()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::files::{AwsFile, AwsFiles, FileKind};
    use crate::inputs::profile_plan::plan;

    #[test]
    fn names_the_base_and_the_roles_on_top() {
        let files = AwsFiles {
            config: AwsFile::parse_text(
                FileKind::Config,
                "/h/.aws/config",
                "[profile app]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = mid\n\
                 [profile mid]\nrole_arn = arn:aws:iam::1:role/m\nsource_profile = sso\n\
                 [profile sso]\nsso_start_url = https://x\n[profile p]\ncredential_process = /bin/true\n",
            ),
            credentials: AwsFile::parse_text(FileKind::Credentials, "/h/.aws/credentials", ""),
        };
        assert_eq!(
            SourceKind::of(&plan(&files, "app")).to_string(),
            "assume-role ×2 → SSO"
        );
        assert_eq!(
            SourceKind::of(&plan(&files, "mid")).to_string(),
            "assume-role → SSO"
        );
        assert_eq!(SourceKind::of(&plan(&files, "p")).to_string(), "process");
        assert_eq!(SourceKind::of(&plan(&files, "ghost")).to_string(), "none");
    }
}
