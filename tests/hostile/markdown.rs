//! Markdown pasted into a ticket stays what credwiz meant: every `--markdown`
//! output (check, check --all-profiles, run, s3 inspect) and the wizard's
//! transcript, built from hostile names, regions, paths, server messages and
//! pasted error text, is parsed by a CommonMark renderer. No raw HTML
//! element, link or image, no heading credwiz did not write, no code block
//! other than its own `sh` and `text` fences, and a fix block holds commands
//! and `#` comments only.

use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SLASH_SECRET};
use crate::support::world::StsStub;
use credwiz::diagnosis::Diagnosis;
use credwiz::findings::{Finding, FindingId};
use credwiz::playbook::load::Library;
use credwiz::tui::app::Model;
use credwiz::tui::theme::Theme;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(30);

/// Words of [`HOSTILE`] no heading of credwiz's own holds.
const MARKERS: &[&str] = &["FORGED", "onerror", "click"];

/// One value that tries every way out of a Markdown value: raw HTML, a code
/// span closed early, a fence, a heading and a link on a new line.
const HOSTILE: &str =
    "x`<img src=x onerror=alert(1)>`\n```\n# FORGED\n[click](javascript:alert(1))\n``";

/// Headings credwiz writes start with one of these (or are a playbook's
/// title, which holds none of [`MARKERS`]).
const OWN_HEADINGS: &[&str] = &[
    "credwiz",
    "Credential chain",
    "Findings",
    "✗ ",
    "! ",
    "i ",
    "Path",
    "Diagnosis:",
    "Fix",
    "Also found",
    "Stopped at a question",
    "The error",
    "Steps",
    "Resolved provider",
    "Checks",
    "The files themselves",
];

/// How a line of a fix block may start (report/fix.rs's commands).
const COMMANDS: &[&str] = &[
    "aws",
    "export",
    "unset",
    "env",
    "docker",
    "sudo",
    "timedatectl",
    "curl",
    "ls",
    "kubectl",
    "date",
    "credwiz",
    "chmod",
    "mkdir",
    "cat",
    "grep",
    "sed",
    "rm",
    "mv",
    "cp",
    "echo",
    "set",
    "setx",
    "sso",
    "git",
];

fn is_command_line(line: &str) -> bool {
    let line = line.trim();
    let first = line.split_whitespace().next().unwrap_or_default();
    line.is_empty()
        || line.starts_with('#')
        || line.starts_with("$env:")
        || COMMANDS.contains(&first)
        || first.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        })
}

/// Every structure a hostile value could forge, as a list of complaints.
fn forged(markdown: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut heading: Option<String> = None;
    let mut block: Option<(String, String)> = None;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                problems.push(format!("raw HTML: {html:?}"))
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                problems.push(format!("a link to {dest_url:?}"))
            }
            Event::Start(Tag::BlockQuote(_)) => problems.push("a block quote".into()),
            Event::Rule => problems.push("a thematic break".into()),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => "(indented)".to_string(),
                };
                block = Some((info, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                }
                if let Some((_, body)) = block.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap_or_default();
                let own = OWN_HEADINGS.iter().any(|own| text.starts_with(own));
                if text.starts_with("FORGED") || !own && MARKERS.iter().any(|m| text.contains(m)) {
                    problems.push(format!("a heading credwiz did not write: {text:?}"));
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (info, body) = block.take().unwrap_or_default();
                match info.as_str() {
                    "text" => {}
                    "sh" => {
                        for line in body.lines().filter(|l| !is_command_line(l)) {
                            problems.push(format!("not a command in a fix block: {line:?}"));
                        }
                    }
                    other => {
                        problems.push(format!("a code block credwiz did not write: {other:?}"))
                    }
                }
            }
            _ => {}
        }
    }
    problems
}

fn assert_not_forged(label: &str, markdown: &str) {
    let problems = forged(markdown);
    assert!(
        problems.is_empty(),
        "{label}: Markdown structure from input:\n{}\n--- output ---\n{markdown}",
        problems.join("\n")
    );
}

fn hostile_sandbox() -> Sandbox {
    Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n\
             [<img src=x onerror=alert(1)>]\naws_access_key_id = {KEY_ID}\n"
        ))
        .var("AWS_REGION", HOSTILE)
}

#[test]
fn check_markdown_carries_no_structure_from_input() {
    let sandbox = hostile_sandbox().var("AWS_PROFILE", HOSTILE);
    let args = [
        "check",
        "--offline",
        "--markdown",
        "--error-text",
        &format!("An error occurred (AccessDenied): {HOSTILE}"),
    ];
    let run = run_hostile("check --markdown, hostile names", &sandbox, &args, BOUND);
    assert_not_forged("check --markdown", &run.stdout());
    let missing = format!("/nonexistent/{HOSTILE}");
    let sandbox = hostile_sandbox().var("AWS_SHARED_CREDENTIALS_FILE", &missing);
    let run = run_hostile("check --markdown, hostile path", &sandbox, &args, BOUND);
    assert!(
        run.stdout().contains("files.env_path_missing"),
        "{}",
        run.stdout()
    );
    assert_not_forged("check --markdown, hostile path", &run.stdout());
}

#[test]
fn an_sts_message_stays_text_in_markdown() {
    let sts = StsStub::error(403, "InvalidClientTokenId", HOSTILE);
    // A hostile region would stop the call before it is made.
    let sandbox = hostile_sandbox()
        .var("AWS_REGION", "us-east-1")
        .var("AWS_ENDPOINT_URL", &sts.url());
    let run = run_hostile(
        "STS message in --markdown",
        &sandbox,
        &["check", "--markdown"],
        BOUND,
    );
    assert!(
        run.stdout().contains("InvalidClientTokenId"),
        "{}",
        run.stdout()
    );
    assert_not_forged("check --markdown, STS message", &run.stdout());
}

#[test]
fn every_other_markdown_output_carries_no_structure_from_input() {
    let sandbox = hostile_sandbox().var("AWS_PROFILE", HOSTILE);
    let error =
        format!("ExpiredToken: The security token included in the request is expired {HOSTILE}");
    let runs: [(&str, Vec<&str>); 4] = [
        ("check --all-profiles", vec!["check", "--all-profiles", "--offline", "--markdown"]),
        ("run a playbook", vec!["run", "no-credentials", "--offline", "--markdown"]),
        ("run a pasted error", vec!["run", "--offline", "--markdown", "--error-text", &error]),
        (
            "s3 inspect",
            vec!["s3", "inspect", "--markdown", "https://b.s3.amazonaws.com/%3Cimg%20src=x%20onerror=alert(1)%3E%0A%23%20FORGED%60%60%60"],
        ),
    ];
    for (label, args) in runs {
        let run = run_hostile(label, &sandbox, &args, BOUND);
        assert!(
            !run.stdout().is_empty(),
            "{label}: no output\n{}",
            run.stderr()
        );
        assert_not_forged(label, &run.stdout());
    }
}

#[test]
fn the_wizard_transcript_carries_no_structure_from_input() {
    let Ok(library) = Library::shipped() else {
        panic!("the shipped playbooks load");
    };
    let mut diagnosis = Diagnosis::pending(HOSTILE);
    diagnosis.findings.push(Finding::new(
        FindingId::ProfileNotFound,
        format!("profile {HOSTILE} not found"),
        HOSTILE,
        format!("aws configure --profile x\n```\n# FORGED {HOSTILE}"),
    ));
    let mut model = Model::new(library, None, diagnosis, Theme { colour: false });
    model.diagnosed = true;
    model.error_text = Some(HOSTILE.to_string());
    let transcript = credwiz::tui::transcript::markdown(&model);
    assert_not_forged("wizard transcript", &transcript);
}

#[test]
fn the_oracle_sees_what_it_must() {
    for (forgery, what) in [
        ("a <img src=x onerror=alert(1)>", "raw HTML"),
        ("# FORGED", "heading"),
        ("```\nls\n```", "code block"),
        ("```sh\nFORGED\n```", "not a command"),
        ("[x](javascript:alert(1))", "link"),
    ] {
        let problems = forged(forgery).join("\n");
        assert!(
            problems.contains(what),
            "{forgery:?} not caught: {problems}"
        );
    }
}
