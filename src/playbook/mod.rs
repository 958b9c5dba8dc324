//! Playbooks: decision trees as TOML data, loaded and validated.
//!
//! `model` holds the serde types, `load` finds and parses files (the shipped
//! ones are embedded), `validate` collects every problem, `triage` picks the
//! playbook a pasted error opens. Both report through
//! [`Problem`], defined here because it is their shared vocabulary.

pub mod load;
pub mod model;
pub mod triage;
pub mod validate;

pub use load::{load_all, Library, LoadReport};
pub use model::{
    AskNode, AskOption, CheckNode, EndNode, EndSeverity, InputNode, Node, NodeId, Playbook,
};
pub use validate::{check_paths, validate, validate_set};

use std::fmt;
use std::path::{Path, PathBuf};

/// Which rule a problem breaks. The kebab-case name ([`Rule::as_str`]) is
/// stable; the invalid test fixtures are named after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A file or directory could not be read.
    ReadError,
    /// The file is not valid TOML.
    Syntax,
    /// Valid TOML, but not a playbook: unknown key, missing field, wrong type.
    Schema,
    /// `start` names no node.
    MissingStart,
    /// A branch, default or option leads to a node that does not exist.
    DanglingTarget,
    /// A handover names a playbook id no playbook of the set has.
    UnknownHandover,
    /// A `check` or `detect` names no catalogue check.
    UnknownCheck,
    /// A branch is keyed by an outcome its check never produces.
    UnknownOutcome,
    /// Some outcome has no branch and there is no default.
    UncoveredOutcomes,
    /// No path from `start` reaches the node.
    Unreachable,
    /// The node can never reach an end: a loop with no exit.
    NoWayOut,
    /// The playbook has no end node.
    NoEndNode,
    /// Two files use the same playbook id.
    DuplicatePlaybookId,
    /// Two options of one ask node share an id.
    DuplicateOptionId,
    /// An ask node with no options.
    NoOptions,
    /// `detected_when` without `detect`, or with an outcome `detect` never produces.
    BadDetection,
    /// A `{name}` that is not in the catalogue's placeholders.
    UnknownPlaceholder,
    /// A finding id that is not in the findings catalogue.
    UnknownFinding,
    /// An error or warning end without a fix.
    EmptyFix,
    /// `from_error` names no fact of the error extractor, or `when_error` is
    /// given without `from_error`.
    UnknownFact,
    /// An input node's pattern does not compile, or an example does not match it.
    BadPattern,
    /// An input node's name is not a value credwiz uses.
    UnknownInput,
    /// An option's `lens` names no SDK lens credwiz has.
    UnknownLens,
}

impl Rule {
    /// Every rule, in the order above.
    pub const ALL: &'static [Rule] = &[
        Rule::ReadError,
        Rule::Syntax,
        Rule::Schema,
        Rule::MissingStart,
        Rule::DanglingTarget,
        Rule::UnknownHandover,
        Rule::UnknownCheck,
        Rule::UnknownOutcome,
        Rule::UncoveredOutcomes,
        Rule::Unreachable,
        Rule::NoWayOut,
        Rule::NoEndNode,
        Rule::DuplicatePlaybookId,
        Rule::DuplicateOptionId,
        Rule::NoOptions,
        Rule::BadDetection,
        Rule::UnknownPlaceholder,
        Rule::UnknownFinding,
        Rule::EmptyFix,
        Rule::UnknownFact,
        Rule::BadPattern,
        Rule::UnknownInput,
        Rule::UnknownLens,
    ];

    /// The stable kebab-case name, e.g. `dangling-target`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::ReadError => "read-error",
            Rule::Syntax => "syntax",
            Rule::Schema => "schema",
            Rule::MissingStart => "missing-start",
            Rule::DanglingTarget => "dangling-target",
            Rule::UnknownHandover => "unknown-handover",
            Rule::UnknownCheck => "unknown-check",
            Rule::UnknownOutcome => "unknown-outcome",
            Rule::UncoveredOutcomes => "uncovered-outcomes",
            Rule::Unreachable => "unreachable",
            Rule::NoWayOut => "no-way-out",
            Rule::NoEndNode => "no-end-node",
            Rule::DuplicatePlaybookId => "duplicate-playbook-id",
            Rule::DuplicateOptionId => "duplicate-option-id",
            Rule::NoOptions => "no-options",
            Rule::BadDetection => "bad-detection",
            Rule::UnknownPlaceholder => "unknown-placeholder",
            Rule::UnknownFinding => "unknown-finding",
            Rule::EmptyFix => "empty-fix",
            Rule::UnknownFact => "unknown-fact",
            Rule::BadPattern => "bad-pattern",
            Rule::UnknownInput => "unknown-input",
            Rule::UnknownLens => "unknown-lens",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The file as a whole, or its top-level keys.
    File,
    /// A line and column (1-based), for TOML syntax errors.
    Position { line: usize, column: usize },
    /// One node.
    Node(NodeId),
    /// The edge from a node to a target (a node id, or a playbook id for handovers).
    Edge(NodeId, String),
}

/// One thing wrong with a playbook file. Displays as
/// `path: node "x" → "y": message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub rule: Rule,
    pub at: At,
    pub message: String,
}

impl Problem {
    /// A problem in `path`.
    pub fn new(path: &Path, rule: Rule, at: At, message: String) -> Self {
        Problem {
            path: path.to_path_buf(),
            rule,
            at,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.at {
            At::File => write!(f, "{path}: {}", self.message),
            At::Position { line, column } => write!(f, "{path}:{line}:{column}: {}", self.message),
            At::Node(node) => write!(f, "{path}: node \"{node}\": {}", self.message),
            At::Edge(node, target) => {
                write!(
                    f,
                    "{path}: node \"{node}\" → \"{target}\": {}",
                    self.message
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_path_node_edge_and_message() {
        let p = Path::new("playbooks/x.toml");
        let edge = At::Edge("env".into(), "missing_node".into());
        let problem = Problem::new(p, Rule::DanglingTarget, edge, "no such node".into());
        assert_eq!(
            problem.to_string(),
            "playbooks/x.toml: node \"env\" → \"missing_node\": no such node"
        );
        let pos = At::Position { line: 3, column: 7 };
        let problem = Problem::new(p, Rule::Syntax, pos, "bad".into());
        assert_eq!(problem.to_string(), "playbooks/x.toml:3:7: bad");
    }

    #[test]
    fn rule_names_are_unique() {
        let names: std::collections::HashSet<_> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names.len(), Rule::ALL.len());
    }
}
