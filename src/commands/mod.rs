//! What each subcommand does, between parsed arguments and printed output:
//! one file per subcommand family.

mod check;
mod resolve;
mod run;
mod s3;
mod shell;
mod supervised;

pub use check::check;
pub use resolve::resolve;
pub use run::{playbooks, run};
pub use s3::s3;
pub use shell::{completions, man};
pub use supervised::until_signal;
