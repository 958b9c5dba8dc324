//! Keys and pastes at an input node: the person types a value (a bucket, an
//! account id, the error text), credwiz checks it against the playbook's
//! pattern, and a value the live checks need starts a new diagnosis.

use super::{pending_check, start_diagnosis, Cmd};
use crate::engine::session::Transition;
use crate::inputs::error_facts;
use crate::playbook::model::Node;
use crate::text::mask::redact_secret_shaped;
use crate::tui::app::{Model, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// True when the walk is at an input node.
pub(super) fn at_input(model: &Model) -> bool {
    matches!(&model.screen, Screen::Walk(walk) if matches!(walk.session.current_node(), Node::Input(_)))
        && !super::walk::settled(model)
}

/// A key at an input node. None when the key is not about the value (the
/// global keys then apply: help, copy, export, rerun with Ctrl).
pub(super) fn input_key(model: &mut Model, key: KeyEvent) -> Option<Vec<Cmd>> {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    if control && key.code == KeyCode::Char('c') {
        model.should_quit = true;
        return Some(Vec::new());
    }
    let Screen::Walk(walk) = &mut model.screen else {
        return None;
    };
    match key.code {
        KeyCode::Char(c) if !control => {
            walk.input.push(c);
            walk.input_from = None;
            walk.input_error = None;
        }
        KeyCode::Backspace if !walk.input.is_empty() => {
            walk.input.pop();
            walk.input_from = None;
            walk.input_error = None;
        }
        KeyCode::Enter => return Some(submit(model)),
        // Esc, Backspace on an empty value, arrows: the walk's own keys.
        _ => return None,
    }
    Some(Vec::new())
}

/// A bracketed paste at an input node: the text goes into the value; an
/// error text pasted here is also read for its facts.
pub(super) fn on_paste(model: &mut Model, text: &str) -> Vec<Cmd> {
    let facts = error_facts::extract(text);
    let Screen::Walk(walk) = &mut model.screen else {
        return Vec::new();
    };
    if let Node::Input(input) = walk.session.current_node() {
        if input.name == "error_text" {
            model.error_facts.merge(facts);
        }
    }
    walk.input
        .push_str(&redact_secret_shaped(text.trim_end_matches(['\n', '\r'])));
    walk.input_from = None;
    walk.input_error = None;
    Vec::new()
}

/// Enter at an input node.
fn submit(model: &mut Model) -> Vec<Cmd> {
    let Screen::Walk(walk) = &mut model.screen else {
        return Vec::new();
    };
    let Node::Input(input) = walk.session.current_node() else {
        return Vec::new();
    };
    let name = input.name.clone();
    let value = walk.input.trim().to_string();
    let before = walk.session.values().get(&name).cloned();
    match walk.session.submit(&value) {
        Transition::Moved { .. } => {
            walk.trail.push(None);
            walk.entered();
            model.status = None;
        }
        Transition::Rejected { reason } => {
            walk.input_error = Some(reason);
            return Vec::new();
        }
        other => {
            model.status = Some(format!("Nothing to follow ({other:?})."));
            return Vec::new();
        }
    }
    if name == "error_text" && !value.is_empty() {
        model.error_facts.merge(error_facts::extract(&value));
        model.error_text = Some(redact_secret_shaped(&value).into_owned());
    }
    let after = match &model.screen {
        Screen::Walk(walk) => walk.session.values().get(&name).cloned(),
        _ => None,
    };
    // The live checks take the value: run them again on it.
    if after != before {
        return vec![start_diagnosis(model)];
    }
    pending_check(model).into_iter().collect()
}
