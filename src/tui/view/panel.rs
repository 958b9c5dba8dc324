//! The side panel: one line on what is wrong (when something is), the five
//! slots of the SDK's default chain with their marks, always, then what
//! resolved (where from, masked key, expiry), who STS says it is, an
//! endpoint override, and which program printed the pasted error. One line
//! per fact, in words (type names and lens ids are for `-v` and JSON); on a
//! short screen the least important lines go first.

use crate::diagnosis::Diagnosis;
use crate::inputs::program::Program;
use crate::probes::chain::{Slot, SlotReason, SlotStatus};
use crate::report::slot_mark;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// The narrowest the panel gets, borders included.
pub const MIN_WIDTH: u16 = 34;

/// The panel's width in a body `body` columns wide: a third, at least
/// [`MIN_WIDTH`], so that whole values show on a wide screen; on the
/// smallest screens the page keeps [`MAIN_MIN`] columns first.
pub fn width_for(body: u16) -> u16 {
    (body / 3).max(MIN_WIDTH).min(body.saturating_sub(MAIN_MIN))
}

/// The fewest columns the page beside the panel keeps.
const MAIN_MIN: u16 = 36;

/// Width of the name column of field lines.
const LABEL: usize = 9;

/// What the panel shows besides the diagnosis.
pub struct PanelContext<'a> {
    pub running: bool,
    /// The program that printed the pasted error, if triage could tell.
    pub program: Option<Program>,
    pub theme: &'a Theme,
}

/// Draws the panel.
pub fn draw(frame: &mut Frame, area: Rect, diagnosis: &Diagnosis, context: &PanelContext) {
    let theme = context.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let height = usize::from(area.height.saturating_sub(2));
    // (priority, line): lower numbers are kept longer.
    let mut lines: Vec<(u8, Line)> = Vec::new();
    if let Some((mark, text, severe)) = headline(diagnosis, context.running) {
        let style = if severe { theme.error() } else { theme.warn() };
        lines.push((
            0,
            Line::from(Span::styled(head(&format!("{mark} {text}"), width), style)),
        ));
    }
    for slot in Slot::ORDER {
        let result = diagnosis.chain.iter().find(|s| s.slot == slot);
        let status = result.map_or(SlotStatus::NotTried, |s| s.status);
        let reason = result.map(|s| &s.reason);
        lines.push((0, slot_line(slot, status, reason, width, theme)));
    }
    lines.extend(fact_lines(diagnosis, context, width));

    let shown = keep_most_important(lines, height);
    let title = if context.running {
        " Credential chain ⟳ "
    } else {
        " Credential chain "
    };
    let panel = Paragraph::new(shown).block(
        Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.title())),
    );
    frame.render_widget(panel, area);
}

/// The resolved provider, identity, program, profile and region, each with
/// how long it is kept when the panel is short.
fn fact_lines<'a>(
    diagnosis: &Diagnosis,
    context: &PanelContext<'a>,
    width: usize,
) -> Vec<(u8, Line<'a>)> {
    let theme = context.theme;
    let mut lines: Vec<(u8, Line)> = Vec::new();
    let room = width.saturating_sub(LABEL);
    let field = |name: &str, value: &str, style: Style| {
        Line::from(vec![
            Span::styled(format!("{name:<LABEL$}"), theme.dim()),
            Span::styled(fit(value, room), style),
        ])
    };
    // "dev (AWS_PROFILE)" when it fits, else just "dev".
    let with_source = |value: &str, source: &str| {
        let full = format!("{value} ({source})");
        if full.chars().count() <= room {
            full
        } else {
            value.to_string()
        }
    };
    match &diagnosis.resolved {
        Some(r) => {
            lines.push((
                1,
                field(
                    "from",
                    crate::checks::runner::slot_words(r.slot),
                    theme.ok(),
                ),
            ));
            lines.push((4, field("source", &r.source, Style::default())));
            lines.push((2, field("key", &r.access_key_id, Style::default())));
            let expires = r.expires_at.as_deref().unwrap_or("never");
            lines.push((5, field("expires", expires, Style::default())));
        }
        None if context.running => lines.push((1, field("from", "resolving…", theme.dim()))),
        None => lines.push((1, field("from", "nothing resolved", theme.error()))),
    }
    // An endpoint override sends every call elsewhere: say so.
    let endpoint = diagnosis.facts.sts_endpoint.as_deref();
    if let Some(url) = endpoint.filter(|url| !is_aws_host(url)) {
        let value = with_source(url, "AWS_ENDPOINT_URL");
        lines.push((2, field("endpoint", &value, theme.warn())));
    }
    match (&diagnosis.identity, &diagnosis.sts_error) {
        (Some(id), _) => {
            lines.push((3, field("identity", &id.arn, Style::default())));
        }
        (None, Some(e)) => lines.push((3, field("STS", &e.code, theme.error()))),
        _ if diagnosis.offline => lines.push((3, field("STS", "not asked (offline)", theme.dim()))),
        _ => {}
    }
    if let Some(program) = context.program {
        let label = crate::report::error_facts::program_label(program);
        let label = if label.chars().count() <= room {
            label
        } else {
            label.split(" (").next().unwrap_or(label)
        };
        lines.push((6, field("program", label, theme.title())));
    }
    lines.extend(lens_lines(diagnosis, context, &field));
    let profile = with_source(
        &diagnosis.profile.name,
        &diagnosis.profile.source.to_string(),
    );
    lines.push((7, field("profile", &profile, Style::default())));
    let region = diagnosis.region.as_ref().map_or_else(
        || {
            if context.running {
                "…".to_string()
            } else {
                "none".to_string()
            }
        },
        |r| with_source(&r.value, &r.source),
    );
    lines.push((8, field("region", &region, Style::default())));

    lines
}

/// The lens of the user's program, and each SDK that would do otherwise.
fn lens_lines<'a>(
    diagnosis: &Diagnosis,
    context: &PanelContext<'a>,
    field: &dyn Fn(&str, &str, Style) -> Line<'a>,
) -> Vec<(u8, Line<'a>)> {
    let theme = context.theme;
    let mut lines = Vec::new();
    let differing = crate::report::lenses::differing(diagnosis);
    if !context.running
        && (diagnosis.sdk != crate::inputs::program::Sdk::Rust || !differing.is_empty())
    {
        let lead = diagnosis.sdk;
        let summary = |sdk| crate::report::lenses::panel_summary(diagnosis, sdk);
        lines.push((6, field("your SDK", short_sdk(lead), theme.title())));
        lines.push((6, field(short_sdk(lead), &summary(lead), Style::default())));
        for sdk in differing {
            let label = format!("! {}", short_sdk(sdk));
            lines.push((6, field(&label, &summary(sdk), theme.warn())));
        }
    }
    lines
}

/// The one line that says what is wrong: the report's leading problem
/// (its title, already in words), else an empty chain. `severe` for ✗.
pub fn headline(d: &Diagnosis, running: bool) -> Option<(&'static str, String, bool)> {
    use crate::findings::Severity;
    // The report's own order: its leading problem first.
    let leading = d
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .or_else(|| d.findings.iter().find(|f| f.severity == Severity::Warning));
    if let Some(f) = leading {
        let severe = f.severity == Severity::Error;
        return Some((f.severity.mark(), f.title.clone(), severe));
    }
    let walked = d.chain.iter().any(|s| s.status != SlotStatus::NotTried);
    if d.resolved.is_none() && !running && walked {
        return Some((
            "✗",
            "no credentials: every source came up empty".into(),
            true,
        ));
    }
    None
}

/// An SDK by the name people use.
fn short_sdk(sdk: crate::inputs::program::Sdk) -> &'static str {
    sdk.label().split(" (").next().unwrap_or("SDK")
}

/// True for an endpoint of AWS itself (not an override worth a line).
fn is_aws_host(url: &str) -> bool {
    let host = url.split("://").nth(1).unwrap_or(url);
    let host = host.split(['/', ':']).next().unwrap_or(host);
    host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn")
}

/// The lines in their order, dropping the least important ones that do not fit.
fn keep_most_important(mut lines: Vec<(u8, Line<'_>)>, height: usize) -> Vec<Line<'_>> {
    while lines.len() > height {
        let Some(worst) = lines
            .iter()
            .enumerate()
            .max_by_key(|(i, (priority, _))| (*priority, *i))
            .map(|(i, _)| i)
        else {
            break;
        };
        if lines[worst].0 == 0 {
            break; // the five slots always stay
        }
        lines.remove(worst);
    }
    lines.into_iter().map(|(_, line)| line).collect()
}

/// `✓ profile   resolved`, or just the mark and the name when narrow.
fn slot_line(
    slot: Slot,
    status: SlotStatus,
    reason: Option<&SlotReason>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let half_set = matches!(
        reason,
        Some(SlotReason::EnvSecretUnset | SlotReason::EnvKeyIdUnset)
    );
    let style = match status {
        SlotStatus::Resolved => theme.ok(),
        SlotStatus::Failed => theme.error(),
        _ if half_set => theme.error(),
        SlotStatus::NotConfigured | SlotStatus::NotTried => theme.dim(),
    };
    let name = match slot {
        Slot::Environment => "env",
        Slot::Profile => "profile",
        Slot::WebIdentity => "web id",
        Slot::Container => "ECS/EKS",
        Slot::Imds => "IMDS",
    };
    // The reason says more than the status where "not set" would be wrong;
    // on a wide panel it says which variable.
    let words = match (reason, status) {
        (Some(SlotReason::EnvSecretUnset), _) if width >= 2 + LABEL + 30 => {
            "half set: no AWS_SECRET_ACCESS_KEY"
        }
        (Some(SlotReason::EnvKeyIdUnset), _) if width >= 2 + LABEL + 30 => {
            "half set: no AWS_ACCESS_KEY_ID"
        }
        (Some(SlotReason::EnvSecretUnset | SlotReason::EnvKeyIdUnset), _) => "half set",
        (Some(SlotReason::ImdsDisabledByEnv), _) if width >= 2 + LABEL + 22 => {
            "off (METADATA_DISABLED)"
        }
        (Some(SlotReason::ImdsDisabledByEnv), _) => "off",
        (Some(SlotReason::ImdsNoAnswer { .. }), _) => "no answer",
        (Some(SlotReason::ImdsNoRole { .. }), _) => "no role",
        (_, SlotStatus::Resolved) => "resolved",
        (_, SlotStatus::NotConfigured) => "not set",
        (_, SlotStatus::Failed) => "failed",
        (_, SlotStatus::NotTried) => "not tried",
    };
    let mark = if half_set { "✗" } else { slot_mark(status) };
    let mut spans = vec![
        Span::styled(format!("{mark} "), style),
        Span::raw(format!("{name:<LABEL$}")),
    ];
    if 2 + LABEL + words.len() <= width {
        spans.push(Span::styled(words, style));
    }
    Line::from(spans)
}

/// A value in `room` columns: masked key ids lose their stars first, then
/// the head goes (a path's end and an ARN's name say the most).
fn fit(value: &str, room: usize) -> String {
    if value.chars().count() <= room {
        return value.to_string();
    }
    if value.contains("****") {
        let compact: String = value
            .split('*')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("…");
        if compact.chars().count() <= room {
            return compact;
        }
        return super::tail(&compact, room);
    }
    super::tail(value, room)
}

/// The start of a text that is too long for `width`, with a trailing `…`
/// (a sentence says the most at its start).
pub fn head(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}
