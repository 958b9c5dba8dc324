//! Unit tests of `session.rs`.

use super::*;
use crate::playbook::load::parse;
use std::collections::HashMap;
use std::path::Path;

const TREE: &str = r#"
id = "tree"
title = "A small tree"
summary = "For session tests."
start = "env"

[nodes.env]
kind = "check"
title = "Environment keys"
explain = "Environment keys win."
check = "env_keys"
branches = { partial = "partial", none = "where" }
default = "sts"

[nodes.where]
kind = "ask"
title = "Where"
question = "Where does the program run?"
explain = "Containers have no ~/.aws."
detect = "runtime"
options = [
  { id = "laptop", label = "On this machine", next = "sts" },
  { id = "container", label = "In a container", next = "mount", detected_when = ["container", "container_without_aws_dir"] },
]

[nodes.sts]
kind = "check"
title = "Ask STS"
explain = "STS says who you are."
check = "sts_identity"
branches = { ok = "fine" }
default = "broken"

[nodes.partial]
kind = "end"
title = "Half a key pair"
severity = "error"
diagnosis = "Only one of the two variables is set for {profile}."
fix = ["unset AWS_ACCESS_KEY_ID"]

[nodes.mount]
kind = "end"
title = "Mount ~/.aws"
severity = "error"
diagnosis = "The container cannot see ~/.aws."
fix = ["docker run -v ~/.aws:/root/.aws:ro ..."]

[nodes.broken]
kind = "end"
title = "STS refused"
severity = "error"
diagnosis = "STS said {sts_code}."
fix = ["aws sts get-caller-identity"]
handover = "auth-failure"

[nodes.fine]
kind = "end"
title = "All good"
severity = "ok"
diagnosis = "You are {arn}."
"#;

fn session() -> Session {
    let playbook = parse(TREE, Path::new("tree.toml")).expect("test tree parses");
    Session::new(&playbook).expect("start exists")
}

fn moved(from: &str, to: &str) -> Transition {
    Transition::Moved {
        from: from.into(),
        to: to.into(),
    }
}

const INPUTS: &str = r#"
id = "inputs"
title = "Typed values"
summary = "For input tests."
start = "code"

[nodes.code]
kind = "ask"
title = "Code"
question = "Which code?"
explain = "The error decides."
from_error = "code"
options = [
  { id = "other", label = "Other", next = "error" },
  { id = "sig", label = "Signature", next = "error", when_error = ["SignatureDoesNotMatch"] },
]

[nodes.error]
kind = "input"
title = "The error"
question = "Paste the error"
explain = "It is read for facts."
name = "error_text"
next = "account"

[nodes.account]
kind = "input"
title = "Account"
question = "Which account?"
explain = "Twelve digits."
name = "expected_account"
from_error = "account"
pattern = "[0-9]{12}"
skip = "done"
next = "done"

[nodes.done]
kind = "end"
title = "Done"
severity = "ok"
diagnosis = "Expected {expected_account}."
"#;

#[test]
fn the_error_picks_answers_and_fills_values_and_secrets_are_not_kept() {
    let playbook = parse(INPUTS, Path::new("inputs.toml")).expect("parses");
    let mut s = Session::new(&playbook).expect("start exists");
    s.set_error_facts(crate::inputs::error_facts::extract(
        "An error occurred (SignatureDoesNotMatch): User: arn:aws:iam::123456789012:user/dev",
    ));
    assert_eq!(s.suggested_option(), Some(("sig", Suggestion::FromError)));
    assert_eq!(s.answer("sig"), moved("code", "error"));
    let token = "FQoGZXIvYXdzEJr0123456789abcdEFGHijkl";
    assert_eq!(
        s.submit(&format!("token {token} refused")),
        moved("error", "account")
    );
    assert_eq!(s.values()["error_text"], "token <hidden> refused");
    assert!(!format!("{:?}", s.history()).contains(token));
    assert_eq!(
        s.prefill(),
        Some(("123456789012".to_string(), Suggestion::FromError))
    );
    assert!(matches!(s.submit("12345"), Transition::Rejected { .. }));
    assert_eq!(s.current(), "account");
    assert_eq!(s.submit(""), moved("account", "done"));
    assert_eq!(s.history()[2].taken, Taken::Skipped);
    assert!(s.back());
    assert_eq!(s.submit("210987654321"), moved("account", "done"));
    assert_eq!(s.values()["expected_account"], "210987654321");
}

#[test]
fn starts_at_start_and_asks_for_its_check() {
    let s = session();
    assert_eq!(s.current(), "env");
    assert_eq!(s.pending_check(), Some("env_keys"));
    assert!(s.history().is_empty());
    assert!(s.at_end().is_none());
}

#[test]
fn check_result_follows_its_branch_and_records_history() {
    let mut s = session();
    let g = s.generation();
    assert_eq!(s.on_check_result(g, "partial"), moved("env", "partial"));
    assert_eq!(
        s.at_end().map(|e| e.title.as_str()),
        Some("Half a key pair")
    );
    assert_eq!(
        s.history(),
        [Step {
            node: "env".into(),
            taken: Taken::Outcome("partial".into())
        }]
    );
    assert_eq!(s.pending_check(), None);
    assert_eq!(
        s.on_check_result(s.generation(), "ok"),
        Transition::NotExpected
    );
}

#[test]
fn default_branch_is_taken_for_other_outcomes() {
    let mut s = session();
    assert_eq!(
        s.on_check_result(s.generation(), "complete"),
        moved("env", "sts")
    );
    assert_eq!(
        s.on_check_result(s.generation(), "expired_token"),
        moved("sts", "broken")
    );
    assert_eq!(s.handover(), Some("auth-failure"));
}

#[test]
fn outcome_without_branch_or_default_moves_nothing() {
    let mut playbook = parse(TREE, Path::new("tree.toml")).expect("parses");
    if let Some(Node::Check(env)) = playbook.nodes.get_mut("env") {
        env.default = None;
    }
    let mut s = Session::new(&playbook).expect("start exists");
    let g = s.generation();
    assert_eq!(
        s.on_check_result(g, "complete"),
        Transition::NoBranch {
            outcome: "complete".into()
        }
    );
    assert_eq!(s.current(), "env");
    assert_eq!(s.generation(), g, "nothing moved, same generation");
}

#[test]
fn stale_result_after_back_is_dropped() {
    let mut s = session();
    assert_eq!(
        s.on_check_result(s.generation(), "complete"),
        moved("env", "sts")
    );
    let at_sts = s.generation();
    assert!(s.back());
    assert_eq!(s.current(), "env");
    // The STS check started at "sts" finishes after the person went back.
    assert_eq!(s.on_check_result(at_sts, "ok"), Transition::Stale);
    assert_eq!(s.current(), "env");
    assert!(s.history().is_empty());
}

#[test]
fn stale_result_after_restart_and_rerun_is_dropped() {
    let mut s = session();
    let first = s.generation();
    s.rerun();
    assert_eq!(s.on_check_result(first, "partial"), Transition::Stale);
    assert_eq!(
        s.on_check_result(s.generation(), "complete"),
        moved("env", "sts")
    );
    let at_sts = s.generation();
    s.restart();
    assert_eq!(s.current(), "env");
    assert!(s.history().is_empty());
    assert_eq!(s.on_check_result(at_sts, "ok"), Transition::Stale);
    assert_eq!(s.current(), "env");
}

#[test]
fn back_at_start_does_nothing() {
    let mut s = session();
    let g = s.generation();
    assert!(!s.back());
    assert_eq!(s.current(), "env");
    assert_eq!(s.generation(), g);
}

#[test]
fn back_walks_the_breadcrumbs_in_reverse() {
    let mut s = session();
    s.on_check_result(s.generation(), "none");
    assert_eq!(s.answer("laptop"), moved("where", "sts"));
    s.on_check_result(s.generation(), "ok");
    assert_eq!(s.current(), "fine");
    assert_eq!(s.history().len(), 3);
    assert!(s.back());
    assert_eq!(s.current(), "sts");
    assert!(s.back());
    assert_eq!(s.current(), "where");
    assert_eq!(
        s.history().last().map(|h| &h.taken),
        Some(&Taken::Outcome("none".into()))
    );
    assert!(s.back());
    assert_eq!(s.current(), "env");
}

#[test]
fn ask_is_answered_by_option_id() {
    let mut s = session();
    s.on_check_result(s.generation(), "none");
    assert_eq!(s.current(), "where");
    assert_eq!(
        s.on_check_result(s.generation(), "nonsense"),
        Transition::Detected { option: None }
    );
    assert_eq!(
        s.answer("boat"),
        Transition::UnknownOption {
            option: "boat".into()
        }
    );
    assert_eq!(s.answer("container"), moved("where", "mount"));
    assert_eq!(
        s.history().last(),
        Some(&Step {
            node: "where".into(),
            taken: Taken::Answer("container".into())
        })
    );
    assert_eq!(s.answer("laptop"), Transition::NotExpected);
}

#[test]
fn detect_check_preselects_an_option_without_moving() {
    let mut s = session();
    s.on_check_result(s.generation(), "none");
    assert_eq!(s.pending_check(), Some("runtime"));
    assert_eq!(
        s.on_check_result(s.generation(), "container_without_aws_dir"),
        Transition::Detected {
            option: Some("container".into())
        }
    );
    assert_eq!(s.current(), "where");
    assert_eq!(s.detected_option(), Some("container"));
    assert_eq!(s.pending_check(), None, "detection ran once");
    s.rerun();
    assert_eq!(s.detected_option(), None);
    assert_eq!(s.pending_check(), Some("runtime"));
}

#[test]
fn answer_at_a_check_node_is_not_expected() {
    let mut s = session();
    assert_eq!(s.answer("laptop"), Transition::NotExpected);
    assert_eq!(s.current(), "env");
}

#[test]
fn broken_target_and_missing_start_are_reported_not_panicked() {
    let mut playbook = parse(TREE, Path::new("tree.toml")).expect("parses");
    if let Some(Node::Check(env)) = playbook.nodes.get_mut("env") {
        env.branches.insert("partial".into(), "nowhere".into());
    }
    let mut s = Session::new(&playbook).expect("start exists");
    assert_eq!(
        s.on_check_result(s.generation(), "partial"),
        Transition::BrokenTarget {
            target: "nowhere".into()
        }
    );
    assert_eq!(s.current(), "env");
    playbook.start = "gone".into();
    assert!(matches!(
        Session::new(&playbook),
        Err(SessionError::MissingStart { .. })
    ));
}

#[test]
fn render_fills_known_values_and_marks_the_rest_unknown() {
    let mut values = HashMap::new();
    values.insert("profile", "dev".to_string());
    values.insert("region", String::new());
    assert_eq!(
        render_text(
            "aws sso login --profile {profile} --region {region} {account} {nope}",
            &values
        ),
        "aws sso login --profile dev --region (unknown) (unknown) (unknown)"
    );
    // In a command, what is not known is left for the person to fill in.
    assert_eq!(
        render_command("aws s3api get-bucket-location --bucket {bucket}", &values),
        "aws s3api get-bucket-location --bucket <bucket>"
    );
    values.insert("profile", "x;touch PWNED $(id)".to_string());
    assert_eq!(
        render_command("aws configure --profile {profile}", &values),
        "aws configure --profile 'x;touch PWNED $(id)'"
    );
    let mut values = BTreeMap::new();
    values.insert("arn", "arn:aws:iam::1:user/me".to_string());
    assert_eq!(
        render_text("You are {arn}. ${HOME}", &values),
        "You are arn:aws:iam::1:user/me. ${HOME}"
    );
}
