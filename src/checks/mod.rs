//! The built-in checks playbooks branch on. They know nothing of the
//! terminal: each reads a diagnosis and returns evidence a view renders.

pub mod catalog;
mod outcomes;
pub mod runner;
