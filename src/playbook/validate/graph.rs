//! The checks on the graph as a whole: an end exists, every node is
//! reachable from the start, and every node has a way to an end.

use super::Reporter;
use crate::playbook::model::{Node, Playbook};
use crate::playbook::{At, Rule};
use std::collections::{BTreeSet, HashMap, VecDeque};

/// Every problem of the graph.
pub(super) fn check(playbook: &Playbook, start_ok: bool, report: &mut Reporter<'_>) {
    let ends: Vec<&str> = playbook
        .nodes
        .iter()
        .filter(|(_, n)| matches!(n, Node::End(_)))
        .map(|(id, _)| id.as_str())
        .collect();
    if ends.is_empty() {
        report.add(
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
            report.add(
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
                report.add(
                    Rule::NoWayOut,
                    At::Node(id.clone()),
                    "no path from here to any end node (a loop with no exit)".into(),
                );
            }
        }
    }
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
