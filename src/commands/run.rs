//! `credwiz run` and `credwiz playbooks`: the decision trees without the wizard.

use super::check::request_for;
use crate::cli::{PlaybooksCommand, RunArgs};
use crate::diagnosis::{diagnose, DiagnoseRequest, Diagnosis, Inputs};
use crate::engine::walk;
use crate::inputs::environment::EnvSnapshot;
use crate::playbook::load::{load_all, Library};
use crate::playbook::model::Playbook;
use crate::playbook::triage::{self, Triage};
use crate::playbook::validate::check_paths;
use crate::text::mask::redact_secret_shaped;
use crate::text::output::{eprint_line, eprint_message, print_line};
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

/// `credwiz run`: the playbook walk without the TUI. Without PLAYBOOK,
/// triage picks one from `--error-text` as the wizard would.
pub async fn run(args: &RunArgs, extra: &[PathBuf]) -> i32 {
    if args.playbook.is_none() && args.situation.error_text.is_none() {
        eprint_line(
            "credwiz: run needs a PLAYBOOK (see `credwiz playbooks list`), or --error-text TEXT for triage to pick one",
        );
        return 2;
    }
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.selection.profile.as_deref());
    let walked = match walked(args, extra, &inputs).await {
        Ok(walked) => walked,
        Err(code) => return code,
    };
    print_line(&inputs.scrubber.scrub(&walked.text(args)));
    walked.exit_code()
}

/// A finished headless walk: the triage that chose it, the walk, the
/// diagnosis it led with.
pub(super) struct Walked {
    pub triage: Option<Triage>,
    pub report: walk::WalkReport,
    pub diagnosis: Diagnosis,
}

impl Walked {
    /// The walk as `--json`, Markdown or text.
    pub fn text(&self, args: &RunArgs) -> String {
        rendered(args, self.triage.as_ref(), &self.report, &self.diagnosis)
    }

    /// The `--json` document as a value.
    pub fn json_value(&self) -> serde_json::Value {
        serde_json::json!({ "triage": self.triage, "walk": self.report, "check": self.diagnosis })
    }

    /// The finding ids the walk's end explains.
    pub fn conclusion_findings(&self) -> Vec<String> {
        self.report
            .end
            .as_ref()
            .map(|end| end.findings.clone())
            .unwrap_or_default()
    }

    /// The exit code, after saying why a walk stopped at a question.
    pub fn exit_code(&self) -> i32 {
        if self.report.stopped_at.is_some() {
            eprint_line("credwiz: stopped at a question with no --answer (exit 3)");
        }
        self.report.exit_code()
    }
}

/// Triage (or PLAYBOOK), the diagnosis and the walk; Err is an exit code.
pub(super) async fn walked(
    args: &RunArgs,
    extra: &[PathBuf],
    inputs: &Inputs,
) -> Result<Walked, i32> {
    let library = library(extra);
    let mut answers = match parse_answers(&args.answers) {
        Ok(answers) => answers,
        Err(message) => {
            eprint_message(&format!("credwiz: {message}"));
            return Err(2);
        }
    };
    let mut request = request_for(&args.selection, &args.situation, inputs);
    let (playbook, triage, mut diagnosis) = match &args.playbook {
        Some(id) => {
            let Some(playbook) = library.get(id) else {
                let ids: Vec<&str> = library.iter().map(|p| p.id.as_str()).collect();
                eprint_message(&format!(
                    "credwiz: no playbook '{id}'; known: {}",
                    ids.join(", ")
                ));
                return Err(2);
            };
            (playbook, None, None)
        }
        None => match triaged(args, &library, &request, inputs).await {
            Some((playbook, triage, diagnosis)) => (playbook, Some(triage), diagnosis),
            None => {
                eprint_line("credwiz: no playbook is loaded, so triage has nothing to pick");
                return Err(2);
            }
        },
    };
    // A diagnosis made before the playbook was known is the one to walk,
    // unless `--answer`s for this playbook change what it should ask.
    let answered = !answers.is_empty();
    walk::share_typed_values(playbook, &mut answers, &mut request);
    walk::share_lens_answer(playbook, &answers, &mut request);
    let mut diagnosis = match diagnosis.take().filter(|_| !answered) {
        Some(diagnosis) => diagnosis,
        None => diagnose(&request, inputs).await,
    };
    let rules = walk::AnswerRules {
        accept_detected: args.accept_detected,
        sdk: args.situation.sdk,
    };
    let report = walk::walk(playbook, &diagnosis, &answers, rules);
    if let Some(lens) = report.lens {
        diagnosis.lead_with(lens);
    }
    Ok(Walked {
        triage,
        report,
        diagnosis,
    })
}

/// The walk (and the triage that chose it) as `--json`, Markdown or text.
fn rendered(
    args: &RunArgs,
    triage: Option<&Triage>,
    report: &walk::WalkReport,
    diagnosis: &Diagnosis,
) -> String {
    if args.format.json {
        let value = serde_json::json!({ "triage": triage, "walk": report, "check": diagnosis });
        return serde_json::to_string_pretty(&value).unwrap_or_default();
    }
    let walk = crate::report::runbook::render(report, args.format.markdown);
    match triage {
        Some(triage) => format!(
            "{}\n{walk}",
            crate::report::runbook::triage_lines(triage, args.format.markdown)
        ),
        None => walk,
    }
}

/// Triage of `--error-text`: its words pick the playbook; when none do, the
/// diagnosis (made here, and returned so it is not made twice) picks it.
async fn triaged<'l>(
    args: &RunArgs,
    library: &'l Library,
    request: &DiagnoseRequest,
    inputs: &Inputs,
) -> Option<(&'l Playbook, Triage, Option<Diagnosis>)> {
    // The same text the wizard triages: secret-shaped values hidden, trimmed.
    let text = args.situation.error_text.as_deref().unwrap_or_default();
    let text = redact_secret_shaped(text.trim());
    if let Some(found) = triage::from_text(library, &text) {
        return Some((library.get(&found.playbook)?, found, None));
    }
    let diagnosis = diagnose(request, inputs).await;
    let found = triage::from_diagnosis(library, &diagnosis)?;
    Some((library.get(&found.playbook)?, found, Some(diagnosis)))
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
