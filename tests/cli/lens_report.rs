//! The report leads with the lens of the user's program: `--sdk`, or what the
//! pasted error reveals; the others are listed where they differ. No secret
//! in any of it.

use crate::support::sandbox::*;

const DEV_KEY: &str = "AKIADEVDEVDEVDEV0001";

/// `AWS_DEFAULT_PROFILE=dev` with only a dev profile: boto3 works, Rust and
/// Node find nothing.
fn default_profile_home() -> Sandbox {
    Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = {DEV_KEY}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_DEFAULT_PROFILE", "dev")
        .var("AWS_SESSION_TOKEN", PLANTED_TOKEN)
}

fn human(sandbox: &Sandbox, extra: &[&str]) -> String {
    let mut args = vec!["check", "--offline"];
    args.extend_from_slice(extra);
    let out = sandbox.credwiz(&args);
    assert_no_secrets("human report", &out);
    String::from_utf8_lossy(&out.stdout).replace(&sandbox.home_path().display().to_string(), "~")
}

#[test]
fn human_report_leads_with_the_python_lens() {
    let sandbox = default_profile_home();
    let text = human(&sandbox, &["--sdk", "python"]);
    let head: Vec<&str> = text.lines().take(4).collect();
    insta::assert_snapshot!("human_python_lead", head.join("\n"));
    assert!(text.contains("sdk.python_differs"), "{text}");
    assert!(text.contains("export AWS_PROFILE=dev"), "{text}");
}

#[test]
fn human_report_leads_with_rust_and_lists_the_differing_sdks() {
    let sandbox = default_profile_home();
    let text = human(&sandbox, &[]);
    let head: Vec<&str> = text.lines().take(3).collect();
    insta::assert_snapshot!("human_rust_lead", head.join("\n"));
}

#[test]
fn the_pasted_error_picks_the_lens() {
    let sandbox = default_profile_home();
    let cases = [
        ("botocore.exceptions.NoCredentialsError: Unable to locate credentials", "python"),
        ("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: x", "python"),
        ("CredentialsProviderError: Could not load credentials from any providers", "node"),
        ("Error: dispatch failure", "rust"),
        ("something unrelated", "rust"),
    ];
    for (text, lens) in cases {
        let (out, json) = sandbox.check_json(&["--offline", "--error-text", text]);
        assert_no_secrets(text, &out);
        assert_eq!(json["sdk"], lens, "{text}");
    }
    let (_, json) = sandbox.check_json(&["--offline", "--sdk", "node", "--error-text", "botocore"]);
    assert_eq!(json["sdk"], "node", "--sdk wins over the pasted text");
}

#[test]
fn an_unknown_sdk_name_is_refused_with_a_clear_message() {
    let out = Sandbox::new().credwiz(&["check", "--offline", "--sdk", "java"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("expected rust, python or node"), "{stderr}");
}
