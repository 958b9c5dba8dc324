//! Live checks against the loopback AWS world: STS identity and classified
//! rejections, clock skew, AuthN versus AuthZ, container and IMDS probes,
//! and a hanging credential_process. Each test asserts the finding id and
//! that the human output names the cause and the fix.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;
use std::time::{Duration, Instant};
use world::*;

fn with_keys(sandbox: Sandbox, key: &StaticKey) -> Sandbox {
    let sandbox = sandbox
        .var("AWS_ACCESS_KEY_ID", &key.access_key_id)
        .var("AWS_SECRET_ACCESS_KEY", &key.secret_access_key)
        .var("AWS_REGION", "us-east-1");
    match &key.session_token {
        Some(token) => sandbox.var("AWS_SESSION_TOKEN", token),
        None => sandbox,
    }
}

/// Runs check in JSON and in human form; returns both and asserts no secret leaked.
fn check(sandbox: &Sandbox, extra: &[&str], secrets: &[&str]) -> (serde_json::Value, String) {
    let (out, json) = sandbox.check_json(extra);
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    let human_out = sandbox.credwiz(&args);
    let human = String::from_utf8_lossy(&human_out.stdout).into_owned();
    for secret in secrets {
        for text in [
            String::from_utf8_lossy(&out.stdout).into_owned(),
            human.clone(),
        ] {
            assert!(!text.contains(secret), "a secret leaked:\n{text}");
        }
    }
    (json, human)
}

#[test]
fn a_valid_key_shows_the_identity() {
    let Some(moto) = Moto::shared() else { return };
    let sandbox = with_keys(
        Sandbox::new().var("AWS_ENDPOINT_URL", moto.endpoint()),
        &moto.admin().key,
    );
    let (json, human) = check(&sandbox, &[], &moto.admin().key.secrets());
    assert_eq!(
        json["identity"]["arn"],
        moto.admin().arn.as_str(),
        "{json:#}"
    );
    assert_eq!(json["identity"]["account"], moto.account_id());
    assert!(
        human.contains(&format!("Identity: {}", moto.admin().arn)),
        "{human}"
    );
    assert!(
        human.contains("credentials resolved from environment variables"),
        "{human}"
    );
}

#[test]
fn an_unknown_key_id_is_invalid_client_token_id() {
    let Some(moto) = Moto::shared() else { return };
    let key = StaticKey::new("AKIAZZZZZZZZZZZZZZZZ", &moto.admin().key.secret_access_key);
    let sandbox = with_keys(
        Sandbox::new().var("AWS_ENDPOINT_URL", moto.endpoint()),
        &key,
    );
    let (json, human) = check(&sandbox, &[], &key.secrets());
    assert!(
        finding_ids(&json).contains(&"sts.invalid_client_token_id".into()),
        "{json:#}"
    );
    assert_eq!(json["sts_error"]["code"], "InvalidClientTokenId");
    assert!(
        human.contains("AWS does not recognise the access key id AKIA************ZZZZ"),
        "{human}"
    );
    assert!(human.contains("aws iam list-access-keys"), "{human}");
}

#[test]
fn a_wrong_secret_is_signature_mismatch() {
    let Some(moto) = Moto::shared() else { return };
    let key = StaticKey::new(
        &moto.admin().key.access_key_id,
        "wrongSecretwrongSecretwrongSecret0123456",
    );
    let sandbox = with_keys(
        Sandbox::new().var("AWS_ENDPOINT_URL", moto.endpoint()),
        &key,
    );
    let (json, human) = check(&sandbox, &[], &key.secrets());
    assert!(
        finding_ids(&json).contains(&"sts.signature_mismatch".into()),
        "{json:#}"
    );
    assert!(
        human.contains("the secret access key does not belong to"),
        "{human}"
    );
    assert!(human.contains("aws configure --profile default"), "{human}");
}

#[test]
fn an_expired_session_is_expired_token() {
    let sts = StsStub::expired_token();
    let key = StaticKey::new(TEMP_KEY_ID, PLANTED_SECRET).with_token(PLANTED_TOKEN);
    let sandbox = with_keys(Sandbox::new().var("AWS_ENDPOINT_URL", &sts.url()), &key);
    let (json, human) = check(&sandbox, &[], &key.secrets());
    assert!(
        finding_ids(&json).contains(&"sts.expired_token".into()),
        "{json:#}"
    );
    assert!(
        human.contains("session token that goes with ASIA************TW5Y has expired"),
        "{human}"
    );
    assert!(human.contains("aws sso login"), "{human}");
}

#[test]
fn a_server_clock_20_minutes_off_is_clock_skew() {
    let sts = StsStub::skewed_clock(20 * 60);
    let key = StaticKey::new(KEY_ID, PLANTED_SECRET);
    let sandbox = with_keys(Sandbox::new().var("AWS_ENDPOINT_URL", &sts.url()), &key);
    let (json, human) = check(&sandbox, &[], &key.secrets());
    assert!(
        finding_ids(&json).contains(&"sts.clock_skew".into()),
        "{json:#}"
    );
    assert!(
        human.contains("this machine's clock is 20 minutes behind AWS's"),
        "{human}"
    );
    assert!(human.contains("timedatectl set-ntp true"), "{human}");
}

#[test]
fn a_pasted_access_denied_with_working_keys_is_authz() {
    let Some(moto) = Moto::shared() else { return };
    let sandbox = with_keys(
        Sandbox::new().var("AWS_ENDPOINT_URL", moto.endpoint()),
        &moto.no_s3().key,
    );
    let error = format!(
        "An error occurred (AccessDenied) when calling the ListBuckets operation: User: {} is not authorized to perform: s3:ListAllMyBuckets with an explicit deny",
        moto.no_s3().arn
    );
    let (json, human) = check(
        &sandbox,
        &["--error-text", &error],
        &moto.no_s3().key.secrets(),
    );
    assert!(
        finding_ids(&json).contains(&"authz.access_denied".into()),
        "{json:#}"
    );
    assert!(
        human.contains("authentication works; a policy denies the call"),
        "{human}"
    );
    assert!(human.contains(&moto.no_s3().arn), "{human}");
    assert!(
        human.contains("SCP") && human.contains("permissions boundary"),
        "{human}"
    );
}

#[test]
fn keys_from_another_account_are_an_account_mismatch() {
    let Some(moto) = Moto::shared() else { return };
    let sandbox = with_keys(
        Sandbox::new().var("AWS_ENDPOINT_URL", moto.endpoint()),
        &moto.admin().key,
    );
    let (json, human) = check(
        &sandbox,
        &["--expect-account", "999999999999"],
        &moto.admin().key.secrets(),
    );
    assert!(
        finding_ids(&json).contains(&"identity.account_mismatch".into()),
        "{json:#}"
    );
    assert!(human.contains("not 999999999999"), "{human}");
}

#[test]
fn a_silent_sts_is_unreachable_within_the_timeout() {
    let silent = SilentServer::start();
    let key = StaticKey::new(KEY_ID, PLANTED_SECRET);
    let sandbox = with_keys(Sandbox::new().var("AWS_ENDPOINT_URL", &silent.url()), &key);
    let started = Instant::now();
    let (json, human) = check(&sandbox, &[], &key.secrets());
    assert!(
        finding_ids(&json).contains(&"sts.unreachable".into()),
        "{json:#}"
    );
    assert!(human.contains("could not be reached"), "{human}");
    // Two runs (JSON and human), each bounded by the 5 s STS call limit.
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_silent_imds_gives_the_no_credentials_diagnosis_quickly() {
    let silent = SilentServer::start();
    let sandbox = Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &silent.url());
    let started = Instant::now();
    let (out, json) = sandbox.check_json(&[]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        finding_ids(&json).contains(&"chain.no_credentials".into()),
        "{json:#}"
    );
    assert!(
        finding_ids(&json).contains(&"imds.unreachable".into()),
        "{json:#}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn a_hanging_credential_process_is_killed_at_its_timeout() {
    let sandbox =
        Sandbox::new().config("[default]\nregion = us-east-1\ncredential_process = sleep 60\n");
    let started = Instant::now();
    let (out, json) = sandbox.check_json(&["--process-timeout", "1"]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let finding = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "process.failed")
        .unwrap_or_else(|| panic!("no process.failed\n{json:#}"));
    assert!(
        finding["title"]
            .as_str()
            .unwrap_or("")
            .contains("did not finish within 1s and was killed"),
        "{finding}"
    );
    assert_eq!(json["chain"][1]["status"], "failed");
}

// --- the chain slots that need a server, checked against the SDK itself ----

#[test]
fn assume_role_through_loopback_sts_agrees_with_the_sdk() {
    let Some(moto) = Moto::shared() else { return };
    let admin = &moto.admin().key;
    let sandbox = Sandbox::new()
        .var("AWS_ENDPOINT_URL", moto.endpoint())
        .credentials(&format!(
            "[base]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            admin.access_key_id, admin.secret_access_key
        ))
        .config(&format!(
            "[default]\nregion = us-east-1\nrole_arn = {}\nsource_profile = base\n",
            moto.role_arn()
        ));
    let (json, _) = check(&sandbox, &[], &admin.secrets());
    assert_eq!(
        json["resolved"]["provider"], "AssumeRoleProvider",
        "{json:#}"
    );
    assert_eq!(
        sandbox.sdk_provider(None).as_deref(),
        Some("AssumeRoleProvider")
    );
    assert!(
        json["identity"]["arn"]
            .as_str()
            .unwrap_or("")
            .contains("assumed-role/credwiz-role"),
        "{json:#}"
    );
}

#[test]
fn a_container_endpoint_on_loopback_agrees_with_the_sdk() {
    let creds = StubCredentials::fresh();
    let stub = ContainerStub::start("/v2/credentials", creds.clone(), None);
    let sandbox = Sandbox::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", &stub.url());
    let (json, _) = check(&sandbox, &[], &creds.secrets());
    assert_eq!(json["resolved"]["provider"], "EcsContainer", "{json:#}");
    assert_eq!(sandbox.sdk_provider(None).as_deref(), Some("EcsContainer"));
}

#[test]
fn a_container_endpoint_without_its_token_is_auth_token_missing() {
    let creds = StubCredentials::fresh();
    let stub = ContainerStub::start(
        "/v2/credentials",
        creds.clone(),
        Some("Bearer pod-identity"),
    );
    let sandbox = Sandbox::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", &stub.url());
    let (json, human) = check(&sandbox, &[], &creds.secrets());
    assert_eq!(json["resolved"], serde_json::Value::Null);
    assert_eq!(sandbox.sdk_provider(None), None);
    assert!(
        finding_ids(&json).contains(&"container.auth_token_missing".into()),
        "{json:#}"
    );
    assert!(
        human.contains("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        "{human}"
    );
}

#[test]
fn imds_with_a_role_agrees_with_the_sdk() {
    let creds = StubCredentials::fresh();
    let imds = ImdsStub::with_role("credwiz-instance-role", creds.clone());
    let sandbox = Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url());
    let (json, _) = check(&sandbox, &[], &creds.secrets());
    assert_eq!(json["resolved"]["provider"], "IMDSv2", "{json:#}");
    assert_eq!(sandbox.sdk_provider(None).as_deref(), Some("IMDSv2"));
}

#[test]
fn imds_without_a_role_is_no_role_and_falls_through() {
    let imds = ImdsStub::no_role();
    let sandbox = Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url());
    let (json, human) = check(&sandbox, &[], &[]);
    assert_eq!(json["resolved"], serde_json::Value::Null);
    assert_eq!(sandbox.sdk_provider(None), None);
    assert!(
        finding_ids(&json).contains(&"imds.no_role".into()),
        "{json:#}"
    );
    assert!(human.contains("associate-iam-instance-profile"), "{human}");
}

#[test]
fn a_global_token_in_an_opt_in_region_is_region_not_enabled() {
    let sts = StsStub::error(
        403,
        "InvalidClientTokenId",
        "The security token included in the request is invalid",
    );
    let key = StaticKey::new(TEMP_KEY_ID, PLANTED_SECRET).with_token(PLANTED_TOKEN);
    let sandbox = with_keys(Sandbox::new().var("AWS_ENDPOINT_URL", &sts.url()), &key)
        .var("AWS_REGION", "af-south-1");
    let (json, human) = check(&sandbox, &[], &key.secrets());
    assert!(
        finding_ids(&json).contains(&"sts.region_not_enabled".into()),
        "{json:#}"
    );
    assert!(
        human.contains("the session token is not valid in af-south-1"),
        "{human}"
    );
    assert!(
        human.contains("AWS_STS_REGIONAL_ENDPOINTS=regional"),
        "{human}"
    );
}
