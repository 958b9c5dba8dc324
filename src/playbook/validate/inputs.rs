//! Validator rules for what a playbook takes from the person and from the
//! pasted error: `from_error` facts, `when_error` values, and input nodes'
//! names, patterns and examples; the SDK lens an answer chooses.

use crate::inputs::error_facts::FACT_NAMES;
use crate::inputs::program::Sdk;
use crate::playbook::model::{AskNode, InputNode, INPUT_NAMES};
use crate::playbook::Rule;

/// Problems of an ask node's `from_error` and `when_error`.
pub(super) fn ask_problems(ask: &AskNode) -> Vec<(Rule, String)> {
    let mut problems = Vec::new();
    if let Some(fact) = &ask.from_error {
        if !FACT_NAMES.contains(&fact.as_str()) {
            problems.push((Rule::UnknownFact, unknown_fact_message(fact)));
        }
    }
    for option in &ask.options {
        match &option.lens {
            Some(lens) if option.chosen_lens().is_none() => problems.push((
                Rule::UnknownLens,
                format!(
                    "option \"{}\": unknown lens \"{lens}\" (known: {})",
                    option.id,
                    Sdk::ALL.map(Sdk::as_str).join(", ")
                ),
            )),
            _ => {}
        }
    }
    for option in ask.options.iter().filter(|o| !o.when_error.is_empty()) {
        if ask.from_error.is_none() {
            problems.push((
                Rule::UnknownFact,
                format!(
                    "option \"{}\" has when_error but the node names no from_error fact",
                    option.id
                ),
            ));
        }
    }
    problems
}

/// Problems of an input node: its name, its fact, its pattern and examples.
pub(super) fn input_problems(input: &InputNode) -> Vec<(Rule, String)> {
    let mut problems = Vec::new();
    if !INPUT_NAMES.contains(&input.name.as_str()) {
        problems.push((
            Rule::UnknownInput,
            format!(
                "input name \"{}\" is not one credwiz uses (known: {})",
                input.name,
                INPUT_NAMES.join(", ")
            ),
        ));
    }
    if let Some(fact) = &input.from_error {
        if !FACT_NAMES.contains(&fact.as_str()) {
            problems.push((Rule::UnknownFact, unknown_fact_message(fact)));
        }
    }
    if let Some(pattern) = &input.pattern {
        if let Err(e) = regex_lite::Regex::new(pattern) {
            problems.push((Rule::BadPattern, format!("pattern does not compile: {e}")));
            return problems;
        }
    }
    for example in &input.examples {
        if input.rejects(example).is_some() {
            problems.push((
                Rule::BadPattern,
                format!("example \"{example}\" does not match the pattern"),
            ));
        }
    }
    problems
}

fn unknown_fact_message(fact: &str) -> String {
    format!("unknown fact \"{fact}\" (known: {})", FACT_NAMES.join(", "))
}
