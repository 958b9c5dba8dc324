//! The playbook validator: every problem of a playbook or a set of playbooks,
//! each with its file and node, never only the first one.
//!
//! Its rules follow what `statelint` checks for Amazon States Language:
//! targets that exist, a reachable graph, a way out of every loop, and
//! references (checks, outcomes, findings, placeholders) that are real.

use crate::checks::registry;
use crate::findings::FindingId;
use crate::playbook::load;
use crate::playbook::model::{placeholders_in, EndSeverity, Node, Playbook};
use crate::playbook::{At, Problem, Rule};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

/// Checks one playbook on its own: everything except handovers and
/// duplicate ids, which need the whole set (see [`validate_set`]).
pub fn validate(playbook: &Playbook, path: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |rule, at, message: String| {
        problems.push(Problem::new(path, rule, at, message));
    };

    for (field, text) in [("title", &playbook.title), ("summary", &playbook.summary)] {
        for name in unknown_placeholders(text) {
            report(
                Rule::UnknownPlaceholder,
                At::File,
                placeholder_message(name, field),
            );
        }
    }

    let start_ok = playbook.nodes.contains_key(&playbook.start);
    if !start_ok {
        report(
            Rule::MissingStart,
            At::File,
            format!("start \"{}\" is not a node", playbook.start),
        );
    }

    for (id, node) in &playbook.nodes {
        let at = || At::Node(id.clone());
        for target in node.targets() {
            if !playbook.nodes.contains_key(target) {
                report(
                    Rule::DanglingTarget,
                    At::Edge(id.clone(), target.to_string()),
                    "no such node".to_string(),
                );
            }
        }
        for (field, text) in node.texts() {
            for name in unknown_placeholders(text) {
                report(
                    Rule::UnknownPlaceholder,
                    at(),
                    placeholder_message(name, field),
                );
            }
        }
        match node {
            Node::Check(check) => match registry::find(&check.check) {
                None => report(
                    Rule::UnknownCheck,
                    at(),
                    unknown_check_message(&check.check),
                ),
                Some(spec) => {
                    for outcome in check.branches.keys() {
                        if !spec.has_outcome(outcome) {
                            report(
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
                        report(
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
            },
            Node::Ask(ask) => {
                if ask.options.is_empty() {
                    report(
                        Rule::NoOptions,
                        at(),
                        "an ask node needs at least one option".into(),
                    );
                }
                let mut seen = BTreeSet::new();
                for option in &ask.options {
                    if !seen.insert(option.id.as_str()) {
                        report(
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
                    report(Rule::UnknownCheck, at(), unknown_check_message(name));
                }
                for option in ask.options.iter().filter(|o| !o.detected_when.is_empty()) {
                    match detect_spec {
                        None => report(
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
                                    report(
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
            Node::End(end) => {
                if end.fix.is_empty() && end.severity != EndSeverity::Ok {
                    let severity = match end.severity {
                        EndSeverity::Error => "an error",
                        _ => "a warning",
                    };
                    report(
                        Rule::EmptyFix,
                        at(),
                        format!("{severity} end needs at least one fix (a command or an edit)"),
                    );
                }
                for finding in &end.findings {
                    if FindingId::parse(finding).is_none() {
                        report(
                            Rule::UnknownFinding,
                            at(),
                            format!("unknown finding id \"{finding}\""),
                        );
                    }
                }
            }
        }
    }

    let ends: Vec<&str> = playbook
        .nodes
        .iter()
        .filter(|(_, n)| matches!(n, Node::End(_)))
        .map(|(id, _)| id.as_str())
        .collect();
    if ends.is_empty() {
        report(
            Rule::NoEndNode,
            At::File,
            "no end node, so a session could never finish".into(),
        );
    }

    let reachable = if start_ok {
        walk(&playbook.start, |id| {
            playbook
                .nodes
                .get(id)
                .map(Node::targets)
                .unwrap_or_default()
        })
    } else {
        BTreeSet::new()
    };
    if start_ok {
        for id in playbook
            .nodes
            .keys()
            .filter(|id| !reachable.contains(id.as_str()))
        {
            report(
                Rule::Unreachable,
                At::Node(id.clone()),
                format!("unreachable from start \"{}\"", playbook.start),
            );
        }
    }

    if !ends.is_empty() {
        // Walk backwards from every end: whatever is not met is stuck in a loop
        // (or heads into a dangling target, already reported above).
        let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, node) in &playbook.nodes {
            for target in node.targets() {
                incoming.entry(target).or_default().push(id.as_str());
            }
        }
        // Nodes with a dangling target or no options count as finishing: their problem is
        // already reported, and blaming everything upstream would be noise.
        let seeds = playbook.nodes.iter().filter(|(_, n)| match n {
            Node::End(_) => true,
            Node::Ask(ask) if ask.options.is_empty() => true,
            _ => n.targets().iter().any(|t| !playbook.nodes.contains_key(*t)),
        });
        let mut can_finish = BTreeSet::new();
        for (id, _) in seeds {
            can_finish.extend(walk(id, |id| incoming.get(id).cloned().unwrap_or_default()));
        }
        for id in playbook.nodes.keys() {
            // Unreachable nodes are already reported; one problem per node is enough.
            let reported = start_ok && !reachable.contains(id.as_str());
            if !can_finish.contains(id.as_str()) && !reported {
                report(
                    Rule::NoWayOut,
                    At::Node(id.clone()),
                    "no path from here to any end node (a loop with no exit)".into(),
                );
            }
        }
    }
    problems
}

/// Checks what only a set can show: the same id in two files, and handovers
/// to an id no playbook of the set has. Files are taken in order; the later
/// of two duplicates is the one reported.
pub fn validate_set<'a>(set: impl IntoIterator<Item = (&'a Playbook, &'a Path)>) -> Vec<Problem> {
    let set: Vec<_> = set.into_iter().collect();
    let mut problems = Vec::new();
    let mut first_seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for (playbook, path) in &set {
        match first_seen.get(playbook.id.as_str()) {
            Some(first) => problems.push(Problem::new(
                path,
                Rule::DuplicatePlaybookId,
                At::File,
                format!(
                    "playbook id \"{}\" is already used by {}",
                    playbook.id,
                    first.display()
                ),
            )),
            None => {
                first_seen.insert(&playbook.id, path);
            }
        }
    }
    for (playbook, path) in &set {
        for (id, node) in &playbook.nodes {
            if let Node::End(end) = node {
                if let Some(target) = &end.handover {
                    if !first_seen.contains_key(target.as_str()) {
                        problems.push(Problem::new(
                            path,
                            Rule::UnknownHandover,
                            At::Edge(id.clone(), target.clone()),
                            "handover to a playbook id that no playbook has".into(),
                        ));
                    }
                }
            }
        }
    }
    problems
}

/// What `credwiz playbooks check PATH…` prints: every problem of the given
/// files (directories mean their `*.toml`), checked as one set together with
/// the shipped playbooks. A given file whose text is exactly a shipped one's
/// counts as that shipped playbook, so checking `playbooks/` in a checkout
/// reports no duplicates.
pub fn check_paths(paths: &[PathBuf]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        match load::toml_files(path) {
            Ok(found) => files.extend(found),
            Err(problem) => problems.push(problem),
        }
    }
    let mut parsed: Vec<(Playbook, PathBuf)> = Vec::new();
    let mut given_texts = Vec::new();
    for file in files {
        match load::read_file(&file) {
            Ok((playbook, text)) => {
                problems.extend(validate(&playbook, &file));
                given_texts.push(text);
                parsed.push((playbook, file));
            }
            Err(found) => problems.extend(found),
        }
    }
    let shipped: Vec<(Playbook, PathBuf)> = load::SHIPPED
        .iter()
        .filter(|s| !given_texts.iter().any(|t| t == s.text))
        .filter_map(|s| {
            Some((
                load::parse(s.text, Path::new(s.file)).ok()?,
                PathBuf::from(s.file),
            ))
        })
        .collect();
    problems.extend(validate_set(
        shipped
            .iter()
            .chain(parsed.iter())
            .map(|(p, path)| (p, path.as_path())),
    ));
    problems
}

/// Breadth-first walk; returns every id met, `from` included.
fn walk<'a>(from: &'a str, next: impl Fn(&str) -> Vec<&'a str>) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(id) = queue.pop_front() {
        for target in next(id) {
            if seen.insert(target) {
                queue.push_back(target);
            }
        }
    }
    seen
}

fn unknown_placeholders(text: &str) -> Vec<&str> {
    placeholders_in(text)
        .into_iter()
        .map(|(_, name)| name)
        .filter(|name| !registry::PLACEHOLDERS.contains(name))
        .collect()
}

fn placeholder_message(name: &str, field: &str) -> String {
    format!(
        "unknown placeholder {{{name}}} in {field} (known: {})",
        registry::PLACEHOLDERS.join(", ")
    )
}

fn unknown_check_message(name: &str) -> String {
    let known: Vec<_> = registry::CHECKS.iter().map(|c| c.name).collect();
    format!("unknown check \"{name}\" (known: {})", known.join(", "))
}

fn unknown_outcome_message(spec: &registry::CheckSpec, outcome: &str) -> String {
    format!(
        "check \"{}\" has no outcome \"{outcome}\" (it can end in: {})",
        spec.name,
        spec.outcome_names().collect::<Vec<_>>().join(", ")
    )
}
