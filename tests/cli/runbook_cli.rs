//! `credwiz run` and `credwiz playbooks check` through the real binary.

use crate::support::sandbox;

use sandbox::*;

#[test]
fn run_stops_with_exit_3_at_an_unanswered_question() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&["run", "no-credentials", "--offline"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert!(stdout.contains("Stopped at a question"), "{stdout}");
    assert!(stdout.contains("--answer where=here"), "{stdout}");
}

#[test]
fn run_with_answers_reaches_the_diagnosis_and_its_fix() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&[
        "run",
        "no-credentials",
        "--offline",
        "--answer",
        "where=here",
        "--markdown",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an error diagnosis exits 1\n{stdout}"
    );
    assert!(
        stdout.contains("## Diagnosis: Nothing is configured on this machine"),
        "{stdout}"
    );
    assert!(stdout.contains("aws configure"), "{stdout}");
    assert_no_secrets("run markdown", &out);
}

#[test]
fn run_json_holds_the_walk_and_the_check() {
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_SESSION_TOKEN", PLANTED_TOKEN);
    let out = sandbox.credwiz(&[
        "run",
        "auth-failure",
        "--offline",
        "--accept-detected",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["walk"]["playbook"], "auth-failure");
    assert!(
        json["walk"]["steps"]
            .as_array()
            .is_some_and(|s| !s.is_empty()),
        "{json:#}"
    );
    assert_eq!(json["check"]["schema"], 1);
    assert_no_secrets("run json", &out);
}

#[test]
fn run_rejects_bad_answers_and_unknown_playbooks_with_exit_2() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&["run", "no-such-playbook"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("known: no-credentials"));
    let out = sandbox.credwiz(&["run", "no-credentials", "--answer", "garbage"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("node=option"));
}

#[test]
fn playbooks_check_reports_every_problem_of_a_broken_file() {
    let sandbox = Sandbox::new();
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/playbooks/invalid"
    );
    let out = sandbox.credwiz(&["playbooks", "check", dir]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("dangling-target.toml"), "{stdout}");
    assert!(stdout.contains("no such node"), "{stdout}");
    let shipped = sandbox.credwiz(&["playbooks", "check"]);
    assert_eq!(
        shipped.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&shipped.stdout)
    );
}

#[test]
fn a_broken_user_playbook_is_reported_not_skipped() {
    let sandbox = Sandbox::new().file(
        ".config/credwiz/playbooks/mine.toml",
        "id = \"mine\"\ntitle = \"t\"\nsummary = \"s\"\nstart = \"nowhere\"\n[nodes.a]\nkind = \"end\"\ntitle = \"t\"\nseverity = \"ok\"\ndiagnosis = \"d\"\n",
    );
    let out = sandbox.credwiz(&["playbooks", "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mine.toml"), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("no-credentials"),
        "the valid ones still load"
    );
}

const PASTED: &str = "boto3.exceptions.S3UploadFailedError: Failed to upload report.csv to acme-reports/2026/report.csv: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided.";

#[test]
fn run_takes_answers_from_the_pasted_error_with_accept_detected() {
    let sandbox = Sandbox::new();
    let args = [
        "run",
        "s3-invalid-credentials",
        "--offline",
        "--error-text",
        PASTED,
    ];
    let out = sandbox.credwiz(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert!(
        stdout.contains("(detected: signature_does_not_match; add --accept-detected to take it)"),
        "{stdout}"
    );
    let mut accepted = args.to_vec();
    accepted.push("--accept-detected");
    let out = sandbox.credwiz(&accepted);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("→ signature_does_not_match (from your error)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("→ \"acme-reports\" (from your error)"),
        "{stdout}"
    );
    assert!(stdout.contains("Diagnosis:"), "{stdout}");
    assert_no_secrets("run from error", &out);
}

#[test]
fn run_answers_a_free_text_question_by_name_and_refuses_a_bad_value() {
    let sandbox = Sandbox::new();
    let base = [
        "run",
        "s3-invalid-credentials",
        "--offline",
        "--answer",
        "code=signature_does_not_match",
        "--answer",
    ];
    let mut good = base.to_vec();
    good.push("bucket=team-data");
    let out = sandbox.credwiz(&good);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("→ \"team-data\" (--answer)"), "{stdout}");
    let mut bad = base.to_vec();
    bad.push("bucket=Not_A_Bucket");
    let out = sandbox.credwiz(&bad);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("does not look like a bucket"), "{stdout}");
}
