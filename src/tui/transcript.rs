//! The walk so far as Markdown, for `e`: steps with their evidence, the
//! findings and the fix. Built only from the (already masked) diagnosis and
//! the playbook texts, so it carries no secret. Every value is escaped for
//! Markdown (`crate::text::markdown`): a name or a pasted error stays text.

use crate::checks::registry::CHECKS;
use crate::checks::runner::{self, Evidence};
use crate::diagnosis::Diagnosis;
use crate::engine::conclusion;
use crate::engine::session::{render_text, Session, Taken};
use crate::playbook::model::Node;
use crate::text::markdown::{code, fenced, inline};
use crate::tui::app::{Model, Screen, Walk};
use std::fmt::Write;

/// The transcript of whatever screen is up.
pub fn markdown(model: &Model) -> String {
    let mut out = String::new();
    let d = &model.diagnosis;
    match &model.screen {
        Screen::Walk(walk) => {
            let _ = writeln!(
                out,
                "# credwiz: {}\n",
                inline(&walk.session.playbook().title)
            );
            walk_steps(&mut out, walk, d);
        }
        Screen::Survey(survey) => {
            let _ = writeln!(out, "# credwiz: every check\n");
            let _ = writeln!(out, "## Checks\n");
            for (spec, evidence) in CHECKS.iter().zip(&survey.evidence) {
                let _ = writeln!(
                    out,
                    "- {}: {}",
                    inline(spec.summary),
                    evidence_line(evidence)
                );
            }
            out.push('\n');
        }
        Screen::Start(_) => {
            let _ = writeln!(out, "# credwiz\n");
        }
        Screen::Profiles(crate::tui::app::ProfilesSweep::Done(table)) => {
            out.push_str(&crate::report::sweep::markdown(&table.report));
            out.push('\n');
        }
        Screen::Profiles(_) => {
            let _ = writeln!(out, "# credwiz: every profile (still running)\n");
        }
    }
    if let Some(text) = &model.error_text {
        let _ = writeln!(out, "## The error\n\n{}", fenced("text", text));
        if let Some(found) = crate::report::error_facts::line(&model.error_facts) {
            let _ = writeln!(out, "What credwiz read from it: {}\n", inline(&found));
        }
    }
    resolved(&mut out, d, model.diagnosed);
    findings(&mut out, d);
    if let Screen::Walk(walk) = &model.screen {
        details(&mut out, walk);
    }
    out
}

fn evidence_line(e: &Evidence) -> String {
    inline(&format!("{} {}: {}", e.symbol(), e.label(), e.summary))
}

/// The ids behind the steps (check names, outcomes, node and playbook ids),
/// for whoever debugs a playbook: only here, never on the wizard's screens.
fn details(out: &mut String, walk: &Walk) {
    let session = &walk.session;
    let _ = writeln!(
        out,
        "## Details
"
    );
    let _ = writeln!(out, "- playbook: {}", code(&session.playbook().id));
    for (i, step) in session.history().iter().enumerate() {
        let check = match walk.trail.get(i) {
            Some(Some(e)) => format!(" · check {} → {}", code(&e.check), code(e.outcome)),
            _ => String::new(),
        };
        let _ = writeln!(out, "- step {}: node {}{check}", i + 1, code(&step.node));
    }
    let _ = writeln!(out, "- current node: {}\n", code(session.current()));
}

fn walk_steps(out: &mut String, walk: &Walk, d: &Diagnosis) {
    let values = runner::walk_placeholders(d, walk.session.values());
    let session = &walk.session;
    let nodes = &session.playbook().nodes;
    let _ = writeln!(out, "## Steps\n");
    for (i, step) in session.history().iter().enumerate() {
        let title = nodes
            .get(&step.node)
            .map(|n| render_text(n.title(), &values))
            .unwrap_or_else(|| step.node.clone());
        let _ = writeln!(
            out,
            "{}. **{}** → {}",
            i + 1,
            inline(&title),
            inline(&taken_label(session, &step.node, &step.taken))
        );
        if let Some(Some(evidence)) = walk.trail.get(i) {
            let _ = writeln!(out, "   - {}", evidence_line(evidence));
        }
    }
    match conclusion::of_session(session, d, &values) {
        Some(end) => crate::report::runbook::conclusion(out, &end, true),
        None => {
            let other = session.current_node();
            let _ = writeln!(
                out,
                "{}. **{}** (current step)",
                session.history().len() + 1,
                inline(&render_text(other.title(), &values))
            );
            if let Some(evidence) = &walk.evidence {
                let _ = writeln!(out, "   - {}", evidence_line(evidence));
            }
            out.push('\n');
        }
    }
}

fn resolved(out: &mut String, d: &Diagnosis, diagnosed: bool) {
    let _ = writeln!(out, "## Resolved provider\n");
    if !diagnosed {
        let _ = writeln!(
            out,
            "Not known yet: the first diagnosis had not finished.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "- profile: {} ({})",
        code(&d.profile.name),
        inline(&d.profile.source.to_string())
    );
    match &d.resolved {
        Some(r) => {
            let _ = writeln!(
                out,
                "- from: {}",
                inline(crate::checks::runner::slot_words(r.slot))
            );
            let _ = writeln!(out, "- source: {}", inline(&r.source));
            let _ = writeln!(out, "- key: {}", code(&r.access_key_id));
            if let Some(at) = &r.expires_at {
                let _ = writeln!(out, "- expires: {}", inline(at));
            }
        }
        None => {
            let _ = writeln!(out, "- provider: none resolved");
        }
    }
    if let Some(region) = &d.region {
        let _ = writeln!(
            out,
            "- region: {} ({})",
            code(&region.value),
            inline(&region.source)
        );
    }
    if let Some(id) = &d.identity {
        let _ = writeln!(
            out,
            "- identity: {} (account {})",
            code(&id.arn),
            inline(&id.account)
        );
    }
    if let Some(e) = &d.sts_error {
        let _ = writeln!(out, "- STS: {}: {}", code(&e.code), inline(&e.message));
    }
    out.push('\n');
}

fn findings(out: &mut String, d: &Diagnosis) {
    if d.findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Findings\n");
    for f in &d.findings {
        crate::report::blocks::finding_markdown(out, f);
    }
}

/// The label of how a breadcrumb was left: the outcome's label in words or
/// the option's label.
pub fn taken_label(session: &Session, node: &str, taken: &Taken) -> String {
    match taken {
        Taken::Outcome(outcome) => match session.playbook().nodes.get(node) {
            Some(Node::Check(check)) => crate::checks::registry::find(&check.check)
                .and_then(|spec| spec.label_of(outcome))
                .unwrap_or("a result")
                .to_string(),
            _ => "a result".to_string(),
        },
        Taken::Answer(option) => match session.playbook().nodes.get(node) {
            Some(Node::Ask(ask)) => ask
                .options
                .iter()
                .find(|o| o.id == *option)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| option.clone()),
            _ => option.clone(),
        },
        Taken::Value(value) => value.clone(),
        Taken::Skipped => "(skipped)".to_string(),
    }
}
