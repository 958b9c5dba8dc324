//! The decision-tree session: current node, history, answers; a pure state machine.
//!
//! The engine never draws and never probes: views read it, check runners
//! feed it outcomes.

pub mod conclusion;
pub mod session;
pub mod shortcut;
pub mod walk;

pub use session::{render_text, PlaceholderValues, Session, SessionError, Step, Taken, Transition};
