//! Every line a person copies from a fix (`c` in the wizard, the export's
//! ```` ```sh ```` blocks) is a command a POSIX shell runs as shown, or a
//! `#` comment: no command substitution, no redirection, no prose. Checked
//! for every fix line of every end of every shipped playbook and every
//! finding of a few diagnoses, with values planted from a hostile corpus
//! (a profile, a bucket, a key and a region full of shell syntax).

use crate::support::sandbox;
use credwiz::checks::runner;
use credwiz::engine::session::render_command;
use credwiz::playbook::load::Library;
use credwiz::playbook::model::Node;
use credwiz::report::fix::copyable;
use std::collections::BTreeMap;

/// Shell syntax a value could smuggle in.
const HOSTILE: &[&str] = &[
    "x$(touch PWN)",
    "y`id`",
    "a;touch PWN",
    "b|cat",
    "c>PWN",
    "d<e",
    "e&&touch PWN",
    "f'g\"h",
];

fn scenarios() -> Vec<sandbox::Sandbox> {
    let profile = HOSTILE.concat();
    vec![
        sandbox::Sandbox::new(),
        sandbox::Sandbox::new().var("AWS_ACCESS_KEY_ID", sandbox::KEY_ID),
        sandbox::Sandbox::new()
            .config(&format!(
                "[profile {profile}]\nregion = eu-west-1;touch PWN\nsso_session = s$(id)\n"
            ))
            .var("AWS_PROFILE", &profile),
        sandbox::Sandbox::new()
            .credentials(&format!(
                "[default]\naws_access_key_id = <access key id>\naws_secret_access_key = {}\n",
                sandbox::PLANTED_SECRET
            ))
            .var("AWS_REGION", "`id`"),
    ]
}

/// What is wrong with one copied line, if anything.
fn problem(line: &str) -> Option<&'static str> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    if shell_words::split(line).is_err() {
        return Some("does not parse (an open quote)");
    }
    let (mut single, mut double) = (false, false);
    let mut chars = line.chars().peekable();
    let mut at_word_start = true;
    while let Some(c) = chars.next() {
        match c {
            '\\' if !single => {
                chars.next();
            }
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '`' if !single => return Some("command substitution (backtick)"),
            '$' if !single && chars.peek() == Some(&'(') => {
                return Some("command substitution ($( ))")
            }
            '#' if !single && !double && at_word_start => break, // a comment
            // Pipes and `;` of credwiz's own commands are meant; a value's
            // are inside its quotes, and would show up as redirection or
            // substitution too if they were not.
            '<' | '>' if !single && !double => return Some("redirection"),
            _ => {}
        }
        at_word_start = c.is_whitespace() && !single && !double;
    }
    // Prose: a sentence, not a program and its arguments.
    let first = line.split_whitespace().next().unwrap_or_default();
    let second = line.split_whitespace().nth(1).unwrap_or_default();
    let program_like = first
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./=$:{}".contains(c))
        && !first.ends_with(':');
    if !program_like || second.ends_with(':') {
        return Some("prose without #");
    }
    None
}

#[test]
fn the_checker_catches_what_a_shell_misreads() {
    for bad in [
        "docker compose: add `- ~/.aws:/root/.aws:ro` under volumes",
        "export AWS_ACCESS_KEY_ID=<access key id>",
        "aws sts get-caller-identity --profile x$(touch PWN)",
        "aws s3 ls s3://'a'\\''b' >out",
        "Run aws configure first",
    ] {
        assert!(problem(bad).is_some(), "{bad}");
    }
    for good in [
        "# fill in the <…> parts, then run: export AWS_ACCESS_KEY_ID=<access key id>",
        "aws sso login --profile 'x$(touch PWN)'   # then retry",
        "export AWS_REGION='eu-west-1'",
    ] {
        assert_eq!(problem(good), None, "{good}");
    }
}

#[test]
fn every_copied_fix_line_is_a_command_or_a_comment() {
    let library = Library::shipped().expect("shipped playbooks load");
    let typed: BTreeMap<String, String> = [
        ("bucket", HOSTILE.concat()),
        ("key", "k$(id)>out".to_string()),
        ("expected_account", "1;2".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let mut checked = 0;
    let mut problems = Vec::new();
    for home in scenarios() {
        let d = home.offline_diagnosis();
        let values = runner::walk_placeholders(&d, &typed);
        let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
        for playbook in library.iter() {
            for (id, node) in &playbook.nodes {
                if let Node::End(end) = node {
                    let lines: Vec<String> = end
                        .fix
                        .iter()
                        .map(|line| render_command(line, &values))
                        .collect();
                    blocks.push((format!("{}/{id}", playbook.id), lines));
                }
            }
        }
        for finding in &d.findings {
            blocks.push((finding.id.to_string(), vec![finding.fix.clone()]));
        }
        for (place, lines) in blocks {
            for line in copyable(&lines) {
                checked += 1;
                assert!(!line.contains(sandbox::PLANTED_SECRET), "{place}: {line}");
                if let Some(why) = problem(&line) {
                    problems.push(format!("{place}: {why}: {line}"));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(checked > 100, "only {checked} lines checked");
    assert!(
        problems.is_empty(),
        "{} copied lines a shell would misread:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
