//! Facts about what botocore and the Node.js SDK v3 do with what credwiz's
//! own walk ran or read (a credential_process, a web identity token file,
//! the SSO token cache), pinned against the real SDKs and aws-config, one
//! test per fact, named after it. The lenses' answers there are verdicts
//! (`src/lenses/walked.rs`); only a token refresh, a remote call credwiz
//! does not make, stays `unverified`, and then no difference is a warning.

use super::sdk_lenses::{botocore, node, oracles, Oracles, ROLE, START_URL};
use super::sdk_lenses_walked::{expired_sso_token, failing_helpers, sso_profile, MISSING_TOKEN};
use crate::support::sandbox::*;
use crate::support::world::{
    sso_cache_file, ContainerStub, SsoOidcStub, StsBehaviour, StsStub, StubCredentials,
};
use serde_json::Value;

fn helper(what: &str) -> Sandbox {
    let (_, command) = failing_helpers()
        .into_iter()
        .find(|(name, _)| *name == what)
        .expect("a failing helper of that name");
    Sandbox::new().config(&format!("[default]\ncredential_process = {command}\n"))
}

/// `credwiz check --json` (`args` added), asserting no planted secret leaks.
fn check(sandbox: &Sandbox, args: &[&str]) -> Value {
    let (out, json) = sandbox.check_json(args);
    assert_no_secrets("check", &out);
    json
}

fn raised(json: &Value, id: &str) -> Option<String> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == id)
        .map(|f| f["severity"].as_str().unwrap_or("").to_string())
}

/// The lens of `sdk` fails with `error`, like Rust, and no difference is raised.
fn fails_alike(json: &Value, sdk: &str, error: &str) {
    let lens = &json["sdks"][sdk];
    assert_eq!(lens["verdict"], "failed", "{sdk}: {json}");
    assert_eq!(lens["error"]["type"], error, "{sdk}: {json}");
    assert_eq!(lens["same_as_rust"], true, "{sdk}: {json}");
    assert_eq!(json["sdks"]["rust"]["verdict"], "failed", "{json}");
    let id = format!("sdk.{sdk}_differs");
    assert_eq!(raised(json, &id), None, "{json}");
}

/// botocore's error for the helper, Node's "nothing resolved" (it passes the
/// helper's CredentialsProviderError on), aws-config's failure, and the
/// lenses saying so, checked by credwiz running the helper (not `--offline`).
fn helper_fact(o: &Oracles, what: &str, botocore_error: &str) {
    let sandbox = helper(what);
    let py = botocore(o, &sandbox, None);
    assert_eq!(
        (py["verdict"].as_str(), py["error"].as_str()),
        (Some("failed"), Some(botocore_error)),
        "botocore: {py}"
    );
    let js = node(o, &sandbox, None);
    assert_eq!(
        (js["verdict"].as_str(), js["error"].as_str()),
        (Some("none"), Some("CredentialsProviderError")),
        "Node: {js}"
    );
    assert!(sandbox.sdk_outcome(None).is_err(), "aws-config fails too");
    let json = check(&sandbox, &["--sdk", "python"]);
    fails_alike(&json, "python", botocore_error);
    assert_eq!(json["sdks"]["node"]["verdict"], "none", "{json}");
    assert_eq!(raised(&json, "sdk.node_differs"), None, "{json}");
}

#[test]
fn botocore_fails_on_a_credential_process_that_exits_non_zero() {
    let Some(o) = oracles() else { return };
    helper_fact(&o, "exits non-zero", "CredentialRetrievalError");
}

#[test]
fn botocore_raises_json_decode_error_on_a_credential_process_printing_broken_json() {
    let Some(o) = oracles() else { return };
    helper_fact(&o, "prints broken JSON", "JSONDecodeError");
}

#[test]
fn botocore_fails_on_credential_process_output_without_version() {
    let Some(o) = oracles() else { return };
    helper_fact(&o, "omits Version", "CredentialRetrievalError");
}

/// botocore runs the command without a shell: the missing program is
/// Python's own FileNotFoundError, where `sh -c` exits 127 for the others.
#[test]
fn botocore_raises_file_not_found_for_a_credential_process_naming_a_missing_program() {
    let Some(o) = oracles() else { return };
    helper_fact(&o, "names a missing program", "FileNotFoundError");
}

#[test]
fn node_passes_a_failing_credential_process_on_to_the_container_endpoint() {
    let Some(o) = oracles() else { return };
    let served = StubCredentials::fresh();
    let key = super::sdk_facts::masked(&served.access_key_id);
    let container = ContainerStub::start("/creds", served, None);
    let sandbox =
        helper("exits non-zero").var("AWS_CONTAINER_CREDENTIALS_FULL_URI", &container.url());
    let js = node(&o, &sandbox, None);
    assert_eq!(js["verdict"], "resolved", "Node: {js}");
    assert_eq!(js["access_key_id"], key.as_str(), "Node: {js}");
    let py = botocore(&o, &sandbox, None);
    assert_eq!(
        py["error"], "CredentialRetrievalError",
        "botocore stops: {py}"
    );
    assert!(sandbox.sdk_outcome(None).is_err(), "aws-config stops too");
    let json = check(&sandbox, &["--sdk", "node"]);
    assert_eq!(json["sdks"]["node"]["provider"], "fromHttp", "{json}");
    assert_eq!(
        raised(&json, "sdk.node_differs").as_deref(),
        Some("warning"),
        "{json}"
    );
    fails_alike(&json, "python", "CredentialRetrievalError");
}

#[test]
fn every_sdk_fails_reading_a_missing_web_identity_token_file_before_sts() {
    let Some(o) = oracles() else { return };
    let sts = StsStub::start(StsBehaviour::Success);
    let by_variable = Sandbox::new()
        .var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/missing-token")
        .var("AWS_ROLE_ARN", ROLE);
    let in_profile = Sandbox::new().config(&format!(
        "[default]\nrole_arn = {ROLE}\nweb_identity_token_file = {MISSING_TOKEN}\n"
    ));
    for sandbox in [by_variable, in_profile] {
        let sandbox = sandbox
            .var("AWS_ENDPOINT_URL", &sts.url())
            .var("AWS_DEFAULT_REGION", "eu-west-1");
        let py = botocore(&o, &sandbox, None);
        assert_eq!(py["error"], "FileNotFoundError", "botocore: {py}");
        let js = node(&o, &sandbox, None);
        assert_eq!(
            (js["verdict"].as_str(), js["error"].as_str()),
            (Some("failed"), Some("Error")),
            "Node: {js}"
        );
        assert!(
            js["message"].as_str().unwrap_or("").starts_with("ENOENT"),
            "Node: {js}"
        );
        assert!(sandbox.sdk_outcome(None).is_err(), "aws-config fails too");
        let json = check(&sandbox, &["--sdk", "python"]);
        fails_alike(&json, "python", "FileNotFoundError");
        fails_alike(&json, "node", "Error");
    }
    assert!(
        sts.requests().is_empty(),
        "an SDK called STS without a token"
    );
}

#[test]
fn botocore_and_node_fail_on_an_expired_sso_token_without_a_refresh_token() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new()
        .config(&sso_profile(true))
        .file(&sso_cache_file("corp"), &expired_sso_token(None))
        .var("AWS_PROFILE", "s");
    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["error"], "TokenRetrievalError", "botocore: {py}");
    let js = node(&o, &sandbox, None);
    assert_eq!(
        (js["verdict"].as_str(), js["error"].as_str()),
        (Some("failed"), Some("CredentialsProviderError")),
        "Node: {js}"
    );
    assert!(sandbox.sdk_outcome(None).is_err(), "aws-config fails too");
    let json = check(&sandbox, &["--offline", "--sdk", "python"]);
    fails_alike(&json, "python", "TokenRetrievalError");
    fails_alike(&json, "node", "CredentialsProviderError");
}

/// A legacy `sso_start_url` profile's token is never refreshed: botocore and
/// Node fail on it at once, before any call to the portal.
#[test]
fn botocore_raises_unauthorized_sso_token_error_on_an_expired_legacy_sso_token() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new()
        .config(&sso_profile(false))
        .file(
            &sso_cache_file(START_URL),
            &expired_sso_token(Some("2099-01-01T00:00:00Z")),
        )
        .var("AWS_PROFILE", "s");
    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["error"], "UnauthorizedSSOTokenError", "botocore: {py}");
    let js = node(&o, &sandbox, None);
    assert_eq!(js["error"], "CredentialsProviderError", "Node: {js}");
    let json = check(&sandbox, &["--offline", "--sdk", "python"]);
    for (sdk, error) in [
        ("python", "UnauthorizedSSOTokenError"),
        ("node", "CredentialsProviderError"),
    ] {
        assert_eq!(json["sdks"][sdk]["verdict"], "failed", "{sdk}: {json}");
        assert_eq!(json["sdks"][sdk]["error"]["type"], error, "{sdk}: {json}");
    }
}

/// With a refresh token both SDKs ask the OIDC service for a new token (a
/// remote call credwiz does not make without `--allow-refresh`): the lenses
/// stay `unverified`, and no difference is raised.
#[test]
fn an_expired_sso_token_with_a_refresh_token_is_refreshed_remotely_and_raises_no_difference() {
    let Some(o) = oracles() else { return };
    let oidc = SsoOidcStub::start();
    let sandbox = Sandbox::new()
        .config(&sso_profile(true))
        .file(
            &sso_cache_file("corp"),
            &expired_sso_token(Some("2099-01-01T00:00:00Z")),
        )
        .var("AWS_PROFILE", "s")
        .var("AWS_ENDPOINT_URL", &oidc.url());
    // Before the SDKs, which rewrite the cache when they refresh.
    let json = check(&sandbox, &["--sdk", "python"]);
    for sdk in ["rust", "python", "node"] {
        assert_eq!(json["sdks"][sdk]["verdict"], "unverified", "{sdk}: {json}");
    }
    for id in ["sdk.python_differs", "sdk.node_differs"] {
        assert_eq!(raised(&json, id), None, "{json}");
    }
    let asked = |label: &str| {
        let refreshes = oidc
            .requests()
            .iter()
            .filter(|r| r.path.starts_with("/token"))
            .count();
        assert!(refreshes > 0, "{label} never asked the OIDC service");
        refreshes
    };
    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["verdict"], "resolved", "botocore: {py}");
    let before = asked("botocore");
    let sandbox = sandbox.file(
        &sso_cache_file("corp"),
        &expired_sso_token(Some("2099-01-01T00:00:00Z")),
    );
    let js = node(&o, &sandbox, None);
    assert_eq!(js["verdict"], "resolved", "Node: {js}");
    assert!(asked("Node") > before, "Node never asked the OIDC service");
}
