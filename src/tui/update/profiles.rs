//! "Check every profile": start the sweep, follow its progress, move through
//! its table, and open one profile (Enter): the wizard then diagnoses that
//! profile and shows its problems, each of which opens its walk.

use super::{back_to_start, move_selection, start_diagnosis, Cmd};
use crate::sweep::SweepReport;
use crate::tui::app::{Model, ProfilesSweep, Screen, SweepTable};
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
        *sweep = ProfilesSweep::Done(Box::new(SweepTable {
            report,
            selected: 0,
        }));
    }
    Vec::new()
}

pub(super) fn profiles_key(model: &mut Model, action: Action) -> Vec<Cmd> {
    match action {
        Action::Back => back_to_start(model),
        Action::Rerun => return begin(model),
        Action::Up | Action::Down => {
            if let Screen::Profiles(ProfilesSweep::Done(table)) = &mut model.screen {
                let rows = table.report.rows.len();
                move_selection(&mut table.selected, rows, action);
            }
        }
        Action::Follow => return open_profile(model),
        _ => {}
    }
    Vec::new()
}

/// Enter on a row: diagnose that profile and show its problems (the
/// "check everything" summary), from which each problem opens its walk.
fn open_profile(model: &mut Model) -> Vec<Cmd> {
    let Screen::Profiles(ProfilesSweep::Done(table)) = &model.screen else {
        return Vec::new();
    };
    let Some(row) = table.report.rows.get(table.selected) else {
        return Vec::new();
    };
    let name = row.profile.clone();
    model.profile = Some(name.clone());
    // The diagnosis at hand is another profile's: the next one fills it in.
    super::open_summary(model, false);
    model.status = Some(format!(
        "Checking profile {}…",
        crate::text::shell::quote(&crate::text::sanitize::sanitize_line(&name))
    ));
    vec![start_diagnosis(model)]
}
