//! `credwiz check --offline` does no network I/O at all, and says so.

use crate::support::sandbox;
use crate::support::world::sso_cache_file;

use sandbox::*;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn nothing_configured_offline_exits_1_with_no_credentials() {
    let sandbox = Sandbox::new();
    let started = Instant::now();
    let (out, json) = sandbox.check_json(&["--offline"]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    assert!(json["resolved"].is_null());
    let ids = finding_ids(&json);
    assert!(ids.iter().any(|id| id == "chain.no_credentials"), "{ids:?}");
    // Speed is measured by scripts/bench; this only catches a hang.
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

/// strace shows every connect(2); offline there must be none to an IP address.
#[test]
fn offline_makes_no_network_connections() {
    if Command::new("strace").arg("-V").output().is_err() {
        assert!(std::env::var("CI").is_err(), "strace is required in CI");
        eprintln!("strace not installed; skipping outside CI");
        return;
    }
    // Static keys, an assume-role profile and a container endpoint: each would
    // reach the network if offline leaked.
    let url = refused_endpoint();
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .config("[default]\nrole_arn = arn:aws:iam::123456789012:role/app\nsource_profile = base\n")
        .var(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{url}/creds"),
        )
        .var("AWS_REGION", "eu-west-1");
    let trace = tempfile::NamedTempFile::new().expect("trace file");
    let mut command = Command::new("strace");
    command
        .args(["-f", "-e", "trace=connect", "-o"])
        .arg(trace.path())
        .arg(env!("CARGO_BIN_EXE_credwiz"))
        .args(["check", "--offline", "--json"])
        .env_clear()
        .envs(sandbox.env());
    let out = run_bounded(command, Duration::from_secs(30));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["chain"][1]["status"], "not_tried", "{json:#}");
    assert!(
        json["chain"][1]["detail"]
            .as_str()
            .unwrap_or("")
            .contains("AssumeRole"),
        "{json:#}"
    );
    let calls = std::fs::read_to_string(trace.path()).expect("trace");
    let network: Vec<&str> = calls.lines().filter(|l| l.contains("AF_INET")).collect();
    assert!(network.is_empty(), "offline run connected: {network:?}");
    assert_no_secrets("offline", &out);
}

/// A valid cached SSO login would send the SDK to the SSO portal; offline it
/// must stop short of that and say so.
#[test]
fn offline_never_calls_the_sso_portal() {
    let sandbox = Sandbox::new()
        .config("[default]\nregion = eu-west-1\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n")
        .file(
            &sso_cache_file("corp"),
            &format!("{{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"{PLANTED_TOKEN}\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}}"),
        );
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert_eq!(json["chain"][1]["status"], "not_tried", "{json:#}");
    assert!(
        json["chain"][1]["detail"]
            .as_str()
            .unwrap_or("")
            .contains("SSO portal"),
        "{json:#}"
    );
    assert!(
        finding_ids(&json)
            .iter()
            .any(|id| id == "chain.offline_unverified"),
        "{json:#}"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "nothing is wrong offline\n{json:#}"
    );
    assert_no_secrets("offline sso", &out);
}

/// `credwiz resolve` prints what the SDK's own chain returns: the provider
/// and the key id masked, never the secret or the token, on success or failure.
#[test]
fn resolve_shows_the_sdk_answer_masked() {
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", TEMP_KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
        .var("AWS_SESSION_TOKEN", PLANTED_TOKEN);
    let out = sandbox.credwiz(&["resolve", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["provider"], "EnvironmentVariable");
    assert_eq!(json["access_key_id"], "ASIA************TW5Y");
    assert_eq!(
        Some("EnvironmentVariable".to_string()),
        sandbox.sdk_provider(None)
    );
    assert_no_secrets("resolve", &out);
    let failing = Sandbox::new()
        .config("[default]\ncredential_process = sh -c 'echo leaked-PlantedSessionTokenFQoGZXIvYXdzEJr0123456789 >&2; exit 1'\n");
    let out = failing.credwiz(&["resolve"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("The SDK's default chain failed"));
    assert_no_secrets("resolve failing", &out);
}

/// What a pasted error says is read once and shown in every format; a secret
/// quoted in it shows in none.
#[test]
fn check_reads_the_facts_of_the_error_text() {
    let sandbox = Sandbox::new();
    let text = format!(
        "s3.put_object(Bucket='acme-reports', Key='2026/report.csv', Secret='{PLANTED_SECRET}')\nbotocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match"
    );
    let (out, json) = sandbox.check_json(&["--offline", "--error-text", &text]);
    assert_no_secrets("check json with an error text", &out);
    let facts = &json["error_facts"];
    assert_eq!(facts["codes"][0], "SignatureDoesNotMatch", "{facts}");
    assert_eq!(facts["operation"], "PutObject");
    assert_eq!(facts["service"], "s3");
    assert_eq!(facts["bucket"], "acme-reports");
    assert_eq!(facts["key"], "2026/report.csv");
    assert_eq!(facts["program"], "boto3");
    let out = sandbox.credwiz(&["check", "--offline", "--error-text", &text]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Your error: SignatureDoesNotMatch · PutObject on s3 · bucket acme-reports · key 2026/report.csv · Python (boto3)"),
        "{stdout}"
    );
    assert_no_secrets("check human with an error text", &out);
}

#[test]
fn an_availability_zone_as_the_region_is_named_with_its_region() {
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_REGION", "us-east-1a");
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert_eq!(out.status.code(), Some(1), "{json}");
    let finding = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "region.invalid")
        .unwrap_or_else(|| panic!("no region.invalid: {json}"));
    assert_eq!(finding["severity"], "error", "{finding}");
    let fix = finding["fix"].as_str().unwrap_or("");
    assert!(
        fix.starts_with("aws configure set region us-east-1 --profile default"),
        "{fix}"
    );
    let evidence = finding["evidence"].as_str().unwrap_or("");
    assert!(
        evidence.contains("us-east-1a from AWS_REGION"),
        "{evidence}"
    );

    let fine = sandbox.var("AWS_REGION", "us-east-1");
    let (_, json) = fine.check_json(&["--offline"]);
    assert!(
        !finding_ids(&json).iter().any(|id| id == "region.invalid"),
        "{json}"
    );
}

/// Whitespace or quotes around a key id are not key characters: the masked
/// id keeps the key's own last four, in the credentials file and in the
/// environment, human and JSON alike (`key.whitespace` says they are there).
#[test]
fn a_key_id_with_stray_whitespace_or_quotes_is_masked_to_its_own_last_four() {
    const PADDED_KEY_ID: &str = "AKIAZ7VQXJ4PLM2RWXYZ";
    for written in [
        format!("\" {PADDED_KEY_ID} \""),
        format!("\"{PADDED_KEY_ID}\""),
    ] {
        let in_file = Sandbox::new().credentials(&format!(
            "[default]\naws_access_key_id = {written}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ));
        let in_env = Sandbox::new()
            .var("AWS_ACCESS_KEY_ID", &written)
            .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET);
        for (place, sandbox) in [("file", in_file), ("env", in_env)] {
            for format in [
                &["check", "--offline"][..],
                &["check", "--offline", "--json"],
            ] {
                let out = sandbox.credwiz(format);
                let stdout = String::from_utf8_lossy(&out.stdout);
                let label = format!("{written:?} in the {place}, {format:?}");
                assert!(
                    stdout.contains("AKIA************WXYZ"),
                    "{label}:\n{stdout}"
                );
                assert_every_mask_is(&stdout, "AKIA************WXYZ", &label);
                assert!(stdout.contains("key.whitespace"), "{label}:\n{stdout}");
                assert_no_secrets(&label, &out);
            }
        }
    }
}

/// Every run of eight or more `*` in `text` is the middle of `expected`.
fn assert_every_mask_is(text: &str, expected: &str, label: &str) {
    let stars = expected.chars().filter(|c| *c == '*').count();
    let (head, tail) = (&expected[..4], &expected[4 + stars..]);
    let mut rest = text;
    while let Some(start) = rest.find("********") {
        let run = rest[start..].chars().take_while(|c| *c == '*').count();
        let before = &rest[start.saturating_sub(4)..start];
        let after: String = rest[start + run..].chars().take(4).collect();
        assert_eq!(
            (before, run, after.as_str()),
            (head, stars, tail),
            "{label}: a key id masked with stray characters:\n{text}"
        );
        rest = &rest[start + run..];
    }
}
