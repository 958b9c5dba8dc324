//! Findings about a refresh credwiz let happen (`--allow-refresh`): where
//! the copy of each token cache went, and what the sign-in service said when
//! it refused to refresh a console login.

use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::files::display_path;
use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use crate::probes::cache_backup::CacheBackup;
use crate::probes::chain::{ChainInspection, Slot};
use crate::rules::login;
use crate::text::shell::quote;

/// Every finding about refreshes in this walk.
pub fn findings(inspection: &ChainInspection, plan: &ProfilePlan) -> Vec<Finding> {
    let mut found: Vec<Finding> = inspection.backups.iter().map(backup).collect();
    let login_profile = matches!(plan.base, Some(BaseSource::LoginSession { .. }));
    let refusal = match &inspection.failure {
        Some((Slot::Profile, text)) if login_profile => login::refresh_refusal(text),
        _ => None,
    };
    found.extend(refusal.map(|refusal| login::refresh_failed(refusal, &plan.profile)));
    found
}

fn backup(backup: &CacheBackup) -> Finding {
    let cache = display_path(&backup.cache);
    match &backup.copy {
        Ok(copy) => Finding::new(
            FindingId::RefreshBackup,
            format!("{cache} was copied before the SDK could refresh it (--allow-refresh)"),
            format!("the copy is {}", display_path(copy)),
            format!(
                "cp {} {}   # puts the cache back as it was",
                quote(&copy.to_string_lossy()),
                quote(&backup.cache.to_string_lossy())
            ),
        ),
        Err(why) => Finding::new(
            FindingId::RefreshBackup,
            format!("{cache} could not be copied before the SDK refreshed it"),
            why.clone(),
            format!(
                "ls -l {}   # check the folder can be written to",
                quote(&cache)
            ),
        )
        .with_severity(Severity::Warning),
    }
}
