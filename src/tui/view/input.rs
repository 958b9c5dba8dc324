//! An input node: the question, the value being typed (pre-filled from the
//! pasted error when it names one), the playbook's examples, and why a value
//! was refused.

use crate::engine::session::{render_text, PlaceholderValues, Suggestion};
use crate::playbook::model::InputNode;
use crate::tui::app::Walk;
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

/// The lines of an input node, after its title.
pub fn input_lines<'a>(
    lines: &mut Vec<Line<'a>>,
    theme: &Theme,
    walk: &Walk,
    input: &InputNode,
    values: &impl PlaceholderValues,
) {
    lines.push(Line::from(Span::styled(
        render_text(&input.question, values),
        theme.title(),
    )));
    let mut value = vec![
        Span::styled("› ", theme.selected()),
        Span::styled(format!("{}▏", walk.input), theme.command()),
    ];
    match walk.input_from {
        Some(Suggestion::FromError) => value.push(Span::styled("  (from your error)", theme.dim())),
        Some(Suggestion::Detected) => value.push(Span::styled("  (as given before)", theme.dim())),
        None => {}
    }
    lines.push(Line::from(value));
    if let Some(reason) = &walk.input_error {
        lines.push(Line::from(Span::styled(
            format!("✗ {reason}"),
            theme.error(),
        )));
    }
    let mut hint = String::from("Type the value and press Enter");
    if input.skip.is_some() {
        hint.push_str(" (empty skips this step)");
    }
    if !input.examples.is_empty() {
        hint.push_str(&format!("; e.g. {}", input.examples.join(", ")));
    }
    lines.push(Line::from(Span::styled(hint, theme.dim())));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        render_text(&input.explain, values),
        theme.dim(),
    )));
}
