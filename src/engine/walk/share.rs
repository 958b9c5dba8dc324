//! What `credwiz run` is told before the diagnosis runs: typed values feed
//! the live checks, flags answer the questions that ask for them, and an
//! answer that chooses an SDK lens decides which lens the diagnosis leads with.

use crate::diagnosis::DiagnoseRequest;
use crate::playbook::model::{Node, Playbook};
use std::collections::BTreeMap;

/// Values typed for input nodes (`--answer NODE=value` or `NAME=value`) go
/// to the live checks before they run, and values given as flags answer the
/// input nodes that ask for them (`--s3-bucket` answers `bucket`).
pub fn share_typed_values(
    playbook: &Playbook,
    answers: &mut BTreeMap<String, String>,
    request: &mut DiagnoseRequest,
) {
    for (id, node) in &playbook.nodes {
        let Node::Input(input) = node else {
            continue;
        };
        let given = answers
            .get(id)
            .or_else(|| answers.get(&input.name))
            .cloned();
        let slot = match input.name.as_str() {
            "bucket" => &mut request.s3_bucket,
            "key" => &mut request.s3_key,
            "expected_account" => &mut request.expect_account,
            "error_text" => {
                if let Some(text) = &given {
                    request
                        .error_facts
                        .merge(crate::inputs::error_facts::extract(text));
                    request.error_text =
                        Some(crate::text::mask::redact_secret_shaped(text).into_owned());
                }
                continue;
            }
            _ => continue,
        };
        match (given, slot.clone()) {
            (Some(value), _) => *slot = Some(value).filter(|v| input.rejects(v).is_none()),
            (None, Some(flag)) => {
                answers.insert(input.name.clone(), flag);
            }
            (None, None) => {}
        }
    }
}

/// An `--answer` to a question whose options choose an SDK lens sets the
/// lens the diagnosis leads with, as `--sdk` would (the answer wins).
pub fn share_lens_answer(
    playbook: &Playbook,
    answers: &BTreeMap<String, String>,
    request: &mut DiagnoseRequest,
) {
    for (id, node) in &playbook.nodes {
        let Node::Ask(ask) = node else {
            continue;
        };
        let chosen = answers
            .get(id)
            .and_then(|given| ask.options.iter().find(|o| &o.id == given))
            .and_then(|option| option.chosen_lens());
        if chosen.is_some() {
            request.sdk = chosen;
        }
    }
}
