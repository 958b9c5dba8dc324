//! Everyday situations where the walk once named another cause than
//! `credwiz check`: each is walked as `credwiz run --accept-detected` walks it
//! (triage from the pasted text, no PLAYBOOK), and its end must name the
//! finding `check` reports, with a fix that holds for the user's program.

use crate::support::sandbox::{assert_no_secrets, Sandbox, KEY_ID, PLANTED_SLASH_SECRET};
use crate::support::world::sso_cache_file;
use serde_json::Value;

/// `credwiz run --accept-detected --json --error-text TEXT` (+ `extra`).
fn walk(sandbox: &Sandbox, text: &str, extra: &[&str]) -> Value {
    let mut args = vec!["run", "--accept-detected", "--json", "--error-text", text];
    args.extend(extra);
    let out = sandbox.credwiz(&args);
    assert_no_secrets(text, &out);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn end(json: &Value) -> &Value {
    let end = &json["walk"]["end"];
    assert!(end.is_object(), "the walk ends: {json:#}");
    end
}

fn findings(end: &Value) -> Vec<&str> {
    end["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn fix(end: &Value) -> String {
    end["fix"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join("\n")
}

fn keys(section: &str) -> String {
    format!("[{section}]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n")
}

#[test]
fn an_expired_sso_login_ends_at_aws_sso_login_with_how_long_ago() {
    let sandbox = Sandbox::new()
        .config("[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n")
        .file(
            &sso_cache_file("corp"),
            r#"{"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1", "accessToken": "tok", "expiresAt": "2020-01-01T00:00:00Z"}"#,
        );
    for text in [
        "botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
        "Error when retrieving token from sso: Token has expired and refresh failed",
    ] {
        let json = walk(&sandbox, text, &["--offline"]);
        let end = end(&json);
        assert!(findings(end).contains(&"sso.token_expired"), "{text}: {end:#}");
        assert!(
            fix(end).starts_with("aws sso login --sso-session corp"),
            "{text}: {end:#}"
        );
        let report = json["check"]["findings"].to_string();
        assert!(report.contains("days ago)"), "{report}");
    }
}

#[test]
fn a_secret_with_a_trailing_space_is_named_before_s3_is_asked() {
    let secret = format!("{PLANTED_SLASH_SECRET} ");
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", &secret);
    let text = "An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.";
    let json = walk(&sandbox, text, &["--offline"]);
    let end = end(&json);
    assert!(findings(end).contains(&"key.whitespace"), "{end:#}");
    assert_eq!(end["severity"], "error");
    assert!(fix(end).contains("without quotes or spaces"), "{end:#}");
    // The bucket only a live probe needs is not asked for, so S3 is never
    // asked anything before the local cause is named.
    let steps = json["walk"]["steps"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let step = |node: &str| steps.iter().find(|s| s["node"] == node).cloned();
    let bucket = step("bucket").expect("the bucket step");
    assert!(
        bucket["answered_by"]
            .as_str()
            .is_some_and(|by| by.starts_with("skipped")),
        "{bucket:#}"
    );
    if let Some(probe) = step("s3_live") {
        assert_eq!(probe["outcome"], "not_run", "{probe:#}");
    }
}

#[test]
fn a_presigned_url_sent_with_an_authorization_header_is_mixed_auth() {
    let sandbox = Sandbox::new().credentials(&keys("default"));
    let text = "curl -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIAZ7VQXJ4PLM2RTW5Y/20261205/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc' 'https://acme-reports.s3.amazonaws.com/q3/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAZ7VQXJ4PLM2RTW5Y%2F20261205%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261205T080000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=def'\n<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>";
    let json = walk(&sandbox, text, &["--offline"]);
    let end = end(&json);
    assert_eq!(findings(end), ["s3.mixed_auth"], "{end:#}");
    assert!(fix(end).contains("strip Authorization"), "{end:#}");
}

#[test]
fn aws_default_profile_for_a_rust_program_names_the_variable() {
    let sandbox = Sandbox::new()
        .credentials(&keys("dev"))
        .var("AWS_DEFAULT_PROFILE", "dev");
    let text = "Error: no providers in chain provided credentials";
    let json = walk(&sandbox, text, &["--offline", "--sdk", "rust"]);
    let end = end(&json);
    assert!(findings(end).contains(&"chain.no_credentials"), "{end:#}");
    let fix = fix(end);
    assert!(fix.starts_with("export AWS_PROFILE=dev"), "{fix}");
    assert!(fix.contains("AWS_DEFAULT_PROFILE=dev"), "{fix}");
}

#[test]
fn placeholder_keys_over_a_good_profile_are_unset_first() {
    let sandbox = Sandbox::new()
        .credentials(&keys("default"))
        .var("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .var(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        );
    let text = "An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.";
    let json = walk(&sandbox, text, &["--offline"]);
    let end = end(&json);
    assert!(findings(end).contains(&"env.placeholder_key"), "{end:#}");
    let fix = fix(end);
    assert!(
        fix.starts_with("unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN"),
        "{fix}"
    );
    assert!(
        !fix.contains("--profile"),
        "a --profile check bypasses the variables: {fix}"
    );
}

#[test]
fn a_failing_credential_process_is_named_for_every_sdk() {
    let sandbox = Sandbox::new().config("[default]\ncredential_process = sh -c 'exit 3'\n");
    let text = "botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from custom-process: ";
    // Not offline: credwiz runs the helper (nothing else is contacted but loopback).
    let json = walk(&sandbox, text, &[]);
    let end = end(&json);
    assert!(findings(end).contains(&"process.failed"), "{end:#}");
    let report = json["check"]["findings"].to_string();
    assert!(
        !report.contains("sdk.python_differs") && !report.contains("sdk.node_differs"),
        "every SDK fails alike: {report}"
    );
}

#[test]
fn expired_session_keys_in_the_environment_name_no_missing_profile() {
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", "ASIAZ7VQXJ4PLM2RTW5Y")
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SLASH_SECRET)
        .var(
            "AWS_SESSION_TOKEN",
            "FQoGZXIvYXdzEJr0123456789abcdefplanted",
        )
        .var("AWS_CREDENTIAL_EXPIRATION", "2020-01-01T00:00:00Z");
    let text = "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired";
    let json = walk(&sandbox, text, &["--offline"]);
    let fix = fix(end(&json));
    assert!(!fix.contains("--profile default"), "{fix}");
    assert!(!fix.contains("AWS_PROFILE=default"), "{fix}");
    assert!(!fix.starts_with("unset AWS_CREDENTIAL_EXPIRATION"), "{fix}");
}

#[test]
fn a_fresh_laptop_ends_at_nothing_configured() {
    let json = walk(
        &Sandbox::new(),
        "botocore.exceptions.NoCredentialsError: Unable to locate credentials",
        &["--offline"],
    );
    let end = end(&json);
    assert_eq!(end["node"], "never_configured", "{end:#}");
    assert!(findings(end).contains(&"chain.no_credentials"));
    assert!(fix(end).contains("aws configure sso"), "{end:#}");
}

#[test]
fn offline_the_endpoint_step_still_sees_aws_endpoint_url() {
    // The sandbox points AWS_ENDPOINT_URL at a refused loopback port.
    let sandbox = Sandbox::new().credentials(&keys("default"));
    let out = sandbox.credwiz(&[
        "run",
        "s3-invalid-credentials",
        "--offline",
        "--json",
        "--answer",
        "code=invalid_access_key_id",
    ]);
    assert_no_secrets("endpoint offline", &out);
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let steps = json["walk"]["steps"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let endpoint = steps
        .iter()
        .find(|s| s["node"] == "endpoint")
        .unwrap_or_else(|| panic!("no endpoint step: {json:#}"));
    assert_eq!(endpoint["outcome"], "custom", "{endpoint:#}");
    let summary = endpoint["summary"].as_str().unwrap_or_default();
    assert!(summary.contains("http://127.0.0.1:"), "{summary}");
}
