//! A headless walk for people (plain text) and tickets (Markdown); the
//! wizard's transcript export uses the same Markdown.

use crate::engine::conclusion::Conclusion;
use crate::engine::walk::{StepKind, WalkReport, WalkStep};
use crate::playbook::triage::Triage;
use crate::report::blocks;
use crate::report::fix::copyable;
use crate::report::style::Painter;
use std::fmt::Write;

/// Human / Markdown rendering of a walk (Markdown is also what the TUI exports).
pub fn render(report: &WalkReport, markdown: bool) -> String {
    let mut out = String::new();
    let h = |level: usize| {
        if markdown {
            format!("{} ", "#".repeat(level))
        } else {
            String::new()
        }
    };
    let _ = writeln!(out, "{}{} ({})\n", h(1), report.title, report.playbook);
    let _ = writeln!(out, "{}Path", h(2));
    for (i, step) in report.steps.iter().enumerate() {
        let number = if markdown {
            format!("{}. ", i + 1)
        } else {
            "  ".into()
        };
        let _ = writeln!(out, "{number}{}", step_line(step));
    }
    if let Some(end) = &report.end {
        conclusion(&mut out, end, markdown);
    }
    if let Some(open) = &report.stopped_at {
        let _ = writeln!(out, "\n{}Stopped at a question: {}", h(2), open.question);
        for (id, label) in &open.options {
            let _ = writeln!(
                out,
                "  --answer {}={}   {label}",
                open.node,
                shell_words::quote(id)
            );
        }
        if let Some(found) = &open.detected {
            let _ = writeln!(
                out,
                "  (detected: {found}; add --accept-detected to take it)"
            );
        }
    }
    if let Some(error) = &report.error {
        let _ = writeln!(out, "\nThe walk broke: {error}");
    }
    out
}

/// Where a walk ended: the diagnosis, the fix block, whether the diagnosis
/// replaced the playbook's end, the report's other errors and a handover.
pub fn conclusion(out: &mut String, end: &Conclusion, markdown: bool) {
    let h = if markdown { "## " } else { "" };
    let _ = writeln!(out, "\n{h}Diagnosis: {}\n\n{}\n", end.title, end.diagnosis);
    if let Some(found) = &end.found {
        let _ = writeln!(out, "Found: {found}\n");
    }
    if let Some(reached) = &end.instead_of {
        let _ = writeln!(
            out,
            "The walk reached \"{reached}\", but the diagnosis found this first, on this machine.\n"
        );
    }
    if !end.fix.is_empty() {
        let _ = writeln!(out, "{h}Fix");
        if markdown {
            let _ = writeln!(out, "\n```sh\n{}\n```", copyable(&end.fix).join("\n"));
        } else {
            for fix in copyable(&end.fix) {
                let prompt = if fix.starts_with('#') { "" } else { "$ " };
                let _ = writeln!(out, "  {prompt}{fix}");
            }
        }
    }
    also_found(out, &end.also_found, markdown);
    if let Some(next) = &end.handover {
        let _ = writeln!(out, "\nContinue with: credwiz run {next}");
    }
}

/// The report's other errors, which the end does not explain.
fn also_found(out: &mut String, findings: &[crate::findings::Finding], markdown: bool) {
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}Also found\n", if markdown { "## " } else { "" });
    for finding in findings {
        if markdown {
            blocks::finding_markdown(out, finding);
        } else {
            blocks::finding_text(out, finding, Painter { enabled: false });
        }
    }
}

/// What triage chose for a pasted error and why, above the walk it chose.
pub fn triage_lines(triage: &Triage, markdown: bool) -> String {
    let reason = crate::text::sanitize::sanitize_line(&triage.reason);
    if markdown {
        format!("**Triage:** {reason}\n")
    } else {
        format!("Triage: {reason}\n")
    }
}

/// One step of the path: the check with its mark and outcome, or the answer.
/// One line whatever it quotes: a check's summary names profiles, files and
/// SDK errors, and an answer is what the user typed.
fn step_line(step: &WalkStep) -> String {
    let line = match step.kind {
        StepKind::Check => format!(
            "[{}] {} — {} → {}",
            step.mark.unwrap_or("?"),
            step.title,
            step.summary.as_deref().unwrap_or(""),
            step.outcome.as_deref().unwrap_or("")
        ),
        StepKind::Input => format!(
            "[?] {} → \"{}\" ({})",
            step.title,
            step.answer.as_deref().unwrap_or(""),
            step.answered_by.unwrap_or("")
        ),
        StepKind::Ask => format!(
            "[?] {} → {} ({})",
            step.title,
            step.answer.as_deref().unwrap_or(""),
            step.answered_by.unwrap_or("")
        ),
    };
    crate::text::sanitize::sanitize_line(&line).into_owned()
}
