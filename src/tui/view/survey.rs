//! "Not sure: check everything": the summary first (every finding of the
//! diagnosis, problems first, with its fix), then, when asked, one
//! registered check at a time with its evidence.

use super::wrap::{position, wrap_lines};
use crate::checks::registry::CHECKS;
use crate::tui::app::{Model, Survey};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// Draws the survey into `area`.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, survey: &Survey) {
    let theme = &model.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Checking everything ", theme.title()));
    let inner = block.inner(area);

    let mut lines: Vec<Line> = Vec::new();
    // One mark per check: the walk so far at a glance.
    lines.push(marks_line(model, survey));

    match CHECKS.get(survey.position) {
        Some(spec) => {
            lines.push(Line::from(Span::styled(
                format!("Check {} of {}", survey.position + 1, CHECKS.len()),
                theme.title(),
            )));
            lines.push(Line::from(spec.summary));
            lines.push(Line::default());
            match survey.evidence.get(survey.position) {
                Some(evidence) => {
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!("{} ", evidence.mark.symbol()),
                            theme.status(evidence.mark),
                        ),
                        Span::raw(evidence.summary.clone()),
                    ]));
                    for f in &evidence.findings {
                        lines.push(Line::from(vec![
                            Span::styled(format!("  {} ", f.severity.mark()), theme.warn()),
                            Span::raw(f.title.clone()),
                        ]));
                        lines.push(Line::from(vec![
                            Span::styled("    fix: ", theme.dim()),
                            Span::styled(f.fix.clone(), theme.command()),
                        ]));
                    }
                    lines.push(Line::default());
                    lines.push(Line::from(Span::styled(
                        "Enter: next check · Esc: previous (from the first: the summary)",
                        theme.dim(),
                    )));
                }
                None => lines.push(Line::from(vec![
                    Span::styled(format!("{} ", model.spinner()), theme.warn()),
                    Span::raw("Waiting for the diagnosis…"),
                ])),
            }
        }
        None => summary(&mut lines, model, survey),
    }
    let lines = wrap_lines(lines, usize::from(inner.width));
    let height = usize::from(inner.height);
    let limit = lines.len().saturating_sub(height);
    survey
        .scroll_limit
        .set(u16::try_from(limit).unwrap_or(u16::MAX));
    let scroll = usize::from(survey.scroll).min(limit);
    let block = match position(scroll, height, lines.len()) {
        Some(at) => block.title_bottom(Line::from(Span::styled(at, theme.dim())).right_aligned()),
        None => block,
    };
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        inner,
    );
}

/// One mark per check, the current one highlighted.
fn marks_line<'a>(model: &'a Model, survey: &Survey) -> Line<'a> {
    let theme = &model.theme;
    let mut marks: Vec<Span> = Vec::new();
    for i in 0..CHECKS.len() {
        let (mark, style) = match survey.evidence.get(i) {
            Some(e) => (e.mark.symbol(), theme.status(e.mark)),
            None => ("·", theme.dim()),
        };
        let style = if i == survey.position {
            theme.selected()
        } else {
            style
        };
        marks.push(Span::styled(mark, style));
    }
    Line::from(marks)
}

fn summary<'a>(lines: &mut Vec<Line<'a>>, model: &Model, survey: &Survey) {
    let theme = &model.theme;
    let count = |mark: &str| {
        survey
            .evidence
            .iter()
            .filter(|e| e.mark.symbol() == mark)
            .count()
    };
    lines.push(Line::from(Span::styled(
        format!(
            "Summary: {} ✓  {} ·  {} !  {} ✗",
            count("✓"),
            count("·"),
            count("!"),
            count("✗")
        ),
        theme.title(),
    )));
    let findings = &model.diagnosis.findings;
    if findings.is_empty() {
        lines.push(Line::from(Span::styled(
            "No findings: nothing looks wrong from here.",
            theme.ok(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            "Problems first. Enter on one opens the walk that explains it.",
            theme.dim(),
        )));
    }
    for (i, f) in findings.iter().enumerate() {
        let style = if i == survey.selected {
            theme.selected()
        } else {
            Default::default()
        };
        let marker = if i == survey.selected { "› " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(marker, style),
            Span::styled(format!("{} ", f.severity.mark()), theme.warn()),
            Span::styled(f.title.clone(), style),
        ]));
        lines.push(Line::from(vec![
            Span::styled("    fix: ", theme.dim()),
            Span::styled(f.fix.clone(), theme.command()),
        ]));
    }
    let every = survey.selected >= findings.len();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!(
            "{}Every check, one page each ({})",
            if every { "› " } else { "  " },
            CHECKS.len()
        ),
        if every { theme.selected() } else { theme.dim() },
    )));
}
