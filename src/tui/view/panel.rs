//! The side panel that always shows what the SDK's default chain resolved.

use crate::diagnosis::Diagnosis;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

/// Draws the resolved-provider panel.
pub fn draw(frame: &mut Frame, area: Rect, diagnosis: &Diagnosis, running: bool, theme: &Theme) {
    let mut lines: Vec<Line> = Vec::new();
    let field = |name: &'static str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<9}"), theme.dim()),
            Span::raw(value),
        ])
    };
    lines.push(field(
        "profile",
        format!("{} ({})", diagnosis.profile.name, diagnosis.profile.source),
    ));
    match &diagnosis.resolved {
        Some(r) => {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<9}", "provider"), theme.dim()),
                Span::styled(r.provider.clone(), theme.ok()),
            ]));
            lines.push(field("source", r.source.clone()));
            lines.push(field("key", r.access_key_id.clone()));
            lines.push(field(
                "expires",
                r.expires_at.clone().unwrap_or_else(|| "never".into()),
            ));
        }
        None if running => lines.push(field("provider", "resolving…".into())),
        None => lines.push(Line::from(vec![
            Span::styled(format!("{:<9}", "provider"), theme.dim()),
            Span::styled("none resolved", theme.error()),
        ])),
    }
    match (&diagnosis.identity, &diagnosis.sts_error) {
        (Some(id), _) => {
            lines.push(field("account", id.account.clone()));
            lines.push(field("identity", id.arn.clone()));
        }
        (None, Some(e)) => lines.push(Line::from(vec![
            Span::styled(format!("{:<9}", "STS"), theme.dim()),
            Span::styled(e.code.clone(), theme.error()),
        ])),
        _ if diagnosis.offline => lines.push(field("STS", "not asked (offline)".into())),
        _ => {}
    }
    // Region last: on a small screen the identity matters more.
    if let Some(region) = &diagnosis.region {
        lines.push(field(
            "region",
            format!("{} ({})", region.value, region.source),
        ));
    } else if !running {
        lines.push(field("region", "none".into()));
    }
    // The lens of the user's program, and the SDKs that would do otherwise.
    let differing = crate::report::lenses::differing(diagnosis);
    if !running && (diagnosis.sdk != crate::inputs::program::Sdk::Rust || !differing.is_empty()) {
        lines.push(field(
            "lens",
            crate::report::lenses::short_line(diagnosis, diagnosis.sdk),
        ));
        for sdk in differing {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<9}", "!"), theme.warn()),
                Span::raw(crate::report::lenses::short_line(diagnosis, sdk)),
            ]));
        }
    }
    let title = if running {
        " Resolved provider ⟳ "
    } else {
        " Resolved provider "
    };
    let panel = Paragraph::new(lines).wrap(Wrap { trim: true }).block(
        Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.title())),
    );
    frame.render_widget(panel, area);
}
