//! Text that leaves credwiz: masking key ids and scrubbing known secrets.
//! The foundation every layer may use.

pub mod mask;
