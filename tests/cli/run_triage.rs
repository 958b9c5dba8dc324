//! `credwiz run --error-text TEXT` without PLAYBOOK: triage picks the walk
//! from the real messages of each SDK and tool (boto3, the AWS CLI in its
//! old and 2026 formats, Node.js, Go and Terraform, Java, .NET, Rust), a
//! text no playbook knows still gets a walk chosen from the diagnosis, and
//! the triage is reported in the human and JSON output.

use crate::support::sandbox::*;

#[path = "run_triage/texts.rs"]
mod texts;

use texts::Case;

fn run_json(sandbox: &Sandbox, text: &str) -> (std::process::Output, serde_json::Value) {
    let out = sandbox.credwiz(&[
        "run",
        "--accept-detected",
        "--offline",
        "--json",
        "--error-text",
        text,
    ]);
    assert_no_secrets(text, &out);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, json)
}

/// Runs every text of a family; collects every miss before failing.
fn assert_cases(cases: &[Case]) {
    let sandbox = Sandbox::new();
    let mut misses = Vec::new();
    for case in cases {
        let (out, json) = run_json(&sandbox, case.text);
        let triage = &json["triage"];
        let program = json["check"]["error_facts"]["program"].as_str();
        let basis = triage["basis"].as_str().unwrap_or_default();
        let walked = &json["walk"]["playbook"];
        let ended = json["walk"]["end"].is_object();
        if triage["playbook"] != case.playbook
            || walked != case.playbook
            || program != case.program
            || !matches!(basis, "error_text" | "generic_words")
            || triage["words"].as_array().is_none_or(Vec::is_empty)
            || !ended
            || !matches!(out.status.code(), Some(0 | 1))
        {
            misses.push(format!(
                "[{}] expected {} by {:?}, got triage {triage} (program {program:?}, walked {walked}, ended {ended}, exit {:?}) for:\n{}",
                case.family, case.playbook, case.program, out.status.code(), case.text
            ));
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n\n"));
}

#[test]
fn boto3_and_botocore_texts_pick_their_playbook() {
    assert_cases(texts::BOTO3);
}

#[test]
fn aws_cli_texts_old_and_2026_format_pick_their_playbook() {
    assert_cases(texts::AWS_CLI);
}

#[test]
fn node_sdk_texts_pick_their_playbook() {
    assert_cases(texts::NODE);
}

#[test]
fn go_and_terraform_texts_pick_their_playbook() {
    assert_cases(texts::GO);
}

#[test]
fn java_dotnet_and_rust_texts_pick_their_playbook() {
    assert_cases(texts::JAVA);
    assert_cases(texts::DOTNET);
    assert_cases(texts::RUST);
}

#[test]
fn the_corpus_has_at_least_thirty_texts_across_every_family() {
    let count: usize = texts::ALL.iter().map(|family| family.len()).sum();
    assert!(count >= 30, "{count} texts");
    assert!(texts::ALL.iter().all(|family| !family.is_empty()));
    // Every SSO or console login that ended goes to the expired-token walk.
    let sso_expired = texts::ALL
        .iter()
        .flat_map(|family| family.iter())
        .filter(|c| c.text.contains("SSO") && c.text.to_lowercase().contains("expired"));
    for case in sso_expired {
        assert_eq!(case.playbook, "expired-token", "{}", case.text);
    }
}

#[test]
fn a_wrapper_alone_picks_by_its_generic_words() {
    let sandbox = Sandbox::new();
    let text = "CredentialsProviderError: Profile staging could not be found or parsed in shared credentials file.";
    let (_, json) = run_json(&sandbox, text);
    assert_eq!(json["triage"]["basis"], "generic_words", "{json:#}");
    assert_eq!(json["triage"]["playbook"], "no-credentials");
    // The same wrapper around an expired SSO login: the telling words win.
    let text = "CredentialsProviderError: Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.";
    let (_, json) = run_json(&sandbox, text);
    assert_eq!(json["triage"]["basis"], "error_text", "{json:#}");
    assert_eq!(json["triage"]["playbook"], "expired-token");
}

#[test]
fn a_text_no_playbook_knows_walks_what_the_diagnosis_found() {
    // An empty HOME: nothing resolves, and the first error finding says so.
    let sandbox = Sandbox::new();
    let text = "ThrottlingException: Rate exceeded\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)";
    let (out, json) = run_json(&sandbox, text);
    let triage = &json["triage"];
    assert_eq!(triage["basis"], "diagnosis", "{json:#}");
    assert_eq!(triage["finding"], "chain.no_credentials", "{json:#}");
    assert_eq!(triage["playbook"], "no-credentials");
    assert_eq!(json["walk"]["playbook"], "no-credentials");
    assert!(json["walk"]["end"].is_object(), "{json:#}");
    assert_eq!(out.status.code(), Some(1));
    let reason = triage["reason"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with("No playbook matched the text of your error")
            && reason.contains("\"No credentials found\"")
            && !reason.contains("chain.no_credentials"),
        "{reason}"
    );
    // The human output says it too, above the walk.
    let out = sandbox.credwiz(&[
        "run",
        "--accept-detected",
        "--offline",
        "--error-text",
        text,
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Triage: No playbook matched the text of your error"),
        "{stdout}"
    );
    assert!(
        stdout.contains("No credentials found (no-credentials)"),
        "{stdout}"
    );
}

#[test]
fn with_no_error_found_the_fallback_is_the_walk_that_looks_everywhere() {
    let sandbox = Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
    ));
    let (_, json) = run_json(&sandbox, "ThrottlingException: Rate exceeded");
    let triage = &json["triage"];
    assert_eq!(triage["basis"], "default", "{json:#}");
    assert_eq!(triage["playbook"], "no-credentials");
    assert!(triage.get("finding").is_none(), "{triage}");
    assert!(json["walk"]["steps"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
}

#[test]
fn the_human_output_names_the_playbook_and_the_words_that_decided() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&[
        "run",
        "--accept-detected",
        "--offline",
        "--error-text",
        texts::BOTO3[0].text,
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Triage: Picked \"The credentials have expired\": the error mentions \"UnauthorizedSSOTokenError\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("The credentials have expired (expired-token)"),
        "{stdout}"
    );
}

#[test]
fn planted_secrets_in_the_paste_are_never_echoed() {
    let sandbox = Sandbox::new();
    let text = format!(
        "Traceback (most recent call last):\n  File \"job.py\", line 9, in <module>\n    boto3.client(\"s3\", aws_access_key_id=\"{KEY_ID}\", aws_secret_access_key=\"{PLANTED_SECRET}\", aws_session_token=\"{PLANTED_TOKEN}\").list_buckets()\nbotocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.\n"
    );
    // run_json asserts that neither stream carries the secret or the token.
    let (_, json) = run_json(&sandbox, &text);
    assert_eq!(json["triage"]["playbook"], "expired-token", "{json:#}");
    let out = sandbox.credwiz(&[
        "run",
        "--accept-detected",
        "--offline",
        "--error-text",
        &text,
    ]);
    assert_no_secrets("human run", &out);
}

#[test]
fn a_named_playbook_is_walked_without_triage() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&[
        "run",
        "no-credentials",
        "--accept-detected",
        "--offline",
        "--json",
        "--error-text",
        texts::BOTO3[0].text,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(json["walk"]["playbook"], "no-credentials", "{json:#}");
    assert!(json["triage"].is_null(), "{json:#}");
}

#[test]
fn run_without_playbook_or_error_text_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&["run", "--accept-detected", "--offline"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("PLAYBOOK") && stderr.contains("--error-text"),
        "{stderr}"
    );
}
