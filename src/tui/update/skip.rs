//! `s`: stop waiting for the network probes; and which keys do something on
//! the screen that is up (the footer shows only those).

use super::{pending_check, Cmd};
use crate::tui::app::{Model, Screen};
use crate::tui::keymap::Action;

/// True while the walk waits for a network probe that `s` can skip.
pub fn can_skip(model: &Model) -> bool {
    matches!(&model.screen, Screen::Walk(walk) if walk.waiting())
        && model.diagnosing
        && model.local.is_some()
}

/// `s`: stop waiting for the network. The walk goes on from the local facts;
/// this step and every later one that needed the network is "not tried".
pub(super) fn skip_network(model: &mut Model) -> Vec<Cmd> {
    if !can_skip(model) {
        model.status = Some("Nothing to skip: no step is waiting for the network.".into());
        return Vec::new();
    }
    let Some(local) = model.local.take() else {
        return Vec::new();
    };
    model.diagnosis = local;
    model.diagnosing = false;
    model.diagnosed = true;
    model.network_skipped = true;
    if let Screen::Walk(walk) = &mut model.screen {
        walk.skipped_here = true;
    }
    model.status = Some(
        "Skipped the network probes: going on from what is on this machine (r tries them again)."
            .into(),
    );
    let mut cmds = vec![Cmd::CancelDiagnosis];
    cmds.extend(pending_check(model));
    cmds
}

/// True when the key of `action` does something on the screen that is up:
/// the footer shows only those.
pub fn available(model: &Model, action: Action) -> bool {
    let on_start = matches!(model.screen, Screen::Start(_));
    match action {
        Action::CopyFix => !super::fix_lines(model).is_empty(),
        Action::Skip => can_skip(model),
        Action::Back | Action::Restart => !on_start,
        Action::Paste => on_start,
        _ => true,
    }
}
