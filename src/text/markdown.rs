//! Untrusted text put into Markdown (a ticket, a runbook, the wizard's
//! transcript) stays text: it cannot open an HTML element, start a heading,
//! a list, a quote or a fenced block, or close a code span early. Every
//! Markdown view builds its values through these functions.
//!
//! - [`inline`]: running text. `<`, `>` and `&` become entities; the
//!   punctuation that starts or closes Markdown structure gets a backslash;
//!   a line break becomes its visible placeholder, so a value never starts a
//!   new block.
//! - [`code`]: a code span with a backtick run longer than any inside.
//! - [`fenced`]: a fenced block whose fence is longer than any backtick run
//!   inside, so no line of the content can close it.

use crate::text::sanitize::{sanitize_block, sanitize_line};

/// Punctuation escaped wherever it stands: emphasis, code, links, tables,
/// strikethrough and the backslash itself. (`_` between two letters or
/// digits opens no emphasis and is left alone: `resolved_provider`.)
const ALWAYS: &[char] = &['\\', '`', '*', '[', ']', '|', '~'];

/// Punctuation that starts a block only at the start of a line: a heading,
/// a quote, a list item, a thematic break or a setext underline.
const LEADING: &[char] = &['#', '>', '-', '+', '=', '*'];

/// Running text: safe inside a paragraph, a list item, a heading or a table
/// cell, at the start of a line or after other text.
pub fn inline(text: &str) -> String {
    let line = sanitize_line(text);
    let body = line.trim_start_matches(' ');
    let mut out = String::with_capacity(body.len() + 8);
    // An ordered-list marker: digits then `.` or `)` at the very start.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let list_marker = digits > 0 && matches!(body.as_bytes().get(digits), Some(b'.' | b')'));
    let mut previous = None;
    let mut chars = body.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let intraword = [previous, next]
            .iter()
            .all(|c| c.is_some_and(char::is_alphanumeric));
        previous = Some(c);
        match c {
            '_' if !intraword => out.push_str("\\_"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ if ALWAYS.contains(&c) || (index == 0 && LEADING.contains(&c)) => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if list_marker && index == digits => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A code span holding `text` literally: the delimiter is one backtick
/// longer than the longest run inside, padded with spaces when the text
/// starts or ends with a backtick (or a space, which CommonMark would strip).
pub fn code(text: &str) -> String {
    let line = sanitize_line(text);
    if line.is_empty() {
        // A span of one space: "``" alone would be two literal backticks.
        return "` `".to_string();
    }
    let ticks = "`".repeat(longest_backtick_run(&line) + 1);
    let pad = line.starts_with(['`', ' ']) || line.ends_with(['`', ' ']);
    let space = if pad { " " } else { "" };
    format!("{ticks}{space}{line}{space}{ticks}")
}

/// A code span inside a table cell: as [`code`], with `|` escaped, since a
/// table splits cells on `|` before it reads code spans (the escape is
/// dropped inside the span).
pub fn cell_code(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// A fenced code block of `info` (`sh`, `text`): the fence is longer than
/// any backtick run inside, so the content cannot close it or open another.
/// Ends with a line break.
pub fn fenced(info: &str, text: &str) -> String {
    let body = sanitize_block(text);
    let fence = "`".repeat((longest_backtick_run(&body) + 1).max(3));
    let body = body.trim_end_matches('\n');
    format!("{fence}{info}\n{body}\n{fence}\n")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_structure_become_text() {
        assert_eq!(
            inline("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(inline("# FORGED"), "\\# FORGED");
        assert_eq!(inline("1. one"), "1\\. one");
        assert_eq!(inline("  - item"), "\\- item");
        assert_eq!(inline("a\n# FORGED"), "a␊# FORGED");
        assert_eq!(
            inline("a|b `c` [d](e) *f* _g_ a_b"),
            "a\\|b \\`c\\` \\[d\\](e) \\*f\\* \\_g\\_ a_b"
        );
        assert_eq!(inline("dev-1 us-east-1"), "dev-1 us-east-1");
    }

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code("dev"), "`dev`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("```"), "```` ``` ````");
        assert_eq!(code(""), "` `");
        assert_eq!(code("x\ny"), "`x␊y`");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn fences_outlast_the_backticks_inside() {
        assert_eq!(fenced("sh", "ls"), "```sh\nls\n```\n");
        assert_eq!(fenced("sh", "a\n````\nb"), "`````sh\na\n````\nb\n`````\n");
    }
}
