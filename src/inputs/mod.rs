//! What credwiz reads before it probes anything: pasted text and raw files.

pub mod program;
pub mod raw_files;
