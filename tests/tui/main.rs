//! The wizard: its update function, whole-screen snapshots and the real
//! binary driven in tmux. Snapshots live in `snapshots/`, named
//! `tui__<module>__<name>.snap` after the module that asserts them.

#[path = "../support/mod.rs"]
mod support;

mod tui_command;
mod tui_e2e;
mod tui_file_fix;
mod tui_grounded_ends;
mod tui_handover;
mod tui_lens_panel;
mod tui_lens_question;
mod tui_snapshots;
mod tui_update;
