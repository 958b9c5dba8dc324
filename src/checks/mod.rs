//! The built-in checks. They know nothing of the terminal: each returns
//! evidence that a view or report renders.

pub mod catalog;
pub mod credential_process;
pub mod env_keys;
pub mod files_lint;
pub mod key_shape;
mod outcomes;
pub mod profile_findings;
pub mod runner;
pub mod runtime;
pub mod sso_cache;
