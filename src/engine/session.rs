//! One walk through a playbook: where the person is, how they got there, and
//! which check results still count. A pure state machine (no I/O, no async)
//! that the TUI and the headless `credwiz run` drive the same way:
//!
//! 1. read [`Session::pending_check`] and [`Session::generation`];
//! 2. run the check elsewhere, then hand its outcome back with that generation
//!    to [`Session::on_check_result`];
//! 3. for ask nodes call [`Session::answer`]; go [`Session::back`] or
//!    [`Session::restart`] at any time.
//!
//! The generation changes every time the current node changes and on
//! [`Session::rerun`], so a result that was on its way while the person went
//! back is recognised as stale and dropped instead of moving the wrong node.

use crate::inputs::error_facts::ErrorFacts;
use crate::playbook::model::{placeholders_in, AskNode, EndNode, Node, NodeId, Playbook};
use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

/// How the session left a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// A check node, by this outcome.
    Outcome(String),
    /// An ask node, by this option id.
    Answer(String),
    /// An input node, with this value.
    Value(String),
    /// An input node left empty, by its `skip` edge.
    Skipped,
}

/// Where a pre-selected answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    /// The pasted error says so.
    FromError,
    /// The node's `detect` check found it.
    Detected,
}

/// One breadcrumb: a node that was left, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub node: NodeId,
    pub taken: Taken,
}

/// What an input did to the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// Now at `to` (which may be an end node: see [`Session::at_end`]).
    Moved { from: NodeId, to: NodeId },
    /// An ask node's `detect` check pre-selected this option (or none matched).
    Detected { option: Option<String> },
    /// The result belongs to an older generation and was dropped.
    Stale,
    /// The current node does not take this kind of input (e.g. a check
    /// result at an end node, or an answer at a check node).
    NotExpected,
    /// The outcome has no branch and the node no default; nothing moved.
    NoBranch { outcome: String },
    /// The current ask node has no option with this id; nothing moved.
    UnknownOption { option: String },
    /// The input node does not accept the value (why, in words); nothing moved.
    Rejected { reason: String },
    /// The target is not a node of the playbook (it was not validated);
    /// nothing moved.
    BrokenTarget { target: NodeId },
}

/// Why a session cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("playbook \"{playbook}\" starts at \"{start}\", which is not one of its nodes")]
    MissingStart { playbook: String, start: NodeId },
}

/// A walk through one playbook.
#[derive(Debug, Clone)]
pub struct Session {
    playbook: Playbook,
    current: NodeId,
    history: Vec<Step>,
    generation: u64,
    /// `None` until the ask node's detect check reports; then the option it
    /// pre-selected, if any.
    detected: Option<Option<String>>,
    /// What the pasted error says; pre-selects answers and pre-fills values.
    error_facts: ErrorFacts,
    /// Values typed at input nodes, by their name.
    values: BTreeMap<String, String>,
}

impl Session {
    /// Starts at the playbook's start node. The session keeps its own copy
    /// of the playbook so that it can live apart from the library.
    pub fn new(playbook: &Playbook) -> Result<Session, SessionError> {
        if !playbook.nodes.contains_key(&playbook.start) {
            return Err(SessionError::MissingStart {
                playbook: playbook.id.clone(),
                start: playbook.start.clone(),
            });
        }
        Ok(Session {
            playbook: playbook.clone(),
            current: playbook.start.clone(),
            history: Vec::new(),
            generation: 0,
            detected: None,
            error_facts: ErrorFacts::default(),
            values: BTreeMap::new(),
        })
    }

    /// The facts of the pasted error this walk listens to.
    pub fn set_error_facts(&mut self, facts: ErrorFacts) {
        self.error_facts = facts;
    }

    /// The facts of the pasted error.
    pub fn error_facts(&self) -> &ErrorFacts {
        &self.error_facts
    }

    /// Values typed at input nodes so far, by name.
    pub fn values(&self) -> &BTreeMap<String, String> {
        &self.values
    }

    /// The option the pasted error decides at the current ask node.
    pub fn error_option(&self) -> Option<&str> {
        let Node::Ask(ask) = self.current_node() else {
            return None;
        };
        option_from_error(ask, &self.error_facts)
    }

    /// The answer to pre-select at the current ask node and where it comes
    /// from: the pasted error first, then the `detect` check.
    pub fn suggested_option(&self) -> Option<(&str, Suggestion)> {
        self.error_option()
            .map(|o| (o, Suggestion::FromError))
            .or_else(|| self.detected_option().map(|o| (o, Suggestion::Detected)))
    }

    /// What an input node starts with: the value typed before, else the
    /// fact of the pasted error it names.
    pub fn prefill(&self) -> Option<(String, Suggestion)> {
        let Node::Input(input) = self.current_node() else {
            return None;
        };
        if let Some(value) = self.values.get(&input.name) {
            return Some((value.clone(), Suggestion::Detected));
        }
        let fact = input.from_error.as_deref()?;
        self.error_facts
            .value(fact)
            .map(|value| (value, Suggestion::FromError))
    }

    /// The person typed `value` at the current input node: moves on when the
    /// node accepts it (an empty value takes the `skip` edge).
    pub fn submit(&mut self, value: &str) -> Transition {
        let Node::Input(input) = self.current_node() else {
            return Transition::NotExpected;
        };
        let value = value.trim();
        if let Some(reason) = input.rejects(value) {
            return Transition::Rejected { reason };
        }
        let (name, next, skip) = (input.name.clone(), input.next.clone(), input.skip.clone());
        // A pasted error may quote a token or signature; the walk keeps
        // (and shows, and exports) only its cleaned form.
        let value = if name == "error_text" {
            crate::text::mask::redact_secret_shaped(value).into_owned()
        } else {
            value.to_string()
        };
        let value = value.as_str();
        match skip.filter(|_| value.is_empty()) {
            Some(skip) => {
                self.values.remove(&name);
                self.move_to(skip, Taken::Skipped)
            }
            None => {
                self.values.insert(name, value.to_string());
                self.move_to(next, Taken::Value(value.to_string()))
            }
        }
    }

    /// The playbook being walked.
    pub fn playbook(&self) -> &Playbook {
        &self.playbook
    }

    /// The id of the node the person is at.
    pub fn current(&self) -> &NodeId {
        &self.current
    }

    /// The node the person is at.
    pub fn current_node(&self) -> &Node {
        // `current` only ever holds ids checked against `nodes` (new, moves, back).
        match self.playbook.nodes.get(&self.current) {
            Some(node) => node,
            None => unreachable!("session is at \"{}\", not a node", self.current),
        }
    }

    /// Tag for check runs started now; see the module docs.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The check the driver should run for the current node: a check node's
    /// check, or an ask node's `detect` check until it has reported.
    pub fn pending_check(&self) -> Option<&str> {
        match self.current_node() {
            Node::Check(check) => Some(&check.check),
            Node::Ask(ask) if self.detected.is_none() => ask.detect.as_deref(),
            _ => None,
        }
    }

    /// The option the `detect` check pre-selected at the current ask node.
    pub fn detected_option(&self) -> Option<&str> {
        self.detected.as_ref().and_then(|o| o.as_deref())
    }

    /// A check finished with `outcome`. Dropped as [`Transition::Stale`]
    /// unless `generation` is the current one.
    pub fn on_check_result(&mut self, generation: u64, outcome: &str) -> Transition {
        if generation != self.generation {
            return Transition::Stale;
        }
        match self.current_node() {
            Node::Check(check) => {
                let Some(target) = check.branches.get(outcome).or(check.default.as_ref()) else {
                    return Transition::NoBranch {
                        outcome: outcome.to_string(),
                    };
                };
                let target = target.clone();
                self.move_to(target, Taken::Outcome(outcome.to_string()))
            }
            Node::Ask(ask) if ask.detect.is_some() => {
                let option = ask
                    .options
                    .iter()
                    .find(|o| o.detected_when.iter().any(|w| w == outcome))
                    .map(|o| o.id.clone());
                self.detected = Some(option.clone());
                Transition::Detected { option }
            }
            _ => Transition::NotExpected,
        }
    }

    /// The person picked an option of the current ask node.
    pub fn answer(&mut self, option_id: &str) -> Transition {
        let Node::Ask(ask) = self.current_node() else {
            return Transition::NotExpected;
        };
        let Some(option) = ask.options.iter().find(|o| o.id == option_id) else {
            return Transition::UnknownOption {
                option: option_id.to_string(),
            };
        };
        let target = option.next.clone();
        self.move_to(target, Taken::Answer(option_id.to_string()))
    }

    /// Goes back to the previous node. False (and nothing changes) at the start.
    pub fn back(&mut self) -> bool {
        let Some(step) = self.history.pop() else {
            return false;
        };
        self.enter(step.node);
        true
    }

    /// Back to the start node with an empty history.
    pub fn restart(&mut self) {
        self.history.clear();
        self.enter(self.playbook.start.clone());
    }

    /// Runs the current node's check again: results already on their way
    /// become stale.
    pub fn rerun(&mut self) {
        self.generation += 1;
        self.detected = None;
    }

    /// The breadcrumbs: every node left so far, and how, oldest first.
    pub fn history(&self) -> &[Step] {
        &self.history
    }

    /// The end node, once the walk has reached one.
    pub fn at_end(&self) -> Option<&EndNode> {
        match self.current_node() {
            Node::End(end) => Some(end),
            _ => None,
        }
    }

    /// The playbook the end node hands over to, if any.
    pub fn handover(&self) -> Option<&str> {
        self.at_end().and_then(|end| end.handover.as_deref())
    }

    fn move_to(&mut self, target: NodeId, taken: Taken) -> Transition {
        if !self.playbook.nodes.contains_key(&target) {
            return Transition::BrokenTarget { target };
        }
        let from = self.current.clone();
        self.history.push(Step {
            node: from.clone(),
            taken,
        });
        self.enter(target.clone());
        Transition::Moved { from, to: target }
    }

    fn enter(&mut self, node: NodeId) {
        self.current = node;
        self.generation += 1;
        self.detected = None;
    }
}

/// The first option of `ask` whose `when_error` values the fact matches.
fn option_from_error<'a>(ask: &'a AskNode, facts: &ErrorFacts) -> Option<&'a str> {
    let fact = ask.from_error.as_deref()?;
    ask.options
        .iter()
        .find(|o| o.when_error.iter().any(|value| facts.is(fact, value)))
        .map(|o| o.id.as_str())
}

/// Where [`render_text`] looks placeholder values up: the check runner's
/// `BTreeMap<&str, String>` or any `HashMap` keyed by strings.
pub trait PlaceholderValues {
    /// The value of `name`, if known.
    fn value(&self, name: &str) -> Option<&str>;
}

impl<K: Borrow<str> + Hash + Eq, S: BuildHasher> PlaceholderValues for HashMap<K, String, S> {
    fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

impl<K: Borrow<str> + Ord> PlaceholderValues for BTreeMap<K, String> {
    fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

/// Fills `{placeholder}`s; anything unknown, absent or empty shows as
/// `(unknown)`, so a half-finished diagnosis never prints a bare `{profile}`.
pub fn render_text(text: &str, values: &impl PlaceholderValues) -> String {
    fill(text, values, |value| value.into())
}

/// Fills the `{placeholder}`s of a fix line (a command to paste): each value
/// is shell-quoted, so a profile named `x;touch PWNED` stays one argument.
pub fn render_command(text: &str, values: &impl PlaceholderValues) -> String {
    fill(text, values, crate::text::shell::quote)
}

fn fill<'v>(
    text: &str,
    values: &'v impl PlaceholderValues,
    show: impl Fn(&'v str) -> std::borrow::Cow<'v, str>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (range, name) in placeholders_in(text) {
        out.push_str(&text[copied..range.start]);
        match values.value(name).filter(|v| !v.is_empty()) {
            Some(value) => out.push_str(&show(value)),
            None => out.push_str("(unknown)"),
        }
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::load::parse;
    use std::path::Path;

    const TREE: &str = r#"
id = "tree"
title = "A small tree"
summary = "For session tests."
start = "env"

[nodes.env]
kind = "check"
title = "Environment keys"
explain = "Environment keys win."
check = "env_keys"
branches = { partial = "partial", none = "where" }
default = "sts"

[nodes.where]
kind = "ask"
title = "Where"
question = "Where does the program run?"
explain = "Containers have no ~/.aws."
detect = "runtime"
options = [
  { id = "laptop", label = "On this machine", next = "sts" },
  { id = "container", label = "In a container", next = "mount", detected_when = ["container", "container_without_aws_dir"] },
]

[nodes.sts]
kind = "check"
title = "Ask STS"
explain = "STS says who you are."
check = "sts_identity"
branches = { ok = "fine" }
default = "broken"

[nodes.partial]
kind = "end"
title = "Half a key pair"
severity = "error"
diagnosis = "Only one of the two variables is set for {profile}."
fix = ["unset AWS_ACCESS_KEY_ID"]

[nodes.mount]
kind = "end"
title = "Mount ~/.aws"
severity = "error"
diagnosis = "The container cannot see ~/.aws."
fix = ["docker run -v ~/.aws:/root/.aws:ro ..."]

[nodes.broken]
kind = "end"
title = "STS refused"
severity = "error"
diagnosis = "STS said {sts_code}."
fix = ["aws sts get-caller-identity"]
handover = "auth-failure"

[nodes.fine]
kind = "end"
title = "All good"
severity = "ok"
diagnosis = "You are {arn}."
"#;

    fn session() -> Session {
        let playbook = parse(TREE, Path::new("tree.toml")).expect("test tree parses");
        Session::new(&playbook).expect("start exists")
    }

    fn moved(from: &str, to: &str) -> Transition {
        Transition::Moved {
            from: from.into(),
            to: to.into(),
        }
    }

    const INPUTS: &str = r#"
id = "inputs"
title = "Typed values"
summary = "For input tests."
start = "code"

[nodes.code]
kind = "ask"
title = "Code"
question = "Which code?"
explain = "The error decides."
from_error = "code"
options = [
  { id = "other", label = "Other", next = "error" },
  { id = "sig", label = "Signature", next = "error", when_error = ["SignatureDoesNotMatch"] },
]

[nodes.error]
kind = "input"
title = "The error"
question = "Paste the error"
explain = "It is read for facts."
name = "error_text"
next = "account"

[nodes.account]
kind = "input"
title = "Account"
question = "Which account?"
explain = "Twelve digits."
name = "expected_account"
from_error = "account"
pattern = "[0-9]{12}"
skip = "done"
next = "done"

[nodes.done]
kind = "end"
title = "Done"
severity = "ok"
diagnosis = "Expected {expected_account}."
"#;

    #[test]
    fn the_error_picks_answers_and_fills_values_and_secrets_are_not_kept() {
        let playbook = parse(INPUTS, Path::new("inputs.toml")).expect("parses");
        let mut s = Session::new(&playbook).expect("start exists");
        s.set_error_facts(crate::inputs::error_facts::extract(
            "An error occurred (SignatureDoesNotMatch): User: arn:aws:iam::123456789012:user/dev",
        ));
        assert_eq!(s.suggested_option(), Some(("sig", Suggestion::FromError)));
        assert_eq!(s.answer("sig"), moved("code", "error"));
        let token = "FQoGZXIvYXdzEJr0123456789abcdEFGHijkl";
        assert_eq!(
            s.submit(&format!("token {token} refused")),
            moved("error", "account")
        );
        assert_eq!(s.values()["error_text"], "token <hidden> refused");
        assert!(!format!("{:?}", s.history()).contains(token));
        assert_eq!(
            s.prefill(),
            Some(("123456789012".to_string(), Suggestion::FromError))
        );
        assert!(matches!(s.submit("12345"), Transition::Rejected { .. }));
        assert_eq!(s.current(), "account");
        assert_eq!(s.submit(""), moved("account", "done"));
        assert_eq!(s.history()[2].taken, Taken::Skipped);
        assert!(s.back());
        assert_eq!(s.submit("210987654321"), moved("account", "done"));
        assert_eq!(s.values()["expected_account"], "210987654321");
    }

    #[test]
    fn starts_at_start_and_asks_for_its_check() {
        let s = session();
        assert_eq!(s.current(), "env");
        assert_eq!(s.pending_check(), Some("env_keys"));
        assert!(s.history().is_empty());
        assert!(s.at_end().is_none());
    }

    #[test]
    fn check_result_follows_its_branch_and_records_history() {
        let mut s = session();
        let g = s.generation();
        assert_eq!(s.on_check_result(g, "partial"), moved("env", "partial"));
        assert_eq!(
            s.at_end().map(|e| e.title.as_str()),
            Some("Half a key pair")
        );
        assert_eq!(
            s.history(),
            [Step {
                node: "env".into(),
                taken: Taken::Outcome("partial".into())
            }]
        );
        assert_eq!(s.pending_check(), None);
        assert_eq!(
            s.on_check_result(s.generation(), "ok"),
            Transition::NotExpected
        );
    }

    #[test]
    fn default_branch_is_taken_for_other_outcomes() {
        let mut s = session();
        assert_eq!(
            s.on_check_result(s.generation(), "complete"),
            moved("env", "sts")
        );
        assert_eq!(
            s.on_check_result(s.generation(), "expired_token"),
            moved("sts", "broken")
        );
        assert_eq!(s.handover(), Some("auth-failure"));
    }

    #[test]
    fn outcome_without_branch_or_default_moves_nothing() {
        let mut playbook = parse(TREE, Path::new("tree.toml")).expect("parses");
        if let Some(Node::Check(env)) = playbook.nodes.get_mut("env") {
            env.default = None;
        }
        let mut s = Session::new(&playbook).expect("start exists");
        let g = s.generation();
        assert_eq!(
            s.on_check_result(g, "complete"),
            Transition::NoBranch {
                outcome: "complete".into()
            }
        );
        assert_eq!(s.current(), "env");
        assert_eq!(s.generation(), g, "nothing moved, same generation");
    }

    #[test]
    fn stale_result_after_back_is_dropped() {
        let mut s = session();
        assert_eq!(
            s.on_check_result(s.generation(), "complete"),
            moved("env", "sts")
        );
        let at_sts = s.generation();
        assert!(s.back());
        assert_eq!(s.current(), "env");
        // The STS check started at "sts" finishes after the person went back.
        assert_eq!(s.on_check_result(at_sts, "ok"), Transition::Stale);
        assert_eq!(s.current(), "env");
        assert!(s.history().is_empty());
    }

    #[test]
    fn stale_result_after_restart_and_rerun_is_dropped() {
        let mut s = session();
        let first = s.generation();
        s.rerun();
        assert_eq!(s.on_check_result(first, "partial"), Transition::Stale);
        assert_eq!(
            s.on_check_result(s.generation(), "complete"),
            moved("env", "sts")
        );
        let at_sts = s.generation();
        s.restart();
        assert_eq!(s.current(), "env");
        assert!(s.history().is_empty());
        assert_eq!(s.on_check_result(at_sts, "ok"), Transition::Stale);
        assert_eq!(s.current(), "env");
    }

    #[test]
    fn back_at_start_does_nothing() {
        let mut s = session();
        let g = s.generation();
        assert!(!s.back());
        assert_eq!(s.current(), "env");
        assert_eq!(s.generation(), g);
    }

    #[test]
    fn back_walks_the_breadcrumbs_in_reverse() {
        let mut s = session();
        s.on_check_result(s.generation(), "none");
        assert_eq!(s.answer("laptop"), moved("where", "sts"));
        s.on_check_result(s.generation(), "ok");
        assert_eq!(s.current(), "fine");
        assert_eq!(s.history().len(), 3);
        assert!(s.back());
        assert_eq!(s.current(), "sts");
        assert!(s.back());
        assert_eq!(s.current(), "where");
        assert_eq!(
            s.history().last().map(|h| &h.taken),
            Some(&Taken::Outcome("none".into()))
        );
        assert!(s.back());
        assert_eq!(s.current(), "env");
    }

    #[test]
    fn ask_is_answered_by_option_id() {
        let mut s = session();
        s.on_check_result(s.generation(), "none");
        assert_eq!(s.current(), "where");
        assert_eq!(
            s.on_check_result(s.generation(), "nonsense"),
            Transition::Detected { option: None }
        );
        assert_eq!(
            s.answer("boat"),
            Transition::UnknownOption {
                option: "boat".into()
            }
        );
        assert_eq!(s.answer("container"), moved("where", "mount"));
        assert_eq!(
            s.history().last(),
            Some(&Step {
                node: "where".into(),
                taken: Taken::Answer("container".into())
            })
        );
        assert_eq!(s.answer("laptop"), Transition::NotExpected);
    }

    #[test]
    fn detect_check_preselects_an_option_without_moving() {
        let mut s = session();
        s.on_check_result(s.generation(), "none");
        assert_eq!(s.pending_check(), Some("runtime"));
        assert_eq!(
            s.on_check_result(s.generation(), "container_without_aws_dir"),
            Transition::Detected {
                option: Some("container".into())
            }
        );
        assert_eq!(s.current(), "where");
        assert_eq!(s.detected_option(), Some("container"));
        assert_eq!(s.pending_check(), None, "detection ran once");
        s.rerun();
        assert_eq!(s.detected_option(), None);
        assert_eq!(s.pending_check(), Some("runtime"));
    }

    #[test]
    fn answer_at_a_check_node_is_not_expected() {
        let mut s = session();
        assert_eq!(s.answer("laptop"), Transition::NotExpected);
        assert_eq!(s.current(), "env");
    }

    #[test]
    fn broken_target_and_missing_start_are_reported_not_panicked() {
        let mut playbook = parse(TREE, Path::new("tree.toml")).expect("parses");
        if let Some(Node::Check(env)) = playbook.nodes.get_mut("env") {
            env.branches.insert("partial".into(), "nowhere".into());
        }
        let mut s = Session::new(&playbook).expect("start exists");
        assert_eq!(
            s.on_check_result(s.generation(), "partial"),
            Transition::BrokenTarget {
                target: "nowhere".into()
            }
        );
        assert_eq!(s.current(), "env");
        playbook.start = "gone".into();
        assert!(matches!(
            Session::new(&playbook),
            Err(SessionError::MissingStart { .. })
        ));
    }

    #[test]
    fn render_fills_known_values_and_marks_the_rest_unknown() {
        let mut values = HashMap::new();
        values.insert("profile", "dev".to_string());
        values.insert("region", String::new());
        assert_eq!(
            render_text(
                "aws sso login --profile {profile} --region {region} {account} {nope}",
                &values
            ),
            "aws sso login --profile dev --region (unknown) (unknown) (unknown)"
        );
        values.insert("profile", "x;touch PWNED $(id)".to_string());
        assert_eq!(
            render_command("aws configure --profile {profile}", &values),
            "aws configure --profile 'x;touch PWNED $(id)'"
        );
        let mut values = BTreeMap::new();
        values.insert("arn", "arn:aws:iam::1:user/me".to_string());
        assert_eq!(
            render_text("You are {arn}. ${HOME}", &values),
            "You are arn:aws:iam::1:user/me. ${HOME}"
        );
    }
}
