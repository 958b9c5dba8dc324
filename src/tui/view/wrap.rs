//! Word wrapping that keeps a line's indent: a wrapped line continues under
//! the text, not under the mark or label in front of it. Lines are wrapped
//! here, before drawing, so that the number of rows is known and a long page
//! can say where in it the person is.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Wraps every line to `width` columns. A line's indent is its first span
/// when it has several (a mark, a label), else its leading spaces.
pub fn wrap_lines(lines: Vec<Line<'_>>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(8);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        wrap_line(&line, width, &mut out);
    }
    out
}

fn wrap_line(line: &Line<'_>, width: usize, out: &mut Vec<Line<'static>>) {
    let cells: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|span| {
            let style = line.style.patch(span.style);
            span.content.chars().map(move |c| (c, style))
        })
        .collect();
    if cells.is_empty() {
        out.push(Line::default());
        return;
    }
    let indent = if line.spans.len() > 1 {
        line.spans[0].width()
    } else {
        cells.iter().take_while(|(c, _)| *c == ' ').count()
    };
    // Indents wider than half the line would leave no room for the text.
    let indent = if indent * 2 > width { 0 } else { indent };
    let mut rows: Vec<Vec<(char, Style)>> = Vec::new();
    let mut row: Vec<(char, Style)> = Vec::new();
    for word in words(&cells) {
        let room = width - if rows.is_empty() { 0 } else { indent };
        if row.len() + word.len() > room && !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        // A continuation row starts at its indent, not with the spaces
        // that separated the word from the one before.
        let word: Vec<(char, Style)> = if row.is_empty() && !rows.is_empty() {
            word.iter()
                .skip_while(|(c, _)| *c == ' ')
                .copied()
                .collect()
        } else {
            word.to_vec()
        };
        for cell in word {
            let room = width - if rows.is_empty() { 0 } else { indent };
            if row.len() >= room {
                rows.push(std::mem::take(&mut row));
            }
            row.push(cell);
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    for (i, row) in rows.into_iter().enumerate() {
        let pad = if i == 0 { 0 } else { indent };
        out.push(to_line(pad, &row));
    }
}

/// Splits cells into words, each word carrying the spaces before it.
fn words(cells: &[(char, Style)]) -> Vec<&[(char, Style)]> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (i, (c, _)) in cells.iter().enumerate() {
        if *c == ' ' && in_word {
            words.push(&cells[start..i]);
            start = i;
            in_word = false;
        } else if *c != ' ' {
            in_word = true;
        }
    }
    words.push(&cells[start..]);
    words
}

fn to_line(pad: usize, cells: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    if pad > 0 {
        spans.push(Span::raw(" ".repeat(pad)));
    }
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for (c, style) in cells {
        if current.is_some_and(|s| s != *style) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(*style);
        text.push(*c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, current.unwrap_or_default()));
    }
    Line::from(spans)
}

/// `12–24 of 40`: which rows of a long page are in view.
pub fn position(scroll: usize, height: usize, total: usize) -> Option<String> {
    (total > height).then(|| {
        let last = (scroll + height).min(total);
        let arrows = match (scroll > 0, last < total) {
            (true, true) => "↑↓",
            (true, false) => "↑",
            _ => "↓",
        };
        format!(" {arrows} {}–{last} of {total} ", scroll + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn continuation_lines_keep_the_indent_of_the_text() {
        let line = Line::from(vec![
            Span::raw("    fix: "),
            Span::raw("aws configure --profile default and then some more words"),
        ]);
        let wrapped = wrap_lines(vec![line], 30);
        assert_eq!(
            text(&wrapped),
            [
                "    fix: aws configure",
                "         --profile default and",
                "         then some more words"
            ]
        );
        let plain = wrap_lines(
            vec![Line::from("  two spaces then a long sentence here")],
            20,
        );
        assert_eq!(
            text(&plain),
            ["  two spaces then a", "  long sentence here"]
        );
    }

    #[test]
    fn long_words_are_split_and_empty_lines_kept() {
        let wrapped = wrap_lines(vec![Line::from("x".repeat(25)), Line::default()], 10);
        assert_eq!(wrapped.len(), 4);
        assert_eq!(wrapped[3].to_string(), "");
    }

    #[test]
    fn position_says_where_the_view_is() {
        assert_eq!(position(0, 10, 8), None);
        assert_eq!(position(0, 10, 25).as_deref(), Some(" ↓ 1–10 of 25 "));
        assert_eq!(position(10, 10, 25).as_deref(), Some(" ↑↓ 11–20 of 25 "));
        assert_eq!(position(15, 10, 25).as_deref(), Some(" ↑ 16–25 of 25 "));
    }
}
