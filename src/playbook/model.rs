//! The serde types of a playbook: a decision tree of check, ask and end nodes.
//!
//! Every struct denies unknown fields, so a misspelt key is a reported problem
//! rather than a silently ignored one. Cross-references (node ids, check
//! names, finding ids) stay plain strings here: the validator checks them all
//! and reports every bad one, which typed fields could not do.

use crate::inputs::program::Sdk;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// A node id, unique within one playbook.
pub type NodeId = String;

/// One decision tree for one error family.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Stable id, e.g. `no-credentials`; other playbooks hand over to it.
    pub id: String,
    /// Short human title.
    pub title: String,
    /// One or two sentences on which errors this playbook is for.
    pub summary: String,
    /// Error codes (`NoCredentialsError`) and lower-case message fragments
    /// (`unable to locate credentials`) that send triage here.
    #[serde(default)]
    pub matches: Vec<String>,
    /// Words that errors of many families share (a wrapper such as
    /// `CredentialsProviderError`, a chain's generic refusal): they send
    /// triage here only when no playbook's `matches` occur in the text.
    #[serde(default)]
    pub generic_matches: Vec<String>,
    /// The node a session starts at.
    pub start: NodeId,
    /// Every node, by id.
    pub nodes: BTreeMap<NodeId, Node>,
}

/// A step of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Node {
    /// Runs a registered check and branches on its outcome.
    Check(CheckNode),
    /// Asks the person something only they know.
    Ask(AskNode),
    /// Asks the person to type a value (a bucket, an account id, the error).
    Input(InputNode),
    /// A diagnosis with its fix.
    End(EndNode),
}

/// Runs one check from `checks::registry` and follows the branch of its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckNode {
    pub title: String,
    /// Why this step matters, one to three sentences.
    pub explain: String,
    /// A check name from the registry.
    pub check: String,
    /// Outcome → next node.
    #[serde(default)]
    pub branches: BTreeMap<String, NodeId>,
    /// Where outcomes without a branch go.
    #[serde(default)]
    pub default: Option<NodeId>,
}

/// A question with fixed answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskNode {
    pub title: String,
    pub question: String,
    /// Why the answer matters.
    pub explain: String,
    pub options: Vec<AskOption>,
    /// A check whose outcome pre-selects an option (see
    /// [`AskOption::detected_when`]); the person still confirms.
    #[serde(default)]
    pub detect: Option<String>,
    /// A fact of the pasted error (`code`, `operation`, `program`…, see
    /// `inputs::error_facts::FACT_NAMES`) whose value pre-selects an option
    /// (see [`AskOption::when_error`]); it wins over `detect`.
    #[serde(default)]
    pub from_error: Option<String>,
}

/// One answer of an [`AskNode`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskOption {
    /// Unique within its node; `credwiz run --answer node=option` uses it.
    pub id: String,
    pub label: String,
    pub next: NodeId,
    /// Outcomes of the node's `detect` check that pre-select this option.
    #[serde(default)]
    pub detected_when: Vec<String>,
    /// Values of the node's `from_error` fact that pre-select this option
    /// (compared ignoring case; for `code`, any of the error's codes).
    #[serde(default)]
    pub when_error: Vec<String>,
    /// The SDK lens this answer chooses (`rust`, `python`, `node`): once
    /// taken, the walk's panel, `{sdk}` and lens checks follow that SDK.
    #[serde(default)]
    pub lens: Option<String>,
}

impl AskOption {
    /// The lens this option chooses; `None` without one or for a name that
    /// is not a lens (the validator reports those).
    pub fn chosen_lens(&self) -> Option<Sdk> {
        let name = self.lens.as_deref()?;
        Sdk::ALL.into_iter().find(|sdk| sdk.as_str() == name)
    }
}

/// Values a person can type, and what each feeds besides `{name}` in texts.
pub const INPUT_NAMES: &[&str] = &["bucket", "key", "expected_account", "error_text"];

/// A question answered with a typed value, checked against a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputNode {
    pub title: String,
    pub question: String,
    /// Why the value matters.
    pub explain: String,
    /// What the value is (one of [`INPUT_NAMES`]): it fills `{name}` in
    /// later texts and is handed to the live checks (the S3 probe's bucket,
    /// the expected account, the error text).
    pub name: String,
    /// A fact of the pasted error that pre-fills the answer.
    #[serde(default)]
    pub from_error: Option<String>,
    /// A regular expression the whole value must match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Values that fit, shown as a hint; each must match `pattern`.
    #[serde(default)]
    pub examples: Vec<String>,
    pub next: NodeId,
    /// Where an empty answer goes; without it a value is required.
    #[serde(default)]
    pub skip: Option<NodeId>,
}

impl InputNode {
    /// Why `value` is not acceptable, or None when it is. A pattern that does
    /// not compile accepts nothing (the validator reports it).
    pub fn rejects(&self, value: &str) -> Option<String> {
        if value.is_empty() {
            return self
                .skip
                .is_none()
                .then(|| "a value is needed here".to_string());
        }
        let pattern = self.pattern.as_deref()?;
        let whole = format!("^(?:{pattern})$");
        match regex_lite::Regex::new(&whole) {
            Ok(re) if re.is_match(value) => None,
            Ok(_) => Some(match self.examples.first() {
                Some(example) => format!(
                    "this does not look like a {} (e.g. {example})",
                    self.name.replace('_', " ")
                ),
                None => format!("this does not look like a {}", self.name.replace('_', " ")),
            }),
            Err(e) => Some(format!("the playbook's pattern does not compile: {e}")),
        }
    }
}

/// How bad the diagnosis at an end node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EndSeverity {
    Error,
    Warning,
    Ok,
}

/// A leaf: what is wrong, why, and the exact fix.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndNode {
    pub title: String,
    pub severity: EndSeverity,
    /// What is wrong and why.
    pub diagnosis: String,
    /// Exact commands or edits, one per entry. Empty only when severity is ok.
    #[serde(default)]
    pub fix: Vec<String>,
    /// Finding ids (`findings::FindingId`) this diagnosis corresponds to.
    #[serde(default)]
    pub findings: Vec<String>,
    /// Another playbook's id to continue with.
    #[serde(default)]
    pub handover: Option<String>,
}

impl Node {
    /// The node's title, whatever its kind.
    pub fn title(&self) -> &str {
        match self {
            Node::Check(n) => &n.title,
            Node::Ask(n) => &n.title,
            Node::Input(n) => &n.title,
            Node::End(n) => &n.title,
        }
    }

    /// `check`, `ask`, `input` or `end`, as written in TOML.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Check(_) => "check",
            Node::Ask(_) => "ask",
            Node::Input(_) => "input",
            Node::End(_) => "end",
        }
    }

    /// Every node id this node can lead to (branches in outcome order, then the
    /// default; options in order), duplicates kept.
    pub fn targets(&self) -> Vec<&str> {
        match self {
            Node::Check(n) => n
                .branches
                .values()
                .chain(n.default.iter())
                .map(String::as_str)
                .collect(),
            Node::Ask(n) => n.options.iter().map(|o| o.next.as_str()).collect(),
            Node::Input(n) => std::iter::once(&n.next)
                .chain(n.skip.iter())
                .map(String::as_str)
                .collect(),
            Node::End(_) => Vec::new(),
        }
    }

    /// Every human text of the node (where placeholders may appear), with
    /// the field it comes from.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut texts = vec![("title", self.title())];
        match self {
            Node::Check(n) => texts.push(("explain", &n.explain)),
            Node::Ask(n) => {
                texts.push(("question", &n.question));
                texts.push(("explain", &n.explain));
                texts.extend(n.options.iter().map(|o| ("label", o.label.as_str())));
            }
            Node::Input(n) => {
                texts.push(("question", &n.question));
                texts.push(("explain", &n.explain));
            }
            Node::End(n) => {
                texts.push(("diagnosis", &n.diagnosis));
                texts.extend(n.fix.iter().map(|f| ("fix", f.as_str())));
            }
        }
        texts
    }
}

impl EndNode {
    /// The finding ids that exist in the catalogue (the validator reports the rest).
    pub fn finding_ids(&self) -> Vec<crate::findings::FindingId> {
        self.findings
            .iter()
            .filter_map(|id| crate::findings::FindingId::parse(id))
            .collect()
    }
}

impl Playbook {
    /// True when an end node declares finding `id`: the problems a walk of
    /// this playbook can end on (triage and the walk's grounding read it).
    pub fn explains(&self, id: &str) -> bool {
        self.nodes
            .values()
            .any(|node| matches!(node, Node::End(end) if end.findings.iter().any(|f| f == id)))
    }

    /// True when triage should offer this playbook for an error text: an
    /// error code or message fragment of `matches` occurs in it, ignoring case.
    pub fn matches_error(&self, error_text: &str) -> bool {
        !matched_words(&self.matches, &error_text.to_lowercase()).is_empty()
    }
}

/// The words of `words` that occur in `lower_text` (already lower case),
/// ignoring case, in the order `words` lists them.
pub fn matched_words<'w>(words: &'w [String], lower_text: &str) -> Vec<&'w str> {
    words
        .iter()
        .filter(|m| !m.is_empty() && lower_text.contains(&m.to_lowercase()))
        .map(String::as_str)
        .collect()
}

/// The `{name}` placeholders of a text, with their byte ranges (braces
/// included). `${NAME}` is left alone so shell snippets in fixes stay literal.
pub fn placeholders_in(text: &str) -> Vec<(Range<usize>, &str)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' && (i == 0 || bytes[i - 1] != b'$') {
            let name_len = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            let close = i + 1 + name_len;
            if name_len > 0 && bytes.get(close) == Some(&b'}') {
                found.push((i..close + 1, &text[i + 1..close]));
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_but_not_shell_or_json() {
        let text =
            r#"aws sso login --profile {profile} in {region}; echo ${HOME} {"Version": 1} {}"#;
        let names: Vec<_> = placeholders_in(text).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["profile", "region"]);
    }

    #[test]
    fn triage_matches_codes_and_fragments_ignoring_case() {
        let playbook = Playbook {
            id: "p".into(),
            title: "t".into(),
            summary: "s".into(),
            matches: vec![
                "NoCredentialsError".into(),
                "unable to locate credentials".into(),
            ],
            generic_matches: Vec::new(),
            start: "a".into(),
            nodes: BTreeMap::new(),
        };
        assert!(playbook.matches_error("botocore.exceptions.NoCredentialsError: x"));
        assert!(playbook.matches_error("Unable to locate credentials"));
        assert!(!playbook.matches_error("AccessDenied"));
    }
}
