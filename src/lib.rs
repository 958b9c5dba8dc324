//! credwiz: diagnoses AWS credential errors by asking the SDK's own default
//! chain what it resolves, and explaining why.
#![deny(clippy::unwrap_used)]

pub mod checks;
pub mod cli;
pub mod commands;
pub mod diagnosis;
pub mod engine;
pub mod findings;
pub mod inputs;
pub mod playbook;
pub mod probes;
pub mod report;
pub mod rules;
pub mod sweep;
pub mod text;
pub mod tui;
