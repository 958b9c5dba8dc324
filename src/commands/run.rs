//! `credwiz run` and `credwiz playbooks`: the decision trees without the wizard.

use super::check::request_for;
use crate::cli::{PlaybooksCommand, RunArgs};
use crate::diagnosis::{diagnose, Inputs};
use crate::engine::walk;
use crate::inputs::environment::EnvSnapshot;
use crate::playbook::load::{load_all, Library};
use crate::playbook::validate::check_paths;
use crate::text::output::{eprint_line, print_line};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Loads every playbook; prints the problems of broken ones (never silently
/// skipped) and goes on with the rest.
fn library(extra: &[PathBuf]) -> Library {
    match load_all(extra, |k| std::env::var(k).ok()) {
        Ok(library) => library,
        Err(report) => {
            eprint_line(&format!(
                "credwiz: some playbooks were not loaded:\n{report}"
            ));
            report.library
        }
    }
}

/// `credwiz run`: the playbook walk without the TUI.
pub async fn run(args: &RunArgs, extra: &[PathBuf]) -> i32 {
    let library = library(extra);
    let Some(playbook) = library.get(&args.playbook) else {
        let ids: Vec<&str> = library.iter().map(|p| p.id.as_str()).collect();
        eprint_line(&format!(
            "credwiz: no playbook '{}'; known: {}",
            args.playbook,
            ids.join(", ")
        ));
        return 2;
    };
    let mut answers = match parse_answers(&args.answers) {
        Ok(answers) => answers,
        Err(message) => {
            eprint_line(&format!("credwiz: {message}"));
            return 2;
        }
    };
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.selection.profile.as_deref());
    let mut request = request_for(&args.selection, &args.situation, &inputs);
    walk::share_typed_values(playbook, &mut answers, &mut request);
    walk::share_lens_answer(playbook, &answers, &mut request);
    let mut diagnosis = diagnose(&request, &inputs).await;
    let rules = walk::AnswerRules {
        accept_detected: args.accept_detected,
        sdk: args.situation.sdk,
    };
    let report = walk::walk(playbook, &diagnosis, &answers, rules);
    if let Some(lens) = report.lens {
        diagnosis.lead_with(lens);
    }
    let text = if args.format.json {
        serde_json::to_string_pretty(&serde_json::json!({ "walk": report, "check": diagnosis }))
            .unwrap_or_default()
    } else {
        crate::report::runbook::render(&report, args.format.markdown)
    };
    print_line(&inputs.scrubber.scrub(&text));
    if report.stopped_at.is_some() {
        eprint_line("credwiz: stopped at a question with no --answer (exit 3)");
    }
    report.exit_code()
}

/// `credwiz playbooks ...`.
pub fn playbooks(command: &PlaybooksCommand, extra: &[PathBuf]) -> i32 {
    match command {
        PlaybooksCommand::Check { paths } => {
            let problems = if paths.is_empty() {
                match load_all(extra, |k| std::env::var(k).ok()) {
                    Ok(_) => Vec::new(),
                    Err(report) => report.problems,
                }
            } else {
                check_paths(paths)
            };
            for problem in &problems {
                print_line(&problem.to_string());
            }
            if problems.is_empty() {
                print_line("all playbooks are valid");
                0
            } else {
                print_line(&format!("{} problem(s)", problems.len()));
                1
            }
        }
        PlaybooksCommand::List => {
            for playbook in library(extra).iter() {
                print_line(&format!("{:<28} {}", playbook.id, playbook.title));
            }
            0
        }
    }
}

/// Parses `node=option` pairs.
fn parse_answers(pairs: &[String]) -> Result<BTreeMap<String, String>, String> {
    pairs
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((node, option)) if !node.is_empty() && !option.is_empty() => {
                Ok((node.to_string(), option.to_string()))
            }
            _ => Err(format!("--answer expects node=option, got '{pair}'")),
        })
        .collect()
}
