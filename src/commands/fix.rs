//! `credwiz fix FINDING_ID`: diagnose offline, plan the file edit that
//! repairs the finding, show it as a diff, and write it only with `--yes`.

use crate::cli::FixArgs;
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::findings::FindingId;
use crate::fixes::{self, FixInputs, PlanError};
use crate::inputs::environment::EnvSnapshot;
use crate::report::file_fix as words;
use crate::text::output::{write_or_exit, Stream};
use crate::text::shell::quote;

/// Runs `credwiz fix`; returns the exit code (0 shown or written, 1 not
/// repaired, 2 usage).
pub async fn fix(args: &FixArgs) -> i32 {
    let Some(id) = FindingId::parse(args.finding.trim()) else {
        say_err(&format!(
            "credwiz fix: unknown finding id {}; ids credwiz can repair in a file: {}",
            quote(&crate::text::sanitize::sanitize_line(&args.finding)),
            words::fixable_list()
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
            say_err(&scrub(&words::plan_error(
                id,
                &diagnosis.profile.name,
                &error,
                finding_fix.as_deref(),
            )));
            return if error == PlanError::NoFinding { 0 } else { 1 };
        }
    };
    for file in &plan.files {
        say(&scrub(&file.diff));
    }
    for (shown, why) in &plan.skipped {
        say(&format!("Left alone in {shown}: {}", words::no_edit(why)));
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
                say(&scrub(&words::written(done)));
            }
            0
        }
        Err((written, error)) => {
            for done in &written {
                say(&scrub(&words::written(done)));
            }
            say_err(&scrub(&words::apply_error(&error, &command_line(id, args))));
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
