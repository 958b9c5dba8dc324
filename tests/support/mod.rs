//! What the integration tests share. Every test binary (`tests/<name>/main.rs`)
//! declares `mod support;` once; its test modules reach it as
//! `crate::support::…`.
//!
//! * [`loopback`]: the one loopback guard. Every endpoint a test hands to
//!   credwiz, an SDK or a client goes through it.
//! * [`debug_dump`]: no `Some(` or `Type { field:` in any output.
//! * [`home_hash`]: a digest of HOME, taken around every sandboxed run.
//! * [`env`]: the process environment (read under one lock, since some tests
//!   swap it) and the cleared, loopback-only environment of child runs.
//! * [`sandbox`]: a temporary HOME with AWS files, credwiz run in it, and
//!   aws-config's own chain run on the same environment.
//! * [`screens`]: the wizard's screens (rendered or captured from tmux),
//!   each checked for Debug dumps.
//! * [`tmux`]: the real binary in tmux, for the wizard end to end.
//! * [`world`]: the loopback AWS world: moto and our own stubs.
// Each binary uses its own part of this module; the rest is unused there.
#![allow(dead_code, unused_imports)]

pub mod debug_dump;
pub mod env;
pub mod home_hash;
pub mod loopback;
pub mod sandbox;
pub mod screens;
pub mod tmux;
pub mod world;
