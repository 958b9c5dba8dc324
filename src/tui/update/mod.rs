//! Msg → new state, plus the commands the runtime should carry out. Pure: no
//! terminal, no clock, no network; the tests drive it with plain values.

use crate::checks::registry::Mark;
use crate::checks::registry::CHECKS;
use crate::checks::runner::{self, Evidence};
use crate::diagnosis::{DiagnoseRequest, Diagnosis};
use crate::engine::session::Transition;
use crate::engine::shortcut::{self, Shortcut};
use crate::playbook::model::Node;
use crate::tui::app::{Model, Screen, Start};
use crate::tui::keymap::{action_for, Action};
use crate::tui::transcript;
use crossterm::event::{KeyEvent, KeyEventKind};

mod copy;
pub mod file_fix;
pub mod handover;
mod input;
mod messages;
mod profiles;
mod replay;
mod skip;
mod start;
mod survey;
mod walk;

use copy::copy_fix;
pub use copy::fix_lines;
pub use messages::{Cmd, Msg};
use skip::skip_network;
pub use skip::{available, can_skip};
pub use start::init_with_error;

/// The commands to start with: the first diagnosis, so the panel fills in
/// while the person reads the start screen.
pub fn init(model: &mut Model) -> Vec<Cmd> {
    vec![start_diagnosis(model)]
}

/// Applies one message.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
        Msg::Key(key) => on_key(model, key),
        Msg::Paste(text) => {
            let text = crate::text::sanitize::unix_line_ends(&text);
            if input::at_input(model) {
                input::on_paste(model, &text)
            } else {
                start::on_paste(model, &text)
            }
        }
        Msg::Resize(..) => Vec::new(),
        Msg::Tick => {
            model.tick = model.tick.wrapping_add(1);
            Vec::new()
        }
        Msg::Diagnosed {
            generation,
            diagnosis,
        } => on_diagnosis(model, generation, *diagnosis),
        Msg::LocalDiagnosed {
            generation,
            diagnosis,
        } => {
            if generation != model.diagnosis_generation || !model.diagnosing {
                return Vec::new();
            }
            model.local = Some(*diagnosis);
            pending_check(model).into_iter().collect()
        }
        Msg::DiagnosisFailed { generation, error } => {
            if generation == model.diagnosis_generation {
                model.diagnosing = false;
                model.status = Some(format!("The diagnosis could not run: {error}"));
            }
            Vec::new()
        }
        Msg::Checked {
            session_generation,
            diagnosis_generation,
            evidence,
        } => on_checked(model, session_generation, diagnosis_generation, evidence),
        Msg::SweepProgress(done, total) => profiles::on_progress(model, done, total),
        Msg::Swept(report) => profiles::on_swept(model, *report),
        Msg::Exported(Ok(path)) => {
            model.status = Some(format!("Transcript saved to {}", path.display()));
            Vec::new()
        }
        Msg::Exported(Err(e)) => {
            model.status = Some(format!("Could not save the transcript: {e}"));
            Vec::new()
        }
        Msg::FixPlanned(planned) => file_fix::on_planned(model, planned),
        Msg::FixApplied(applied) => file_fix::on_applied(model, applied),
        Msg::RanInTerminal(ended) => handover::on_ended(model, ended),
        Msg::Replayed(report) => replay::on_replayed(model, &report),
        Msg::Terminate => {
            model.should_quit = true;
            Vec::new()
        }
    }
}

fn start_diagnosis(model: &mut Model) -> Cmd {
    model.diagnosis_generation += 1;
    model.diagnosing = true;
    model.local = None;
    model.network_skipped = false;
    model.diagnosis_started = model.tick;
    Cmd::Diagnose {
        generation: model.diagnosis_generation,
        request: Box::new(diagnose_request(model)),
    }
}

/// What the next diagnosis is asked: the pasted error and its facts, and the
/// values typed during the walk (the bucket to probe, the expected account).
fn diagnose_request(model: &Model) -> DiagnoseRequest {
    let typed = match &model.screen {
        Screen::Walk(walk) => walk.session.values().clone(),
        _ => Default::default(),
    };
    DiagnoseRequest {
        profile: model.profile.clone(),
        error_text: model.error_text.clone(),
        error_facts: model.error_facts.clone(),
        s3_bucket: typed.get("bucket").cloned(),
        s3_key: typed.get("key").cloned(),
        expect_account: typed.get("expected_account").cloned(),
        sdk: match &model.screen {
            Screen::Walk(walk) => walk.session.lens(),
            _ => None,
        },
        ..DiagnoseRequest::default()
    }
}

/// On a walk, the panel, `{sdk}` and the lens checks follow the lens the
/// walk chose (or, without a choice, what the pasted error reveals): the
/// diagnosis at hand is led by it again, without probing anything.
fn follow_lens(model: &mut Model) {
    if matches!(model.screen, Screen::Walk(_)) {
        lead_as_requested(model);
    }
}

/// Leads the diagnosis at hand with the lens the next request would ask for.
fn lead_as_requested(model: &mut Model) {
    let lead = crate::diagnosis::lead_for(&diagnose_request(model));
    if model.diagnosis.sdk != lead {
        model.diagnosis.lead_with(lead);
    }
}

fn on_diagnosis(model: &mut Model, generation: u64, diagnosis: Diagnosis) -> Vec<Cmd> {
    if generation != model.diagnosis_generation {
        return Vec::new();
    }
    model.diagnosis = diagnosis;
    model.diagnosing = false;
    model.diagnosed = true;
    start::settle_triage(model);
    if let Screen::Survey(survey) = &mut model.screen {
        survey.evidence = survey_evidence(&model.diagnosis);
    }
    pending_check(model).into_iter().collect()
}

/// The summary of every check, its evidence taken from the diagnosis at
/// hand when that diagnosis is the one to show (`ready`), else filled in
/// when the next one arrives.
fn open_summary(model: &mut Model, ready: bool) {
    let evidence = if ready {
        survey_evidence(&model.diagnosis)
    } else {
        Vec::new()
    };
    model.screen = Screen::Survey(crate::tui::app::Survey {
        evidence,
        position: CHECKS.len(),
        ..Default::default()
    });
}

fn survey_evidence(diagnosis: &Diagnosis) -> Vec<Evidence> {
    CHECKS
        .iter()
        .map(|spec| runner::evaluate(spec.name, diagnosis))
        .collect()
}

/// The evaluation the current node still waits for, if a diagnosis is there
/// to evaluate it on (led by the lens the walk has chosen so far).
fn pending_check(model: &mut Model) -> Option<Cmd> {
    follow_lens(model);
    let Screen::Walk(walk) = &mut model.screen else {
        return None;
    };
    if walk.evidence.is_some() {
        return None;
    }
    if !model.diagnosed || model.diagnosing {
        // While the network probes run, a step that needs only local facts
        // is evaluated on them at once.
        let local = model.local.as_ref()?;
        let check = walk.session.pending_check()?;
        if crate::checks::registry::find(check).is_none_or(|spec| spec.needs_network) {
            return None;
        }
        return Some(Cmd::Evaluate {
            check: check.to_string(),
            session_generation: walk.session.generation(),
            diagnosis_generation: model.diagnosis_generation,
            diagnosis: Box::new(local.clone()),
        });
    }
    // What the diagnosis already decides is not asked (engine::shortcut):
    // inputs only a network probe needs are skipped, a settled walk runs
    // no further check. Each skip is one step, so this ends.
    for _ in 0..walk.session.playbook().nodes.len() {
        match shortcut::at(&walk.session, &model.diagnosis) {
            Shortcut::SkipInput if walk.session.submit("") != Transition::NotExpected => {
                walk.trail.push(None);
                walk.entered();
            }
            Shortcut::Settled => return None,
            _ => break,
        }
    }
    let check = walk.session.pending_check()?;
    Some(Cmd::Evaluate {
        check: check.to_string(),
        session_generation: walk.session.generation(),
        diagnosis_generation: model.diagnosis_generation,
        diagnosis: Box::new(model.diagnosis.clone()),
    })
}

fn on_checked(
    model: &mut Model,
    session_generation: u64,
    diagnosis_generation: u64,
    mut evidence: Evidence,
) -> Vec<Cmd> {
    let Screen::Walk(walk) = &mut model.screen else {
        return Vec::new();
    };
    // After a skip, what needed the network was judged on local facts only.
    evidence.not_tried = walk.skipped_here
        || (model.network_skipped
            && crate::checks::registry::find(&evidence.check).is_some_and(|s| s.needs_network));
    if session_generation != walk.session.generation()
        || diagnosis_generation != model.diagnosis_generation
        || walk.evidence.is_some()
    {
        return Vec::new(); // stale: the person moved on, or the diagnosis was re-run
    }
    if let Node::Ask(_) = walk.session.current_node() {
        let transition = walk
            .session
            .on_check_result(session_generation, evidence.outcome);
        // What the pasted error says wins over what a check guesses.
        if let (Transition::Detected { option }, None) = (transition, walk.session.error_option()) {
            walk.selected = walk.option_index(option.as_deref());
        }
    }
    // A step not tried goes on by itself: the person asked not to wait.
    let pass = (evidence.not_tried
        || (!model.every_step && walk.passing && matches!(evidence.mark, Mark::Ok | Mark::Info)))
        && matches!(walk.session.current_node(), Node::Check(_));
    walk.evidence = Some(evidence);
    if pass {
        walk::follow(model);
        return pending_check(model).into_iter().collect();
    }
    Vec::new()
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Cmd> {
    // The copied block stays until the next key.
    model.copied = None;
    if let Screen::Start(Start { paste: Some(_), .. }) = &model.screen {
        return start::paste_box_key(model, key);
    }
    if input::at_input(model) && !model.help {
        if let Some(cmds) = input::input_key(model, key) {
            return cmds;
        }
    }
    let Some(action) = action_for(&key) else {
        return Vec::new();
    };
    if let Some(cmds) = file_fix::intercept(model, action) {
        return cmds;
    }
    if model.help {
        match action {
            Action::Quit => model.should_quit = true,
            Action::Help | Action::Back => model.help = false,
            Action::Up => model.help_scroll = model.help_scroll.saturating_sub(1),
            Action::Down => model.help_scroll = model.help_scroll.saturating_add(1).min(40),
            _ => {}
        }
        return Vec::new();
    }
    // A replay shown by `v` runs only on the very next key being `v`.
    model.replay_armed &= action == Action::Replay;
    match action {
        Action::Quit => {
            model.should_quit = true;
            Vec::new()
        }
        Action::Help => {
            model.help = true;
            model.help_scroll = 0;
            Vec::new()
        }
        Action::Rerun => rerun(model),
        Action::CopyFix => copy_fix(model),
        Action::Skip => skip_network(model),
        Action::Export => vec![Cmd::Export(
            transcript::markdown(model),
            model.export_dir.clone(),
        )],
        Action::FileFix => file_fix::show(model),
        Action::RunCommand => handover::offer_to_run(model),
        Action::Replay => replay::on_key(model),
        _ => match &model.screen {
            Screen::Start(_) => start::start_key(model, action),
            Screen::Walk(_) => walk::walk_key(model, action),
            Screen::Survey(_) => survey::survey_key(model, action),
            Screen::Profiles(_) => profiles::profiles_key(model, action),
        },
    }
}

fn move_selection(selected: &mut usize, len: usize, action: Action) {
    match action {
        Action::Up => *selected = selected.saturating_sub(1),
        Action::Down if *selected + 1 < len => *selected += 1,
        _ => {}
    }
}

fn back_to_start(model: &mut Model) {
    model.screen = Screen::Start(Start::default());
    model.status = None;
    // Leaving a walk drops the lens it chose.
    lead_as_requested(model);
}

/// `r`: a fresh diagnosis (the person may have fixed something); the current
/// node's check is evaluated again on it.
fn rerun(model: &mut Model) -> Vec<Cmd> {
    if let Screen::Walk(walk) = &mut model.screen {
        walk.session.rerun();
        walk.evidence = None;
    }
    if let Screen::Survey(survey) = &mut model.screen {
        survey.evidence.clear();
    }
    model.status = Some("Re-running the checks…".into());
    vec![start_diagnosis(model)]
}
