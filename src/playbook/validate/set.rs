//! The checks only a set of playbooks can show, and `credwiz playbooks
//! check`'s view of files given on the command line.

use super::validate;
use crate::playbook::load;
use crate::playbook::model::{Node, Playbook};
use crate::playbook::{At, Problem, Rule};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
