//! credwiz: diagnoses AWS credential errors by asking the SDK's own default
//! chain what it resolves, and explaining why.
#![deny(clippy::unwrap_used)]

pub mod aws;
pub mod checks;
pub mod findings;
pub mod engine;
pub mod playbook;
pub mod s3;
