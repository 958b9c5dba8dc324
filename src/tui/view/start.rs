//! The start screen: error families, the paste box, "check everything", and
//! the report of playbooks that failed to load.

use crate::tui::app::{Model, Start, StartItem};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// Draws the start screen into `area`.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, start: &Start) {
    let theme = &model.theme;
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        " credwiz: which error did you get? ",
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let rest = load_report(frame, inner, model);

    let playbooks: Vec<_> = model.library.iter().collect();
    let mut lines: Vec<Line> = vec![verdict(model), Line::default()];
    // Rows above the menu's first item, for scrolling to the selected one.
    let above = lines.len();
    for (i, item) in model.start_items().iter().enumerate() {
        let selected = i == start.selected;
        let marker = if selected { "› " } else { "  " };
        let picked = |id: &str| {
            start
                .triage
                .as_ref()
                .filter(|t| t.picked.first().is_some_and(|p| p == id))
        };
        let text = match item {
            StartItem::Playbook(index) => match playbooks.get(*index) {
                Some(p) => match picked(&p.id) {
                    Some(t) if t.from_diagnosis => {
                        format!("{}  ← chosen from the diagnosis", p.title)
                    }
                    Some(_) => format!("{}  ← matches your error", p.title),
                    None => p.title.clone(),
                },
                None => continue,
            },
            StartItem::Paste => "Paste the error message (p): the quickest way in".to_string(),
            StartItem::Everything => "Not sure: check everything".to_string(),
            StartItem::AllProfiles => "Check every profile".to_string(),
        };
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
    lines.push(Line::default());
    if let Some(triage) = &start.triage {
        lines.push(Line::from(Span::styled(triage.reason.clone(), theme.ok())));
        if let Some(found) = crate::report::error_facts::line(&model.error_facts) {
            lines.push(Line::from(vec![
                Span::styled("From your error: ", theme.title()),
                Span::raw(found),
            ]));
        }
    } else if let Some(StartItem::Playbook(index)) = model.start_items().get(start.selected) {
        if let Some(p) = playbooks.get(*index) {
            lines.push(Line::from(Span::styled(
                format!("About this walk: {}", p.summary),
                theme.dim(),
            )));
        }
    }
    // On a short screen the menu scrolls so that the selected line shows.
    let width = usize::from(rest.width.max(1));
    let upto = lines.len().min(above + start.selected + 1);
    let rows_to_selected = super::wrap::wrap_lines(lines[..upto].to_vec(), width).len();
    let scroll = rows_to_selected.saturating_sub(usize::from(rest.height));
    let lines = super::wrap::wrap_lines(lines, width);
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        rest,
    );

    if let Some(text) = &start.paste {
        paste_box(frame, inner, model, text);
    }
}

/// One line on this machine, above the menu: the panel's verdict.
fn verdict(model: &Model) -> Line<'static> {
    let theme = &model.theme;
    let d = model.shown_diagnosis();
    let running = model.diagnosing;
    if let Some((mark, text, severe)) = super::panel::headline(d, running) {
        let style = if severe { theme.error() } else { theme.warn() };
        return Line::from(Span::styled(
            format!("{mark} On this machine: {text}"),
            style,
        ));
    }
    match &d.resolved {
        _ if running && !model.diagnosed => Line::from(Span::styled(
            format!("{} Looking at this machine's credentials…", model.spinner()),
            theme.dim(),
        )),
        Some(_) => Line::from(Span::styled(
            "✓ On this machine: credentials resolve, and nothing looks wrong from here.",
            theme.ok(),
        )),
        None => Line::default(),
    }
}

/// The playbooks that failed to load, above the menu; returns the area left.
fn load_report(frame: &mut Frame, inner: Rect, model: &Model) -> Rect {
    let theme = &model.theme;
    let mut rest = inner;
    if let Some(problems) = &model.load_problems {
        let text = format!("Not loaded (the other playbooks work):\n{problems}");
        // Rows the wrapped text needs, plus the rule below it, leaving the
        // menu four rows.
        let width = usize::from(inner.width.max(1));
        let rows: usize = text
            .lines()
            .map(|l| l.chars().count().div_ceil(width).max(1))
            .sum();
        let height = (rows as u16 + 1).min(inner.height.saturating_sub(4)).max(2);
        let [report, below] =
            Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(inner);
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.error())
                .wrap(Wrap { trim: false })
                .block(Block::default().borders(Borders::BOTTOM)),
            report,
        );
        rest = below;
    }
    rest
}

fn paste_box(frame: &mut Frame, area: Rect, model: &Model, text: &str) {
    let theme = &model.theme;
    let height = area.height.clamp(5, 9);
    let box_area = Rect {
        x: area.x + 1,
        y: area.y + (area.height - height) / 2,
        width: area.width.saturating_sub(2),
        height,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Paste the error message ", theme.title()))
        .title_bottom(Span::styled(" Enter: triage · Esc: cancel ", theme.dim()));
    let shown = if text.is_empty() {
        vec![Line::from(Span::styled(
            "paste (or type) the error your program printed",
            theme.dim(),
        ))]
    } else {
        // Keep the end of a long paste in view: that is where the person
        // types. Broken into rows by character, not by word, so that the
        // tail always fits the box exactly.
        let width = box_area.width.saturating_sub(2) as usize;
        let height = box_area.height.saturating_sub(2) as usize;
        let tail = format!("{}▏", super::tail(text, (width * height).saturating_sub(1)));
        let rows = rows_of(&tail, width);
        let hidden = rows.len().saturating_sub(height);
        rows.into_iter().skip(hidden).map(Line::from).collect()
    };
    frame.render_widget(Clear, box_area);
    frame.render_widget(Paragraph::new(shown).block(block), box_area);
}

/// `text` cut into rows of `width` characters (line breaks start a new row).
fn rows_of(text: &str, width: usize) -> Vec<String> {
    let mut rows = vec![String::new()];
    let mut count = 0;
    for c in text.chars() {
        if c == '\n' || (count == width && width > 0) {
            rows.push(String::new());
            count = 0;
            if c == '\n' {
                continue;
            }
        }
        if let Some(row) = rows.last_mut() {
            row.push(c);
        }
        count += 1;
    }
    rows
}
