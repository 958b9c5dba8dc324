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
    // A credential_process the SDK runs gets a process group of its own.
    credwiz::probes::isolated_slot::enable();
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
                Some(Command::Fix(args)) => commands::fix(args).await,
                Some(Command::Playbooks { command }) => {
                    commands::playbooks(command, &cli.playbooks)
                }
                Some(Command::Completions { shell }) => commands::completions(*shell),
                Some(Command::Man) => commands::man(),
                Some(Command::SdkWorker { .. }) | None => 0,
            }
        };
        match &cli.command {
            // Default signal actions: the parent must see what ended it.
            Some(Command::SdkWorker { request }) => commands::sdk_worker(request).await,
            Some(_) => commands::until_signal(headless).await,
            None if !cli.user_command.command.is_empty() => {
                match commands::wizard_start(&cli).await {
                    Ok(start) => {
                        credwiz::tui::run_with(
                            &cli.playbooks,
                            cli.every_step,
                            cli.export_dir.clone(),
                            Some(start),
                        )
                        .await
                    }
                    Err(code) => code,
                }
            }
            None => credwiz::tui::run(&cli.playbooks, cli.every_step, cli.export_dir.clone()).await,
        }
    });
    credwiz::probes::supervisor::end_descendants();
    std::process::exit(code);
}
