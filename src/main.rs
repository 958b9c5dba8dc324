//! credwiz: parse arguments, pick a mode, map the outcome to an exit code.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use clap::Parser;
use credwiz::cli::{Cli, Command};
use credwiz::commands;

fn main() {
    let cli = Cli::parse();
    // Whatever credwiz or the SDK starts is credwiz's to end (see below).
    credwiz::probes::supervisor::adopt_descendants();
    // One thread is all a single check needs; a sweep over every profile
    // signs and parses for many profiles at once and uses every core.
    let sweeping = matches!(&cli.command, Some(Command::Check(args)) if args.sweep.all_profiles);
    let mut builder = if sweeping {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            credwiz::text::output::eprint_line(&format!(
                "credwiz: could not start the async runtime: {e}"
            ));
            std::process::exit(2);
        }
    };
    let code = runtime.block_on(async {
        let headless = async {
            match &cli.command {
                Some(Command::Check(args)) => commands::check(args).await,
                Some(Command::Resolve(args)) => commands::resolve(args).await,
                Some(Command::Run(args)) => commands::run(args, &cli.playbooks).await,
                Some(Command::S3 { command }) => commands::s3(command).await,
                Some(Command::Playbooks { command }) => {
                    commands::playbooks(command, &cli.playbooks)
                }
                Some(Command::Completions { shell }) => commands::completions(*shell),
                Some(Command::Man) => commands::man(),
                None => 0,
            }
        };
        match &cli.command {
            Some(_) => commands::until_signal(headless).await,
            None => credwiz::tui::run(&cli.playbooks, cli.every_step).await,
        }
    });
    credwiz::probes::supervisor::end_descendants();
    std::process::exit(code);
}
