//! What credwiz reads before any probe runs.

pub mod platform;
