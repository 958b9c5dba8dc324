//! Console login (`aws login`): a profile with `login_session` and its cache,
//! compared with aws-config's own `DefaultCredentialsChain` built with the
//! `credentials-login` feature. credwiz never refreshes a login (that rewrites
//! the cache under ~/.aws): a loopback sign-in stub refuses refreshes and must
//! only ever be called by the SDK, never by credwiz. The refresh token, id
//! token and DPoP key are planted and must never appear in any output.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;

const SESSION_ARN: &str = "arn:aws:iam::123456789012:user/Admin";
const PLANTED_REFRESH: &str = "PlantedRefreshTokenAQoDYXdzEJr0123456789";
const PLANTED_ID_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.PlantedIdTokenPayload.PlantedIdTokenSig";
/// A throwaway P-256 key, as `aws login` stores it; its body is planted too.
const DPOP_BODY: &str = "MHcCAQEEIPaBoL1HIJcQ8PDKAoEAzLy/DdtcxgjPlO45GRZQARL/oAoGCCqGSM49";
const DPOP_PEM: &str = world::TEST_DPOP_PEM;

fn cache_name(arn: &str) -> String {
    world::login_cache_file(arn)
}

fn rfc3339_in(offset_secs: i64) -> String {
    world::rfc3339(world_offset(offset_secs))
}

fn world_offset(offset_secs: i64) -> std::time::SystemTime {
    let now = std::time::SystemTime::now();
    if offset_secs >= 0 {
        now + std::time::Duration::from_secs(offset_secs as u64)
    } else {
        now - std::time::Duration::from_secs(offset_secs.unsigned_abs())
    }
}

/// A cache document as `aws login` writes it, expiring `offset_secs` from now.
fn cache_json(account: &str, offset_secs: i64) -> String {
    serde_json::json!({
        "accessToken": {
            "accessKeyId": TEMP_KEY_ID,
            "secretAccessKey": PLANTED_SECRET,
            "sessionToken": PLANTED_TOKEN,
            "accountId": account,
            "expiresAt": rfc3339_in(offset_secs),
        },
        "tokenType": "aws_sigv4",
        "refreshToken": PLANTED_REFRESH,
        "idToken": PLANTED_ID_TOKEN,
        "clientId": "arn:aws:signin:::devtools/same-device",
        "dpopKey": DPOP_PEM,
    })
    .to_string()
}

fn login_profile(extra: &str) -> Sandbox {
    Sandbox::new().config(&format!(
        "[profile dev]\nregion = us-east-1\nlogin_session = {SESSION_ARN}\n{extra}"
    ))
}

fn with_cache(sandbox: Sandbox, text: &str) -> Sandbox {
    sandbox.file(&cache_name(SESSION_ARN), text)
}

/// No planted secret, login secret included, in any output of `out`.
fn assert_no_login_secrets(label: &str, out: &std::process::Output) {
    assert_no_secrets(label, out);
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        for secret in [PLANTED_REFRESH, PLANTED_ID_TOKEN, DPOP_BODY] {
            assert!(
                !text.contains(secret),
                "{label}: a login secret leaked:\n{text}"
            );
        }
    }
}

/// Runs credwiz in JSON, human and Markdown; checks truth, findings and secrets.
fn verify(
    name: &str,
    sandbox: &Sandbox,
    sdk: Option<&str>,
    expected: &[&str],
) -> serde_json::Value {
    let (out, json) = sandbox.check_json(&["--profile", "dev"]);
    let credwiz = json["resolved"]["provider"].as_str().map(str::to_string);
    let truth = sandbox.sdk_provider(Some("dev"));
    assert_eq!(
        credwiz, truth,
        "{name}: credwiz vs DefaultCredentialsChain\n{json:#}"
    );
    assert_eq!(
        truth.as_deref(),
        sdk,
        "{name}: the SDK fact this scenario pins"
    );
    let ids = finding_ids(&json);
    for id in expected {
        assert!(
            ids.iter().any(|found| found == id),
            "{name}: expected {id}, got {ids:?}\n{json:#}"
        );
    }
    assert_no_login_secrets(name, &out);
    assert_no_login_secrets(name, &sandbox.credwiz(&["check", "-v", "--profile", "dev"]));
    assert_no_login_secrets(
        name,
        &sandbox.credwiz(&["check", "--markdown", "--profile", "dev"]),
    );
    json
}

#[test]
fn a_valid_cached_login_resolves_as_login() {
    let sandbox = with_cache(login_profile(""), &cache_json("123456789012", 3600));
    let json = verify("valid", &sandbox, Some("Login"), &["login.sdk_support"]);
    assert!(
        !finding_ids(&json)
            .iter()
            .any(|i| i.starts_with("login.") && i != "login.sdk_support"),
        "{json:#}"
    );
    let fix = json["findings"].to_string();
    assert!(
        fix.contains("botocore[crt]") && fix.contains("credentials-login"),
        "{fix}"
    );
}

#[test]
fn offline_a_valid_login_resolves_without_the_sign_in_service() {
    let signin = world::SigninStub::refusing("TOKEN_EXPIRED");
    let sandbox = with_cache(login_profile(""), &cache_json("123456789012", 3600))
        .var("AWS_ENDPOINT_URL_SIGNIN", &signin.url());
    let (out, json) = sandbox.check_json(&["--profile", "dev", "--offline"]);
    assert_eq!(json["resolved"]["provider"], "Login", "{json:#}");
    assert_eq!(out.status.code(), Some(0), "{json:#}");
    assert!(
        signin.requests().is_empty(),
        "offline called the sign-in service"
    );
}

#[test]
fn a_missing_cache_is_login_cache_missing() {
    let json = verify(
        "missing",
        &login_profile(""),
        None,
        &["login.cache_missing"],
    );
    let fix = json["findings"].to_string();
    assert!(fix.contains("aws login --profile dev"), "{fix}");
}

#[test]
fn a_cache_for_another_arn_is_missing_for_this_one() {
    let sandbox = login_profile("").file(
        &cache_name("arn:aws:iam::123456789012:user/Someone"),
        &cache_json("123456789012", 3600),
    );
    let json = verify("other arn", &sandbox, None, &["login.cache_missing"]);
    let text = json["findings"].to_string();
    assert!(text.contains("another ARN"), "{text}");
}

#[test]
fn a_cache_for_another_account_is_a_session_mismatch() {
    let sandbox = with_cache(login_profile(""), &cache_json("999999999999", 3600));
    verify(
        "account mismatch",
        &sandbox,
        Some("Login"),
        &["login.session_mismatch"],
    );
}

#[test]
fn a_damaged_cache_is_login_cache_malformed() {
    for (label, text) in [
        ("not json", "{ this is not json".to_string()),
        (
            "no dpop key",
            cache_json("123456789012", 3600).replace("\"dpopKey\"", "\"somethingElse\""),
        ),
    ] {
        let sandbox = with_cache(login_profile(""), &text);
        verify(label, &sandbox, None, &["login.cache_malformed"]);
    }
}

#[test]
fn an_expired_login_is_reported_and_never_refreshed_by_credwiz() {
    let signin = world::SigninStub::refusing("TOKEN_EXPIRED");
    let sandbox = with_cache(login_profile(""), &cache_json("123456789012", -600))
        .var("AWS_ENDPOINT_URL_SIGNIN", &signin.url());
    let cache = sandbox.home_path().join(cache_name(SESSION_ARN));
    let before = std::fs::read(&cache).expect("cache");
    let (out, json) = sandbox.check_json(&["--profile", "dev"]);
    let (offline, _) = sandbox.check_json(&["--profile", "dev", "--offline"]);
    assert_eq!(offline.status.code(), Some(1));
    let resolve = sandbox.credwiz(&["resolve", "--profile", "dev"]);
    assert_eq!(
        resolve.status.code(),
        Some(1),
        "resolve must not refresh either"
    );
    assert!(
        signin.requests().is_empty(),
        "credwiz called the sign-in service"
    );
    assert!(json["resolved"].is_null(), "{json:#}");
    assert!(
        finding_ids(&json).iter().any(|i| i == "login.expired"),
        "{json:#}"
    );
    assert_eq!(out.status.code(), Some(1));
    assert_no_login_secrets("expired", &out);
    // The SDK itself tries the refresh, and the stub refuses it.
    let sdk = sandbox.sdk_outcome(Some("dev"));
    assert!(
        !signin.requests().is_empty(),
        "the SDK did not try to refresh"
    );
    let sdk_error = sdk.expect_err("the refresh is refused");
    assert!(sdk_error.contains("refresh"), "{sdk_error}");
    assert_eq!(
        std::fs::read(&cache).expect("cache"),
        before,
        "the cache changed"
    );
    // What the user's program printed, handed to credwiz, names the cause.
    let (_, json) = sandbox.check_json(&["--profile", "dev", "--error-text", &sdk_error]);
    let refresh = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "login.refresh_failed")
        .unwrap_or_else(|| panic!("no login.refresh_failed for {sdk_error}\n{json:#}"));
    assert!(
        refresh["evidence"].to_string().contains("session"),
        "{refresh}"
    );
    assert!(
        refresh["fix"]
            .to_string()
            .contains("aws login --profile dev"),
        "{refresh}"
    );
    assert!(
        signin.requests().len() == 1,
        "only the SDK's own attempt reached the stub"
    );
}

#[test]
fn refusals_are_told_apart_by_the_sdk_message() {
    for (code, words) in [
        ("USER_CREDENTIALS_CHANGED", "password"),
        ("INSUFFICIENT_PERMISSIONS", "signin:CreateOAuth2Token"),
    ] {
        let signin = world::SigninStub::refusing(code);
        let sandbox = with_cache(login_profile(""), &cache_json("123456789012", -600))
            .var("AWS_ENDPOINT_URL_SIGNIN", &signin.url());
        let sdk_error = sandbox.sdk_outcome(Some("dev")).expect_err("refused");
        let (_, json) = sandbox.check_json(&["--profile", "dev", "--error-text", &sdk_error]);
        let text = json["findings"].to_string();
        assert!(
            text.contains("login.refresh_failed") && text.contains(words),
            "{code}: {sdk_error}\n{text}"
        );
    }
}

#[test]
fn login_beats_credential_process_and_static_keys_in_a_profile() {
    let sandbox = with_cache(
        login_profile(&format!(
            "credential_process = /bin/false\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        )),
        &cache_json("123456789012", 3600),
    );
    let json = verify(
        "precedence",
        &sandbox,
        Some("Login"),
        &["login.hides_settings"],
    );
    let text = json["findings"].to_string();
    assert!(
        text.contains("credential_process") && text.contains("aws_access_key_id"),
        "{text}"
    );
}

#[test]
fn the_cache_file_is_never_written() {
    let sandbox = with_cache(login_profile(""), &cache_json("123456789012", 120));
    let cache = sandbox.home_path().join(cache_name(SESSION_ARN));
    let before = std::fs::read(&cache).expect("cache");
    let (_, json) = sandbox.check_json(&["--profile", "dev"]);
    // Inside the SDK's five-minute refresh window: reported, not refreshed.
    assert!(
        finding_ids(&json).iter().any(|i| i == "login.expired"),
        "{json:#}"
    );
    assert_eq!(std::fs::read(&cache).expect("cache"), before);
}

#[test]
fn the_no_credentials_walk_reaches_the_login_node() {
    let sandbox = login_profile("");
    let out = sandbox.credwiz(&[
        "run",
        "no-credentials",
        "--profile",
        "dev",
        "--accept-detected",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("The cached console login"), "{text}");
    assert!(
        text.contains("Log in to the console session again"),
        "{text}"
    );
    assert!(text.contains("aws login --profile dev"), "{text}");
    assert_no_login_secrets("run", &out);
}

#[test]
fn with_allow_refresh_the_sdk_refreshes_after_credwiz_keeps_a_copy() {
    let signin = world::SigninStub::refusing("TOKEN_EXPIRED");
    let sandbox = with_cache(login_profile(""), &cache_json("123456789012", -600))
        .var("AWS_ENDPOINT_URL_SIGNIN", &signin.url());
    let cache = sandbox.home_path().join(cache_name(SESSION_ARN));
    let before = std::fs::read(&cache).expect("cache");
    let (out, json) = sandbox.check_json(&["--profile", "dev", "--allow-refresh"]);
    assert!(
        !signin.requests().is_empty(),
        "asked to, credwiz lets the SDK refresh"
    );
    let ids = finding_ids(&json);
    for id in ["login.refresh_failed", "refresh.backup"] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}\n{json:#}");
    }
    let refused = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "login.refresh_failed")
        .expect("refresh_failed");
    assert!(
        refused["evidence"].to_string().contains("session"),
        "the refusal in words: {refused}"
    );
    let mut copy = cache.clone().into_os_string();
    copy.push(".credwiz-backup");
    assert_eq!(
        std::fs::read(&copy).expect("the copy credwiz kept"),
        before,
        "the copy holds the cache as it was"
    );
    assert_eq!(out.status.code(), Some(1));
    assert_no_login_secrets("allow-refresh", &out);
}
