//! "Check every profile": a progress line while the sweep runs, then the
//! causes shared by several profiles (one fix for many), a table of every
//! profile (problems first, scrolled to the selected row), and the selected
//! row's problem and fix whole. No ids: titles and fixes only.

use super::wrap::wrap_lines;
use crate::sweep::{CauseGroup, ProfileRow, Verdict};
use crate::text::sanitize::sanitize_line;
use crate::tui::app::{Model, ProfilesSweep, SweepTable};
use crate::tui::theme::Theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState};
use ratatui::Frame;

/// The profile column never takes more than this.
const PROFILE_MAX: usize = 28;
/// Below this width the source column is left out (the detail names it).
const WITH_SOURCE: u16 = 70;

/// Draws the sweep into `area`.
pub fn draw(frame: &mut Frame, area: Rect, model: &Model, state: &ProfilesSweep) {
    let theme = &model.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Every profile ", theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match state {
        ProfilesSweep::Running { done, total } => {
            let line = format!("{} Checking every profile… {done}/{total}", model.spinner());
            frame.render_widget(Paragraph::new(line), inner);
        }
        ProfilesSweep::Done(table) => draw_table(frame, inner, theme, table),
    }
}

fn draw_table(frame: &mut Frame, area: Rect, theme: &Theme, table: &SweepTable) {
    let report = &table.report;
    let width = usize::from(area.width);
    // First the causes several profiles share (one fix repairs them all),
    // then the summary; wrapped, never cut.
    let shared: Vec<&CauseGroup> = report
        .tally
        .groups()
        .into_iter()
        .filter(|g| g.count > 1)
        .collect();
    let room = usize::from(area.height / 6).max(1);
    let mut top: Vec<Line> = shared
        .iter()
        .take(room)
        .map(|group| group_line(theme, table, group))
        .collect();
    if shared.len() > room {
        top.push(Line::from(Span::styled(
            format!(
                "+ {} more shared causes (e exports them all)",
                shared.len() - room
            ),
            theme.dim(),
        )));
    }
    top.push(Line::from(Span::styled(
        scrub(table, &crate::report::sweep::summary(report)),
        theme.dim(),
    )));
    // Wrapped, never cut; on a short screen the table keeps most rows.
    let top = wrap_lines(top, width);
    let top_height = u16::try_from(top.len())
        .unwrap_or(u16::MAX)
        .min(area.height / 3);
    let detail = detail_lines(theme, table, width);
    let detail_height = u16::try_from(detail.len())
        .unwrap_or(u16::MAX)
        .min(area.height / 3);
    let [top_area, rows_area, detail_area] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Min(3),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top), top_area);
    draw_rows(frame, rows_area, theme, table);
    frame.render_widget(Paragraph::new(detail), detail_area);
}

/// The rows as a table that scrolls to keep the selected row in view.
fn draw_rows(frame: &mut Frame, area: Rect, theme: &Theme, table: &SweepTable) {
    let rows = &table.report.rows;
    let with_source = area.width >= WITH_SOURCE;
    let profile_width = rows
        .iter()
        .map(|r| sanitize_line(&r.profile).chars().count())
        .fold(7, usize::max)
        .min(PROFILE_MAX);
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(u16::try_from(profile_width).unwrap_or(7)),
    ];
    let mut header = vec!["", "profile"];
    let mut used = 1 + profile_width;
    if with_source {
        let source_width = rows
            .iter()
            .map(|r| r.source_kind.to_string().chars().count())
            .fold(6, usize::max)
            .min(PROFILE_MAX);
        widths.push(Constraint::Length(u16::try_from(source_width).unwrap_or(6)));
        header.push("source");
        used += source_width;
    }
    widths.push(Constraint::Fill(1));
    header.push("what is wrong");
    // One space between columns; what is left is the reason's.
    let reason_room = usize::from(area.width).saturating_sub(used + widths.len() - 1);
    let body = rows.iter().map(|row| {
        let mut cells = vec![
            Span::styled(row.verdict.mark(), verdict_style(theme, row.verdict)),
            Span::raw(cut(&scrub(table, &row.profile), profile_width)),
        ];
        if with_source {
            cells.push(Span::raw(row.source_kind.to_string()));
        }
        cells.push(Span::raw(cut(
            &scrub(table, &reason(row)),
            reason_room.max(8),
        )));
        Row::new(cells)
    });
    let widget = Table::new(body, widths)
        .header(Row::new(header).style(theme.title()))
        .row_highlight_style(theme.selected());
    let mut state = TableState::default().with_selected(Some(table.selected));
    frame.render_stateful_widget(widget, area, &mut state);
}

/// The selected row's problem and fix, whole (wrapped), and what Enter does.
fn detail_lines(theme: &Theme, table: &SweepTable, width: usize) -> Vec<Line<'static>> {
    let Some(row) = table.report.rows.get(table.selected) else {
        return Vec::new();
    };
    let name = scrub(table, &row.profile);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{name} ({}): {}",
            row.source_kind,
            scrub(table, &reason(row))
        ),
        verdict_style(theme, row.verdict),
    ))];
    if let Some(top) = row.top.as_ref().filter(|t| !t.fix.trim().is_empty()) {
        lines.push(Line::from(vec![
            Span::raw("fix: "),
            Span::styled(scrub(table, top.fix.trim()), theme.command()),
        ]));
    }
    lines.push(Line::from(Span::styled(
        "Enter checks this profile and walks its problems",
        theme.dim(),
    )));
    wrap_lines(lines, width)
}

/// The row's problem in words, or what it is when nothing is wrong.
fn reason(row: &ProfileRow) -> String {
    match (&row.top, row.verdict) {
        (Some(top), Verdict::Problem | Verdict::Attention) => top.title.clone(),
        (_, Verdict::Unverified) => "needs the network or a program to verify (offline)".into(),
        (_, Verdict::Ok) => match &row.arn {
            Some(arn) => format!("works: {arn}"),
            None => "works".into(),
        },
        (None, _) => "no credentials".into(),
    }
}

/// "One fix for 8 profiles (a, b, c, …): aws sso login --sso-session corp":
/// what the group's rows say is wrong is in the rows and the detail.
fn group_line(theme: &Theme, table: &SweepTable, group: &CauseGroup) -> Line<'static> {
    let names: Vec<String> = group.profiles.iter().map(|n| scrub(table, n)).collect();
    let more = if group.count > names.len() {
        ", …"
    } else {
        ""
    };
    let who = format!(
        "One fix for {} profiles ({}{more}): ",
        group.count,
        names.join(", ")
    );
    let fix = if group.fix.trim().is_empty() {
        scrub(table, &group.title)
    } else {
        scrub(table, group.fix.trim())
    };
    Line::from(vec![
        Span::styled(who, verdict_style(theme, group.verdict)),
        Span::styled(fix, theme.command()),
    ])
}

/// Text for the screen: every known secret hidden, control characters inert.
fn scrub(table: &SweepTable, text: &str) -> String {
    sanitize_line(&table.report.scrub(text)).into_owned()
}

fn cut(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let kept: String = text.chars().take(room.saturating_sub(1)).collect();
    format!("{kept}…")
}

fn verdict_style(theme: &Theme, verdict: Verdict) -> Style {
    match verdict {
        Verdict::Problem => theme.error(),
        Verdict::Attention => theme.warn(),
        Verdict::Unverified => theme.dim(),
        Verdict::Ok => theme.ok(),
    }
}
