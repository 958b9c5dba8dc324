//! Text that leaves credwiz: writing it out safely, stripping terminal
//! control sequences from untrusted text, quoting values in printed commands.

pub mod output;
pub mod sanitize;
pub mod shell;
