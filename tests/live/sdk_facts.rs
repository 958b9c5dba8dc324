//! Surprising facts about botocore and the Node.js SDK v3 that the lenses
//! model, each pinned against the real SDK (and aws-config) with loopback
//! stubs, one test per fact, named after it.

use super::sdk_lenses::{
    botocore, botocore_command, keys, node, node_command, oracles, OTHER_KEY, ROLE,
};
use crate::support::sandbox::*;
use crate::support::world::{
    ContainerStub, ImdsStub, SilentServer, StsBehaviour, StsStub, StubCredentials,
};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The masking credwiz and both oracles use.
pub(crate) fn masked(key: &str) -> String {
    format!(
        "{}{}{}",
        &key[..4],
        "*".repeat(key.len() - 8),
        &key[key.len() - 4..]
    )
}

/// How long `command` took, or None when it was still running after
/// `limit` (then it is killed).
fn finishes_within(mut command: std::process::Command, limit: Duration) -> Option<Duration> {
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let mut finished = None;
    while started.elapsed() < limit {
        if child.try_wait().expect("wait").is_some() {
            finished = Some(started.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    finished
}

fn lens<'a>(json: &'a Value, sdk: &str) -> &'a Value {
    &json["sdks"][sdk]
}

fn raised(json: &Value, id: &str) -> bool {
    finding_ids(json).iter().any(|f| f == id)
}

fn evidence_of<'a>(json: &'a Value, id: &str) -> &'a str {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == id)
        .and_then(|f| f["evidence"].as_str())
        .unwrap_or("")
}

#[test]
fn node_ec2_credential_source_ignores_metadata_disabled() {
    let Some(o) = oracles() else { return };
    let imds = ImdsStub::with_role("web", StubCredentials::fresh());
    let sts = StsStub::start(StsBehaviour::Success);
    let sandbox = Sandbox::new()
        .config(&format!(
            "[profile r]\nrole_arn = {ROLE}\ncredential_source = Ec2InstanceMetadata\nregion = eu-west-1\n"
        ))
        .var("AWS_ENDPOINT_URL", &sts.url())
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url());
    assert_eq!(
        sandbox
            .env()
            .iter()
            .find(|(k, _)| k == "AWS_EC2_METADATA_DISABLED")
            .map(|(_, v)| v.as_str()),
        Some("true")
    );

    let py = botocore(&o, &sandbox, Some("r"));
    assert_eq!(py["error"], "CredentialRetrievalError", "botocore: {py}");
    assert!(
        imds.requests().is_empty(),
        "botocore asked instance metadata"
    );
    assert!(
        sandbox.sdk_outcome(Some("r")).is_err(),
        "aws-config refuses too"
    );
    assert!(
        imds.requests().is_empty(),
        "aws-config asked instance metadata"
    );

    let js = node(&o, &sandbox, Some("r"));
    assert_eq!(js["verdict"], "resolved", "Node: {js}");
    let assumed = &sts.assumed_credentials().access_key_id;
    assert_eq!(js["access_key_id"], masked(assumed).as_str());
    assert!(
        !imds.requests().is_empty(),
        "Node reached instance metadata"
    );

    let (out, json) = sandbox.check_json(&["--profile", "r"]);
    assert_no_secrets("check", &out);
    assert!(raised(&json, "sdk.node_differs"), "{json}");
    assert!(!raised(&json, "sdk.python_differs"), "{json}");
    assert!(
        evidence_of(&json, "sdk.node_differs").contains("AWS_EC2_METADATA_DISABLED"),
        "the finding names the rule: {json}"
    );
}

#[test]
fn botocore_later_default_section_wins_over_profile_default() {
    let Some(o) = oracles() else { return };
    let profile_default = keys("profile default", KEY_ID);
    let plain_default = keys("default", OTHER_KEY);
    for (config, botocore_key) in [
        (profile_default.clone() + &plain_default, OTHER_KEY),
        (plain_default.clone() + &profile_default, KEY_ID),
    ] {
        let sandbox = Sandbox::new().config(&config);
        let py = botocore(&o, &sandbox, None);
        assert_eq!(
            py["access_key_id"],
            masked(botocore_key).as_str(),
            "botocore: {py}\n{config}"
        );
        let js = node(&o, &sandbox, None);
        assert_eq!(
            js["access_key_id"],
            masked(KEY_ID).as_str(),
            "Node: {js}\n{config}"
        );
        let (out, json) = sandbox.check_json(&["--offline"]);
        assert_no_secrets("check", &out);
        assert_eq!(
            lens(&json, "rust")["access_key_id"],
            masked(KEY_ID).as_str(),
            "aws-config keeps [profile default]"
        );
        assert_eq!(
            lens(&json, "python")["access_key_id"],
            masked(botocore_key).as_str()
        );
        let differs = botocore_key != KEY_ID;
        assert_eq!(raised(&json, "sdk.python_differs"), differs, "{json}");
        assert!(!raised(&json, "sdk.node_differs"), "{json}");
        if differs {
            assert!(evidence_of(&json, "sdk.python_differs").contains("[profile default]"));
        }
    }
}

/// A loopback IMDS serving credentials beside the container endpoint shows
/// whether an SDK moves on to instance metadata after the container fails.
fn with_container_and_imds(container_uri: &str, imds: &ImdsStub) -> Sandbox {
    Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url())
        .var("AWS_CONTAINER_CREDENTIALS_FULL_URI", container_uri)
}

#[test]
fn a_refused_container_endpoint_ends_every_chain_without_imds() {
    let Some(o) = oracles() else { return };
    let imds = ImdsStub::with_role("web", StubCredentials::fresh());
    let sandbox = with_container_and_imds(&format!("{}/creds", refused_endpoint()), &imds);
    let py = botocore(&o, &sandbox, None);
    assert_eq!(
        py["error"], "CredentialRetrievalError",
        "botocore raises: {py}"
    );
    assert!(
        imds.requests().is_empty(),
        "botocore asked instance metadata"
    );
    let js = node(&o, &sandbox, None);
    assert!(imds.requests().is_empty(), "Node asked instance metadata");
    assert_eq!(
        (js["verdict"].as_str(), js["error"].as_str()),
        (Some("none"), Some("CredentialsProviderError")),
        "Node: {js}"
    );
    assert!(
        sandbox.sdk_outcome(None).is_err(),
        "aws-config stops at the container slot"
    );
    // aws-config asks instance metadata for a region only, never for credentials.
    assert!(
        !imds
            .requests()
            .iter()
            .any(|r| r.path.contains("security-credentials")),
        "no SDK moved on to instance metadata for credentials"
    );

    let (out, json) = sandbox.check_json(&[]);
    assert_no_secrets("check", &out);
    assert_eq!(lens(&json, "python")["verdict"], "failed", "{json}");
    assert_eq!(
        lens(&json, "python")["error"]["type"],
        "CredentialRetrievalError"
    );
    assert_eq!(lens(&json, "node")["verdict"], "none", "{json}");
    assert_eq!(
        lens(&json, "node")["error"]["type"],
        "CredentialsProviderError"
    );
    assert!(
        !raised(&json, "sdk.python_differs") && !raised(&json, "sdk.node_differs"),
        "{json}"
    );
}

#[test]
fn a_container_endpoint_answering_404_ends_every_chain_without_imds() {
    let Some(o) = oracles() else { return };
    let imds = ImdsStub::with_role("web", StubCredentials::fresh());
    let container = ContainerStub::start("/creds", StubCredentials::fresh(), None);
    let sandbox = with_container_and_imds(&format!("{}/elsewhere", container.base_url()), &imds);
    let py = botocore(&o, &sandbox, None);
    assert_eq!(
        py["error"], "CredentialRetrievalError",
        "botocore raises: {py}"
    );
    let js = node(&o, &sandbox, None);
    assert_eq!(js["verdict"], "none", "Node: {js}");
    assert!(
        imds.requests().is_empty(),
        "no SDK moved on to instance metadata"
    );
    let (_, json) = sandbox.check_json(&[]);
    assert_eq!(
        lens(&json, "python")["error"]["type"],
        "CredentialRetrievalError",
        "{json}"
    );
    assert_eq!(lens(&json, "node")["verdict"], "none", "{json}");
}

#[test]
fn node_keeps_waiting_on_a_silent_container_endpoint() {
    let Some(o) = oracles() else { return };
    let silent = SilentServer::start();
    let sandbox = Sandbox::new().var(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        &format!("{}/creds", silent.url()),
    );
    let finished = finishes_within(node_command(&o, &sandbox, None), Duration::from_secs(12));
    assert!(finished.is_none(), "Node gave up after {finished:?}");
    assert!(silent.connections() > 0, "Node connected to the endpoint");

    let started = Instant::now();
    let py = botocore(&o, &sandbox, None);
    assert_eq!(
        py["error"], "CredentialRetrievalError",
        "botocore gives up: {py}"
    );
    assert!(started.elapsed() < Duration::from_secs(25));
    let (_, json) = sandbox.check_json(&[]);
    assert_eq!(
        lens(&json, "python")["error"]["type"],
        "CredentialRetrievalError",
        "{json}"
    );
    assert_eq!(lens(&json, "node")["verdict"], "unverified", "{json}");
}

#[test]
fn node_ecs_container_source_without_container_variables_falls_through_to_imds() {
    let Some(o) = oracles() else { return };
    let served = StubCredentials::fresh();
    let instance_key = masked(&served.access_key_id);
    let imds = ImdsStub::with_role("web", served);
    let sts = StsStub::start(StsBehaviour::Success);
    let sandbox = Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url())
        .var("AWS_ENDPOINT_URL", &sts.url())
        .config(&format!(
            "[profile r]\nrole_arn = {ROLE}\ncredential_source = EcsContainer\nregion = eu-west-1\n"
        ));
    let py = botocore(&o, &sandbox, Some("r"));
    assert_eq!(py["error"], "CredentialRetrievalError", "botocore: {py}");
    assert!(
        sandbox.sdk_outcome(Some("r")).is_err(),
        "aws-config stops too"
    );
    let js = node(&o, &sandbox, Some("r"));
    assert_eq!(js["verdict"], "resolved", "Node: {js}");
    assert_eq!(
        js["access_key_id"],
        instance_key.as_str(),
        "the instance's own role, not assumed"
    );
    assert!(sts.requests().is_empty(), "Node never called AssumeRole");

    let (out, json) = sandbox.check_json(&["--profile", "r"]);
    assert_no_secrets("check", &out);
    assert!(raised(&json, "sdk.node_differs"), "{json}");
    assert!(
        evidence_of(&json, "sdk.node_differs").contains("EcsContainer"),
        "the finding names the rule: {json}"
    );
}

#[test]
fn botocore_prefers_aws_security_token() {
    let Some(o) = oracles() else { return };
    let other_token = "OtherSessionTokenFQoGZXIvYXdzEJr9876543210";
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
        .var("AWS_SESSION_TOKEN", other_token)
        .var("AWS_SECURITY_TOKEN", PLANTED_TOKEN);
    let py = botocore(&o, &sandbox, None);
    assert_eq!(
        py["token_from"],
        serde_json::json!(["AWS_SECURITY_TOKEN"]),
        "botocore: {py}"
    );
    let js = node(&o, &sandbox, None);
    assert_eq!(
        js["token_from"],
        serde_json::json!(["AWS_SESSION_TOKEN"]),
        "Node: {js}"
    );

    // The file's aws_security_token: botocore signs with it, Node with none.
    let sandbox = Sandbox::new().credentials(&format!(
        "{}aws_security_token = {PLANTED_TOKEN}\n",
        keys("default", KEY_ID)
    ));
    let py = botocore(&o, &sandbox, None);
    assert_eq!(
        py["token_from"],
        serde_json::json!(["other"]),
        "botocore: {py}"
    );
    let js = node(&o, &sandbox, None);
    assert_eq!(js["token_from"], serde_json::json!([]), "Node: {js}");
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert_no_secrets("check", &out);
    assert_eq!(
        lens(&json, "python")["access_key_id"],
        masked(KEY_ID).as_str()
    );
}

#[test]
fn a_refused_assume_role_is_client_error_in_botocore_and_the_sts_code_in_node() {
    let Some(o) = oracles() else { return };
    let sts = StsStub::error(
        403,
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/u is not authorized to perform: sts:AssumeRole",
    );
    let sandbox = Sandbox::new()
        .credentials(&keys("default", KEY_ID))
        .config(&format!(
            "[profile r]\nrole_arn = {ROLE}\nsource_profile = default\nregion = eu-west-1\n"
        ))
        .var("AWS_ENDPOINT_URL", &sts.url());
    let py = botocore(&o, &sandbox, Some("r"));
    assert_eq!(
        (py["verdict"].as_str(), py["error"].as_str()),
        (Some("failed"), Some("ClientError")),
        "botocore: {py}"
    );
    let js = node(&o, &sandbox, Some("r"));
    assert_eq!(
        (js["verdict"].as_str(), js["error"].as_str()),
        (Some("failed"), Some("AccessDenied")),
        "Node: {js}"
    );
    assert!(
        sandbox.sdk_outcome(Some("r")).is_err(),
        "aws-config fails too"
    );
    let (out, json) = sandbox.check_json(&["--profile", "r"]);
    assert_no_secrets("check", &out);
    assert_eq!(
        lens(&json, "python")["error"]["type"],
        "ClientError",
        "{json}"
    );
    assert_eq!(
        lens(&json, "node")["error"]["type"],
        "AccessDenied",
        "{json}"
    );
    assert!(
        !raised(&json, "sdk.python_differs") && !raised(&json, "sdk.node_differs"),
        "{json}"
    );
}

#[test]
fn every_sdk_waits_forever_on_a_fifo_web_identity_token_file() {
    let Some(o) = oracles() else { return };
    let sts = StsStub::start(StsBehaviour::Success);
    let sandbox = Sandbox::new()
        .var("AWS_ENDPOINT_URL", &sts.url())
        .var("AWS_ROLE_ARN", ROLE)
        .var("AWS_REGION", "eu-west-1");
    let fifo = sandbox.home_path().join("token.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success(), "mkfifo failed");
    let sandbox = sandbox.var("AWS_WEB_IDENTITY_TOKEN_FILE", &fifo.display().to_string());
    let python = botocore_command(&o, &sandbox, None);
    let limit = Duration::from_secs(4);
    let py = finishes_within(python, limit);
    assert!(
        py.is_none(),
        "botocore finished after {py:?} on a FIFO token file"
    );
    let js = finishes_within(node_command(&o, &sandbox, None), limit);
    assert!(
        js.is_none(),
        "Node finished after {js:?} on a FIFO token file"
    );
    assert!(
        sts.requests().is_empty(),
        "an SDK reached STS without a token"
    );

    let started = Instant::now();
    let (_, json) = sandbox.check_json(&["--offline"]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "credwiz waited"
    );
    assert_eq!(lens(&json, "rust")["verdict"], "failed", "{json}");
    for sdk in ["python", "node"] {
        assert_eq!(lens(&json, sdk)["verdict"], "failed", "{sdk}: {json}");
        assert_eq!(
            lens(&json, sdk)["error"]["type"],
            "WouldBlock",
            "{sdk}: {json}"
        );
        assert_eq!(lens(&json, sdk)["same_as_rust"], true, "{sdk}: {json}");
    }
    assert!(!raised(&json, "sdk.python_differs"), "{json}");
    assert!(!raised(&json, "sdk.node_differs"), "{json}");
}

#[test]
fn botocore_skips_a_fifo_config_file_and_node_waits_on_it() {
    let Some(o) = oracles() else { return };
    let key = OTHER_KEY;
    let sandbox = Sandbox::new().credentials(&keys("default", key));
    let fifo = sandbox.home_path().join("config.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success(), "mkfifo failed");
    let sandbox = sandbox.var("AWS_CONFIG_FILE", &fifo.display().to_string());

    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["verdict"], "resolved", "botocore: {py}");
    assert_eq!(py["method"], "shared-credentials-file", "botocore: {py}");
    let js = finishes_within(node_command(&o, &sandbox, None), Duration::from_secs(4));
    assert!(
        js.is_none(),
        "Node finished after {js:?} on a FIFO config file"
    );

    let (_, json) = sandbox.check_json(&["--offline"]);
    assert_eq!(lens(&json, "rust")["verdict"], "failed", "{json}");
    let python = lens(&json, "python");
    assert_eq!(python["verdict"], "resolved", "{json}");
    assert_eq!(python["provider"], "shared-credentials-file", "{json}");
    assert_eq!(python["access_key_id"], masked(key).as_str(), "{json}");
    assert!(raised(&json, "sdk.python_differs"), "{json}");
    assert_eq!(lens(&json, "node")["verdict"], "failed", "{json}");
    assert_eq!(lens(&json, "node")["error"]["type"], "WouldBlock", "{json}");
    assert!(!raised(&json, "sdk.node_differs"), "{json}");
}
