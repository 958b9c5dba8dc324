//! The SDK lens a walk has chosen: an ask option may carry `lens = "python"`
//! (or `node`, `rust`), and the last such answer on the path decides which
//! SDK's answer the panel, `{sdk}` and the lens checks follow.

use super::{Session, Taken};
use crate::inputs::program::Sdk;
use crate::playbook::model::{AskOption, Node};

impl Session {
    /// The SDK lens chosen on the path so far: the `lens` of the last answer
    /// that carries one. Read from the history, so going back past that
    /// answer or restarting undoes the choice.
    pub fn lens(&self) -> Option<Sdk> {
        self.history.iter().rev().find_map(|step| {
            let Taken::Answer(option) = &step.taken else {
                return None;
            };
            let Some(Node::Ask(ask)) = self.playbook.nodes.get(&step.node) else {
                return None;
            };
            ask.options
                .iter()
                .find(|o| &o.id == option)
                .and_then(AskOption::chosen_lens)
        })
    }

    /// True when an answer of the current ask node chooses a lens.
    pub fn asks_for_lens(&self) -> bool {
        matches!(self.current_node(), Node::Ask(ask) if ask.options.iter().any(|o| o.lens.is_some()))
    }

    /// The option of the current ask node that chooses `sdk`, if any.
    pub fn option_for_lens(&self, sdk: Sdk) -> Option<&str> {
        let Node::Ask(ask) = self.current_node() else {
            return None;
        };
        ask.options
            .iter()
            .find(|o| o.chosen_lens() == Some(sdk))
            .map(|o| o.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::error_facts::extract;
    use crate::playbook::load::parse;
    use std::path::Path;

    const TREE: &str = r#"
id = "lens-tree"
title = "Lens tree"
summary = "For lens tests."
start = "program"

[nodes.program]
kind = "ask"
title = "Language"
question = "What is your program written in?"
explain = "Each SDK resolves credentials its own way."
from_error = "program"
options = [
  { id = "python", label = "Python", next = "where", lens = "python", when_error = ["boto3", "aws_cli"] },
  { id = "node", label = "Node.js", next = "where", lens = "node", when_error = ["node"] },
  { id = "other", label = "Something else", next = "where", lens = "rust" },
]

[nodes.where]
kind = "ask"
title = "Where"
question = "Where does it run?"
explain = "It matters."
options = [
  { id = "here", label = "Here", next = "done" },
]

[nodes.done]
kind = "end"
title = "Done"
severity = "ok"
diagnosis = "Nothing wrong."
"#;

    fn session() -> Session {
        let playbook = parse(TREE, Path::new("lens-tree.toml")).expect("test tree parses");
        Session::new(&playbook).expect("start exists")
    }

    #[test]
    fn the_answer_chooses_the_lens_and_later_answers_keep_it() {
        let mut s = session();
        assert!(s.asks_for_lens());
        assert_eq!(s.lens(), None, "nothing chosen yet");
        assert_eq!(s.option_for_lens(Sdk::Node), Some("node"));
        assert_eq!(s.option_for_lens(Sdk::Rust), Some("other"));
        s.answer("node");
        assert_eq!(s.lens(), Some(Sdk::Node));
        assert!(!s.asks_for_lens());
        assert_eq!(s.option_for_lens(Sdk::Node), None, "not an ask with lenses");
        s.answer("here");
        assert_eq!(
            s.lens(),
            Some(Sdk::Node),
            "an answer without a lens keeps it"
        );
        assert!(s.at_end().is_some());
    }

    #[test]
    fn going_back_past_the_answer_or_restarting_undoes_the_choice() {
        let mut s = session();
        s.answer("python");
        s.answer("here");
        assert!(s.back());
        assert_eq!(s.lens(), Some(Sdk::Python), "still past the question");
        assert!(s.back());
        assert_eq!(s.lens(), None, "back at the question: no choice");
        s.answer("other");
        assert_eq!(
            s.lens(),
            Some(Sdk::Rust),
            "something else follows the Rust lens"
        );
        s.restart();
        assert_eq!(s.lens(), None);
        assert_eq!(s.current(), "program");
    }

    #[test]
    fn the_pasted_error_preselects_the_lens_answer() {
        let mut s = session();
        s.set_error_facts(extract(
            "Traceback (most recent call last):\n  File \"app.py\", line 9, in <module>\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials",
        ));
        assert_eq!(
            s.suggested_option(),
            Some(("python", super::super::Suggestion::FromError))
        );
        assert_eq!(s.lens(), None, "a suggestion is not a choice");
    }
}
