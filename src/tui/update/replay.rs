//! `v` at the end of a walk on `credwiz -- COMMAND`: the replay of the
//! command with the change of environment of the fix the walk ended on.
//! The first `v` shows the replay on the status line; only a second `v`
//! runs it (nothing is replayed without the person's word).

use super::Cmd;
use crate::engine::conclusion;
use crate::findings::Finding;
use crate::report::command::{self as view, ReplayReport};
use crate::tui::app::{Model, Screen};

/// The finding whose change of environment a replay would make here: of the
/// fix the walk ended on.
fn replayable(model: &Model) -> Option<&Finding> {
    let Screen::Walk(walk) = &model.screen else {
        return None;
    };
    let values = crate::checks::runner::walk_placeholders(&model.diagnosis, walk.session.values());
    let end = conclusion::of_session(&walk.session, &model.diagnosis, &values)?;
    model
        .diagnosis
        .findings
        .iter()
        .filter(|f| end.findings.iter().any(|id| id == f.id.as_str()))
        .find(|f| !f.env_change.is_empty())
}

/// `v`: show the replay, or (shown already) run it.
pub(super) fn on_key(model: &mut Model) -> Vec<Cmd> {
    let Some(command) = model.command.clone() else {
        model.status =
            Some("Nothing to replay: start credwiz with your command, credwiz -- COMMAND".into());
        return Vec::new();
    };
    let Some(finding) = replayable(model).cloned() else {
        model.replay_armed = false;
        model.status = Some("No fix here is a change of environment, so there is nothing to replay (at the last step of a walk).".into());
        return Vec::new();
    };
    let with = view::change_words(&finding.env_change);
    if !model.replay_armed {
        model.replay_armed = true;
        model.status = Some(format!(
            "v again to replay your command with {with}: {}",
            view::replay_line(&finding.env_change, &command.shown)
        ));
        return Vec::new();
    }
    model.replay_armed = false;
    model.status = Some(format!("Replaying your command with {with}…"));
    vec![Cmd::Replay {
        argv: command.argv,
        timeout: command.timeout,
        edits: finding.env_change,
        finding: finding.id.as_str().to_string(),
    }]
}

/// The replay finished: its result on the status line.
pub(super) fn on_replayed(model: &mut Model, report: &ReplayReport) -> Vec<Cmd> {
    let words = view::replay_lines(report);
    let first = words.lines().next().unwrap_or_default();
    let last = report.error_excerpt.lines().last().unwrap_or_default();
    model.status = Some(if report.succeeded || last.is_empty() {
        first.to_string()
    } else {
        format!("{first} {last}")
    });
    Vec::new()
}
