//! The shipped playbooks are valid and substantial, and the validator catches
//! each rule: one invalid fixture per rule, named after it.

use credwiz::checks::registry;
use credwiz::playbook::load::{self, SHIPPED};
use credwiz::playbook::{check_paths, load_all, validate, At, Node, Problem, Rule};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/playbooks")
        .join(kind)
}

fn shown(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  [{}] {p}", p.rule))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn shipped_playbooks_have_no_problems() {
    let library = load_all(&[], |_| None).unwrap_or_else(|report| panic!("{report}"));
    assert_eq!(library.len(), SHIPPED.len());
    let shipped_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let problems = check_paths(&[shipped_dir]);
    assert!(problems.is_empty(), "\n{}", shown(&problems));
}

#[test]
fn shipped_playbooks_are_substantial() {
    let library = load_all(&[], |_| None).unwrap_or_else(|report| panic!("{report}"));
    let mut total = 0;
    for playbook in library.iter() {
        assert!(playbook.nodes.len() >= 8, "{} is too small", playbook.id);
        assert!(
            !playbook.matches.is_empty(),
            "{} has no matches",
            playbook.id
        );
        total += playbook.nodes.len();
    }
    assert!(total >= 8 * library.len());
}

/// How a fix line that is a command starts; every end gives at least one.
const COMMANDS: &[&str] = &[
    "aws ",
    "export ",
    "unset ",
    "env ",
    "docker ",
    "sudo ",
    "timedatectl ",
    "curl ",
    "ls ",
    "kubectl ",
    "date ",
    "credwiz ",
];

#[test]
fn shipped_playbooks_use_real_checks_and_exact_fixes() {
    let library = load_all(&[], |_| None).unwrap_or_else(|report| panic!("{report}"));
    let mut used = BTreeSet::new();
    for playbook in library.iter() {
        for (id, node) in &playbook.nodes {
            match node {
                Node::Check(check) => {
                    assert!(registry::find(&check.check).is_some(), "{id}");
                    used.insert(check.check.as_str());
                }
                Node::Ask(ask) => used.extend(ask.detect.as_deref()),
                Node::Input(input) => assert!(
                    input.examples.iter().all(|e| input.rejects(e).is_none()),
                    "{}: input \"{id}\" has an example its pattern refuses",
                    playbook.id
                ),
                Node::End(end) => assert!(
                    end.fix
                        .iter()
                        .any(|f| COMMANDS.iter().any(|c| f.starts_with(c))),
                    "{}: end \"{id}\" gives no command to run",
                    playbook.id
                ),
            }
        }
    }
    for name in &used {
        assert!(registry::find(name).is_some(), "{name}");
    }
}

#[test]
fn triage_finds_the_right_family() {
    let library = load_all(&[], |_| None).unwrap_or_else(|report| panic!("{report}"));
    let first = |text: &str| library.triage(text).first().map(|p| p.id.clone());
    let cases = [
        ("botocore.exceptions.NoCredentialsError: Unable to locate credentials", "no-credentials"),
        ("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation", "auth-failure"),
        ("An error occurred (SignatureDoesNotMatch) when calling the PutObject operation", "s3-invalid-credentials"),
        ("CredentialsNotSupported: This request does not support credentials.", "credentials-not-supported"),
        ("An error occurred (ExpiredToken): The security token included in the request is expired", "expired-token"),
        ("User: arn:aws:iam::1:user/x is not authorized to perform: s3:GetObject", "access-denied"),
        ("botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired", "expired-token"),
        ("Token has expired and refresh failed", "expired-token"),
        ("The config profile (dev) could not be found", "no-credentials"),
        ("failed to refresh cached credentials, refresh cached SSO token failed, InvalidGrantException", "expired-token"),
        ("failed to refresh cached credentials, no EC2 IMDS role found", "no-credentials"),
    ];
    for (text, id) in cases {
        assert_eq!(first(text).as_deref(), Some(id), "{text}");
    }
}

#[test]
fn valid_fixtures_pass() {
    let dir = fixtures("valid");
    let files = load::toml_files(&dir).expect("valid fixtures exist");
    assert!(!files.is_empty());
    for file in &files {
        let problems = check_paths(std::slice::from_ref(file));
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            file.display(),
            shown(&problems)
        );
    }
    // As a user directory they load next to the shipped ones.
    let library = load_all(&[dir], |_| None).unwrap_or_else(|report| panic!("{report}"));
    assert_eq!(library.len(), SHIPPED.len() + files.len());
}

/// What each invalid fixture must report: its rule, a message fragment, and
/// where (node, edge or the file as a whole).
fn expectation(rule: Rule) -> (&'static str, At) {
    let node = |id: &str| At::Node(id.into());
    match rule {
        Rule::ReadError => unreachable!("needs no fixture"),
        Rule::Syntax => ("invalid string: expected", At::Position { line: 4, column: 11 }),
        Rule::Schema => ("unknown field `explian`", node("first")),
        Rule::MissingStart => ("start \"begin\" is not a node", At::File),
        Rule::DanglingTarget => (
            "no such node",
            At::Edge("first".into(), "missing_node".into()),
        ),
        Rule::UnknownHandover => (
            "handover to a playbook id that no playbook has",
            At::Edge("done".into(), "no-such-playbook".into()),
        ),
        Rule::UnknownCheck => ("unknown check \"env_vars\"", node("first")),
        Rule::UnknownOutcome => (
            "check \"env_keys\" has no outcome \"half\"",
            node("first"),
        ),
        Rule::UncoveredOutcomes => (
            "can end in \"complete\", \"suspicious\", which no branch covers, and there is no default",
            node("first"),
        ),
        Rule::Unreachable => ("unreachable from start \"first\"", node("orphan")),
        Rule::NoWayOut => ("no path from here to any end node", node("again")),
        Rule::NoEndNode => ("no end node", At::File),
        Rule::DuplicatePlaybookId => ("playbook id \"no-credentials\" is already used by playbooks/no-credentials.toml", At::File),
        Rule::DuplicateOptionId => ("option id \"yes\" is used more than once", node("first")),
        Rule::NoOptions => ("an ask node needs at least one option", node("pick")),
        Rule::BadDetection => (
            "check \"runtime\" has no outcome \"laptop\"",
            node("first"),
        ),
        Rule::UnknownPlaceholder => ("unknown placeholder {user_name} in diagnosis", node("done")),
        Rule::UnknownFinding => ("unknown finding id \"env.half_keys\"", node("done")),
        Rule::EmptyFix => ("an error end needs at least one fix", node("done")),
        Rule::UnknownFact => ("unknown fact \"error_kode\"", node("first")),
        Rule::BadPattern => (
            "example \"1234-5678-9012\" does not match the pattern",
            node("first"),
        ),
        Rule::UnknownInput => ("input name \"table\" is not one credwiz uses", node("first")),
        Rule::UnknownLens => (
            "option \"java\": unknown lens \"java\" (known: rust, python, node)",
            node("first"),
        ),
    }
}

#[test]
fn each_invalid_fixture_reports_its_rule() {
    let dir = fixtures("invalid");
    let mut covered = BTreeSet::new();
    for file in load::toml_files(&dir).expect("invalid fixtures exist") {
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let rule = *Rule::ALL
            .iter()
            .find(|r| r.as_str() == stem)
            .unwrap_or_else(|| panic!("{} is not named after a rule", file.display()));
        let (message, at) = expectation(rule);
        let problems = check_paths(std::slice::from_ref(&file));
        let hit = problems
            .iter()
            .find(|p| p.rule == rule && p.message.contains(message) && p.at == at);
        assert!(
            hit.is_some_and(|p| p.path == file),
            "{stem}: expected [{rule}] {at:?} containing {message:?}, got:\n{}",
            shown(&problems)
        );
        let others: Vec<_> = problems
            .iter()
            .filter(|p| p.rule != rule)
            .cloned()
            .collect();
        assert!(
            others.is_empty(),
            "{stem} breaks other rules too:\n{}",
            shown(&others)
        );
        covered.insert(rule);
    }
    let missing: Vec<_> = Rule::ALL
        .iter()
        .filter(|r| **r != Rule::ReadError && !covered.contains(r))
        .collect();
    assert!(missing.is_empty(), "no fixture for {missing:?}");
}

#[test]
fn broken_user_files_are_reported_with_their_path_never_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("credwiz/playbooks");
    std::fs::create_dir_all(&config).expect("mkdir");
    let broken = config.join("broken.toml");
    std::fs::write(&broken, "id = \n").expect("write");
    let home = dir.path().to_string_lossy().to_string();
    let env = move |k: &str| (k == "XDG_CONFIG_HOME").then(|| home.clone());
    let report = load_all(&[], env).expect_err("a broken file fails the load");
    assert_eq!(report.problems.len(), 1, "{report}");
    assert_eq!(report.problems[0].path, broken);
    assert_eq!(report.problems[0].rule, Rule::Syntax);
    assert!(
        report
            .to_string()
            .starts_with(&format!("{}:1:", broken.display())),
        "{report}"
    );
    // The shipped playbooks are still usable.
    assert_eq!(report.library.len(), SHIPPED.len());

    let missing = dir.path().join("nope");
    let report = load_all(std::slice::from_ref(&missing), |_| None).expect_err("missing dir");
    assert_eq!(report.problems[0].rule, Rule::ReadError);
    assert_eq!(report.problems[0].path, missing);
}

const MANY: &str = r#"
id = "many"
title = "Many problems"
summary = "One file, {nothing} but trouble."
start = "first"

[nodes.first]
kind = "check"
title = "First"
explain = "Why."
check = "env_keys"
branches = { partial = "gone", half = "done", complete = "loop" }

[nodes.loop]
kind = "ask"
title = "Loop"
question = "Again?"
explain = "Why."
options = [{ id = "a", label = "A", next = "loop" }, { id = "a", label = "A", next = "loop" }]

[nodes.done]
kind = "end"
title = "Done"
severity = "error"
diagnosis = "Done."
findings = ["no.such"]
"#;

#[test]
fn a_file_reports_every_problem_not_just_the_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("many.toml");
    std::fs::write(&file, MANY).expect("write");
    let problems = check_paths(std::slice::from_ref(&file));
    let rules: Vec<Rule> = problems.iter().map(|p| p.rule).collect();
    assert_eq!(
        rules,
        [
            Rule::UnknownPlaceholder,
            Rule::EmptyFix,
            Rule::UnknownFinding,
            Rule::DanglingTarget,
            Rule::UnknownOutcome,
            Rule::UncoveredOutcomes,
            Rule::DuplicateOptionId,
            Rule::NoWayOut,
        ],
        "\n{}",
        shown(&problems)
    );
}

#[test]
fn validate_alone_skips_set_rules() {
    let playbook = load::parse(SHIPPED[0].text, Path::new(SHIPPED[0].file)).expect("parses");
    assert!(validate(&playbook, Path::new(SHIPPED[0].file)).is_empty());
}
