//! Instance metadata, told apart: each way IMDS gives no credentials against
//! a loopback stub, with its finding and a time bound. The hop limit (token
//! `PUT` unanswered, plain `GET` answered 401) is the usual "works on the
//! host, NoCredentialsError in the container" on EC2.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;
use std::time::{Duration, Instant};

/// A HOME with nothing configured whose instance metadata is `url`.
fn imds_at(url: &str) -> Sandbox {
    Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", url)
        .var("AWS_REGION", "us-east-1")
}

/// `check --json`, its findings and how long it took.
fn check(sandbox: &Sandbox) -> (serde_json::Value, Vec<String>, Duration, Option<i32>) {
    let started = Instant::now();
    let (out, json) = sandbox.check_json(&[]);
    let took = started.elapsed();
    assert_no_secrets("imds", &out);
    let ids = finding_ids(&json);
    (json, ids, took, out.status.code())
}

fn finding<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id}\n{json:#}"))
}

#[test]
fn hop_limit_is_diagnosed_in_under_one_and_a_half_seconds() {
    let stub = world::ImdsStub::hop_limit();
    let (json, ids, took, code) = check(&imds_at(&stub.url()));
    assert!(ids.iter().any(|i| i == "imds.hop_limit"), "{json:#}");
    assert!(!ids.iter().any(|i| i == "imds.unreachable"), "{ids:?}");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(code, Some(1));
    let fix = finding(&json, "imds.hop_limit")["fix"].to_string();
    assert!(
        fix.contains("--http-put-response-hop-limit 2") && fix.contains("--network host"),
        "{fix}"
    );
    let evidence = finding(&json, "imds.hop_limit")["evidence"].to_string();
    assert!(evidence.contains("401"), "{evidence}");
    let methods: Vec<String> = stub.requests().iter().map(|r| r.method.clone()).collect();
    assert!(
        methods.iter().any(|m| m == "PUT") && methods.iter().any(|m| m == "GET"),
        "{methods:?}"
    );
}

#[test]
fn nothing_listening_is_unreachable_and_quick() {
    let (json, ids, took, code) = check(&imds_at(&world::refused_url()));
    assert!(ids.iter().any(|i| i == "imds.unreachable"), "{json:#}");
    let title = finding(&json, "imds.unreachable")["title"].to_string();
    assert!(title.contains("refused"), "{title}");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(code, Some(1));
}

#[test]
fn a_silent_service_is_told_apart_from_nothing_listening() {
    let silent = world::SilentServer::start();
    let (json, ids, took, _) = check(&imds_at(&silent.url()));
    assert!(ids.iter().any(|i| i == "imds.unreachable"), "{json:#}");
    let title = finding(&json, "imds.unreachable")["title"].to_string();
    assert!(title.contains("never answers"), "{title}");
    assert!(!ids.iter().any(|i| i == "imds.hop_limit"), "{ids:?}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn a_403_on_the_token_request_is_imds_disabled_on_the_instance() {
    let stub = world::ImdsStub::disabled();
    let sandbox = imds_at(&stub.url());
    let (json, ids, took, code) = check(&sandbox);
    assert!(ids.iter().any(|i| i == "imds.disabled"), "{json:#}");
    assert!(
        finding(&json, "imds.disabled")["fix"]
            .to_string()
            .contains("--http-endpoint enabled"),
        "{json:#}"
    );
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(code, Some(1));
    assert_eq!(
        sandbox.sdk_provider(None),
        None,
        "the SDK resolves nothing either"
    );
}

#[test]
fn a_404_on_the_role_listing_is_no_role() {
    let stub = world::ImdsStub::no_role();
    let sandbox = imds_at(&stub.url());
    let (json, ids, took, code) = check(&sandbox);
    assert!(ids.iter().any(|i| i == "imds.no_role"), "{json:#}");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(code, Some(1));
    assert_eq!(sandbox.sdk_provider(None), None);
}

#[test]
fn a_listed_role_whose_credentials_are_refused() {
    let stub = world::ImdsStub::credentials_refused("app-role");
    let sandbox = imds_at(&stub.url());
    let (json, ids, took, code) = check(&sandbox);
    assert!(
        ids.iter().any(|i| i == "imds.credentials_refused"),
        "{json:#}"
    );
    assert!(
        finding(&json, "imds.credentials_refused")["title"]
            .to_string()
            .contains("app-role"),
        "{json:#}"
    );
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(code, Some(1));
}

#[test]
fn a_served_role_resolves_with_no_imds_finding() {
    let creds = world::StubCredentials::fresh();
    let stub = world::ImdsStub::with_role("app-role", creds.clone());
    let sandbox = imds_at(&stub.url());
    let (json, ids, _, _) = check(&sandbox);
    assert_eq!(json["resolved"]["provider"], "IMDSv2", "{json:#}");
    assert_eq!(sandbox.sdk_provider(None).as_deref(), Some("IMDSv2"));
    assert!(!ids.iter().any(|i| i.starts_with("imds.")), "{ids:?}");
    let text = json.to_string();
    for secret in creds.secrets() {
        assert!(!text.contains(secret), "a served secret leaked");
    }
}

#[test]
fn hop_limit_in_the_wizard_walk_ends_at_the_hop_limit_fix() {
    let stub = world::ImdsStub::hop_limit();
    let out = imds_at(&stub.url()).credwiz(&[
        "run",
        "no-credentials",
        "--sdk",
        "rust",
        "--answer",
        "where=ec2",
        "--markdown",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("one hop too far"), "{text}");
    assert!(text.contains("--http-put-response-hop-limit 2"), "{text}");
}
