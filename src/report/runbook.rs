//! A headless walk for people (plain text) and tickets (Markdown); the
//! wizard's transcript export uses the same Markdown.

use crate::engine::conclusion::Conclusion;
use crate::engine::walk::{StepKind, WalkReport, WalkStep};
use crate::playbook::triage::Triage;
use crate::report::blocks;
use crate::report::fix::copyable;
use crate::report::style::Painter;
use crate::text::markdown;
use crate::text::sanitize::sanitize_line;
use std::fmt::Write;

/// A value from a playbook, a step or the diagnosis as the format needs it:
/// escaped for Markdown (see [`crate::text::markdown`]), as it is for text.
fn shown(text: &str, markdown: bool) -> String {
    if markdown {
        markdown::inline(text)
    } else {
        text.to_string()
    }
}

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
    let _ = writeln!(
        out,
        "{}{} ({})\n",
        h(1),
        shown(&report.title, markdown),
        shown(&report.playbook, markdown)
    );
    let _ = writeln!(out, "{}Path", h(2));
    for (i, step) in report.steps.iter().enumerate() {
        let number = if markdown {
            format!("{}. ", i + 1)
        } else {
            "  ".into()
        };
        let _ = writeln!(out, "{number}{}", shown(&step_line(step), markdown));
    }
    if let Some(end) = &report.end {
        conclusion(&mut out, end, markdown);
    }
    if let Some(open) = &report.stopped_at {
        open_question(&mut out, open, markdown);
    }
    if let Some(error) = &report.error {
        let _ = writeln!(out, "\nThe walk broke: {}", shown(error, markdown));
    }
    out
}

/// The question a walk stopped at, with the `--answer` each option takes.
fn open_question(out: &mut String, open: &crate::engine::walk::OpenQuestion, markdown: bool) {
    let h = if markdown { "## " } else { "" };
    let _ = writeln!(
        out,
        "\n{h}Stopped at a question: {}",
        shown(&open.question, markdown)
    );
    if markdown {
        out.push('\n');
    }
    for (id, label) in &open.options {
        let answer = format!("--answer {}={}", open.node, shell_words::quote(id));
        if markdown {
            let _ = writeln!(
                out,
                "- {} {}",
                markdown::code(&answer),
                markdown::inline(label)
            );
        } else {
            let _ = writeln!(out, "  {answer}   {label}");
        }
    }
    if let Some(found) = &open.detected {
        let prefix = if markdown { "\n" } else { "  " };
        let _ = writeln!(
            out,
            "{prefix}(detected: {}; add --accept-detected to take it)",
            shown(found, markdown)
        );
    }
}

/// Where a walk ended: the diagnosis, the fix block, whether the diagnosis
/// replaced the playbook's end, the report's other errors and a handover.
pub fn conclusion(out: &mut String, end: &Conclusion, markdown: bool) {
    let h = if markdown { "## " } else { "" };
    let _ = writeln!(
        out,
        "\n{h}Diagnosis: {}\n\n{}\n",
        shown(&end.title, markdown),
        shown(&end.diagnosis, markdown)
    );
    if let Some(found) = &end.found {
        let _ = writeln!(out, "Found: {}\n", shown(found, markdown));
    }
    if let Some(reached) = &end.instead_of {
        let _ = writeln!(
            out,
            "The walk reached \"{}\", but the diagnosis found this first, on this machine.\n",
            shown(reached, markdown)
        );
    }
    if !end.fix.is_empty() {
        let _ = writeln!(out, "{h}Fix");
        if markdown {
            let lines: Vec<String> = end
                .fix
                .iter()
                .map(|f| sanitize_line(f).into_owned())
                .collect();
            let _ = write!(
                out,
                "\n{}",
                markdown::fenced("sh", &copyable(&lines).join("\n"))
            );
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
        format!(
            "**Triage:** {}
",
            markdown::inline(&reason)
        )
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
