//! `credwiz -- COMMAND`: the wizard on the user's command. The command runs
//! first, before the wizard takes the screen, with its output passed through
//! to the terminal as it runs: a full-screen wizard would hide it, and a
//! pane for it would have to emulate a terminal. Its output is then the
//! wizard's pasted error, and the program that ran decides the lens.

use super::user_command;
use crate::cli::Cli;
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::program::{Program, Sdk};
use crate::report::command as view;
use crate::text::output::print_report;

/// Runs the command; what the wizard (`tui::run_with`) starts with, or the
/// exit code when there is nothing for it to do (the command worked, a
/// signal, no terminal).
pub async fn wizard_start(cli: &Cli) -> Result<view::WizardStart, i32> {
    use std::io::IsTerminal;
    // Nothing is run for a wizard that cannot open.
    if !std::io::stdin().is_terminal() {
        crate::text::output::eprint_line("credwiz: the wizard needs an interactive terminal; for scripts use `credwiz check -- COMMAND` or `credwiz run --accept-detected -- COMMAND`");
        return Err(2);
    }
    if cli.user_command.verify || cli.user_command.aws_debug {
        // Said, not ignored: in the wizard the replay is a key (v, twice).
        crate::text::output::eprint_line("credwiz: --verify and --aws-debug belong to `credwiz check -- COMMAND` and `credwiz run -- COMMAND`; in the wizard press v at the end of the walk to replay");
        return Err(2);
    }
    let inputs = Inputs::gather(EnvSnapshot::capture(), None);
    let mut first = None;
    let code = super::supervised::until_signal_on_terminal(async {
        first = Some(user_command::first_run(&cli.user_command, &inputs).await);
        0
    })
    .await;
    let Some(first) = first.filter(|_| code == 0) else {
        return Err(code);
    };
    if first.run.succeeded() {
        let diagnosis = diagnose(&DiagnoseRequest::default(), &inputs).await;
        let text = format!(
            "{}\n{}",
            view::human_lines(&first.report, cli.user_command.command_timeout),
            view::worked_lines(&diagnosis)
        );
        print_report(&inputs.scrubber.scrub(&text), false);
        return Err(0);
    }
    let language = &first.report.language;
    let program = match language.sdk {
        Some(Sdk::Python) if language.aws_cli => Some(Program::AwsCli),
        Some(Sdk::Python) => Some(Program::Boto3),
        Some(Sdk::Node) => Some(Program::Node),
        Some(Sdk::Rust) => Some(Program::Rust),
        None => None,
    };
    Ok(view::WizardStart {
        text: first.run.tail.clone(),
        program,
        shown: first.report.argv.clone(),
        argv: first.argv.clone(),
        timeout: std::time::Duration::from_secs(cli.user_command.command_timeout.max(1)),
    })
}
