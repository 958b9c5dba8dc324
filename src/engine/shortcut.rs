//! What the diagnosis already decides about the node a walk is at, so that
//! nobody is asked what the report knows: a walk whose remaining ends cannot
//! explain the report's errors is settled where it stands, and a value that
//! only feeds a network probe is not asked for while a local cause is known.
//! Both the wizard and `credwiz run` read this, never a copy of it.

use crate::diagnosis::Diagnosis;
use crate::engine::session::Session;
use crate::findings::{Finding, Severity};
use crate::playbook::model::{Node, Playbook};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// Input values that only a live probe uses (the S3 bucket and key, the
/// account STS's answer is compared with).
const PROBE_INPUTS: &[&str] = &["bucket", "key", "expected_account"];

/// What the diagnosis decides at the current node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Nothing: the node is shown and answered as usual.
    Walk,
    /// No end ahead explains an error of the report: the walk ends here,
    /// at the report's leading error.
    Settled,
    /// An input that only feeds a network probe, while the report already
    /// holds a local error: take its skip edge.
    SkipInput,
}

/// What one diagnosis decides about the nodes of one playbook, worked out
/// once (linear in the playbook) so a walk asks it at every step for free.
#[derive(Debug, Clone)]
pub struct Shortcuts {
    /// The report holds a problem some end of the playbook is about.
    relevant: bool,
    /// The leading such problem is local (keys, files, env, caches).
    local_problem: bool,
    /// Nodes from which an end that explains the leading problem can be reached.
    explained_ahead: HashSet<String>,
}

impl Shortcuts {
    /// The shortcuts `diagnosis` makes in `playbook`.
    pub fn new(playbook: &Playbook, diagnosis: &Diagnosis) -> Self {
        let Some(leading) = leading_problem(playbook, diagnosis) else {
            return Shortcuts {
                relevant: false,
                local_problem: false,
                explained_ahead: HashSet::new(),
            };
        };
        let explaining: Vec<&str> = playbook
            .nodes
            .iter()
            .filter(|(_, node)| {
                matches!(node, Node::End(end) if end.findings.iter().any(|f| f == leading.id.as_str()))
            })
            .map(|(id, _)| id.as_str())
            .collect();
        Shortcuts {
            relevant: true,
            local_problem: !leading.id.from_network(),
            explained_ahead: reaching(playbook, explaining),
        }
    }

    /// The shortcut at `session`'s current node.
    pub fn at(&self, session: &Session) -> Shortcut {
        let node = session.current_node();
        if !self.relevant || matches!(node, Node::End(_)) {
            return Shortcut::Walk;
        }
        if !self.explained_ahead.contains(session.current().as_str()) {
            return Shortcut::Settled;
        }
        match node {
            Node::Input(input)
                if self.local_problem
                    && input.skip.is_some()
                    && session.prefill().is_none()
                    && PROBE_INPUTS.contains(&input.name.as_str()) =>
            {
                Shortcut::SkipInput
            }
            _ => Shortcut::Walk,
        }
    }
}

/// The shortcut for `session`'s current node on `diagnosis`.
pub fn at(session: &Session, diagnosis: &Diagnosis) -> Shortcut {
    Shortcuts::new(session.playbook(), diagnosis).at(session)
}

/// The report's problems a walk must explain, in the order they lead: how
/// the SDK of the user's program differs from aws-config first (it decides
/// whether aws-config's errors are the program's at all), then the errors
/// in the report's order (local facts before what a probe says).
pub fn problems(diagnosis: &Diagnosis) -> impl Iterator<Item = &Finding> {
    let lens_difference = crate::diagnosis::difference_finding(diagnosis.sdk);
    let difference = diagnosis
        .findings
        .iter()
        .filter(move |f| Some(f.id) == lens_difference && f.severity >= Severity::Warning);
    let errors = diagnosis
        .findings
        .iter()
        .filter(move |f| f.severity == Severity::Error && Some(f.id) != lens_difference);
    difference.chain(errors)
}

/// The problem a walk of `playbook` must end on: the first of [`problems`]
/// some end of the playbook is about.
pub fn leading_problem<'d>(playbook: &Playbook, diagnosis: &'d Diagnosis) -> Option<&'d Finding> {
    problems(diagnosis).find(|f| playbook.explains(f.id.as_str()))
}

/// Every node from which one of `targets` can be reached (targets included),
/// by walking the playbook's edges backwards once.
fn reaching(playbook: &Playbook, targets: Vec<&str>) -> HashSet<String> {
    let mut into: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, node) in &playbook.nodes {
        for target in node.targets() {
            into.entry(target).or_default().push(id.as_str());
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue = VecDeque::from(targets);
    while let Some(id) = queue.pop_front() {
        if seen.insert(id.to_string()) {
            queue.extend(into.get(id).into_iter().flatten().copied());
        }
    }
    seen
}

/// About how many steps a walk at `session` still has before an end: the
/// shortest way there, for "Step 3 of about 5".
pub fn steps_to_end(session: &Session) -> usize {
    let playbook = session.playbook();
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([(session.current().as_str(), 0usize)]);
    while let Some((id, depth)) = queue.pop_front() {
        if !seen.insert(id) {
            continue;
        }
        match playbook.nodes.get(id) {
            Some(Node::End(_)) => return depth,
            Some(node) => queue.extend(node.targets().into_iter().map(|t| (t, depth + 1))),
            None => {}
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Finding, FindingId};

    const BOOK: &str = r#"
id = "p"
title = "t"
summary = "s"
start = "check"
[nodes.check]
kind = "check"
title = "c"
explain = "e"
check = "key_shape"
branches = { whitespace = "typo" }
default = "bucket"
[nodes.bucket]
kind = "input"
title = "b"
question = "q"
explain = "e"
name = "bucket"
next = "fine"
skip = "fine"
[nodes.typo]
kind = "end"
title = "typo"
severity = "error"
diagnosis = "d"
fix = ["x"]
findings = ["key.whitespace"]
[nodes.fine]
kind = "end"
title = "fine"
severity = "ok"
diagnosis = "d"
"#;

    fn session() -> Session {
        let book: Playbook = toml::from_str(BOOK).expect("parses");
        Session::new(&book).expect("starts")
    }

    fn with(ids: &[FindingId]) -> Diagnosis {
        let mut d = Diagnosis::pending("default");
        d.findings = ids
            .iter()
            .map(|id| Finding::new(*id, "t", "e", "f"))
            .collect();
        d
    }

    #[test]
    fn an_explaining_end_ahead_keeps_the_walk_going() {
        let s = session();
        assert_eq!(at(&s, &with(&[FindingId::KeyWhitespace])), Shortcut::Walk);
        assert_eq!(at(&s, &with(&[])), Shortcut::Walk);
    }

    #[test]
    fn no_explaining_end_ahead_settles_the_walk() {
        let mut s = session();
        s.on_check_result(s.generation(), "ok");
        // Only the `typo` end explains key.whitespace, and it is behind us.
        assert_eq!(
            at(&s, &with(&[FindingId::KeyWhitespace])),
            Shortcut::Settled
        );
    }

    #[test]
    fn errors_of_another_family_never_settle_the_walk() {
        let mut s = session();
        assert_eq!(at(&s, &with(&[FindingId::ProcessFailed])), Shortcut::Walk);
        s.on_check_result(s.generation(), "ok");
        assert_eq!(at(&s, &with(&[FindingId::ProcessFailed])), Shortcut::Walk);
    }

    #[test]
    fn a_probe_input_is_skipped_only_for_a_local_error() {
        let mut s = session();
        s.on_check_result(s.generation(), "ok");
        assert_eq!(s.current(), "bucket");
        let mut book = s.playbook().clone();
        if let Some(Node::End(end)) = book.nodes.get_mut("fine") {
            end.findings = vec!["key.whitespace".into(), "sts.unreachable".into()];
        }
        let mut s = Session::new(&book).expect("starts");
        s.on_check_result(s.generation(), "ok");
        assert_eq!(
            at(&s, &with(&[FindingId::KeyWhitespace])),
            Shortcut::SkipInput
        );
        assert_eq!(at(&s, &with(&[FindingId::StsUnreachable])), Shortcut::Walk);
    }

    #[test]
    fn steps_to_end_counts_the_shortest_way() {
        let mut s = session();
        assert_eq!(steps_to_end(&s), 1);
        s.on_check_result(s.generation(), "ok");
        assert_eq!(steps_to_end(&s), 1);
    }
}
