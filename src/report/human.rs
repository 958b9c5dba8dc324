//! Doctor-style output: one line per chain slot and per finding, a summary,
//! and the commands that fix what is wrong.

use crate::diagnosis::Diagnosis;
use crate::findings::Severity;
use crate::probes::chain::SlotStatus;
use crate::report::blocks::finding_text;
use crate::report::style::Painter;
use crate::report::{slot_mark, slot_status_text};
use std::fmt::Write;

/// Renders the diagnosis for a terminal.
pub fn render(d: &Diagnosis, painter: Painter, verbose: bool) -> String {
    let mut out = String::new();
    write_header(&mut out, d, painter);
    write_chain(&mut out, d, painter, verbose);
    let _ = writeln!(out);
    write_resolved(&mut out, d, painter);
    write_identity(&mut out, d, painter);
    write_findings(&mut out, d, painter);
    let _ = writeln!(out, "\n{}", summary(d, painter));
    out
}

fn write_header(out: &mut String, d: &Diagnosis, painter: Painter) {
    let region = match &d.region {
        Some(r) => format!("region {} ({})", r.value, r.source),
        None => "no region".to_string(),
    };
    let _ = writeln!(
        out,
        "{} profile '{}' ({}), {}{}",
        painter.bold("credwiz check:"),
        d.profile.name,
        d.profile.source,
        region,
        if d.offline { ", offline" } else { "" }
    );
    if let Some(found) = crate::report::error_facts::line(&d.error_facts) {
        let _ = writeln!(out, "{} {found}", painter.bold("Your error:"));
    }
}

/// One line per slot, in the SDK's order, with the reason under it.
fn write_chain(out: &mut String, d: &Diagnosis, painter: Painter, verbose: bool) {
    let _ = writeln!(
        out,
        "{} {}",
        painter.bold("SDK lens:"),
        crate::report::lenses::lead_line(d)
    );
    for line in crate::report::lenses::differing_lines(d) {
        let _ = writeln!(out, "  {} {line}", painter.warn("!"));
    }
    if let Some(line) = crate::report::lenses::probe_line(d) {
        let _ = writeln!(out, "  {} {line}", painter.dim("·"));
    }
    let _ = writeln!(
        out,
        "\n{}",
        painter.bold("Credential chain, in the order the AWS SDK tries it")
    );
    for slot in &d.chain {
        let mark = slot_mark(slot.status);
        let mark = match slot.status {
            SlotStatus::Resolved => painter.ok(mark),
            SlotStatus::Failed => painter.error(mark),
            _ => painter.dim(mark),
        };
        let _ = writeln!(
            out,
            "  [{mark}] {:<44} {}",
            slot.slot.label(),
            slot_status_text(slot.status)
        );
        if verbose || slot.status != SlotStatus::NotTried {
            let _ = writeln!(out, "      {}", painter.dim(&slot.detail()));
        }
    }
}

fn write_resolved(out: &mut String, d: &Diagnosis, painter: Painter) {
    match &d.resolved {
        Some(r) => {
            let _ = writeln!(
                out,
                "{} {} from {}\n  key {}, {}",
                painter.bold("Resolved:"),
                r.provider,
                r.source,
                r.access_key_id,
                r.expires_at
                    .as_deref()
                    .map(|e| format!("expires {e}"))
                    .unwrap_or_else(|| "no expiry".into())
            );
        }
        None => {
            let _ = writeln!(out, "{} nothing", painter.bold("Resolved:"));
        }
    }
}

fn write_identity(out: &mut String, d: &Diagnosis, painter: Painter) {
    match (&d.identity, &d.sts_error) {
        (Some(id), _) => {
            let _ = writeln!(
                out,
                "{} {} (account {})",
                painter.bold("Identity:"),
                id.arn,
                id.account
            );
        }
        (None, Some(e)) if e.not_sent.is_some() => {
            let _ = writeln!(out, "{} STS {}", painter.bold("Identity:"), e.message);
        }
        (None, Some(e)) => {
            let _ = writeln!(
                out,
                "{} STS answered {}: {}",
                painter.bold("Identity:"),
                e.code,
                e.message
            );
        }
        (None, None) if d.offline => {
            let _ = writeln!(out, "{} not checked (offline)", painter.bold("Identity:"));
        }
        (None, None) => {}
    }
}

fn write_findings(out: &mut String, d: &Diagnosis, painter: Painter) {
    if !d.findings.is_empty() {
        let _ = writeln!(out, "\n{}", painter.bold("Findings"));
        for f in &d.findings {
            finding_text(out, f, painter);
        }
    }
}

/// The one-line verdict.
pub fn summary(d: &Diagnosis, painter: Painter) -> String {
    let count = |s: Severity| d.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let verdict = match &d.resolved {
        // The slot in words, never the provider's type name.
        Some(r) if r.slot == crate::probes::chain::Slot::Profile => format!(
            "credentials resolved from profile '{}'",
            crate::text::sanitize::sanitize_line(&d.profile.name)
        ),
        Some(r) => format!(
            "credentials resolved from {}",
            crate::checks::runner::slot_words(r.slot)
        ),
        None if d.offline && d.has(crate::findings::FindingId::ChainOfflineUnverified) => {
            "not resolved offline (needs the network or a program)".to_string()
        }
        None => "no credentials resolved".to_string(),
    };
    let text = format!(
        "{}: {} error{}, {} warning{}",
        verdict,
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" }
    );
    if errors > 0 {
        painter.error(&format!("✗ {text}"))
    } else if warnings > 0 {
        painter.warn(&format!("! {text}"))
    } else {
        painter.ok(&format!("✓ {text}"))
    }
}
