//! Files a slot's provider would block on: the SDK opens and reads them
//! without checking what they are, so a FIFO or an endless device there
//! hangs the program. The chain stops before handing them over.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::hazards;
use crate::inputs::profile_plan::ProfilePlan;
use crate::probes::slot::Slot;

/// A file this slot's provider would block on (see [`hazards`]).
pub(crate) fn blocking_file(
    slot: Slot,
    env: &EnvSnapshot,
    files: &AwsFiles,
    plan: &ProfilePlan,
) -> Option<hazards::BlockingFile> {
    match slot {
        Slot::Profile => hazards::shared_files(files)
            .or_else(|| hazards::profile_source(env, plan))
            .or_else(|| {
                // A console login's cache, read by the SDK's login provider.
                let session = files
                    .profile(&plan.profile)?
                    .get("login_session")?
                    .to_string();
                let dir = crate::inputs::login_cache::cache_dir(env)?;
                hazards::blocking(crate::inputs::login_cache::cache_file(&dir, &session))
            }),
        Slot::WebIdentity => hazards::web_identity_env(env),
        _ => None,
    }
}
