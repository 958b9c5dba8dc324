//! The blocks every report is built from, rendered once here: a finding for
//! a terminal and for Markdown. The human, Markdown, S3, probe and wizard
//! transcript views all call these, so a finding reads the same everywhere.

use crate::findings::Finding;
use crate::report::style::Painter;
use crate::text::markdown;
use crate::text::sanitize::sanitize_line;
use std::fmt::Write;

/// A finding for a terminal: mark, title and id, then its evidence and fix.
pub fn finding_text(out: &mut String, f: &Finding, painter: Painter) {
    let mark = painter.severity(f.severity, f.severity.mark());
    let _ = writeln!(
        out,
        "  [{mark}] {}  {}",
        f.title,
        painter.dim(&format!("({})", f.id))
    );
    if !f.evidence.is_empty() {
        let _ = writeln!(out, "      {}", f.evidence);
    }
    let _ = writeln!(out, "      fix: {}", f.fix);
}

/// A finding for a ticket: a heading, the evidence, the fix as a shell block.
/// Every text is escaped for Markdown; the fix block holds commands, with any
/// prose as `#` comments, behind a fence no text inside can close.
pub fn finding_markdown(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "### {} {} ({})\n",
        f.severity.mark(),
        markdown::inline(&f.title),
        markdown::code(f.id.as_str())
    );
    if !f.evidence.is_empty() {
        let _ = writeln!(out, "{}\n", markdown::inline(&f.evidence));
    }
    let fix = crate::report::fix::classify(&sanitize_line(&f.fix)).copyable();
    let _ = writeln!(out, "{}", markdown::fenced("sh", &fix));
}
