//! The last pass over every frame: any cell whose symbol holds a control
//! character (ESC of an OSC 52 clipboard write, a title change, a screen
//! wipe, all from untrusted text such as a profile name, a file value, a
//! server message or a paste) shows its visible placeholder instead, so the
//! terminal never acts on it. Views need not remember to sanitize.

use crate::text::sanitize::{is_unsafe, sanitize_line};
use ratatui::buffer::Buffer;

/// Replaces every unsafe symbol in the buffer by its one-column placeholder.
pub fn make_inert(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            let shown = sanitize_line(cell.symbol());
            let first = shown.chars().next().unwrap_or(' ');
            cell.set_char(first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    #[test]
    fn escape_sequences_in_a_paragraph_never_reach_the_terminal() {
        let area = Rect::new(0, 0, 40, 2);
        for wrap in [false, true] {
            let mut buffer = Buffer::empty(area);
            let text = "dev\u{1b}]52;c;eA==\u{7}\u{1b}[2J\u{9b}x";
            let paragraph = Paragraph::new(text);
            let paragraph = if wrap {
                paragraph.wrap(Wrap { trim: false })
            } else {
                paragraph
            };
            paragraph.render(area, &mut buffer);
            make_inert(&mut buffer);
            let shown: String = buffer.content.iter().map(|c| c.symbol()).collect();
            assert!(!shown.chars().any(is_unsafe), "{shown:?}");
            assert!(shown.contains("]52;c;eA=="), "{shown:?}");
        }
    }
}
