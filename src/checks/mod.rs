//! The built-in checks playbooks branch on. They know nothing of the
//! terminal: each reads a diagnosis and concludes; the registry says what
//! every conclusion means.

mod outcomes;
pub mod registry;
pub mod runner;
