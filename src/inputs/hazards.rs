//! Files the SDK itself would open without checking what they are. A FIFO
//! or a device in one of these places makes the user's program (and the
//! SDK's provider inside credwiz) wait forever, so credwiz looks first and
//! reports the hang instead of handing the path to the SDK.

use crate::inputs::bounded_file::{check_regular, FileProblem};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::{display_path, AwsFiles, FileState};
use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use sha1::{Digest, Sha1};
use std::path::PathBuf;

/// A path the SDK would block on, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockingFile {
    pub path: PathBuf,
    pub problem: FileProblem,
}

impl BlockingFile {
    /// The sentence for a slot's detail.
    pub fn describe(&self) -> String {
        format!(
            "the program would hang here: {} is {}, and the SDK reads it without checking (credwiz did not hand it over)",
            display_path(&self.path),
            self.problem
        )
    }
}

/// The AWS config or credentials file, when the SDK would block reading it.
pub fn shared_files(files: &AwsFiles) -> Option<BlockingFile> {
    files
        .in_load_order()
        .into_iter()
        .find_map(|file| match &file.state {
            FileState::Unreadable(problem) if problem.blocks_a_plain_reader() => {
                Some(BlockingFile {
                    path: file.path.clone(),
                    problem: problem.clone(),
                })
            }
            _ => None,
        })
}

/// The token file or SSO cache file the profile's own source reads.
pub fn profile_source(env: &EnvSnapshot, plan: &ProfilePlan) -> Option<BlockingFile> {
    let path = match plan.base.as_ref()? {
        BaseSource::WebIdentity { token_file, .. } => PathBuf::from(token_file),
        BaseSource::Sso { session_or_url, .. } => sso_cache_path(env, session_or_url)?,
        _ => return None,
    };
    blocking(path)
}

/// The web-identity token file named by `AWS_WEB_IDENTITY_TOKEN_FILE`.
pub fn web_identity_env(env: &EnvSnapshot) -> Option<BlockingFile> {
    blocking(PathBuf::from(
        env.get_nonblank("AWS_WEB_IDENTITY_TOKEN_FILE")?,
    ))
}

/// Where the SDK caches the SSO token for a session name or start URL.
pub fn sso_cache_path(env: &EnvSnapshot, session_or_url: &str) -> Option<PathBuf> {
    let digest = Sha1::digest(session_or_url.as_bytes());
    let name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Some(
        env.home_dir()?
            .join(".aws/sso/cache")
            .join(format!("{name}.json")),
    )
}

/// `path`, when the SDK would block reading it.
pub fn blocking(path: PathBuf) -> Option<BlockingFile> {
    match check_regular(&path) {
        Err(problem) if problem.blocks_a_plain_reader() => Some(BlockingFile { path, problem }),
        _ => None,
    }
}

/// The web identity token files an SDK would open here (the one
/// `AWS_WEB_IDENTITY_TOKEN_FILE` names and the profile's own) that do not
/// exist: every SDK fails reading them, before any call to STS.
pub fn missing_token_files(env: &EnvSnapshot, plan: &ProfilePlan) -> Vec<PathBuf> {
    let from_profile = match &plan.base {
        Some(BaseSource::WebIdentity { token_file, .. }) => Some(token_file.as_str()),
        _ => None,
    };
    [
        env.get_nonblank("AWS_WEB_IDENTITY_TOKEN_FILE"),
        from_profile,
    ]
    .into_iter()
    .flatten()
    .map(PathBuf::from)
    .filter(|path| {
        matches!(
            check_regular(path),
            Err(FileProblem::NotFound | FileProblem::DanglingLink { .. })
        )
    })
    .collect()
}
