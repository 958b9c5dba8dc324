//! credwiz: diagnoses AWS credential errors by asking the SDK's own default
//! chain what it resolves, and explaining why.
#![forbid(unsafe_code)]
// No panics in shipped code: every failure is a message and an exit code
// (clippy.toml allows them in tests); functions stay within 80 lines.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

pub mod checks;
pub mod cli;
pub mod commands;
pub mod diagnosis;
pub mod engine;
pub mod evidence;
pub mod findings;
pub mod fixes;
pub mod inputs;
pub mod lenses;
pub mod playbook;
pub mod probes;
pub mod report;
pub mod rules;
pub mod sweep;
pub mod text;
pub mod tui;
