//! The wizard's keys, in one list: the update function reads actions from it
//! and the help overlay and footer are drawn from it, so help cannot drift
//! from behaviour.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Follow,
    Back,
    Rerun,
    Restart,
    Help,
    CopyFix,
    Export,
    Paste,
    /// Show the change credwiz can make to an AWS file (at an end).
    FileFix,
    /// Run the fix command credwiz cannot carry out itself, in this terminal.
    RunCommand,
    /// Yes: write the change shown, or run the command shown.
    Confirm,
    /// No: drop the change shown.
    Decline,
    Replay,
    /// Stop waiting for the network probes; go on from local facts.
    Skip,
    Quit,
}

/// One binding as shown in help.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static str,
    pub action: Action,
    pub description: &'static str,
    /// The one or two words the footer shows.
    pub hint: &'static str,
    /// Shown in the footer (the rest only in help).
    pub in_footer: bool,
}

/// The keymap, in help order.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "↑/k",
        action: Action::Up,
        hint: "up",
        description: "move up",
        in_footer: false,
    },
    Binding {
        keys: "↓/j",
        action: Action::Down,
        hint: "down",
        description: "move down",
        in_footer: false,
    },
    Binding {
        keys: "Enter",
        action: Action::Follow,
        hint: "follow",
        description: "choose / follow the branch",
        in_footer: true,
    },
    Binding {
        keys: "Esc/Backspace",
        action: Action::Back,
        hint: "back",
        description: "go back one step",
        in_footer: true,
    },
    Binding {
        keys: "r",
        action: Action::Rerun,
        hint: "re-run",
        description: "re-run the checks (after a fix)",
        in_footer: true,
    },
    Binding {
        keys: "R",
        action: Action::Restart,
        hint: "restart",
        description: "restart the walk from the first step",
        in_footer: false,
    },
    Binding {
        keys: "p",
        action: Action::Paste,
        hint: "paste",
        description: "paste an error message (start screen)",
        in_footer: true,
    },
    Binding {
        keys: "s",
        action: Action::Skip,
        hint: "skip the wait",
        description: "stop waiting for the network and go on from what is on this machine",
        in_footer: true,
    },
    Binding {
        keys: "c",
        action: Action::CopyFix,
        hint: "copy fix",
        description: "copy the fix command",
        in_footer: true,
    },
    Binding {
        keys: "e",
        action: Action::Export,
        hint: "export",
        description: "export the transcript as Markdown",
        in_footer: true,
    },
    Binding {
        keys: "f",
        action: Action::FileFix,
        hint: "fix file",
        description: "show the change to your AWS file that fixes it",
        in_footer: false,
    },
    Binding {
        keys: "x",
        action: Action::RunCommand,
        hint: "run fix",
        description: "run the login or aws configure the end names, here",
        in_footer: false,
    },
    Binding {
        keys: "y",
        action: Action::Confirm,
        hint: "yes",
        description: "write the change shown (a backup is kept)",
        in_footer: false,
    },
    Binding {
        keys: "n",
        action: Action::Decline,
        hint: "no",
        description: "drop the change shown; nothing is written",
        in_footer: false,
    },
    Binding {
        keys: "v",
        action: Action::Replay,
        hint: "replay",
        description: "replay your command with the fix (press v twice)",
        in_footer: false,
    },
    Binding {
        keys: "?",
        action: Action::Help,
        hint: "help",
        description: "show or hide this help",
        in_footer: true,
    },
    Binding {
        keys: "q/Ctrl-C",
        action: Action::Quit,
        hint: "quit",
        description: "quit",
        in_footer: true,
    },
];

/// The action a key press asks for, if any.
pub fn action_for(key: &KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Action::Quit);
    }
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Enter => Action::Follow,
        KeyCode::Esc | KeyCode::Backspace => Action::Back,
        KeyCode::Char('r') => Action::Rerun,
        KeyCode::Char('R') => Action::Restart,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('c') => Action::CopyFix,
        KeyCode::Char('e') => Action::Export,
        KeyCode::Char('p') => Action::Paste,
        KeyCode::Char('f') => Action::FileFix,
        KeyCode::Char('y') => Action::Confirm,
        KeyCode::Char('x') => Action::RunCommand,
        KeyCode::Char('n') => Action::Decline,
        KeyCode::Char('v') => Action::Replay,
        KeyCode::Char('s') => Action::Skip,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_action_has_a_key_and_back() {
        for binding in BINDINGS {
            let first = binding.keys.split('/').next().unwrap_or_default();
            let code = match first {
                "↑" => KeyCode::Up,
                "↓" => KeyCode::Down,
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "q" => KeyCode::Char('q'),
                other => KeyCode::Char(other.chars().next().unwrap_or(' ')),
            };
            let key = KeyEvent::new(code, KeyModifiers::NONE);
            assert_eq!(action_for(&key), Some(binding.action), "{}", binding.keys);
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c), Some(Action::Quit));
    }
}
