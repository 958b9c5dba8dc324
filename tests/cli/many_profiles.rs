//! A config with tens of thousands of profiles is read, linted and planned in
//! time that grows with the files, not with their square. The time bound
//! lives in scripts/bench; this test only proves such a config finishes.

use crate::support::sandbox;

use sandbox::*;
use std::fmt::Write;
use std::time::Duration;

/// One profile per account and role, as IAM Identity Center tooling writes
/// them, plus static keys and role chains, each key pair with its own secret.
fn generated_files(profiles: usize) -> (String, String) {
    let mut config = String::from("[default]\nregion = eu-west-1\n");
    let mut credentials = String::new();
    for i in 0..profiles {
        let written = match i % 4 {
            0 => {
                let _ = write!(
                    credentials,
                    "[p{i}]\naws_access_key_id = AKIAZ7VQXJ4P{i:08}\naws_secret_access_key = {}{i:08}\n",
                    &PLANTED_SECRET[..32]
                );
                write!(config, "[profile p{i}]\nregion = eu-west-1\n")
            }
            1 => write!(
                config,
                "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = p{}\nregion = eu-west-1\n",
                i - 1
            ),
            _ => write!(
                config,
                "[profile p{i}]\nsso_session = corp\nsso_account_id = {}\nsso_role_name = Admin\nregion = eu-west-1\n",
                100_000_000_000u64 + i as u64
            ),
        };
        assert!(written.is_ok());
    }
    config.push_str("[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
    (config, credentials)
}

#[test]
fn check_offline_finishes_on_twenty_thousand_profiles() {
    let (config, credentials) = generated_files(20_000);
    let sandbox = Sandbox::new()
        .config(&config)
        .credentials(&credentials)
        .var("AWS_PROFILE", "p19997");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_credwiz"));
    command
        .args(["check", "--offline", "--json"])
        .env_clear()
        .envs(sandbox.env());
    // A generous bound that only catches a hang; speed is measured by scripts/bench.
    let out = run_bounded(command, Duration::from_secs(120));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(json["profile"]["name"], "p19997");
    // p19997 assumes a role from p19996's keys: offline stops before AssumeRole.
    assert_eq!(json["chain"][1]["status"], "not_tried", "{json:#}");
    let detail = json["chain"][1]["detail"].as_str().unwrap_or("");
    assert!(detail.contains("role/r19997"), "{detail}");
    assert_eq!(
        finding_ids(&json),
        vec!["chain.offline_unverified"],
        "{json:#}"
    );
    assert_eq!(out.status.code(), Some(0));
    assert_no_secrets("twenty thousand profiles", &out);
}
