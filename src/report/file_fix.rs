//! The words around a file fix, for `credwiz fix` and the wizard's `f`/`y`:
//! why there is no edit, what was written and how to undo it.

use crate::findings::FindingId;
use crate::fixes::{ApplyError, NoEdit, PlanError, Written};
use crate::text::shell::quote;

/// Every id `credwiz fix` can repair, comma-separated.
pub fn fixable_list() -> String {
    crate::fixes::FIXABLE
        .iter()
        .map(|id| id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What was written and how to take it back.
pub fn written(done: &Written) -> String {
    match &done.backup {
        Some(backup) => format!(
            "Wrote {} (the old file is kept as {backup}). To undo: {}",
            done.shown, done.undo
        ),
        None => format!("Created {}. To undo: {}", done.shown, done.undo),
    }
}

/// Why a file was not written; `again` says how to look once more.
pub fn apply_error(error: &ApplyError, again: &str) -> String {
    match error {
        ApplyError::Changed { shown } => format!(
            "{shown} changed after credwiz read it, so nothing was written to it. Look at it again: {again}"
        ),
        ApplyError::Io { shown, error } => {
            format!("{shown} could not be written ({error}); it is unchanged.")
        }
    }
}

/// Why there is no plan; `finding_fix` is the finding's own fix, shown
/// where credwiz cannot apply it itself.
pub fn plan_error(
    id: FindingId,
    profile: &str,
    error: &PlanError,
    finding_fix: Option<&str>,
) -> String {
    match error {
        PlanError::NoFinding => format!(
            "No {id} finding for profile {}: nothing to fix.",
            quote(profile)
        ),
        PlanError::NotAFileFix => match finding_fix {
            Some(fix) => format!("credwiz cannot repair {id} by editing a file; the fix is: {fix}"),
            None => format!(
                "credwiz cannot repair {id} by editing a file; ids it can: {}",
                fixable_list()
            ),
        },
        PlanError::NothingToEdit(skipped) => {
            let reasons: Vec<String> = skipped
                .iter()
                .map(|(shown, why)| format!("{shown}: {}", no_edit(why)))
                .collect();
            format!("Nothing to write for {id}: {}", reasons.join("; "))
        }
        PlanError::Unreadable { shown, problem } => {
            format!("{shown} cannot be read for a fix ({problem}); it is unchanged.")
        }
    }
}

/// Why one place was left alone.
pub fn no_edit(why: &NoEdit) -> String {
    match why {
        NoEdit::NotAFileFix => "this finding is not fixed by editing a file".into(),
        NoEdit::Needs(option) => format!("the fix needs a value: give {option}"),
        NoEdit::BadValue(option) => format!("the value of {option} is not a region name"),
        NoEdit::LineChanged(line) => format!(
            "line {line} is not what the finding saw, or cannot be changed safely; edit it by hand"
        ),
        NoEdit::NothingToChange => "it already reads as the fix would write it".into(),
        NoEdit::NoGuess => "no existing name is close enough to say which was meant".into(),
    }
}
