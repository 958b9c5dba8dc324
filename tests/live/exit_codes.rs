//! The README's exit-code table for `credwiz check`, one test per row, and
//! the offline verdict that depends on the platform evidence.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;

/// A sandbox whose instance metadata is not disabled but points at a loopback
/// server that counts connections: offline, it must see none.
fn imds_enabled(sandbox: Sandbox, imds: &world::SilentServer) -> Sandbox {
    sandbox
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url())
}

/// A fake platform root under HOME holding one file.
fn fake_sysroot(sandbox: Sandbox, path: &str, text: &str) -> Sandbox {
    sandbox
        .file(&format!("sysroot/{path}"), text)
        .var("CREDWIZ_SYSROOT", "{home}/sysroot")
}

fn static_keys() -> String {
    format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n")
}

// Row `0`: credentials resolved and no error finding.
#[test]
fn exit_0_credentials_resolved_and_no_error_finding() {
    let sandbox = Sandbox::new()
        .credentials(&static_keys())
        .var("AWS_REGION", "eu-west-1");
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert_eq!(out.status.code(), Some(0), "{json:#}");
    assert_eq!(json["resolved"]["provider"], "ProfileFile");
}

// Row `0`, offline: the winning slot needs the network and the platform
// evidence says this is EC2, so the outcome stays "unverified".
#[test]
fn exit_0_offline_on_an_ec2_instance_stays_unverified() {
    let imds = world::SilentServer::start();
    let sandbox = fake_sysroot(
        imds_enabled(Sandbox::new(), &imds),
        "sys/class/dmi/id/sys_vendor",
        "Amazon EC2\n",
    )
    .var("AWS_REGION", "eu-west-1");
    let (out, json) = sandbox.check_json(&["--offline"]);
    let ids = finding_ids(&json);
    assert!(
        ids.iter().any(|i| i == "chain.offline_unverified"),
        "{json:#}"
    );
    assert!(!ids.iter().any(|i| i == "chain.no_credentials"), "{json:#}");
    assert_eq!(out.status.code(), Some(0), "{json:#}");
    assert_eq!(json["platform"]["ec2"], true, "{json:#}");
    assert_eq!(imds.connections(), 0, "offline must not reach IMDS");
}

// Row `0`, offline: a container credentials endpoint is configured.
#[test]
fn exit_0_offline_with_a_container_credentials_endpoint() {
    let endpoint = world::SilentServer::start();
    let sandbox = Sandbox::new()
        .var(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/creds", endpoint.url()),
        )
        .var("AWS_REGION", "eu-west-1");
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert!(
        finding_ids(&json)
            .iter()
            .any(|i| i == "chain.offline_unverified"),
        "{json:#}"
    );
    assert_eq!(out.status.code(), Some(0), "{json:#}");
    assert_eq!(
        endpoint.connections(),
        0,
        "offline must not reach the endpoint"
    );
}

// Row `1`: at least one error finding, even though credentials resolved.
#[test]
fn exit_1_credentials_resolved_with_an_error_finding() {
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = \"{PLANTED_SECRET}\"\n"
        ))
        .var("AWS_REGION", "eu-west-1");
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert!(json["resolved"].is_object(), "{json:#}");
    assert!(finding_ids(&json).iter().any(|i| i == "key.whitespace"));
    assert_eq!(out.status.code(), Some(1), "{json:#}");
}

// Row `1`: nothing resolved. Offline on an empty HOME, with instance
// metadata enabled but nothing showing EC2, that is `chain.no_credentials`,
// not "0 errors" and exit 0.
#[test]
fn exit_1_offline_with_nothing_configured_off_ec2() {
    let imds = world::SilentServer::start();
    let sandbox = imds_enabled(Sandbox::new(), &imds);
    let (out, json) = sandbox.check_json(&["--offline"]);
    let ids = finding_ids(&json);
    assert!(ids.iter().any(|i| i == "chain.no_credentials"), "{json:#}");
    assert!(
        !ids.iter().any(|i| i == "chain.offline_unverified"),
        "{json:#}"
    );
    assert_eq!(out.status.code(), Some(1), "{json:#}");
    assert!(json["platform"]["ec2"].is_null(), "{json:#}");
    assert_eq!(imds.connections(), 0, "offline must not reach IMDS");
    let human = sandbox.credwiz(&["check", "--offline"]);
    assert_eq!(human.status.code(), Some(1));
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("no credentials resolved"), "{text}");
}

// Row `1` off EC2 by evidence: a DMI vendor that is not Amazon.
#[test]
fn exit_1_offline_on_a_laptop_with_dmi_evidence() {
    let imds = world::SilentServer::start();
    let sandbox = fake_sysroot(
        imds_enabled(Sandbox::new(), &imds),
        "sys/class/dmi/id/sys_vendor",
        "LENOVO\n",
    );
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert_eq!(json["platform"]["ec2"], false, "{json:#}");
    assert_eq!(out.status.code(), Some(1), "{json:#}");
}

// Row `2`: usage error.
#[test]
fn exit_2_usage_error() {
    let out = Sandbox::new().credwiz(&["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The platform object in JSON, from a fake root: container, WSL, Lambda.
#[test]
fn platform_evidence_reaches_the_json() {
    let sandbox = fake_sysroot(
        Sandbox::new(),
        "proc/version",
        "Linux version 5.15.153.1-microsoft-standard-WSL2",
    )
    .var("AWS_LAMBDA_FUNCTION_NAME", "orders")
    .var("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    let (_, json) = sandbox.check_json(&["--offline"]);
    let platform = &json["platform"];
    assert_eq!(platform["wsl"], true, "{json:#}");
    assert_eq!(platform["lambda"], true, "{json:#}");
    assert_eq!(platform["kubernetes"], true, "{json:#}");
    assert_eq!(platform["container"], false, "CREDWIZ_CONTAINER=0 wins");
    let evidence = platform["evidence"].to_string();
    assert!(evidence.contains("/proc/version"), "{evidence}");
}
