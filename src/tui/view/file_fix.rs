//! The file fix overlay: the change as a diff (secrets already hidden by
//! the plan), with what `y` and `n` do. Drawn over the walk until the
//! person answers.

use crate::tui::app::{FileFix, Model};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The hint an end shows when `f` has a change to offer.
pub fn hint(file: &str) -> String {
    format!(
        "f shows the change credwiz can make to {file} (nothing is written before you press y)."
    )
}

/// The hint an end shows when `x` has a command to run.
pub fn run_hint(command: &str) -> String {
    format!("x runs {command} in this terminal (shown first; nothing runs before you press y).")
}

/// Draws the overlay, if a fix is planned, shown or written.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model) {
    let theme = &model.theme;
    let mut lines: Vec<Line> = Vec::new();
    match &model.file_fix {
        None => return,
        Some(FileFix::Planning) => lines.push(Line::from("Reading the file…")),
        Some(FileFix::Writing(_)) => lines.push(Line::from("Writing…")),
        Some(FileFix::Shown(plan)) => {
            for file in &plan.files {
                lines.extend(file.diff.lines().map(|l| diff_line(theme, l)));
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("y", theme.command()),
                Span::raw(" writes this change (a backup is kept)   "),
                Span::styled("n/Esc", theme.command()),
                Span::raw(" nothing is written"),
            ]));
        }
    }
    let width = area.width.saturating_sub(4).min(100);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    // A diff taller than the screen keeps its end, where y and n are said.
    let scroll = (lines.len() as u16 + 2).saturating_sub(height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(" Change to your AWS file ", theme.title())),
        ),
        popup,
    );
}

fn diff_line<'a>(theme: &Theme, line: &str) -> Line<'a> {
    let style = match line.chars().next() {
        Some('+') if !line.starts_with("+++") => theme.ok(),
        Some('-') if !line.starts_with("---") => theme.error(),
        Some('@') => theme.dim(),
        _ => ratatui::style::Style::default(),
    };
    Line::from(Span::styled(line.to_string(), style))
}
