//! The help overlay: the keys, drawn from the keymap's one list of bindings,
//! then what the marks mean and the few words the screens use.

use crate::tui::keymap::BINDINGS;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Draws the overlay centred in `area`.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16) {
    let key_width = BINDINGS
        .iter()
        .map(|b| b.keys.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("{:<key_width$}  ", b.keys), theme.command()),
                Span::raw(b.description),
            ])
        })
        .collect();
    lines.push(Line::default());
    for (mark, meaning) in MARKS {
        lines.push(Line::from(vec![
            Span::styled(format!("{mark:<key_width$}  "), theme.title()),
            Span::raw(*meaning),
        ]));
    }
    lines.push(Line::default());
    for (term, meaning) in TERMS {
        lines.push(Line::from(vec![
            Span::styled(format!("{term}: "), theme.title()),
            Span::raw(*meaning),
        ]));
    }
    lines.push(Line::from(Span::styled(
        "? or Esc closes this help · ↑/↓ scroll",
        theme.dim(),
    )));
    let width = area.width.saturating_sub(4).min(80);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let lines = super::wrap::wrap_lines(lines, inner);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let lines_len = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(" Help ", theme.title())),
            )
            .scroll((
                scroll.min(lines_len.saturating_sub(height.saturating_sub(2))),
                0,
            )),
        popup,
    );
}

/// What each mark means, wherever it shows.
const MARKS: &[(&str, &str)] = &[
    (
        "✓",
        "good: this was checked and is right (not merely \"it ran\").",
    ),
    (
        "·",
        "nothing here: not set or not used, which is fine on its own.",
    ),
    (
        "-",
        "not tried: the chain stopped earlier, or you skipped the network wait.",
    ),
    (
        "!",
        "needs a look: it works, but may not be what you meant.",
    ),
    ("✗", "a problem: this is what stops your program."),
    ("i", "information about a finding: nothing to fix."),
];

/// The few words the screens use that a newcomer may not know.
const TERMS: &[(&str, &str)] = &[
    ("slot", "one place the SDK looks for credentials, in a fixed order: environment variables, the profile, a web identity token, the container endpoint, instance metadata. The first one that answers wins."),
    ("provider", "the part of the SDK that reads one slot. \"from\" in the panel names the slot whose provider gave the credentials."),
    ("lens", "how one SDK (Rust, Python, Node.js) would resolve credentials on this machine. They differ in small ways; the walk follows the SDK of your program."),
];
