//! Keys no SDK can send: a control character or a non-ASCII letter in the
//! key id, secret or token. aws-sigv4 panics while signing them (release
//! builds abort), so credwiz must explain them without ever handing them to a
//! signer: `check`, `check --json` and `run` finish 0/1 with the finding that
//! says where the character is, and STS is reported as not called.

use crate::support::sandbox;

use sandbox::*;
use std::process::Output;

/// The three shapes from the field: a trailing newline (pasted from a file),
/// a control character that is not NUL, and a non-ASCII letter.
const BAD_IDS: [(&str, &str, &str); 3] = [
    (
        "trailing newline",
        "AKIAZ7VQXJ4PLM2RTW5Y\n",
        "key.whitespace",
    ),
    (
        "control character",
        "AKIAZ7VQ\u{1}XJ4PLM2RTW5Y",
        "key.whitespace",
    ),
    (
        "non-ASCII letter",
        "AKIAZ7VQXJ4PLMÄRTW5Y",
        "key.malformed_id",
    ),
];

fn env_sandbox(id: &str) -> Sandbox {
    Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", id)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
        .var("AWS_REGION", "us-east-1")
}

fn assert_no_crash(label: &str, out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{label}: exit {:?}\nstderr: {stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("panicked"), "{label}: {stderr}");
    assert_no_secrets(label, out);
}

fn finding<'a>(json: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == id)
}

#[test]
fn check_json_names_the_character_by_position_and_never_calls_sts() {
    for (label, id, expected) in BAD_IDS {
        let (out, json) = env_sandbox(id).check_json(&[]);
        assert_no_crash(label, &out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{label}: an error finding exits 1"
        );
        let found =
            finding(&json, expected).unwrap_or_else(|| panic!("{label}: no {expected}\n{json:#}"));
        let text = format!("{} {}", found["title"], found["evidence"]);
        assert!(
            text.contains("at character 15")
                || text.contains("at character 9")
                || text.contains("at character 21"),
            "{label}: position\n{text}"
        );
        let behaviour = if expected == "key.whitespace" {
            "panics while signing"
        } else {
            "no AWS key holds"
        };
        assert!(text.contains(behaviour), "{label}: {text}");
        assert_eq!(json["sts_error"]["code"], "NotCalled", "{label}\n{json:#}");
        assert!(
            json["sts_error"]["message"]
                .as_str()
                .unwrap_or_default()
                .starts_with("not called: the key cannot be sent"),
            "{label}\n{json:#}"
        );
        let raw = String::from_utf8_lossy(&out.stdout);
        assert!(
            !raw.contains('\u{1}'),
            "{label}: a raw control character in the JSON"
        );
    }
}

#[test]
fn human_check_and_run_finish_without_a_panic() {
    for (label, id, expected) in BAD_IDS {
        let sandbox = env_sandbox(id);
        let human = sandbox.credwiz(&["check", "-v"]);
        assert_no_crash(label, &human);
        let stdout = String::from_utf8_lossy(&human.stdout);
        assert!(stdout.contains(expected), "{label}: {stdout}");
        assert!(
            stdout.contains("STS not called: the key cannot be sent"),
            "{label}: {stdout}"
        );
        assert!(!stdout.contains('\u{1}'), "{label}: raw control character");
        let run = sandbox.credwiz(&["run", "auth-failure", "--markdown"]);
        let run_out = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            matches!(run.status.code(), Some(0) | Some(1) | Some(3)),
            "{label}: run exit {:?}\n{run_out}\n{stderr}",
            run.status.code()
        );
        assert!(!stderr.contains("panicked"), "{label}: {stderr}");
        assert_no_secrets(label, &run);
    }
}

#[test]
fn a_session_token_with_a_control_character_is_not_sent() {
    // The SDK trims AWS_SESSION_TOKEN, so only a character inside it survives.
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", TEMP_KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
        .var(
            "AWS_SESSION_TOKEN",
            &format!("{PLANTED_TOKEN}\u{7}{PLANTED_TOKEN}"),
        )
        .var("AWS_REGION", "us-east-1");
    let (out, json) = sandbox.check_json(&[]);
    assert_no_crash("token", &out);
    assert_eq!(out.status.code(), Some(1));
    let found = finding(&json, "key.whitespace").unwrap_or_else(|| panic!("{json:#}"));
    assert!(
        found["title"]
            .as_str()
            .unwrap_or_default()
            .contains("session token"),
        "{json:#}"
    );
    assert_eq!(json["sts_error"]["code"], "NotCalled");
}

#[test]
fn a_helper_printing_an_unsendable_key_is_explained_too() {
    // credential_process output is JSON, so a newline arrives escaped and the
    // SDK hands it on unchanged: the same guard must hold for every source.
    let sandbox = Sandbox::new()
        .file(
            "helper.sh",
            &format!(
                "#!/bin/sh\ncat <<'JSON'\n{{\"Version\": 1, \"AccessKeyId\": \"AKIAZ7VQXJ4PLM2RTW5Y\\n\", \"SecretAccessKey\": \"{PLANTED_SECRET}\"}}\nJSON\n"
            ),
        );
    let home = sandbox.home_path().display().to_string();
    let sandbox = sandbox.config(&format!(
        "[default]\nregion = us-east-1\ncredential_process = sh {home}/helper.sh\n"
    ));
    let (out, json) = sandbox.check_json(&[]);
    assert_no_crash("process", &out);
    assert_eq!(out.status.code(), Some(1), "{json:#}");
    assert_eq!(
        json["resolved"]["provider"], "CredentialProcess",
        "{json:#}"
    );
    let found = finding(&json, "key.whitespace").unwrap_or_else(|| panic!("{json:#}"));
    assert!(
        found["evidence"]
            .as_str()
            .unwrap_or_default()
            .contains("STS not called: the key cannot be sent"),
        "{json:#}"
    );
}

#[test]
fn s3_probe_refuses_to_sign_an_unsendable_key() {
    let sandbox = env_sandbox("AKIAZ7VQXJ4PLM2RTW5Y\n");
    let out = sandbox.credwiz(&["s3", "probe", "--bucket", "b", "--json"]);
    assert_no_crash("s3 probe", &out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("NotCalled"), "{stdout}");
}

use crate::support::world;

/// The SDK fact behind the guard: aws-sdk-sts, given a key id with a line
/// break, panics inside the signer instead of returning an error. Pinned here
/// so that the guard can be dropped if a future SDK returns an error instead.
#[tokio::test]
async fn rust_sdk_panics_signing_a_key_id_with_a_line_break() {
    let key = world::StaticKey::new("AKIAZ7VQXJ4PLM2RTW5Y\n", PLANTED_SECRET);
    let client = world::sts_client(&world::refused_url(), &key);
    let outcome = tokio::spawn(async move { client.get_caller_identity().send().await }).await;
    assert!(
        outcome.as_ref().is_err_and(|e| e.is_panic()),
        "aws-sdk-sts no longer panics on such a key: {:?}",
        outcome.map(|r| r.is_ok())
    );
}

/// A non-ASCII letter does not crash the Rust SDK: it signs and sends the
/// request, and AWS can only answer InvalidClientTokenId. credwiz still does
/// not send it (no AWS key holds such a letter).
#[tokio::test]
async fn rust_sdk_sends_a_key_id_with_a_non_ascii_letter() {
    let key = world::StaticKey::new("AKIAZ7VQXJ4PLMÄRTW5Y", PLANTED_SECRET);
    let client = world::sts_client(&world::refused_url(), &key);
    let outcome = tokio::spawn(async move { client.get_caller_identity().send().await }).await;
    assert!(
        matches!(outcome, Ok(Err(_))),
        "expected a dispatch error from the refused endpoint, got {:?}",
        outcome.map(|r| r.is_ok())
    );
}

#[test]
fn a_file_key_with_a_control_character_is_explained() {
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = AKIAZ7VQ\u{1}XJ4PLM2RTW5Y\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_REGION", "us-east-1");
    let (out, json) = sandbox.check_json(&[]);
    assert_no_crash("file key", &out);
    assert_eq!(out.status.code(), Some(1), "{json:#}");
    assert!(finding(&json, "key.whitespace").is_some(), "{json:#}");
    assert_eq!(json["sts_error"]["code"], "NotCalled", "{json:#}");
}

/// A role profile whose source profile holds such a key: the SDK would sign
/// the AssumeRole call with it inside the chain, so the profile slot must not
/// run at all.
#[test]
fn a_role_whose_source_key_cannot_be_sent_is_not_assumed() {
    for (label, id) in [
        ("control", "AKIAZ7VQ\u{1}XJ4PLM2RTW5Y"),
        ("non-ASCII", "AKIAZ7VQXJ4PLMÄRTW5Y"),
    ] {
        let sandbox = Sandbox::new()
            .credentials(&format!(
                "[base]\naws_access_key_id = {id}\naws_secret_access_key = {PLANTED_SECRET}\n"
            ))
            .config("[default]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = base\n");
        let (out, json) = sandbox.check_json(&[]);
        assert_no_crash(label, &out);
        assert_eq!(out.status.code(), Some(1), "{label}\n{json:#}");
        assert_eq!(json["chain"][1]["status"], "failed", "{label}\n{json:#}");
        let resolve = sandbox.credwiz(&["resolve"]);
        assert_no_crash(&format!("{label} resolve"), &resolve);
        assert_eq!(resolve.status.code(), Some(1), "{label}");
        assert!(
            json["chain"][1]["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("cannot be sent"),
            "{label}\n{json:#}"
        );
    }
}

/// A helper printing such a key under a role: the AssumeRole call it would
/// sign inside the chain is never made.
#[test]
fn a_role_sourced_from_a_helper_with_an_unsendable_key_is_not_assumed() {
    let sandbox = Sandbox::new().file(
        "helper.sh",
        &format!(
            "#!/bin/sh\ncat <<'JSON'\n{{\"Version\": 1, \"AccessKeyId\": \"AKIAZ7VQXJ4PLM2RTW5Y\\n\", \"SecretAccessKey\": \"{PLANTED_SECRET}\"}}\nJSON\n"
        ),
    );
    let home = sandbox.home_path().display().to_string();
    let sandbox = sandbox.config(&format!(
        "[default]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = helper\n[profile helper]\ncredential_process = sh {home}/helper.sh\n"
    ));
    let (out, json) = sandbox.check_json(&[]);
    assert_no_crash("helper under a role", &out);
    assert_eq!(out.status.code(), Some(1), "{json:#}");
    assert!(
        json["chain"][1]["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("cannot be sent"),
        "{json:#}"
    );
}
