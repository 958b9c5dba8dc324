//! A file the Rust walk stopped at because reading it would block (a FIFO,
//! a device). botocore and the Node.js SDK open the same token or SSO cache
//! file just as blindly, so a lens that would read it gets the same answer:
//! the program waits there, it never resolves.

use super::{LensAnswer, LensInputs, Verdict};
use crate::inputs::files::display_path;

/// The error type a lens reports for a read that never ends: neither SDK
/// raises anything, the program just waits.
pub const WOULD_BLOCK: &str = "WouldBlock";

/// `answer`, or the blocked read when it waits on the remote answer of the
/// same source the Rust walk found blocked.
pub(crate) fn apply(answer: LensAnswer, inputs: &LensInputs<'_>) -> LensAnswer {
    let (Some(file), rust) = (inputs.blocked, inputs.rust) else {
        return answer;
    };
    let same_source = answer.source.is_some()
        && answer.source == rust.source
        && (!answer.source.is_some_and(super::SourceKind::uses_profile)
            || answer.profile == rust.profile);
    if answer.verdict != Verdict::Unverified || rust.verdict != Verdict::Failed || !same_source {
        return answer;
    }
    let mut blocked = LensAnswer::failed(
        answer.profile.as_deref().unwrap_or("default"),
        WOULD_BLOCK,
        format!(
            "would wait forever reading {}: {}",
            display_path(&file.path),
            file.problem
        ),
    );
    blocked.profile = answer.profile.clone();
    blocked.provider = answer.provider.clone();
    blocked.source = answer.source;
    blocked.rules = answer.rules;
    blocked.borrowed_from_rust = true;
    blocked
}
