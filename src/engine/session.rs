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
use crate::playbook::model::{AskNode, EndNode, Node, NodeId, Playbook};
use std::collections::BTreeMap;

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

mod lens;
mod placeholders;

pub use placeholders::{render_command, render_text, PlaceholderValues};

#[cfg(test)]
mod tests;
