//! Markdown for tickets and runbooks: the same facts as the human output.

use crate::diagnosis::Diagnosis;
use crate::report::{slot_mark, slot_status_text};
use crate::text::markdown::{code, inline};
use std::fmt::Write;

/// Renders the diagnosis as Markdown. Every value that came from outside
/// (names, paths, server messages, the pasted error) goes through
/// [`crate::text::markdown`], so it reads as text and opens no structure.
pub fn render(d: &Diagnosis) -> String {
    let mut out = String::from("# credwiz check\n\n");
    let _ = writeln!(
        out,
        "- **Profile:** {} ({})",
        code(&d.profile.name),
        inline(&d.profile.source.to_string())
    );
    match &d.region {
        Some(r) => {
            let _ = writeln!(
                out,
                "- **Region:** {} ({})",
                code(&r.value),
                inline(&r.source)
            );
        }
        None => {
            let _ = writeln!(out, "- **Region:** none");
        }
    }
    if let Some(found) = crate::report::error_facts::line(&d.error_facts) {
        let _ = writeln!(out, "- **Your error:** {}", inline(&found));
    }
    match &d.resolved {
        Some(r) => {
            let _ = writeln!(
                out,
                "- **Resolved:** {} from {}, key {}{}",
                code(&r.provider.to_string()),
                inline(&r.source),
                code(&r.access_key_id),
                r.expires_at
                    .as_deref()
                    .map(|e| format!(", expires {}", inline(e)))
                    .unwrap_or_default()
            );
        }
        None => {
            let _ = writeln!(out, "- **Resolved:** nothing");
        }
    }
    if let Some(id) = &d.identity {
        let _ = writeln!(
            out,
            "- **Identity:** {} (account {})",
            code(&id.arn),
            inline(&id.account)
        );
    }
    if let Some(e) = &d.sts_error {
        let _ = writeln!(
            out,
            "- **STS error:** {}: {}",
            code(&e.code),
            inline(&e.message)
        );
    }
    chain_table(&mut out, d);
    if !d.findings.is_empty() {
        let _ = writeln!(out, "\n## Findings\n");
        for f in &d.findings {
            crate::report::blocks::finding_markdown(&mut out, f);
        }
    }
    let summary =
        crate::report::human::summary(d, crate::report::style::Painter { enabled: false });
    let _ = writeln!(out, "\n{}", inline(&summary));
    out
}

/// The chain slot by slot, one table row each.
fn chain_table(out: &mut String, d: &Diagnosis) {
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
            inline(&slot.detail())
        );
    }
}
