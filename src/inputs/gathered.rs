//! Everything credwiz reads once at the start and shares with every probe
//! and rule: the environment, the AWS files, the selected profile and its
//! plan, and every secret in them (so no output can echo one).

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::profile_plan::{self, ProfilePlan};
use crate::inputs::profile_selection::{select_profile, ProfileSelection};
use crate::inputs::region::{self, RegionChoice};
use crate::inputs::request::DiagnoseRequest;
use crate::text::mask::Scrubber;

/// Everything read once at the start and shared by the checks.
pub struct Inputs {
    pub env: EnvSnapshot,
    pub files: AwsFiles,
    pub selection: ProfileSelection,
    pub plan: ProfilePlan,
    pub scrubber: Scrubber,
}

impl Inputs {
    /// Reads the environment and the AWS files.
    pub fn gather(env: EnvSnapshot, profile_flag: Option<&str>) -> Inputs {
        let files = AwsFiles::load(&env);
        let selection = select_profile(&env, profile_flag);
        let plan = profile_plan::plan(&files, &selection.name);
        let scrubber = known_secrets(&env, &files);
        Inputs {
            env,
            files,
            selection,
            plan,
            scrubber,
        }
    }

    /// The region the SDK would use for this request.
    pub fn region(&self, request: &DiagnoseRequest) -> Option<RegionChoice> {
        let profile = self.files.profile(&self.selection.name);
        region::resolve(request.region.as_deref(), &self.env, profile.as_ref())
    }
}

/// Every secret value credwiz can see, so that no output can echo one.
fn known_secrets(env: &EnvSnapshot, files: &AwsFiles) -> Scrubber {
    let mut scrubber = Scrubber::default();
    for name in [
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ] {
        if let Some(value) = env.get(name) {
            scrubber.add(value);
        }
    }
    for file in files.in_load_order() {
        for entry in file.sections.iter().flat_map(|s| &s.entries) {
            if [
                "aws_secret_access_key",
                "aws_session_token",
                "aws_security_token",
            ]
            .contains(&entry.key.as_str())
            {
                scrubber.add(&entry.value);
            }
        }
    }
    scrubber
}
