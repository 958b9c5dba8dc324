//! The wizard's screens as the tests see them: a model rendered on a
//! `TestBackend`, or a tmux pane's capture. Every screen a test looks at
//! passes the same check as every CLI run: no Rust Debug dump on it.

use credwiz::tui::app::Model;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The model drawn by the wizard's view at `width`×`height`, checked.
pub fn render(model: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| credwiz::tui::view::view(model, frame))
        .expect("draw never fails on a TestBackend");
    checked(
        &format!("the wizard's screen at {width}x{height}"),
        terminal.backend().to_string(),
    )
}

/// A captured screen, returned once it is known to hold no Debug dump.
pub fn checked(label: &str, screen: String) -> String {
    super::debug_dump::assert_no_debug_dump(label, &screen);
    screen
}
