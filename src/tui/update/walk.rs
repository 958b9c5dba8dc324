//! Keys on a walk and on the check-everything survey.

use super::{back_to_start, move_selection, pending_check, Cmd};
use crate::engine::session::Transition;
use crate::engine::shortcut::{self, Shortcut};
use crate::playbook::model::Node;
use crate::tui::app::{Model, Screen};
use crate::tui::keymap::Action;

const END_OF_WALK: &str = "This is the end of the walk: c copies the fix, e exports, R restarts.";

pub(super) fn walk_key(model: &mut Model, action: Action) -> Vec<Cmd> {
    let Screen::Walk(walk) = &mut model.screen else {
        return Vec::new();
    };
    match action {
        Action::Up | Action::Down => match walk.session.current_node() {
            Node::Ask(ask) => move_selection(&mut walk.selected, ask.options.len(), action),
            _ if action == Action::Up => walk.scroll = walk.scroll.saturating_sub(1),
            _ => walk.scroll = walk.scroll.saturating_add(1).min(walk.scroll_limit.get()),
        },
        Action::Back => {
            if !walk.session.back() {
                back_to_start(model);
                return Vec::new();
            }
            walk.entered();
            walk.passing = false;
            model.status = None;
        }
        Action::Restart => {
            walk.session.restart();
            walk.entered();
            walk.passing = true;
            model.status = Some("Restarted from the first step.".into());
        }
        Action::Follow => follow(model),
        _ => {}
    }
    pending_check(model).into_iter().collect()
}

/// True when the diagnosis has ended the walk before an end node (see
/// `engine::shortcut`): the page shows the conclusion, nothing is asked.
pub(super) fn settled(model: &Model) -> bool {
    matches!(&model.screen, Screen::Walk(walk)
        if model.diagnosed && shortcut::at(&walk.session, &model.diagnosis) == Shortcut::Settled)
}

/// The library index of the playbook the current end hands over to.
fn handover_index(model: &Model) -> Option<usize> {
    let next = model.walk_end()?.handover?;
    model.library.iter().position(|p| p.id == next)
}

/// Enter on a walk: take the branch the evidence chose, or the highlighted answer.
pub(super) fn follow(model: &mut Model) {
    if settled(model) {
        model.status = Some(END_OF_WALK.into());
        return;
    }
    let Screen::Walk(walk) = &mut model.screen else {
        return;
    };
    let transition = match walk.session.current_node() {
        Node::Check(_) => match &walk.evidence {
            Some(evidence) => {
                let outcome = evidence.outcome;
                walk.session
                    .on_check_result(walk.session.generation(), outcome)
            }
            None => {
                model.status =
                    Some("Still checking; the branch is taken once the result is in.".into());
                return;
            }
        },
        Node::Ask(ask) => match ask.options.get(walk.selected) {
            Some(option) => {
                let id = option.id.clone();
                walk.session.answer(&id)
            }
            None => return,
        },
        // Enter at an input node submits the value (see `input.rs`).
        Node::Input(_) => return,
        Node::End(_) => {
            // An end that hands over: Enter goes on with the next walk.
            match handover_index(model) {
                Some(index) => {
                    let _ = super::start::begin_walk(model, index);
                }
                None => model.status = Some(END_OF_WALK.into()),
            }
            return;
        }
    };
    match transition {
        Transition::Moved { .. } => {
            let left_with = walk.evidence.take();
            walk.trail.push(left_with);
            walk.entered();
            walk.passing = true;
            model.status = None;
        }
        Transition::NoBranch { .. } => {
            model.status = Some("The playbook has no next step for this result.".into());
        }
        Transition::BrokenTarget { target } => {
            model.status = Some(format!(
                "The playbook leads to \"{target}\", which does not exist."
            ));
        }
        _ => model.status = Some("Nothing to follow here.".into()),
    }
}
