//! The wizard: its update function, whole-screen snapshots and the real
//! binary driven in tmux. Snapshots live in `snapshots/`, named
//! `tui__<module>__<name>.snap` after the module that asserts them.

#[path = "../support/mod.rs"]
mod support;

mod fix_lines;
mod tui_close_the_loop;
mod tui_command;
mod tui_e2e;
mod tui_every_node;
mod tui_file_fix;
mod tui_grounded_ends;
mod tui_handover;
mod tui_lens_panel;
mod tui_lens_question;
mod tui_snapshots;
mod tui_sweep_view;
mod tui_update;
mod tui_waiting;

/// Highlights the first error family, one line below "Paste the error
/// message" (which leads the menu): these tests walk a family.
pub fn on_first_family(mut model: credwiz::tui::app::Model) -> credwiz::tui::app::Model {
    if let credwiz::tui::app::Screen::Start(start) = &mut model.screen {
        start.selected = 1;
    }
    model
}

/// A screen with each loopback port written `PORT`: the panel names the
/// endpoint override, and each sandbox's server has its own port.
pub fn without_ports(screen: &str) -> String {
    // Also where the panel cut the address short (`….0.0.1:38471`).
    let port = regex_lite::Regex::new(r"0\.1:\d+").expect("pattern");
    port.replace_all(screen, "0.1:PORT").into_owned()
}
