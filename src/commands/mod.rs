//! What each subcommand does, between parsed arguments and printed output:
//! one file per subcommand family.

mod check;
mod fix;
mod resolve;
mod run;
mod s3;
mod sdk_worker;
mod shell;
mod supervised;
mod user_command;
mod with_command;
mod wizard_command;

pub use fix::fix;
pub use resolve::resolve;
pub use run::playbooks;
pub use s3::s3;
pub use sdk_worker::sdk_worker;
pub use shell::{completions, man};
pub use supervised::until_signal;
pub use wizard_command::wizard_start;

/// `credwiz check`, or with `-- COMMAND` the user's command first.
pub async fn check(args: &crate::cli::CheckArgs) -> i32 {
    if args.user_command.command.is_empty() {
        check::check(args).await
    } else if args.sweep.all_profiles {
        crate::text::output::eprint_line(
            "credwiz: --all-profiles checks every profile and runs no command; drop one of them",
        );
        2
    } else {
        with_command::check(args).await
    }
}

/// `credwiz run`, or with `-- COMMAND` the user's command first.
pub async fn run(args: &crate::cli::RunArgs, extra: &[std::path::PathBuf]) -> i32 {
    if args.user_command.command.is_empty() {
        run::run(args, extra).await
    } else {
        with_command::run(args, extra).await
    }
}
