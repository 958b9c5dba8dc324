//! Rendering an inspection: doctor-style text, Markdown and JSON.
//!
//! Everything shown comes from an [`S3Inspection`], whose strings were
//! scrubbed when it was built; nothing here sees the raw request.

use crate::findings::{Finding, Severity};
use crate::report::style::Painter;
use crate::rules::s3::inspection::S3Inspection;
use crate::text::markdown;
use std::fmt::Write;

/// Plain text for a terminal, without colour.
pub fn human(inspection: &S3Inspection) -> String {
    human_with(inspection, Painter { enabled: false })
}

/// Text for a terminal, coloured by `painter`.
pub fn human_with(inspection: &S3Inspection, painter: Painter) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} {}",
        painter.bold("credwiz s3 inspect:"),
        inspection.method,
        inspection.url
    );
    for (label, value) in facts(inspection) {
        let _ = writeln!(out, "  {label:<9} {value}");
    }
    let _ = writeln!(out);
    for finding in &inspection.findings {
        let mark = painter.severity(finding.severity, finding.severity.mark());
        let _ = writeln!(
            out,
            "  [{mark}] {}  {}",
            painter.bold(finding.id.as_str()),
            finding.title
        );
        let _ = writeln!(out, "      {}", finding.evidence);
        let _ = writeln!(out, "      fix: {}", finding.fix);
    }
    let _ = writeln!(out, "{}", summary(&inspection.findings));
    out
}

/// A Markdown section, for pasting into an issue or a runbook.
pub fn markdown(inspection: &S3Inspection) -> String {
    let mut out = String::from("## credwiz s3 inspect\n\n| | |\n|---|---|\n");
    let _ = writeln!(
        out,
        "| request | {} |",
        markdown::cell_code(&format!("{} {}", inspection.method, inspection.url))
    );
    for (label, value) in facts(inspection) {
        let _ = writeln!(out, "| {label} | {} |", markdown::inline(&value));
    }
    for finding in &inspection.findings {
        let _ = write!(
            out,
            "\n### {} {}: {}\n\n{}\n\n**Fix:** {}\n",
            finding.severity.mark(),
            markdown::code(finding.id.as_str()),
            markdown::inline(&finding.title),
            markdown::inline(&finding.evidence),
            markdown::inline(&finding.fix)
        );
    }
    let _ = write!(
        out,
        "\n{}\n",
        markdown::inline(&summary(&inspection.findings))
    );
    out
}

/// The `--json` form: the inspection with `findings` shaped exactly like
/// credwiz's other findings (id, severity, title, evidence, fix).
pub fn json(inspection: &S3Inspection) -> serde_json::Value {
    serde_json::to_value(inspection)
        .unwrap_or_else(|e| serde_json::json!({ "error": format!("could not serialize: {e}") }))
}

/// The label/value lines shared by text and Markdown.
fn facts(inspection: &S3Inspection) -> Vec<(&'static str, String)> {
    let mut facts = vec![(
        "endpoint",
        format!(
            "{}  [{}]",
            inspection.endpoint,
            serde_json::to_value(inspection.endpoint_class)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        ),
    )];
    facts.push(("host", inspection.host.clone()));
    let optional = [
        ("provider", &inspection.provider),
        ("bucket", &inspection.bucket),
        ("key", &inspection.key),
        ("region", &inspection.region),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            facts.push((label, value.clone()));
        }
    }
    let auth = match &inspection.key_id {
        Some(key) => format!("{}, key {key}", inspection.auth.label()),
        None => inspection.auth.label().to_string(),
    };
    facts.push(("auth", auth));
    if inspection.fragment_dropped {
        facts.push((
            "fragment",
            "dropped: browsers and SDKs never send it".to_string(),
        ));
    }
    facts
}

fn summary(findings: &[Finding]) -> String {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if errors + warnings == 0 {
        let notes = if notes > 0 {
            format!(" ({notes} note{})", if notes == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        return format!(
            "Nothing wrong with the request itself{notes}. If S3 still refuses it, the \
             credentials are the next suspect: run `credwiz check`."
        );
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}.",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note")
    )
}
