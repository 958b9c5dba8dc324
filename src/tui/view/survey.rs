//! "Not sure: check everything": one registered check at a time with its
//! evidence, then every finding of the diagnosis with its fix.

use crate::checks::registry::CHECKS;
use crate::tui::app::{Model, Survey};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

/// Draws the survey into `area`.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, survey: &Survey) {
    let theme = &model.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Checking everything ", theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut lines: Vec<Line> = Vec::new();
    // One mark per check: the walk so far at a glance.
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
    lines.push(Line::from(marks));

    match CHECKS.get(survey.position) {
        Some(spec) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "Check {} of {} · {}",
                    survey.position + 1,
                    CHECKS.len(),
                    spec.name
                ),
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
                        "Enter: next check · Esc: previous",
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
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((survey.scroll, 0)),
        inner,
    );
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
            "Summary: {} ✓  {} !  {} ✗",
            count("✓"),
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
        return;
    }
    for f in findings {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", f.severity.mark()), theme.warn()),
            Span::raw(format!("{} ({})", f.title, f.id.as_str())),
        ]));
        lines.push(Line::from(vec![
            Span::styled("  fix: ", theme.dim()),
            Span::styled(f.fix.clone(), theme.command()),
        ]));
    }
}
