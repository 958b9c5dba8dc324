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
