//! The interactive wizard, in the Elm architecture: [`app::Model`] is the
//! state, [`update::update`] turns a [`update::Msg`] into new state plus
//! [`update::Cmd`]s, [`view::view`] draws. This module owns the loop: it
//! selects over terminal events, results of background work, a spinner tick
//! and signals ([`signals`]), and carries out commands through [`effects`].

pub mod app;
pub mod effects;
pub mod event;
pub mod handover;
pub mod keymap;
pub mod signals;
pub mod terminal;
pub mod theme;
pub mod transcript;
pub mod transcript_file;
pub mod update;
pub mod view;

use crate::diagnosis::{Diagnosis, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::playbook::load::{load_all, Library};
use app::Model;
use std::path::PathBuf;
use std::time::Duration;
use terminal::TerminalGuard;
use update::Msg;

/// Runs the wizard; returns the process exit code (0, or 2 when the
/// terminal cannot be used, with the reason on stderr).
pub async fn run(
    extra_playbooks: &[PathBuf],
    every_step: bool,
    export_dir: Option<PathBuf>,
) -> i32 {
    run_with(extra_playbooks, every_step, export_dir, None).await
}

/// The wizard, started on `first` (pasted and submitted) when given.
pub async fn run_with(
    extra_playbooks: &[PathBuf],
    every_step: bool,
    export_dir: Option<PathBuf>,
    first: Option<crate::report::command::WizardStart>,
) -> i32 {
    let (library, load_problems) = load_library(extra_playbooks);
    let inputs = Inputs::gather(EnvSnapshot::capture(), None);
    let pending = Diagnosis::pending(&inputs.selection.name);
    let mut model = Model::new(library, load_problems, pending, theme::Theme::from_env());
    model.every_step = every_step;
    model.export_dir = export_dir;
    let mut guard = match TerminalGuard::enter() {
        Ok(guard) => guard,
        Err(e) => {
            crate::text::output::eprint_line(&format!("credwiz: {e}"));
            return 2;
        }
    };
    // Keys come from /dev/tty: a helper the SDK runs gets end-of-file, not
    // the person's keystrokes.
    crate::probes::supervisor::detach_stdin();
    let result = event_loop(&mut guard, model, first).await;
    drop(guard); // restore the screen before anything is printed
    match result {
        Ok(()) => 0,
        Err(e) => {
            crate::text::output::eprint_line(&format!("credwiz: the terminal failed: {e}"));
            2
        }
    }
}

/// The valid playbooks, and the report of the broken ones (shown, not fatal).
pub fn load_library(extra: &[PathBuf]) -> (Library, Option<String>) {
    match load_all(extra, |k| std::env::var(k).ok()) {
        Ok(library) => (library, None),
        Err(report) => {
            let text = report.to_string();
            (report.library, Some(text))
        }
    }
}

async fn event_loop(
    guard: &mut TerminalGuard,
    mut model: Model,
    first: Option<crate::report::command::WizardStart>,
) -> std::io::Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    let reader = event::spawn_reader(tx.clone());
    let mut signals = signals::Signals::install()?;
    let mut ticks = tokio::time::interval(Duration::from_millis(100));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut effects = effects::Effects::new(tx);

    let first_cmds = match first {
        Some(first) => {
            model.command = Some(app::WizardCommand {
                argv: first.argv,
                shown: first.shown,
                timeout: first.timeout,
            });
            update::init_with_error(&mut model, &first.text, first.program)
        }
        None => update::init(&mut model),
    };
    for cmd in first_cmds {
        effects.run(cmd);
    }
    guard.terminal.draw(|frame| view::view(&model, frame))?;
    loop {
        let msg = tokio::select! {
            Some(msg) = rx.recv() => msg,
            _ = ticks.tick() => {
                if !model.busy() {
                    continue;
                }
                Msg::Tick
            }
            action = signals.next() => match action {
                signals::SignalAction::Quit => Msg::Terminate,
                signals::SignalAction::Suspend => {
                    terminal::restore();
                    signals::stop_self();
                    // Running again (SIGCONT): take the screen back, redraw all.
                    terminal::reenter()?;
                    guard.terminal.clear()?;
                    guard.terminal.draw(|frame| view::view(&model, frame))?;
                    continue;
                }
            },
        };
        let mut cmds = update::update(&mut model, msg);
        // A command handed the terminal runs here, in the foreground; its
        // end comes back as one more message.
        while let Some(index) = cmds
            .iter()
            .position(|c| matches!(c, update::Cmd::RunInTerminal(_)))
        {
            let update::Cmd::RunInTerminal(argv) = cmds.remove(index) else {
                break;
            };
            let ended = handover::run_in_terminal(&reader, &argv).await;
            guard.terminal.clear()?;
            cmds.extend(update::update(&mut model, Msg::RanInTerminal(ended)));
        }
        for cmd in cmds {
            effects.run(cmd);
        }
        // Whatever else already waits (keys typed faster than a frame is
        // drawn) is handled before the next draw: one draw per batch keeps
        // typing 100 kB linear instead of one full redraw per key.
        while !model.should_quit {
            let Ok(msg) = rx.try_recv() else { break };
            for cmd in update::update(&mut model, msg) {
                effects.run(cmd);
            }
        }
        if model.should_quit {
            break;
        }
        guard.terminal.draw(|frame| view::view(&model, frame))?;
    }
    effects.cancel();
    Ok(())
}
