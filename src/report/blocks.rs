//! The blocks every report is built from, rendered once here: a finding for
//! a terminal and for Markdown. The human, Markdown, S3, probe and wizard
//! transcript views all call these, so a finding reads the same everywhere.

use crate::findings::Finding;
use crate::report::style::Painter;
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
/// A fix that is advice rather than a command is a `#` comment there, so the
/// block stays safe to paste (see [`crate::report::fix`]).
pub fn finding_markdown(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "### {} {} (`{}`)\n\n{}\n\n```sh\n{}\n```\n",
        f.severity.mark(),
        f.title,
        f.id,
        f.evidence,
        crate::report::fix::classify(&f.fix).copyable()
    );
}
