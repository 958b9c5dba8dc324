//! Keys and pastes on the start screen: the menu, the paste box, triage.

use super::{move_selection, pending_check, start_diagnosis, Cmd};
use crate::engine::session::Session;
use crate::inputs::error_facts::extract;
use crate::text::mask::redact_secret_shaped;
use crate::tui::app::{Model, Screen, StartItem, Triage, Walk};
use crate::tui::keymap::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) fn on_paste(model: &mut Model, text: &str) -> Vec<Cmd> {
    let Screen::Start(start) = &mut model.screen else {
        return Vec::new();
    };
    // Facts come from the raw paste (each cleaned on its own); the text
    // itself may carry a token or signature and is never kept verbatim.
    start.pasted_facts.merge(extract(text));
    let clean = redact_secret_shaped(text).into_owned();
    start.paste.get_or_insert_with(String::new).push_str(&clean);
    Vec::new()
}

pub(super) fn paste_box_key(model: &mut Model, key: KeyEvent) -> Vec<Cmd> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        model.should_quit = true;
        return Vec::new();
    }
    let Screen::Start(start) = &mut model.screen else {
        return Vec::new();
    };
    let Some(text) = start.paste.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Char(c) => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Esc => {
            start.paste = None;
            *start.pasted_facts = Default::default();
        }
        KeyCode::Enter => return submit_paste(model),
        _ => {}
    }
    Vec::new()
}

/// Triage: pick the playbooks whose codes or phrases occur in the pasted text.
pub(super) fn submit_paste(model: &mut Model) -> Vec<Cmd> {
    let items = model.start_items();
    let Screen::Start(start) = &mut model.screen else {
        return Vec::new();
    };
    let text = start.paste.take().unwrap_or_default();
    let mut facts = *std::mem::take(&mut start.pasted_facts);
    // What was typed rather than pasted is read here.
    facts.merge(extract(&text));
    let text = redact_secret_shaped(text.trim()).into_owned();
    if text.is_empty() {
        return Vec::new();
    }
    let picked: Vec<String> = model
        .library
        .triage(&text)
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let triage = match crate::playbook::triage::from_text(&model.library, &text) {
        Some(found) => {
            start.selected = position_of(&model.library, &items, &found.playbook);
            Triage {
                picked,
                reason: format!("{} Press Enter to start.", found.reason),
                from_diagnosis: false,
                awaiting_diagnosis: false,
            }
        }
        // The diagnosis this paste starts decides (see `settle_triage`);
        // until then "check everything" is the one honest choice.
        None => {
            start.selected = items
                .iter()
                .position(|i| *i == StartItem::Everything)
                .unwrap_or(0);
            Triage {
            picked,
            reason: "No playbook matched the text of your error; choosing a walk from what credwiz finds on this machine…".into(),
                from_diagnosis: true,
                awaiting_diagnosis: true,
            }
        }
    };
    start.triage = Some(triage);
    // The error text and its facts feed the diagnosis and the walk.
    model.error_text = Some(text);
    model.error_facts = facts;
    vec![start_diagnosis(model)]
}

/// A paste no playbook knew gets its walk from the diagnosis, once that is
/// in: the same choice `credwiz run --error-text` makes.
pub(super) fn settle_triage(model: &mut Model) {
    let items = model.start_items();
    let Screen::Start(start) = &mut model.screen else {
        return;
    };
    let Some(triage) = start.triage.as_mut().filter(|t| t.awaiting_diagnosis) else {
        return;
    };
    let Some(found) = crate::playbook::triage::from_diagnosis(&model.library, &model.diagnosis)
    else {
        return;
    };
    start.selected = position_of(&model.library, &items, &found.playbook);
    triage.picked = vec![found.playbook];
    triage.reason = format!("{} Press Enter to start.", found.reason);
    triage.awaiting_diagnosis = false;
}

/// The menu line of the playbook `id` (the first line when it has none).
fn position_of(library: &crate::playbook::Library, items: &[StartItem], id: &str) -> usize {
    let index = library.iter().position(|p| p.id == id);
    items
        .iter()
        .position(|i| Some(*i) == index.map(StartItem::Playbook))
        .unwrap_or(0)
}

pub(super) fn start_key(model: &mut Model, action: Action) -> Vec<Cmd> {
    let items = model.start_items();
    let Screen::Start(start) = &mut model.screen else {
        return Vec::new();
    };
    match action {
        Action::Up | Action::Down => move_selection(&mut start.selected, items.len(), action),
        Action::Paste => open_paste_box(start),
        Action::Follow => match items.get(start.selected) {
            Some(StartItem::Playbook(index)) => return begin_walk(model, *index),
            Some(StartItem::Paste) => open_paste_box(start),
            Some(StartItem::AllProfiles) => return super::profiles::begin(model),
            Some(StartItem::Everything) => {
                let ready = model.diagnosed && !model.diagnosing;
                super::open_summary(model, ready);
                model.status = None;
            }
            None => {}
        },
        _ => {}
    }
    Vec::new()
}

pub(super) fn begin_walk(model: &mut Model, index: usize) -> Vec<Cmd> {
    let Some(playbook) = model.library.iter().nth(index) else {
        return Vec::new();
    };
    match Session::new(playbook) {
        Ok(mut session) => {
            session.set_error_facts(model.error_facts.clone());
            model.screen = Screen::Walk(Box::new(Walk::new(session)));
            model.status = None;
            pending_check(model).into_iter().collect()
        }
        Err(e) => {
            model.status = Some(e.to_string());
            Vec::new()
        }
    }
}

fn open_paste_box(start: &mut crate::tui::app::Start) {
    start.paste = Some(String::new());
    *start.pasted_facts = Default::default();
}

/// The first commands of a wizard started on a command credwiz ran
/// (`credwiz -- COMMAND`): its output is pasted and submitted, and the
/// program that ran, when known, decides the lens over the text's words.
pub fn init_with_error(
    model: &mut Model,
    text: &str,
    program: Option<crate::inputs::program::Program>,
) -> Vec<Cmd> {
    if let Screen::Start(start) = &mut model.screen {
        start.paste = Some(String::new());
    }
    on_paste(model, text);
    if let (Some(program), Screen::Start(start)) = (program, &mut model.screen) {
        start.pasted_facts.program = Some(program);
    }
    let cmds = submit_paste(model);
    if cmds.is_empty() {
        return super::init(model);
    }
    cmds
}
