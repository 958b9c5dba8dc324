//! Everything credwiz reads once at the start and shares with every probe
//! and rule: the environment, the AWS files, the selected profile and its
//! plan, and every secret in them (so no output can echo one).

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::login_cache;
use crate::inputs::profile_plan::{self, ProfilePlan};
use crate::inputs::profile_selection::{select_profile, ProfileSelection};
use crate::inputs::region::{self, RegionChoice};
use crate::inputs::request::DiagnoseRequest;
use crate::text::mask::Scrubber;
use crate::text::url_userinfo::userinfo_secrets;
use std::sync::Arc;
use std::time::SystemTime;

/// Everything read once at the start and shared by the checks. The files
/// and the scrubber sit behind `Arc`s so many diagnoses (a sweep) share one.
pub struct Inputs {
    pub env: EnvSnapshot,
    pub files: Arc<AwsFiles>,
    pub selection: ProfileSelection,
    pub plan: ProfilePlan,
    pub scrubber: Arc<Scrubber>,
    /// The raw text of every file some SDK reads, for the SDK lenses.
    pub raw: Arc<crate::inputs::raw_files::RawFiles>,
    /// The shared files parsed by each SDK's rules, once per run.
    pub sdk_files: Arc<crate::inputs::sdk_files::SdkFiles>,
    /// The shared files as aws-config's profile provider gets them: `None`
    /// reads them from disk (a single check); a sweep hands each profile
    /// its closure in memory (`sweep/closure.rs`).
    pub profile_files: Option<aws_runtime::env_config::file::EnvConfigFiles>,
}

impl Inputs {
    /// Reads the environment and the AWS files.
    pub fn gather(env: EnvSnapshot, profile_flag: Option<&str>) -> Inputs {
        let files = AwsFiles::load(&env);
        let selection = select_profile(&env, profile_flag);
        let plan = profile_plan::plan(&files, &selection.name);
        let scrubber = known_secrets(&env, &files);
        let raw = crate::inputs::raw_files::RawFiles::load(&env);
        let sdk_files = Arc::new(crate::inputs::sdk_files::SdkFiles::load(&env, &raw));
        Inputs {
            env,
            files: Arc::new(files),
            selection,
            plan,
            scrubber: Arc::new(scrubber),
            raw: Arc::new(raw),
            sdk_files,
            profile_files: None,
        }
    }

    /// The region the SDK would use for this request.
    pub fn region(&self, request: &DiagnoseRequest) -> Option<RegionChoice> {
        let profile = self.files.profile(&self.selection.name);
        region::resolve(request.region.as_deref(), &self.env, profile.as_ref())
    }
}

/// Every secret value credwiz can see, so that no output can echo one.
pub fn known_secrets(env: &EnvSnapshot, files: &AwsFiles) -> Scrubber {
    const SECRET_KEYS: [&str; 3] = [
        "aws_secret_access_key",
        "aws_session_token",
        "aws_security_token",
    ];
    let from_env = [
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ]
    .into_iter()
    .filter_map(|name| env.get(name));
    let from_files = files
        .in_load_order()
        .into_iter()
        .flat_map(|file| file.sections.iter().flat_map(|s| &s.entries))
        .filter(|entry| SECRET_KEYS.contains(&entry.key.as_str()))
        .map(|entry| entry.value.as_str());
    // The refresh token, id token and DPoP key of every cached console login.
    let sessions: std::collections::BTreeSet<String> = files
        .profile_names()
        .iter()
        .filter_map(|name| files.profile(name))
        .filter_map(|profile| {
            profile
                .get("login_session")
                .map(|arn| arn.trim().to_string())
        })
        .collect();
    let from_login: Vec<String> = sessions
        .into_iter()
        .flat_map(|arn| {
            login_cache::inspect(env, &arn, SystemTime::now())
                .secrets()
                .to_vec()
        })
        .collect();
    // The password of every URL in a variable (a proxy, an endpoint, the
    // container URI), as written and decoded: an error that quotes the URL
    // may show it in a shape the URL masking no longer recognises.
    let from_urls: Vec<String> = env
        .all()
        .filter(|(_, value)| value.contains("://"))
        .flat_map(|(_, value)| userinfo_secrets(value))
        .collect();
    // One batch: adding thousands of secrets one by one would sort each time.
    Scrubber::new(
        from_env
            .chain(from_files)
            .chain(from_login.iter().map(String::as_str))
            .chain(from_urls.iter().map(String::as_str)),
    )
}
