//! `x` at an end whose fix is a command credwiz cannot carry out itself
//! (`aws sso login`, `aws login`, `aws configure`): the command is shown
//! first; `y` hands the terminal to it and takes it back after; `n` or Esc
//! runs nothing.

use super::Cmd;
use crate::findings::FindingId;
use crate::fixes::commands::{foreground_command, shown};
use crate::tui::app::Model;
use crate::tui::keymap::Action;

/// The command the current end offers to run, as argv.
pub fn offer(model: &Model) -> Option<Vec<String>> {
    if !model.diagnosed {
        return None;
    }
    let end = model.walk_end()?;
    let profile = &model.diagnosis.profile.name;
    end.findings
        .iter()
        .filter_map(|id| FindingId::parse(id))
        .filter(|id| model.diagnosis.findings.iter().any(|f| f.id == *id))
        .find_map(|id| foreground_command(id, profile))
}

/// `x`: show the command and wait for a yes.
pub(super) fn offer_to_run(model: &mut Model) -> Vec<Cmd> {
    match offer(model) {
        Some(argv) => {
            model.status = Some(format!(
                "credwiz will run in this terminal: {} · y runs it, n or Esc does not",
                shown(&argv)
            ));
            model.handover = Some(argv);
        }
        None => {
            model.status = Some(
                "No command to run here: x runs a login or aws configure that an end names.".into(),
            );
        }
    }
    Vec::new()
}

/// While a command waits for its yes, every key comes here first.
pub(super) fn intercept(model: &mut Model, action: Action) -> Option<Vec<Cmd>> {
    let argv = model.handover.take()?;
    Some(match action {
        Action::Confirm => {
            model.status = Some(format!("Running {}…", shown(&argv)));
            vec![Cmd::RunInTerminal(argv)]
        }
        Action::Decline | Action::Back => {
            model.status = Some("Nothing was run.".into());
            Vec::new()
        }
        Action::Quit => {
            model.should_quit = true;
            Vec::new()
        }
        _ => {
            model.handover = Some(argv);
            Vec::new()
        }
    })
}

/// The command ended: say how; `r` re-runs the checks.
pub(super) fn on_ended(model: &mut Model, ended: Result<Option<i32>, String>) -> Vec<Cmd> {
    model.status = Some(match ended {
        Ok(Some(0)) => "The command finished (exit 0) · r re-runs the checks".into(),
        Ok(Some(code)) => format!("The command exited with {code} · r re-runs the checks"),
        Ok(None) => "The command was ended by a signal · r re-runs the checks".into(),
        Err(why) => format!("The command could not run: {why}"),
    });
    Vec::new()
}
