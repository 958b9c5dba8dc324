//! Entering and leaving the full-screen terminal. The terminal is restored
//! on every way out: normal exit, error (the guard's Drop), panic (the hook
//! restores before the message prints), Ctrl-C and every terminating signal
//! (handled as messages by the event loop, which then returns normally; see
//! `signals.rs`).

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, IsTerminal, Stdout};

/// The live terminal; restores the screen when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

/// Why the wizard cannot start.
#[derive(Debug, thiserror::Error)]
pub enum TerminalError {
    #[error("credwiz's wizard needs an interactive terminal, and {0} is not one.\nFor scripts and pipelines use `credwiz check` (add --json or --markdown) or `credwiz run <playbook>`.")]
    NotATty(&'static str),
    #[error("could not prepare the terminal: {0}")]
    Io(#[from] io::Error),
}

impl TerminalGuard {
    /// Switches to raw mode and the alternate screen, after checking that
    /// both ends are a terminal.
    pub fn enter() -> Result<Self, TerminalError> {
        if !io::stdin().is_terminal() {
            return Err(TerminalError::NotATty("standard input"));
        }
        if !io::stdout().is_terminal() {
            return Err(TerminalError::NotATty("standard output"));
        }
        install_panic_hook();
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(e.into());
        }
        let terminal = Terminal::new(CrosstermBackend::new(stdout)).inspect_err(|_| restore())?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
        let _ = self.terminal.show_cursor();
    }
}

/// Takes the terminal back after a suspension (SIGTSTP, then SIGCONT).
pub fn reenter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// Leaves raw mode and the alternate screen; safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
