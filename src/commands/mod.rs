//! What each subcommand does, between parsed arguments and printed output:
//! one file per subcommand family.

mod check;
mod fix;
mod resolve;
mod run;
mod s3;
mod sdk_worker;
mod supervised;

pub use check::check;
pub use fix::fix;
pub use resolve::resolve;
pub use run::{playbooks, run};
pub use s3::s3;
pub use sdk_worker::sdk_worker;
pub use supervised::until_signal;
