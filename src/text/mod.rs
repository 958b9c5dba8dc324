//! Text that leaves credwiz: masking key ids and scrubbing known secrets,
//! writing output safely, stripping terminal control sequences from
//! untrusted text, quoting values in printed commands, escaping values put
//! into Markdown. The foundation every layer may use.

pub mod debug_dump;
pub mod errors;
pub mod key_bytes;
pub mod key_id;
pub mod leak_forms;
pub mod markdown;
pub mod mask;
pub mod output;
pub mod sanitize;
pub mod secret_shaped;
pub mod shell;
pub mod time;
pub mod url_userinfo;
