//! The sweep over every profile, for people (a table written row by row as
//! profiles finish, then the profiles needing attention grouped by cause,
//! problems first, and a summary line), tickets (a Markdown table that never
//! cuts a cell) and scripts (JSON Lines: one `check --json` object per
//! profile, plus its source kind and verdict). Each row is written from one
//! finished profile, so nothing but the summary waits for the end.

use crate::report::style::Painter;
use crate::sweep::{CauseGroup, ProfileResult, ProfileRow, SweepReport, Verdict};
use crate::text::markdown;
use crate::text::sanitize::sanitize_line;
use std::fmt::Write;

/// The longest a terminal table cell gets before it is cut with "…".
const MAX_CELL: usize = 72;
/// Fixed widths of the columns whose width is known without the rows.
const EXPIRES_WIDTH: usize = 27;
const ACCOUNT_WIDTH: usize = 12;
const ARN_WIDTH: usize = 48;

const HEADERS: [&str; 6] = [
    "profile",
    "source",
    "expires",
    "account",
    "ARN",
    "top finding",
];

/// The cells of a row, as plain text (untrusted parts made printable).
fn cells(row: &ProfileRow) -> [String; 6] {
    let dash = || "—".to_string();
    [
        printable(&row.profile),
        row.source_kind.to_string(),
        row.expires_at.clone().unwrap_or_else(dash),
        row.account.as_deref().map(printable).unwrap_or_else(dash),
        row.arn.as_deref().map(printable).unwrap_or_else(dash),
        row.top
            .as_ref()
            .map(|top| format!("{} ({})", printable(&top.title), top.id))
            .unwrap_or_else(dash),
    ]
}

/// Text from files and servers, made inert for a table cell.
fn printable(text: &str) -> String {
    sanitize_line(text).into_owned()
}

fn cut(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let kept: String = text.chars().take(room.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// "title (id)" cut so that the id always shows.
fn finding_cell(cell: &str) -> String {
    let Some(open) = cell.rfind(" (") else {
        return cut(cell, MAX_CELL);
    };
    let (title, id) = cell.split_at(open);
    let room = MAX_CELL.saturating_sub(id.chars().count()).max(8);
    format!("{}{id}", cut(title, room))
}

/// The terminal table's column widths, known before any row is written.
#[derive(Debug, Clone, Copy)]
pub struct Columns([usize; 5]);

impl Columns {
    /// Widths for these profile names and source kinds.
    pub fn new<'a>(
        names: impl IntoIterator<Item = &'a String>,
        sources: impl IntoIterator<Item = crate::sweep::SourceKind>,
    ) -> Columns {
        let widest = |start: usize, lengths: &mut dyn Iterator<Item = usize>| {
            lengths.fold(start, usize::max).min(MAX_CELL)
        };
        let profile = widest(
            7,
            &mut names.into_iter().map(|n| printable(n).chars().count()),
        );
        let source = widest(
            6,
            &mut sources.into_iter().map(|s| s.to_string().chars().count()),
        );
        Columns([profile, source, EXPIRES_WIDTH, ACCOUNT_WIDTH, ARN_WIDTH])
    }

    fn line(&self, mark: &str, cells: &[String; 6]) -> String {
        let mut text = format!("{mark} ");
        for (cell, width) in cells.iter().zip(self.0) {
            let cell = cut(cell, width);
            let pad = width.saturating_sub(cell.chars().count());
            let _ = write!(text, " {cell}{}", " ".repeat(pad));
        }
        let _ = write!(text, " {}", finding_cell(&cells[5]));
        text.trim_end().to_string()
    }

    /// The header line.
    pub fn header(&self, painter: Painter) -> String {
        painter.bold(&self.line(" ", &HEADERS.map(String::from)))
    }

    /// One profile's line, coloured by its verdict.
    pub fn row(&self, row: &ProfileRow, painter: Painter) -> String {
        let text = self.line(row.verdict.mark(), &cells(row));
        match row.verdict {
            Verdict::Problem => painter.error(&text),
            Verdict::Attention => painter.warn(&text),
            Verdict::Unverified => painter.dim(&text),
            Verdict::Ok => text,
        }
    }
}

/// What follows the rows: the file findings, the profiles needing
/// attention grouped by cause (problems first), and the summary line.
pub fn human_footer(report: &SweepReport, painter: Painter) -> String {
    let mut out = String::new();
    if !report.file_findings.is_empty() {
        let _ = writeln!(out, "\nThe files themselves (every profile reads them):");
        for f in &report.file_findings {
            let _ = writeln!(
                out,
                "  [{}] {}  {}",
                painter.severity(f.severity, f.severity.mark()),
                printable(&f.title),
                painter.dim(&format!("({})", f.id))
            );
        }
    }
    let groups = report.tally.groups();
    if !groups.is_empty() {
        let _ = writeln!(out, "\nNeeds attention, by cause (problems first):");
        for group in groups {
            let text = format!("{} {}", group.verdict.mark(), group_line(group));
            let text = match group.verdict {
                Verdict::Problem => painter.error(&text),
                _ => painter.warn(&text),
            };
            let _ = writeln!(out, "  {text}  {}", painter.dim(&format!("({})", group.id)));
        }
    }
    let _ = write!(out, "\n{}", summary(report));
    out
}

/// "8 profiles (a, b, c, …) · what is wrong · the fix", whole.
pub fn group_line(group: &CauseGroup) -> String {
    let names: Vec<String> = group.profiles.iter().map(|n| printable(n)).collect();
    let more = if group.count > names.len() {
        ", …"
    } else {
        ""
    };
    let who = if group.count == 1 {
        format!("1 profile ({})", names.join(", "))
    } else {
        format!("{} profiles ({}{more})", group.count, names.join(", "))
    };
    let mut line = format!("{who} · {}", printable(&group.title));
    if !group.fix.trim().is_empty() {
        let _ = write!(line, " · {}", printable(group.fix.trim()));
    }
    line
}

/// The whole table from kept rows (the wizard's export, tests).
pub fn human(report: &SweepReport, painter: Painter) -> String {
    let columns = Columns::new(
        report.rows.iter().map(|r| &r.profile),
        report.rows.iter().map(|r| r.source_kind),
    );
    let mut out = columns.header(painter);
    for row in &report.rows {
        let _ = write!(out, "\n{}", columns.row(row, painter));
    }
    let _ = write!(out, "\n{}", human_footer(report, painter));
    out
}

/// The one-line verdict of the whole sweep, with the work that was shared.
pub fn summary(report: &SweepReport) -> String {
    let shared = &report.shared;
    let problems = report.count(Verdict::Problem);
    let mut text = format!(
        "{} profiles in {:.1} s: {} ✓ ok, {} ! attention, {problems} ✗ problem{}",
        report.tally.total(),
        report.took.as_secs_f64(),
        report.count(Verdict::Ok),
        report.count(Verdict::Attention),
        if problems == 1 { "" } else { "s" },
    );
    if report.offline {
        let _ = write!(
            text,
            ", {} · not verified offline",
            report.count(Verdict::Unverified)
        );
    }
    let _ = write!(
        text,
        "; STS GetCallerIdentity: {} call{}, {} answered from a shared result; SSO token caches read: {}; login caches read: {}",
        shared.identity_calls,
        if shared.identity_calls == 1 { "" } else { "s" },
        shared.identity_reused,
        shared.sso_token_reads,
        shared.login_cache_reads
    );
    text
}

/// The Markdown table's title and header.
pub fn markdown_header() -> String {
    format!(
        "# credwiz check --all-profiles\n\n| | {} |\n|---|{}",
        HEADERS.join(" | "),
        "---|".repeat(HEADERS.len())
    )
}

/// One Markdown row; cells are escaped, never cut.
pub fn markdown_row(row: &ProfileRow) -> String {
    let cells: Vec<String> = cells(row).iter().map(|c| markdown::inline(c)).collect();
    format!("| {} | {} |", row.verdict.mark(), cells.join(" | "))
}

/// What follows the Markdown rows.
pub fn markdown_footer(report: &SweepReport) -> String {
    let mut out = String::new();
    if !report.file_findings.is_empty() {
        let _ = writeln!(out, "\n## The files themselves\n");
        for f in &report.file_findings {
            let _ = writeln!(
                out,
                "- {} **{}** ({})",
                f.severity.mark(),
                markdown::inline(&f.title),
                markdown::code(f.id.as_str())
            );
        }
    }
    let groups = report.tally.groups();
    if !groups.is_empty() {
        let _ = writeln!(out, "\n## Needs attention, by cause\n");
        for group in groups {
            let _ = writeln!(
                out,
                "- {} {} ({})",
                group.verdict.mark(),
                markdown::inline(&group_line(group)),
                markdown::code(group.id.as_str())
            );
        }
    }
    let _ = write!(out, "\n{}", markdown::inline(&summary(report)));
    out
}

/// The whole Markdown table from kept rows (the wizard's export).
pub fn markdown(report: &SweepReport) -> String {
    let mut out = markdown_header();
    for row in &report.rows {
        let _ = write!(out, "\n{}", markdown_row(row));
    }
    let _ = writeln!(out, "\n{}", markdown_footer(report));
    out
}

/// One JSON Lines object: the `check --json` fields plus the profile's
/// source kind and verdict.
pub fn json_line(result: &ProfileResult) -> String {
    let mut value = serde_json::to_value(&result.diagnosis).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "source_kind".into(),
            serde_json::to_value(result.source_kind).unwrap_or_default(),
        );
        object.insert(
            "verdict".into(),
            serde_json::to_value(result.verdict).unwrap_or_default(),
        );
    }
    value.to_string()
}

/// The progress line drawn on a terminal's stderr while the sweep runs.
pub fn progress_line(done: usize, total: usize) -> String {
    format!("\r\x1b[2Kchecking profiles: {done}/{total}")
}

/// Clears the progress line.
pub const CLEAR_PROGRESS: &str = "\r\x1b[2K";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_cannot_drive_the_terminal() {
        assert!(!printable("ok\x1b[2Jgone\r\n").chars().any(char::is_control));
    }

    #[test]
    fn a_long_finding_keeps_its_id() {
        let cell = finding_cell(&format!("{} (sso.token_expired)", "x".repeat(200)));
        assert!(cell.ends_with("… (sso.token_expired)"), "{cell}");
        assert!(cell.chars().count() <= MAX_CELL, "{cell}");
    }
}
