//! The playbook validator: every problem of a playbook or a set of playbooks,
//! each with its file and node, never only the first one.
//!
//! Its rules follow what `statelint` checks for Amazon States Language:
//! targets that exist, a reachable graph, a way out of every loop, and
//! references (checks, outcomes, findings, placeholders) that are real.

mod graph;
mod inputs;
mod nodes;
mod set;

pub use set::{check_paths, validate_set};

use crate::checks::registry;
use crate::playbook::model::{placeholders_in, Playbook};
use crate::playbook::{At, Problem, Rule};
use std::path::Path;

/// Collects problems for one file.
pub(crate) struct Reporter<'a> {
    path: &'a Path,
    problems: Vec<Problem>,
}

impl Reporter<'_> {
    pub(crate) fn add(&mut self, rule: Rule, at: At, message: String) {
        self.problems
            .push(Problem::new(self.path, rule, at, message));
    }
}

/// Checks one playbook on its own: everything except handovers and
/// duplicate ids, which need the whole set (see [`validate_set`]).
pub fn validate(playbook: &Playbook, path: &Path) -> Vec<Problem> {
    let mut report = Reporter {
        path,
        problems: Vec::new(),
    };
    for (field, text) in [("title", &playbook.title), ("summary", &playbook.summary)] {
        for name in unknown_placeholders(text) {
            report.add(
                Rule::UnknownPlaceholder,
                At::File,
                placeholder_message(name, field),
            );
        }
    }

    let start_ok = playbook.nodes.contains_key(&playbook.start);
    if !start_ok {
        report.add(
            Rule::MissingStart,
            At::File,
            format!("start \"{}\" is not a node", playbook.start),
        );
    }
    for (id, node) in &playbook.nodes {
        nodes::check(playbook, id, node, &mut report);
    }
    graph::check(playbook, start_ok, &mut report);
    report.problems
}

pub(crate) fn unknown_placeholders(text: &str) -> Vec<&str> {
    placeholders_in(text)
        .into_iter()
        .map(|(_, name)| name)
        .filter(|name| !registry::PLACEHOLDERS.contains(name))
        .collect()
}

pub(crate) fn placeholder_message(name: &str, field: &str) -> String {
    format!(
        "unknown placeholder {{{name}}} in {field} (known: {})",
        registry::PLACEHOLDERS.join(", ")
    )
}

pub(crate) fn unknown_check_message(name: &str) -> String {
    let known: Vec<_> = registry::CHECKS.iter().map(|c| c.name).collect();
    format!("unknown check \"{name}\" (known: {})", known.join(", "))
}

pub(crate) fn unknown_outcome_message(spec: &registry::CheckSpec, outcome: &str) -> String {
    format!(
        "check \"{}\" has no outcome \"{outcome}\" (it can end in: {})",
        spec.name,
        spec.outcome_names().collect::<Vec<_>>().join(", ")
    )
}
