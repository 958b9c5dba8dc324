//! The built-in checks. They know nothing of the terminal: each returns
//! evidence that a view or report renders.

pub mod catalog;
