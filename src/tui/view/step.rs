//! A step of a walk: breadcrumbs, the node's title and explanation, and then
//! the live check (spinner, then evidence and the branch), the question with
//! its options, or the diagnosis with its fix.

use super::wrap::{position, wrap_lines};
use crate::checks::runner::{self, Evidence};
use crate::engine::conclusion;
use crate::engine::session::{render_text, Suggestion, Taken};
use crate::engine::shortcut;
use crate::playbook::model::{AskNode, CheckNode, Node};
use crate::tui::app::{Model, Walk};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use std::collections::BTreeMap;

type Values = BTreeMap<&'static str, String>;

/// Draws the current step into `area`.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, walk: &Walk) {
    let theme = &model.theme;
    let values = runner::walk_placeholders(&model.diagnosis, walk.session.values());
    let session = &walk.session;
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", session.playbook().title),
        theme.title(),
    ));
    let inner = block.inner(area);

    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(Span::styled(
        super::tail(&breadcrumbs(walk, &values), inner.width as usize),
        theme.dim(),
    )));
    let node = session.current_node();
    // The conclusion at an end node, or where the diagnosis settled the walk.
    let concluded = model
        .diagnosed
        .then(|| conclusion::of_session(session, &model.diagnosis, &values))
        .flatten();
    if concluded.is_none() {
        lines.push(Line::from(Span::styled(
            format!(
                "Step {} of about {} · {}",
                session.history().len() + 1,
                session.history().len() + 1 + shortcut::steps_to_end(session),
                render_text(node.title(), &values)
            ),
            theme.title(),
        )));
    }
    match (node, &concluded) {
        (_, Some(end)) => {
            // The walk it hands over to, by its title.
            let next_walk = end
                .handover
                .as_deref()
                .and_then(|id| model.library.get(id))
                .map(|p| p.title.as_str());
            super::step_end::end_lines(&mut lines, theme, end, next_walk);
            if let Some(offer) = crate::tui::update::file_fix::offer(model) {
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    super::file_fix::hint(&offer.shown),
                    theme.title(),
                )));
            }
            if let Some(argv) = crate::tui::update::handover::offer(model) {
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    super::file_fix::run_hint(&crate::fixes::commands::shown(&argv)),
                    theme.title(),
                )));
            }
        }
        (Node::Check(check), None) => check_lines(&mut lines, model, walk, check, &values),
        (Node::Ask(ask), None) => ask_lines(&mut lines, model, walk, ask, &values),
        (Node::Input(input), None) => {
            super::input::input_lines(&mut lines, theme, walk, input, &values)
        }
        (Node::End(_), None) => waiting_for_diagnosis(&mut lines, model),
    }
    let lines = wrap_lines(lines, usize::from(inner.width));
    let height = usize::from(inner.height);
    let limit = lines.len().saturating_sub(height);
    walk.scroll_limit
        .set(u16::try_from(limit).unwrap_or(u16::MAX));
    let scroll = usize::from(walk.scroll).min(limit);
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

/// The path so far in the person's words: each step left by its answer,
/// with the mark its check showed (`✗ nothing resolved › · nothing set ›
/// the chosen option`), then the title of where the walk is.
pub fn breadcrumbs(walk: &Walk, values: &Values) -> String {
    let session = &walk.session;
    let nodes = &session.playbook().nodes;
    let title = |id: &str| {
        nodes
            .get(id)
            .map(|node| render_text(node.title(), values))
            .unwrap_or_default()
    };
    let mut parts: Vec<String> = session
        .history()
        .iter()
        .enumerate()
        .map(|(i, step)| match (walk.trail.get(i), &step.taken) {
            (Some(Some(evidence)), Taken::Outcome(_)) => {
                format!("{} {}", evidence.symbol(), evidence.label())
            }
            (_, Taken::Skipped) => format!("- {} (skipped)", title(&step.node)),
            (_, Taken::Value(value)) => {
                let value = crate::text::sanitize::sanitize_line(value);
                format!("{} → {value}", title(&step.node))
            }
            (_, Taken::Answer(_)) => {
                let label = crate::tui::transcript::taken_label(session, &step.node, &step.taken);
                render_text(&label, values)
            }
            _ => title(&step.node),
        })
        .collect();
    parts.push(title(session.current()));
    parts.join(" › ")
}

/// An end reached before the diagnosis is in: its conclusion waits for it.
fn waiting_for_diagnosis(lines: &mut Vec<Line<'_>>, model: &Model) {
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", model.spinner()), model.theme.warn()),
        Span::raw("Waiting for the diagnosis before concluding…"),
    ]));
}

/// Why the step matters: after the live part, so that on a small screen the
/// result and the choice stay in view.
fn explain<'a>(lines: &mut Vec<Line<'a>>, theme: &Theme, text: &str, values: &Values) {
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        render_text(text, values),
        theme.dim(),
    )));
}

/// The spinner line shown while a check has not reported: what it waits
/// for, how long so far and at most, and the key that stops waiting.
fn waiting_line<'a>(model: &Model, check: &str) -> Vec<Line<'a>> {
    // The check's name is an id: say what it looks at instead.
    let what = crate::checks::registry::find(check).map_or("", |spec| spec.summary);
    let spinner = Span::styled(format!("{} ", model.spinner()), model.theme.warn());
    if model.diagnosed && !model.diagnosing {
        return vec![Line::from(vec![
            spinner,
            Span::raw(format!("Checking {what}…")),
        ])];
    }
    let mut lines = vec![Line::from(vec![
        spinner,
        Span::raw(format!(
            "Waiting for the network probes (STS, S3, the chain's remote sources): {} s so far, at most {} s.",
            model.waited_secs(),
            super::network_bound_secs()
        )),
    ])];
    lines.push(Line::from(Span::raw(format!("This step looks at {what}."))));
    if crate::tui::update::can_skip(model) {
        lines.push(Line::from(vec![
            Span::styled("s", model.theme.command()),
            Span::raw(" skips the wait: this step is \"not tried\" and the walk goes on from what is on this machine."),
        ]));
    }
    lines
}

fn evidence_lines<'a>(lines: &mut Vec<Line<'a>>, theme: &Theme, evidence: &Evidence) {
    if evidence.not_tried {
        lines.push(Line::from(vec![
            Span::styled("- not tried: ", theme.dim()),
            Span::raw("you skipped the network probe; from this machine alone: "),
            Span::raw(evidence.summary.clone()),
        ]));
        return;
    }
    lines.push(Line::from(vec![
        Span::styled(
            format!("{} ", evidence.mark.symbol()),
            theme.status(evidence.mark),
        ),
        Span::styled(
            format!("{}: ", evidence.label()),
            theme.status(evidence.mark),
        ),
        Span::raw(evidence.summary.clone()),
    ]));
    for finding in &evidence.findings {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", finding.severity.mark()), theme.warn()),
            Span::raw(finding.title.clone()),
        ]));
        if !finding.fix.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("    fix: ", theme.dim()),
                Span::styled(finding.fix.clone(), theme.command()),
            ]));
        }
    }
}

fn check_lines<'a>(
    lines: &mut Vec<Line<'a>>,
    model: &Model,
    walk: &Walk,
    check: &CheckNode,
    values: &Values,
) {
    let Some(evidence) = &walk.evidence else {
        lines.extend(waiting_line(model, &check.check));
        explain(lines, &model.theme, &check.explain, values);
        return;
    };
    evidence_lines(lines, &model.theme, evidence);
    let next = check
        .branches
        .get(evidence.outcome)
        .or(check.default.as_ref());
    let next_title = next
        .and_then(|id| walk.session.playbook().nodes.get(id))
        .map(|n| render_text(n.title(), values));
    lines.push(Line::from(match next_title {
        Some(title) => vec![
            Span::styled("→ Next: ", model.theme.title()),
            Span::raw(format!("\"{title}\". Press Enter.")),
        ],
        None => vec![Span::styled(
            "→ The playbook has no next step for this result.",
            model.theme.error(),
        )],
    }));
    explain(lines, &model.theme, &check.explain, values);
}

fn ask_lines<'a>(
    lines: &mut Vec<Line<'a>>,
    model: &Model,
    walk: &Walk,
    ask: &AskNode,
    values: &Values,
) {
    let theme = &model.theme;
    lines.push(Line::from(Span::styled(
        render_text(&ask.question, values),
        theme.title(),
    )));
    let suggested = walk.session.suggested_option();
    for (i, option) in ask.options.iter().enumerate() {
        let selected = i == walk.selected;
        let marker = if selected { "› " } else { "  " };
        let mut text = render_text(&option.label, values);
        match suggested {
            Some((id, Suggestion::FromError)) if id == option.id => {
                text.push_str("  (from your error)")
            }
            Some((id, Suggestion::Detected)) if id == option.id => text.push_str("  (detected)"),
            _ => {}
        }
        let style = if selected {
            theme.selected()
        } else {
            Default::default()
        };
        lines.push(Line::from(vec![
            Span::styled(marker, style),
            Span::styled(text, style),
        ]));
    }
    if let Some(check) = &ask.detect {
        match &walk.evidence {
            Some(evidence) => {
                lines.push(Line::default());
                evidence_lines(lines, theme, evidence);
            }
            None if walk.session.pending_check().is_some() => {
                lines.push(Line::default());
                lines.extend(waiting_line(model, check));
            }
            None => {}
        }
    }
    explain(lines, theme, &ask.explain, values);
}
