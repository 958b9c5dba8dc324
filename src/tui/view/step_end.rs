//! The end of a walk: what is wrong, the fix as a block of commands, the
//! rest of the explanation and the report's other errors.

use crate::engine::conclusion::Conclusion;
use crate::playbook::model::EndSeverity;
use crate::report::fix::{classify, FixLine};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

/// The end of a walk: what is wrong in its title and one sentence, the fix
/// as a block of commands (explanations as `#` comments, as they are copied),
/// then the rest of the explanation and the report's other errors.
pub(super) fn end_lines<'a>(
    lines: &mut Vec<Line<'a>>,
    theme: &Theme,
    end: &Conclusion,
    next_walk: Option<&str>,
) {
    let (mark, style) = match end.severity {
        EndSeverity::Error => ("✗", theme.error()),
        EndSeverity::Warning => ("!", theme.warn()),
        EndSeverity::Ok => ("✓", theme.ok()),
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{mark} "), style),
        Span::styled(end.title.clone(), style),
    ]));
    let (lead, rest) = first_sentence(&end.diagnosis);
    lines.push(Line::from(lead.to_string()));
    if let Some(found) = &end.found {
        lines.push(Line::from(vec![
            Span::styled("Found: ", theme.dim()),
            Span::raw(found.clone()),
        ]));
    }
    if !end.fix.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Fix (c copies these lines):",
            theme.title(),
        )));
        for fix in &end.fix {
            lines.push(fix_line(theme, &classify(fix)));
        }
    }
    if !rest.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(rest.to_string()));
    }
    if let Some(reached) = &end.instead_of {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("The walk reached \"{reached}\", but the diagnosis found this first, on this machine."),
            theme.dim(),
        )));
    }
    also_found_lines(lines, theme, end);
    if let Some(next) = next_walk {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("If that was not it, Enter goes on with \"{next}\"."),
            theme.dim(),
        )));
    }
}

/// The report's other errors, each with its fix.
fn also_found_lines<'a>(lines: &mut Vec<Line<'a>>, theme: &Theme, end: &Conclusion) {
    if end.also_found.is_empty() {
        return;
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Also found:", theme.title())));
    for finding in &end.also_found {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", finding.severity.mark()), theme.error()),
            Span::raw(finding.title.clone()),
        ]));
        lines.push(fix_line(theme, &classify(&finding.fix)));
    }
}

/// One line of the fix block: `$ command   # note`, or `# explanation`.
fn fix_line<'a>(theme: &Theme, line: &FixLine) -> Line<'a> {
    match line {
        FixLine::Command { command, comment } => {
            // ✎: fill in the <…> parts before running it (what `c` copies
            // says so in a comment).
            let prompt = if line.is_template() { "  ✎ " } else { "  $ " };
            let mut spans = vec![
                Span::styled(prompt, theme.dim()),
                Span::styled(command.clone(), theme.command()),
            ];
            if let Some(comment) = comment {
                spans.push(Span::styled(format!("   # {comment}"), theme.dim()));
            }
            Line::from(spans)
        }
        FixLine::Note(note) => Line::from(vec![
            Span::styled("  # ", theme.dim()),
            Span::styled(note.clone(), theme.dim()),
        ]),
    }
}

/// The first sentence of a text and the rest.
fn first_sentence(text: &str) -> (&str, &str) {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        if bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase) {
            return (&text[..=i], text[i + 2..].trim_start());
        }
    }
    (text, "")
}
