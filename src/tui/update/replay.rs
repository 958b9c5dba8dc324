//! `v` at the end of a walk on `credwiz -- COMMAND`: the replay of the
//! command with the fix the walk ended on — its change of environment, or
//! the file fix written with `f` and `y`. The first `v` shows the replay on
//! the status line; only a second `v` runs it (nothing is replayed without
//! the person's word).

use super::Cmd;
use crate::findings::EnvEdit;
use crate::report::command::{self as view, ReplayReport};
use crate::tui::app::Model;

/// What a replay here would run with.
struct Replay {
    edits: Vec<EnvEdit>,
    /// The file a written fix changed (then `edits` is empty).
    file: Option<String>,
    finding: String,
}

impl Replay {
    fn words(&self) -> String {
        view::fix_words(self.file.as_deref(), &self.edits)
    }
}

/// The fix a replay would make here: the change of environment of the fix
/// the walk ended on, else the file fix written in this session.
fn replayable(model: &Model) -> Option<Replay> {
    let end = model.walk_end()?;
    let env = model
        .diagnosis
        .findings
        .iter()
        .filter(|f| end.findings.iter().any(|id| id == f.id.as_str()))
        .find(|f| !f.env_change.is_empty())
        .map(|f| Replay {
            edits: f.env_change.clone(),
            file: None,
            finding: f.id.as_str().to_string(),
        });
    env.or_else(|| {
        model.fixed_file.as_ref().map(|fixed| Replay {
            edits: Vec::new(),
            file: Some(fixed.shown.clone()),
            finding: fixed.finding.as_str().to_string(),
        })
    })
}

/// `v`: show the replay, or (shown already) run it.
pub(super) fn on_key(model: &mut Model) -> Vec<Cmd> {
    let Some(command) = model.command.clone() else {
        model.status =
            Some("Nothing to replay: start credwiz with your command, credwiz -- COMMAND".into());
        return Vec::new();
    };
    let Some(replay) = replayable(model) else {
        model.replay_armed = false;
        model.status = Some("No fix here changes the environment or a file yet, so there is nothing to replay (at the last step of a walk; f writes a file fix).".into());
        return Vec::new();
    };
    let with = replay.words();
    if !model.replay_armed {
        model.replay_armed = true;
        model.status = Some(format!(
            "v again to replay your command with {with}: {}",
            view::replay_line(&replay.edits, &command.shown)
        ));
        return Vec::new();
    }
    model.replay_armed = false;
    model.status = Some(format!("Replaying your command with {with}…"));
    vec![Cmd::Replay {
        argv: command.argv,
        timeout: command.timeout,
        edits: replay.edits,
        file: replay.file,
        finding: replay.finding,
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
