//! Markdown for tickets and runbooks: the same facts as the human output.

use crate::diagnosis::Diagnosis;
use crate::report::{slot_mark, slot_status_text};
use std::fmt::Write;

/// Renders the diagnosis as Markdown.
pub fn render(d: &Diagnosis) -> String {
    let mut out = String::from("# credwiz check\n\n");
    let _ = writeln!(
        out,
        "- **Profile:** `{}` ({})",
        d.profile.name, d.profile.source
    );
    match &d.region {
        Some(r) => {
            let _ = writeln!(out, "- **Region:** `{}` ({})", r.value, r.source);
        }
        None => {
            let _ = writeln!(out, "- **Region:** none");
        }
    }
    if let Some(found) = crate::report::error_facts::line(&d.error_facts) {
        let _ = writeln!(out, "- **Your error:** {found}");
    }
    match &d.resolved {
        Some(r) => {
            let _ = writeln!(
                out,
                "- **Resolved:** `{}` from {}, key `{}`{}",
                r.provider,
                r.source,
                r.access_key_id,
                r.expires_at
                    .as_deref()
                    .map(|e| format!(", expires {e}"))
                    .unwrap_or_default()
            );
        }
        None => {
            let _ = writeln!(out, "- **Resolved:** nothing");
        }
    }
    if let Some(id) = &d.identity {
        let _ = writeln!(out, "- **Identity:** `{}` (account {})", id.arn, id.account);
    }
    if let Some(e) = &d.sts_error {
        let _ = writeln!(out, "- **STS error:** `{}`: {}", e.code, e.message);
    }
    let _ = writeln!(
        out,
        "\n## Credential chain\n\n| | Slot | Status | Detail |\n|---|---|---|---|"
    );
    for slot in &d.chain {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            slot_mark(slot.status),
            slot.slot.label(),
            slot_status_text(slot.status),
            slot.detail().replace('|', "\\|")
        );
    }
    if !d.findings.is_empty() {
        let _ = writeln!(out, "\n## Findings\n");
        for f in &d.findings {
            crate::report::blocks::finding_markdown(&mut out, f);
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        crate::report::human::summary(d, crate::report::style::Painter { enabled: false })
    );
    out
}
