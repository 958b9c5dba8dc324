//! Keys on "check everything": it opens on the summary (the report's
//! findings, problems first), where Enter on a finding opens the walk that
//! explains it and the last line pages through every check; the check
//! pages lead back to the summary.

use super::{back_to_start, move_selection, start::begin_walk, Cmd};
use crate::checks::registry::CHECKS;
use crate::tui::app::{Model, Screen};
use crate::tui::keymap::Action;

pub(super) fn survey_key(model: &mut Model, action: Action) -> Vec<Cmd> {
    let findings = model.diagnosis.findings.len();
    let Screen::Survey(survey) = &mut model.screen else {
        return Vec::new();
    };
    let summary = CHECKS.len();
    if survey.position >= summary {
        // One line per finding, then "every check, one page each".
        match action {
            Action::Up | Action::Down => move_selection(&mut survey.selected, findings + 1, action),
            Action::Follow if survey.selected >= findings => {
                survey.position = 0;
                survey.scroll = 0;
            }
            Action::Follow => return open_walk_for(model),
            Action::Back => back_to_start(model),
            _ => {}
        }
        return Vec::new();
    }
    match action {
        Action::Up | Action::Back => {
            // Back from the first page returns to the summary.
            survey.position = survey.position.checked_sub(1).unwrap_or(summary);
            survey.scroll = 0;
        }
        Action::Down | Action::Follow => {
            survey.position += 1;
            survey.scroll = 0;
        }
        Action::Restart => {
            survey.position = summary;
            survey.scroll = 0;
        }
        _ => {}
    }
    Vec::new()
}

/// Enter on a finding of the summary: the first playbook that explains it.
fn open_walk_for(model: &mut Model) -> Vec<Cmd> {
    let Screen::Survey(survey) = &model.screen else {
        return Vec::new();
    };
    let Some(finding) = model.diagnosis.findings.get(survey.selected) else {
        return Vec::new();
    };
    let id = finding.id.as_str();
    let explaining = model.library.iter().position(|p| p.explains(id));
    match explaining {
        Some(index) => begin_walk(model, index),
        None => {
            model.status =
                Some("No walk explains this one: its fix is shown under it.".to_string());
            Vec::new()
        }
    }
}
