//! The checks on one node: its targets, texts, check, options and fix.

use super::{
    placeholder_message, unknown_check_message, unknown_outcome_message, unknown_placeholders,
    Reporter,
};
use crate::checks::registry;
use crate::findings::FindingId;
use crate::playbook::model::{AskNode, CheckNode, EndNode, EndSeverity, Node, Playbook};
use crate::playbook::{At, Rule};
use std::collections::BTreeSet;

/// Every problem of one node.
pub(super) fn check(playbook: &Playbook, id: &str, node: &Node, report: &mut Reporter<'_>) {
    let at = || At::Node(id.to_string());
    for target in node.targets() {
        if !playbook.nodes.contains_key(target) {
            report.add(
                Rule::DanglingTarget,
                At::Edge(id.to_string(), target.to_string()),
                "no such node".to_string(),
            );
        }
    }
    for (field, text) in node.texts() {
        for name in unknown_placeholders(text) {
            report.add(
                Rule::UnknownPlaceholder,
                at(),
                placeholder_message(name, field),
            );
        }
    }
    let at = At::Node(id.to_string());
    match node {
        Node::Check(check) => check_node(check, at, report),
        Node::Ask(ask) => {
            for (rule, message) in super::inputs::ask_problems(ask) {
                report.add(rule, at.clone(), message);
            }
            ask_node(ask, at, report)
        }
        Node::Input(input) => {
            for (rule, message) in super::inputs::input_problems(input) {
                report.add(rule, at.clone(), message);
            }
        }
        Node::End(end) => end_node(end, at, report),
    }
}

fn check_node(check: &CheckNode, at: At, report: &mut Reporter<'_>) {
    let at = || at.clone();
    match registry::find(&check.check) {
        None => report.add(
            Rule::UnknownCheck,
            at(),
            unknown_check_message(&check.check),
        ),
        Some(spec) => {
            // An outcome is shown by its label, never its id: a check the
            // registry declares without one cannot be walked.
            for outcome in spec.unlabelled() {
                report.add(
                    Rule::UnknownOutcome,
                    at(),
                    format!(
                        "check \"{}\": outcome \"{outcome}\" has no label to show",
                        spec.name
                    ),
                );
            }
            for outcome in check.branches.keys() {
                if !spec.has_outcome(outcome) {
                    report.add(
                        Rule::UnknownOutcome,
                        at(),
                        unknown_outcome_message(spec, outcome),
                    );
                }
            }
            let uncovered: Vec<String> = spec
                .outcome_names()
                .filter(|o| !check.branches.contains_key(*o))
                .map(|o| format!("\"{o}\""))
                .collect();
            if check.default.is_none() && !uncovered.is_empty() {
                report.add(
                    Rule::UncoveredOutcomes,
                    at(),
                    format!(
                        "check \"{}\" can end in {}, which no branch covers, and there is no default",
                        spec.name,
                        uncovered.join(", ")
                    ),
                );
            }
        }
    }
}

fn ask_node(ask: &AskNode, at: At, report: &mut Reporter<'_>) {
    let at = || at.clone();

    if ask.options.is_empty() {
        report.add(
            Rule::NoOptions,
            at(),
            "an ask node needs at least one option".into(),
        );
    }
    let mut seen = BTreeSet::new();
    for option in &ask.options {
        if !seen.insert(option.id.as_str()) {
            report.add(
                Rule::DuplicateOptionId,
                at(),
                format!("option id \"{}\" is used more than once", option.id),
            );
        }
    }
    let detect_spec = ask
        .detect
        .as_deref()
        .map(|name| (name, registry::find(name)));
    if let Some((name, None)) = detect_spec {
        report.add(Rule::UnknownCheck, at(), unknown_check_message(name));
    }
    for option in ask.options.iter().filter(|o| !o.detected_when.is_empty()) {
        match detect_spec {
            None => report.add(
                Rule::BadDetection,
                at(),
                format!(
                    "option \"{}\" has detected_when but the node has no detect check",
                    option.id
                ),
            ),
            Some((_, Some(spec))) => {
                for outcome in &option.detected_when {
                    if !spec.has_outcome(outcome) {
                        report.add(
                            Rule::BadDetection,
                            at(),
                            format!(
                                "option \"{}\": {}",
                                option.id,
                                unknown_outcome_message(spec, outcome)
                            ),
                        );
                    }
                }
            }
            Some((_, None)) => {}
        }
    }
}

fn end_node(end: &EndNode, at: At, report: &mut Reporter<'_>) {
    let at = || at.clone();

    if end.fix.is_empty() && end.severity != EndSeverity::Ok {
        let severity = match end.severity {
            EndSeverity::Error => "an error",
            _ => "a warning",
        };
        report.add(
            Rule::EmptyFix,
            at(),
            format!("{severity} end needs at least one fix (a command or an edit)"),
        );
    }
    for finding in &end.findings {
        if FindingId::parse(finding).is_none() {
            report.add(
                Rule::UnknownFinding,
                at(),
                format!("unknown finding id \"{finding}\""),
            );
        }
    }
}
