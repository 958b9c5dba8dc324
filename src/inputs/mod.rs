//! What credwiz reads before it probes anything.

pub mod bounded_file;
pub mod hazards;
