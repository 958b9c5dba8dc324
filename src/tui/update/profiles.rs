//! "Check every profile": start the sweep, follow its progress, go back.

use super::{back_to_start, Cmd};
use crate::sweep::SweepReport;
use crate::tui::app::{Model, ProfilesSweep, Screen};
use crate::tui::keymap::Action;

/// Opens the sweep screen and starts the sweep.
pub(super) fn begin(model: &mut Model) -> Vec<Cmd> {
    model.screen = Screen::Profiles(ProfilesSweep::Running { done: 0, total: 0 });
    model.status = None;
    vec![Cmd::SweepProfiles]
}

pub(super) fn on_progress(model: &mut Model, done: usize, total: usize) -> Vec<Cmd> {
    // A sweep left behind with Esc still reports; only its own screen listens.
    if let Screen::Profiles(sweep @ ProfilesSweep::Running { .. }) = &mut model.screen {
        *sweep = ProfilesSweep::Running { done, total };
    }
    Vec::new()
}

pub(super) fn on_swept(model: &mut Model, report: SweepReport) -> Vec<Cmd> {
    if let Screen::Profiles(sweep @ ProfilesSweep::Running { .. }) = &mut model.screen {
        *sweep = ProfilesSweep::Done(Box::new(report));
    }
    Vec::new()
}

pub(super) fn profiles_key(model: &mut Model, action: Action) -> Vec<Cmd> {
    match action {
        Action::Back => back_to_start(model),
        Action::Rerun => return begin(model),
        _ => {}
    }
    Vec::new()
}
