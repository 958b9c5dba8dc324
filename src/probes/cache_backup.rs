//! With `--allow-refresh` the SDK may rewrite a token cache under ~/.aws (an
//! SSO token or a console login due for a refresh). credwiz writes there only
//! because the user asked, and first keeps a copy of each file it would
//! change, next to it, so the old state can be put back.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::login_cache::{self, CacheFreshness, LoginCacheState};
use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use crate::inputs::sso_refresh;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One cache the SDK may rewrite, and where its copy went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheBackup {
    pub cache: PathBuf,
    /// The copy, or why none could be made.
    pub copy: Result<PathBuf, String>,
}

/// Copies every cache this profile's provider would refresh now.
pub fn before_refresh(
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
    now: SystemTime,
) -> Vec<CacheBackup> {
    let sso = sso_refresh::would_refresh(env, files, plan, now);
    let login = login_due(env, plan, now);
    sso.into_iter()
        .chain(login)
        .map(|cache| CacheBackup {
            copy: keep_copy(&cache).map_err(|e| e.to_string()),
            cache,
        })
        .collect()
}

/// The console-login cache when it is expired or inside the SDK's refresh
/// window.
fn login_due(env: &EnvSnapshot, plan: &ProfilePlan, now: SystemTime) -> Option<PathBuf> {
    let Some(BaseSource::LoginSession { session_arn, .. }) = &plan.base else {
        return None;
    };
    match login_cache::inspect(env, session_arn, now).state {
        LoginCacheState::Cached { path, login } if login.freshness != CacheFreshness::Valid => {
            Some(path)
        }
        _ => None,
    }
}

/// `<file>.credwiz-backup`, with the file's permissions (`fs::copy` keeps them).
fn keep_copy(cache: &Path) -> std::io::Result<PathBuf> {
    let mut name = cache.as_os_str().to_owned();
    name.push(".credwiz-backup");
    let copy = PathBuf::from(name);
    std::fs::copy(cache, &copy)?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_sits_next_to_the_cache_with_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("abc.json");
        std::fs::write(&cache, b"{\"expiresAt\":\"x\"}").unwrap();
        let copy = keep_copy(&cache).unwrap();
        assert_eq!(copy, dir.path().join("abc.json.credwiz-backup"));
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            std::fs::read(&cache).unwrap()
        );
    }
}
