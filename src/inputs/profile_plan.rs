//! How the selected profile gets its credentials, read from the files with
//! line numbers: the chain of `role_arn` hops and the base it ends in.
//!
//! This never decides what resolves (the SDK does, see `chain.rs`); it names
//! the file and line behind the SDK's answer, explains why a profile failed,
//! and tells `--offline` which profiles would run a process.
//! The walk follows aws-config's `profile::credentials::repr::resolve_chain`.

use crate::inputs::files::{AwsFiles, Location, MergedProfile};

/// Where a profile chain ends: the thing that produces the first credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseSource {
    StaticKeys {
        access_key_id: Location,
    },
    CredentialProcess {
        command: String,
        at: Location,
    },
    Sso {
        session_or_url: String,
        at: Location,
    },
    WebIdentity {
        token_file: String,
        at: Location,
    },
    /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
    NamedSource {
        name: String,
        at: Location,
    },
    /// A login session (`login_session`), newer SDKs only.
    LoginSession {
        /// The profile that holds `login_session` (a source profile after role hops).
        profile: String,
        session_arn: String,
        at: Location,
    },
}

impl BaseSource {
    /// The aws-config provider name that produces credentials from this base
    /// when no role is assumed on top.
    pub fn provider_name(&self) -> &'static str {
        match self {
            BaseSource::StaticKeys { .. } => "ProfileFile",
            BaseSource::CredentialProcess { .. } => "CredentialProcess",
            BaseSource::Sso { .. } => "SSO",
            BaseSource::WebIdentity { .. } => "WebIdentityToken",
            BaseSource::NamedSource { name, .. } => match name.as_str() {
                "Environment" => "EnvironmentVariable",
                "EcsContainer" => "EcsContainer",
                _ => "IMDSv2",
            },
            BaseSource::LoginSession { .. } => "Login",
        }
    }

    /// Where in the files this base is configured.
    pub fn location(&self) -> &Location {
        match self {
            BaseSource::StaticKeys { access_key_id: at }
            | BaseSource::CredentialProcess { at, .. }
            | BaseSource::Sso { at, .. }
            | BaseSource::WebIdentity { at, .. }
            | BaseSource::NamedSource { at, .. }
            | BaseSource::LoginSession { at, .. } => at,
        }
    }
}

/// One `role_arn` hop: assume this role with the credentials of the next hop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHop {
    pub profile: String,
    pub role_arn: String,
    pub at: Location,
}

/// Why a profile chain cannot produce credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblem {
    /// The selected profile is in neither file.
    ProfileMissing { profile: String },
    /// role_arn with neither source_profile nor credential_source.
    RoleWithoutSource { profile: String, at: Location },
    /// Both source_profile and credential_source.
    RoleWithBothSources { profile: String, at: Location },
    /// source_profile names a profile that does not exist.
    SourceProfileMissing {
        profile: String,
        source: String,
        at: Location,
    },
    /// source_profile references loop.
    Cycle { path: Vec<String> },
    /// The profile (or a source profile) has no way to make credentials.
    NoCredentials { profile: String },
    /// aws_access_key_id without aws_secret_access_key.
    IncompleteKeys { profile: String, at: Location },
}

/// The plan for one profile: role hops outermost first, then the base.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfilePlan {
    pub profile: String,
    pub hops: Vec<RoleHop>,
    pub base: Option<BaseSource>,
    pub problem: Option<PlanProblem>,
}

impl ProfilePlan {
    /// True when the profile's credentials come from IAM Identity Center (SSO).
    pub fn uses_sso(&self) -> bool {
        matches!(self.base, Some(BaseSource::Sso { .. }))
    }

    /// True when resolving this profile would run a local program.
    pub fn runs_a_process(&self) -> bool {
        matches!(self.base, Some(BaseSource::CredentialProcess { .. }))
    }

    /// The aws-config provider name of the credentials this profile yields.
    pub fn provider_name(&self) -> Option<&'static str> {
        if !self.hops.is_empty() {
            return Some("AssumeRoleProvider");
        }
        self.base.as_ref().map(BaseSource::provider_name)
    }

    /// Where the credentials come from, as `path:line [profile]`.
    pub fn source_text(&self) -> Option<String> {
        if let Some(hop) = self.hops.first() {
            return Some(format!("{} [{}] role_arn", hop.at, hop.profile));
        }
        let base = self.base.as_ref()?;
        Some(format!("{} [{}]", base.location(), self.profile))
    }
}

/// Works out how `profile` gets credentials, as the SDK would walk it.
pub fn plan(files: &AwsFiles, profile: &str) -> ProfilePlan {
    let mut plan = ProfilePlan {
        profile: profile.to_string(),
        ..ProfilePlan::default()
    };
    let mut visited: Vec<String> = Vec::new();
    let mut current_name = profile.to_string();
    loop {
        let Some(current) = files.profile(&current_name) else {
            plan.problem = Some(match (visited.last(), plan.hops.last()) {
                (Some(referrer), Some(hop)) => PlanProblem::SourceProfileMissing {
                    profile: referrer.clone(),
                    source: current_name,
                    at: files
                        .profile(referrer)
                        .and_then(|p| p.location_of("source_profile").cloned())
                        .unwrap_or_else(|| hop.at.clone()),
                },
                _ => PlanProblem::ProfileMissing {
                    profile: current_name,
                },
            });
            return plan;
        };
        if visited.contains(&current_name) {
            visited.push(current_name);
            plan.problem = Some(PlanProblem::Cycle { path: visited });
            return plan;
        }
        visited.push(current_name.clone());
        // After the first hop the SDK prefers static keys if the source has them.
        if visited.len() > 1 {
            if let Some(at) = static_keys(&current) {
                plan.base = Some(BaseSource::StaticKeys { access_key_id: at });
                return plan;
            }
        }
        let role = (current.get("web_identity_token_file").is_none())
            .then(|| current.entries.get("role_arn"))
            .flatten();
        let Some(role) = role else {
            base_of(&current, &mut plan);
            return plan;
        };
        plan.hops.push(RoleHop {
            profile: current_name.clone(),
            role_arn: role.value.clone(),
            at: role.location.clone(),
        });
        match (
            current.get("source_profile"),
            current.get("credential_source"),
        ) {
            (Some(_), Some(_)) => {
                plan.problem = Some(PlanProblem::RoleWithBothSources {
                    profile: current_name,
                    at: role.location.clone(),
                });
                return plan;
            }
            (None, None) => {
                plan.problem = Some(PlanProblem::RoleWithoutSource {
                    profile: current_name,
                    at: role.location.clone(),
                });
                return plan;
            }
            (Some(source), None) if source == current_name => {
                base_of(&current, &mut plan);
                return plan;
            }
            (Some(source), None) => current_name = source.to_string(),
            (None, Some(_)) => {
                base_of(&current, &mut plan);
                return plan;
            }
        }
    }
}

fn static_keys(profile: &MergedProfile) -> Option<Location> {
    profile.get("aws_secret_access_key")?;
    profile.location_of("aws_access_key_id").cloned()
}

/// The base provider of a profile, in the SDK's order of preference.
fn base_of(profile: &MergedProfile, plan: &mut ProfilePlan) {
    let at = |key: &str| profile.location_of(key).cloned();
    let base = if let (Some(name), Some(loc)) =
        (profile.get("credential_source"), at("credential_source"))
    {
        Some(BaseSource::NamedSource {
            name: name.to_string(),
            at: loc,
        })
    } else if let (Some(file), Some(loc)) = (
        profile.get("web_identity_token_file"),
        at("web_identity_token_file"),
    ) {
        Some(BaseSource::WebIdentity {
            token_file: file.to_string(),
            at: loc,
        })
    } else if let Some(key) = ["sso_session", "sso_start_url"]
        .into_iter()
        .find(|k| profile.get(k).is_some())
    {
        at(key).map(|loc| BaseSource::Sso {
            session_or_url: profile.get(key).unwrap_or_default().to_string(),
            at: loc,
        })
    } else if let (Some(arn), Some(loc)) = (profile.get("login_session"), at("login_session")) {
        Some(BaseSource::LoginSession {
            profile: profile.name.clone(),
            session_arn: arn.to_string(),
            at: loc,
        })
    } else if let (Some(command), Some(loc)) =
        (profile.get("credential_process"), at("credential_process"))
    {
        Some(BaseSource::CredentialProcess {
            command: command.to_string(),
            at: loc,
        })
    } else {
        static_keys(profile).map(|loc| BaseSource::StaticKeys { access_key_id: loc })
    };
    if base.is_none() {
        plan.problem = Some(match at("aws_access_key_id") {
            Some(loc) => PlanProblem::IncompleteKeys {
                profile: profile.name.clone(),
                at: loc,
            },
            None => PlanProblem::NoCredentials {
                profile: profile.name.clone(),
            },
        });
    }
    plan.base = base;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::files::{AwsFile, FileKind};

    fn files(config: &str, credentials: &str) -> AwsFiles {
        AwsFiles {
            config: AwsFile::parse_text(FileKind::Config, "/h/.aws/config", config),
            credentials: AwsFile::parse_text(
                FileKind::Credentials,
                "/h/.aws/credentials",
                credentials,
            ),
        }
    }

    #[test]
    fn static_keys_name_the_access_key_line() {
        let f = files(
            "",
            "[dev]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n",
        );
        let p = plan(&f, "dev");
        assert_eq!(p.provider_name(), Some("ProfileFile"));
        assert_eq!(
            p.source_text().as_deref(),
            Some("/h/.aws/credentials:2 [dev]")
        );
        assert!(p.problem.is_none());
    }

    #[test]
    fn role_chain_ends_in_source_profile_keys() {
        let f = files(
            "[profile app]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n",
            "[base]\naws_access_key_id = A\naws_secret_access_key = s\n",
        );
        let p = plan(&f, "app");
        assert_eq!(p.provider_name(), Some("AssumeRoleProvider"));
        assert_eq!(p.hops.len(), 1);
        assert!(matches!(p.base, Some(BaseSource::StaticKeys { .. })));
    }

    #[test]
    fn finds_each_kind_of_broken_chain() {
        let f = files(
            "[profile lone]\nrole_arn = r\n[profile orphan]\nrole_arn = r\nsource_profile = ghost\n\
             [profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = a\n",
            "[half]\naws_access_key_id = A\n",
        );
        assert!(matches!(
            plan(&f, "lone").problem,
            Some(PlanProblem::RoleWithoutSource { .. })
        ));
        assert!(matches!(
            plan(&f, "orphan").problem,
            Some(PlanProblem::SourceProfileMissing { ref source, .. }) if source == "ghost"
        ));
        assert!(matches!(
            plan(&f, "a").problem,
            Some(PlanProblem::Cycle { .. })
        ));
        assert!(matches!(
            plan(&f, "half").problem,
            Some(PlanProblem::IncompleteKeys { .. })
        ));
        assert!(matches!(
            plan(&f, "nope").problem,
            Some(PlanProblem::ProfileMissing { .. })
        ));
    }

    #[test]
    fn credential_process_is_flagged_as_running_a_program() {
        let f = files("[default]\ncredential_process = /bin/echo hi\n", "");
        let p = plan(&f, "default");
        assert!(p.runs_a_process());
        assert_eq!(p.provider_name(), Some("CredentialProcess"));
    }
}
