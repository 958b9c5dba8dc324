//! The sweep over every profile, for people (a problems-first table and a
//! summary line), tickets (a Markdown table) and scripts (JSON Lines: one
//! `check --json` object per profile, plus its source kind and verdict).

use crate::findings::Finding;
use crate::report::style::Painter;
use crate::sweep::{ProfileResult, SweepReport, Verdict};
use crate::text::markdown;
use crate::text::sanitize::sanitize_line;
use std::fmt::Write;

/// The longest a table cell gets before it is cut with "…".
const MAX_CELL: usize = 72;

/// The columns of a row, as plain text (untrusted parts made printable).
struct Row {
    verdict: Verdict,
    cells: [String; 6],
}

const HEADERS: [&str; 6] = [
    "profile",
    "source",
    "expires",
    "account",
    "ARN",
    "top finding",
];

fn row(result: &ProfileResult) -> Row {
    let d = &result.diagnosis;
    let (account, arn) = match &d.identity {
        Some(who) => (who.account.clone(), who.arn.clone()),
        None => ("—".to_string(), "—".to_string()),
    };
    Row {
        verdict: result.verdict,
        cells: [
            printable(&result.profile),
            result.source_kind.to_string(),
            d.resolved
                .as_ref()
                .and_then(|r| r.expires_at.clone())
                .unwrap_or_else(|| "—".to_string()),
            printable(&account),
            printable(&arn),
            result
                .top_finding()
                .map(finding_cell)
                .unwrap_or_else(|| "—".to_string()),
        ],
    }
}

/// "title (id)", the title cut so that the id always shows.
fn finding_cell(finding: &Finding) -> String {
    let id = format!(" ({})", finding.id);
    let room = MAX_CELL.saturating_sub(id.chars().count()).max(8);
    let title = printable(&finding.title);
    let title = if title.chars().count() > room {
        let kept: String = title.chars().take(room - 1).collect();
        format!("{kept}…")
    } else {
        title
    };
    format!("{title}{id}")
}

/// Text from files and servers, made inert for a table cell.
fn printable(text: &str) -> String {
    sanitize_line(text).into_owned()
}

fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_CELL {
        return text.to_string();
    }
    let kept: String = text.chars().take(MAX_CELL - 1).collect();
    format!("{kept}…")
}

/// The table, problems first, then the file findings and the summary.
pub fn human(report: &SweepReport, painter: Painter) -> String {
    let rows: Vec<Row> = report.results.iter().map(row).collect();
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(&row.cells) {
            *width = (*width).max(cut(cell).chars().count());
        }
    }
    let line = |mark: &str, cells: &[String]| {
        let mut text = format!("{mark} ");
        for (cell, width) in cells.iter().zip(widths) {
            let cell = cut(cell);
            let pad = width.saturating_sub(cell.chars().count());
            let _ = write!(text, " {cell}{}", " ".repeat(pad));
        }
        text.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        painter.bold(&line(" ", &HEADERS.map(String::from)))
    );
    for row in &rows {
        let text = line(row.verdict.mark(), &row.cells);
        let _ = writeln!(
            out,
            "{}",
            match row.verdict {
                Verdict::Problem => painter.error(&text),
                Verdict::Attention => painter.warn(&text),
                Verdict::Unverified => painter.dim(&text),
                Verdict::Ok => text,
            }
        );
    }
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
    let _ = writeln!(out, "\n{}", summary(report));
    out
}

/// The one-line verdict of the whole sweep, with the work that was shared.
pub fn summary(report: &SweepReport) -> String {
    let shared = &report.shared;
    let mut text = format!(
        "{} profiles in {:.1} s: {} ✓ ok, {} ! attention, {} ✗ problem{}",
        report.results.len(),
        report.took.as_secs_f64(),
        report.count(Verdict::Ok),
        report.count(Verdict::Attention),
        report.count(Verdict::Problem),
        if report.count(Verdict::Problem) == 1 {
            ""
        } else {
            "s"
        },
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

/// A Markdown table for an incident ticket.
pub fn markdown(report: &SweepReport) -> String {
    let cell = |text: &str| markdown::inline(&cut(text));
    let mut out = String::from("# credwiz check --all-profiles\n\n");
    let _ = writeln!(out, "| | {} |", HEADERS.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(HEADERS.len()));
    for result in &report.results {
        let row = row(result);
        let cells: Vec<String> = row.cells.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} | {} |", row.verdict.mark(), cells.join(" | "));
    }
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
    let _ = writeln!(out, "\n{}", markdown::inline(&summary(report)));
    out
}

/// JSON Lines: one object per profile, the `check --json` fields plus the
/// profile's source kind and verdict, in the table's order.
pub fn json_lines(report: &SweepReport) -> String {
    let mut out = String::new();
    for result in &report.results {
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
        let _ = writeln!(out, "{value}");
    }
    out
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
    use crate::findings::FindingId;

    #[test]
    fn untrusted_text_cannot_drive_the_terminal() {
        assert!(!printable("ok\x1b[2Jgone\r\n").chars().any(char::is_control));
    }

    #[test]
    fn a_long_finding_keeps_its_id() {
        let finding = Finding::new(FindingId::SsoTokenExpired, "x".repeat(200), "", "");
        let cell = finding_cell(&finding);
        assert!(cell.ends_with("… (sso.token_expired)"), "{cell}");
        assert!(cell.chars().count() <= MAX_CELL, "{cell}");
    }
}
