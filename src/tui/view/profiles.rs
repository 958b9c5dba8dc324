//! "Check every profile": a progress line while the sweep runs, then the
//! problems-first table and its summary (the same text `check --all-profiles`
//! prints).

use crate::report::style::Painter;
use crate::report::sweep;
use crate::tui::app::{Model, ProfilesSweep};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// Draws the sweep into `area`.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, state: &ProfilesSweep) {
    let theme = &model.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Every profile ", theme.title()));
    let lines: Vec<Line> = match state {
        ProfilesSweep::Running { done, total } => vec![Line::from(format!(
            "{} Checking every profile… {done}/{total}",
            model.spinner()
        ))],
        ProfilesSweep::Done(report) => {
            let text = sweep::human(report, Painter { enabled: false });
            let text = report.scrub(&text).into_owned();
            text.lines().map(|l| Line::from(l.to_string())).collect()
        }
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
