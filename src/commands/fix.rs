//! `credwiz fix FINDING_ID`: diagnose offline, plan the file edit that
//! repairs the finding, show it as a diff, and write it only with `--yes`.

use crate::cli::FixArgs;
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::findings::FindingId;
use crate::fixes::{self, ApplyError, FixInputs, NoEdit, PlanError};
use crate::inputs::environment::EnvSnapshot;
use crate::text::output::{write_or_exit, Stream};
use crate::text::shell::quote;

/// Runs `credwiz fix`; returns the exit code (0 shown or written, 1 not
/// repaired, 2 usage).
pub async fn fix(args: &FixArgs) -> i32 {
    let Some(id) = FindingId::parse(args.finding.trim()) else {
        say_err(&format!(
            "credwiz fix: unknown finding id {}; ids credwiz can repair in a file: {}",
            quote(&crate::text::sanitize::sanitize_line(&args.finding)),
            fixable_list()
        ));
        return 2;
    };
    let env = EnvSnapshot::capture();
    let inputs = Inputs::gather(env, args.profile.as_deref());
    // Offline: what a file fix repairs is read from the files alone.
    let request = DiagnoseRequest {
        profile: args.profile.clone(),
        offline: true,
        ..DiagnoseRequest::default()
    };
    let diagnosis = diagnose(&request, &inputs).await;
    let fix_inputs = FixInputs {
        region: args.region.clone(),
    };
    let scrub = |text: &str| inputs.scrubber.scrub(text).into_owned();
    let plan = match fixes::plan(
        id,
        &diagnosis.findings,
        args.profile.as_deref(),
        &fix_inputs,
        &inputs.scrubber,
    ) {
        Ok(plan) => plan,
        Err(error) => {
            let finding_fix = diagnosis
                .findings
                .iter()
                .find(|f| f.id == id)
                .map(|f| scrub(&f.fix));
            say_err(&scrub(&plan_error(
                id,
                &diagnosis.profile.name,
                &error,
                finding_fix,
            )));
            return if error == PlanError::NoFinding { 0 } else { 1 };
        }
    };
    for file in &plan.files {
        say(&scrub(&file.diff));
    }
    for (shown, why) in &plan.skipped {
        say(&format!("Left alone in {shown}: {}", no_edit(why)));
    }
    if !args.yes {
        say(&format!(
            "Nothing was written. To write this change (a backup of each file is kept): {}",
            command_line(id, args)
        ));
        return 0;
    }
    match fixes::apply(&plan) {
        Ok(written) => {
            for done in &written {
                say(&scrub(&written_line(done)));
            }
            0
        }
        Err((written, error)) => {
            for done in &written {
                say(&scrub(&written_line(done)));
            }
            say_err(&scrub(&apply_error(&error, id, args)));
            1
        }
    }
}

fn say(text: &str) {
    write_or_exit(Stream::Stdout, text.trim_end_matches('\n'), true);
}

fn say_err(text: &str) {
    write_or_exit(Stream::Stderr, text.trim_end_matches('\n'), true);
}

fn fixable_list() -> String {
    fixes::FIXABLE
        .iter()
        .map(|id| id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `credwiz fix ID --profile P --region R --yes`, values quoted.
fn command_line(id: FindingId, args: &FixArgs) -> String {
    let mut line = format!("credwiz fix {id}");
    if let Some(profile) = &args.profile {
        line.push_str(&format!(" --profile {}", quote(profile)));
    }
    if let Some(region) = &args.region {
        line.push_str(&format!(" --region {}", quote(region)));
    }
    line.push_str(" --yes");
    line
}

/// What was written and how to take it back.
pub fn written_line(done: &fixes::Written) -> String {
    match &done.backup {
        Some(backup) => format!(
            "Wrote {} (the old file is kept as {backup}). To undo: {}",
            done.shown, done.undo
        ),
        None => format!("Created {}. To undo: {}", done.shown, done.undo),
    }
}

fn apply_error(error: &ApplyError, id: FindingId, args: &FixArgs) -> String {
    match error {
        ApplyError::Changed { shown } => format!(
            "{shown} changed after credwiz read it, so nothing was written to it. Look at it again and re-run: {}",
            command_line(id, args)
        ),
        ApplyError::Io { shown, error } => {
            format!("{shown} could not be written ({error}); it is unchanged.")
        }
    }
}

fn plan_error(id: FindingId, profile: &str, error: &PlanError, fix: Option<String>) -> String {
    match error {
        PlanError::NoFinding => format!(
            "No {id} finding for profile {}: nothing to fix.",
            quote(profile)
        ),
        PlanError::NotAFileFix => match fix {
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

fn no_edit(why: &NoEdit) -> String {
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
