//! `credwiz run` and the question "What is your program written in?": where
//! the SDKs disagree it is asked, `--sdk`, `--answer` or the pasted error
//! answers it, and the rest of the walk and the diagnosis follow that SDK.

use crate::support::sandbox::*;

/// `AWS_DEFAULT_PROFILE=dev` with keys only in [dev]: botocore uses dev,
/// aws-config and the Node.js SDK find nothing.
fn default_profile_home() -> Sandbox {
    Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_DEFAULT_PROFILE", "dev")
        .var("AWS_SESSION_TOKEN", PLANTED_TOKEN)
}

const BOTO3_TRACEBACK: &str = "Traceback (most recent call last):\n  File \"/srv/app/sync.py\", line 12, in <module>\n    s3.list_buckets()\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials";

fn run_json(sandbox: &Sandbox, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["run", "no-credentials", "--offline", "--json"];
    args.extend_from_slice(extra);
    let out = sandbox.credwiz(&args);
    assert_no_secrets(&format!("run {extra:?}"), &out);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stdout));
    })
}

/// The step the walk took at `node`, as (answer, answered_by).
fn answer_at(json: &serde_json::Value, node: &str) -> (String, String) {
    let steps = json["walk"]["steps"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let step = steps
        .iter()
        .find(|s| s["node"] == node)
        .unwrap_or_else(|| panic!("no step at {node}: {json:#}"));
    (
        step["answer"].as_str().unwrap_or_default().to_string(),
        step["answered_by"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn without_an_answer_the_walk_stops_at_the_program_question() {
    let sandbox = default_profile_home();
    let out = sandbox.credwiz(&["run", "no-credentials", "--offline"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert!(
        stdout.contains("Stopped at a question: The SDKs disagree on this machine. What is the program that printed the error written in?"),
        "{stdout}"
    );
    for option in [
        "program=python",
        "program=node",
        "program=rust",
        "program=other",
    ] {
        assert!(stdout.contains(&format!("--answer {option}")), "{stdout}");
    }
    assert!(stdout.contains("no lens for it"), "{stdout}");
    assert_no_secrets("run without an answer", &out);
}

#[test]
fn sdk_python_answers_the_question_and_the_walk_follows_botocore() {
    let sandbox = default_profile_home();
    let json = run_json(&sandbox, &["--sdk", "python"]);
    assert_eq!(
        answer_at(&json, "program"),
        ("python".into(), "--sdk".into())
    );
    assert_eq!(json["walk"]["lens"], "python");
    assert_eq!(json["check"]["sdk"], "python");
    let end = &json["walk"]["end"];
    assert_eq!(end["node"], "program_resolves", "{json:#}");
    let diagnosis = end["diagnosis"].as_str().unwrap_or_default();
    assert!(
        diagnosis.starts_with("From this shell Python (boto3/botocore, AWS CLI v1) would resolve shared-credentials-file (profile dev)"),
        "{diagnosis}"
    );
    assert!(
        diagnosis.contains("botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE"),
        "the rule is named: {diagnosis}"
    );
    let fix: Vec<&str> = end["fix"]
        .as_array()
        .map(|f| f.iter().filter_map(|l| l.as_str()).collect())
        .unwrap_or_default();
    assert!(fix[0].starts_with("export AWS_PROFILE=dev"), "{fix:?}");
    assert!(
        fix.iter()
            .any(|l| l.starts_with("credwiz check --sdk python")),
        "{fix:?}"
    );
    // The difference of the program's SDK is a warning; no other SDK differs.
    let findings = json["check"]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let python = findings.iter().find(|f| f["id"] == "sdk.python_differs");
    assert_eq!(
        python.map(|f| f["severity"].clone()),
        Some("warning".into())
    );
    assert!(!findings.iter().any(|f| f["id"] == "sdk.node_differs"));
}

#[test]
fn accept_detected_takes_python_from_a_boto3_traceback() {
    let sandbox = default_profile_home();
    let json = run_json(
        &sandbox,
        &["--accept-detected", "--error-text", BOTO3_TRACEBACK],
    );
    assert_eq!(
        answer_at(&json, "program"),
        ("python".into(), "from your error".into())
    );
    assert_eq!(json["check"]["sdk"], "python");
    assert_eq!(json["walk"]["end"]["node"], "program_resolves", "{json:#}");
}

#[test]
fn the_rust_lens_follows_the_usual_walk() {
    let sandbox = default_profile_home();
    for (flags, answer, by) in [
        (&["--sdk", "rust"][..], "rust", "--sdk"),
        (&["--answer", "program=other"][..], "other", "--answer"),
    ] {
        let json = run_json(&sandbox, flags);
        assert_eq!(answer_at(&json, "program"), (answer.into(), by.into()));
        assert_eq!(json["check"]["sdk"], "rust");
        assert_eq!(json["walk"]["lens"], "rust");
        // aws-config finds nothing: the tree goes on to say why.
        assert_eq!(json["walk"]["end"]["node"], "no_default", "{json:#}");
    }
}

#[test]
fn an_answer_sets_the_lens_and_wins_over_the_flag() {
    let sandbox = default_profile_home();
    let json = run_json(&sandbox, &["--sdk", "python", "--answer", "program=node"]);
    assert_eq!(
        answer_at(&json, "program"),
        ("node".into(), "--answer".into())
    );
    assert_eq!(json["check"]["sdk"], "node");
    // Node, like aws-config, finds nothing here: the usual walk.
    assert_eq!(json["walk"]["end"]["node"], "no_default", "{json:#}");
}

#[test]
fn the_question_is_not_asked_where_every_sdk_agrees() {
    let sandbox = Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
    ));
    let json = run_json(&sandbox, &["--answer", "same_process=yes"]);
    let steps = json["walk"]["steps"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(steps[0]["node"], "lenses");
    assert_eq!(steps[0]["outcome"], "same");
    assert!(!steps.iter().any(|s| s["node"] == "program"), "{json:#}");
    assert!(json["walk"]["lens"].is_null());
}

#[test]
fn every_family_where_the_sdk_matters_asks_and_ends_on_the_difference() {
    let sandbox = default_profile_home();
    for playbook in [
        "no-credentials",
        "auth-failure",
        "s3-invalid-credentials",
        "expired-token",
        "access-denied",
    ] {
        let args = ["run", playbook, "--offline", "--json", "--sdk", "python"];
        let out = sandbox.credwiz(&args);
        assert_no_secrets(playbook, &out);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(
            answer_at(&json, "program"),
            ("python".into(), "--sdk".into()),
            "{playbook}"
        );
        let end = &json["walk"]["end"];
        assert_eq!(end["node"], "program_resolves", "{playbook}: {json:#}");
        let text = end["diagnosis"].as_str().unwrap_or_default();
        assert!(
            text.contains("Python (boto3/botocore, AWS CLI v1)")
                && text.contains("botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE"),
            "{playbook}: {text}"
        );
        assert!(
            end["fix"][0]
                .as_str()
                .is_some_and(|f| f.starts_with("export AWS_PROFILE=dev")),
            "{playbook}: {end:#}"
        );
    }
}

#[test]
fn an_explicit_profile_makes_botocore_sign_with_other_keys() {
    // aws-config takes the environment keys first; botocore drops them for
    // an explicit profile and signs with [dev]'s.
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_ACCESS_KEY_ID", "AKIAENVENVENVENV0002")
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
        .var("AWS_SESSION_TOKEN", PLANTED_TOKEN);
    let args = [
        "run",
        "auth-failure",
        "--offline",
        "--json",
        "--profile",
        "dev",
        "--sdk",
        "python",
    ];
    let out = sandbox.credwiz(&args);
    assert_no_secrets("explicit profile", &out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let steps = json["walk"]["steps"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let lens = steps.iter().find(|s| s["node"] == "program_lens");
    assert_eq!(
        lens.map(|s| s["outcome"].clone()),
        Some("other_credentials".into()),
        "{json:#}"
    );
    let end = &json["walk"]["end"];
    assert_eq!(end["node"], "program_other_credentials");
    let text = end["diagnosis"].as_str().unwrap_or_default();
    assert!(
        text.contains(
            "an explicit profile (--profile, profile_name=) makes botocore ignore environment keys"
        ),
        "{text}"
    );
    assert!(
        text.contains("AKIA************0002"),
        "aws-config's key: {text}"
    );
}
