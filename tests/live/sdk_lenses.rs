//! The divergence suite: every scenario HOME is run through credwiz
//! (`check --offline --json`), real botocore (tests/world/botocore_oracle.py
//! in the world venv), the real Node.js SDK v3 (tests/world/node/oracle.js
//! with the SDK scripts/node-sdk installs) and aws-config's own default chain.
//! credwiz's `sdks.python` / `sdks.node` must agree with the real SDKs, and
//! `sdk.*_differs` must be raised exactly when that SDK disagrees with Rust.

use crate::support::env::in_ci;
use crate::support::sandbox::*;
use crate::support::world::{sso_cache_file, world_python};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

pub(crate) const DEV_KEY: &str = "AKIADEVDEVDEVDEV0001";
pub(crate) const ENV_KEY: &str = "AKIAENVENVENVENV0002";
pub(crate) const OTHER_KEY: &str = "AKIAOTHEROTHEROT0003";
pub(crate) const ROLE: &str = "arn:aws:iam::123456789012:role/app";

fn node_modules() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CREDWIZ_NODE_SDK").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(root.join("scripts/node-sdk")).output().ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

pub(crate) struct Oracles {
    python: PathBuf,
    node_modules: PathBuf,
}

pub(crate) fn oracles() -> Option<Oracles> {
    let python = world_python();
    let node_modules = node_modules();
    match (python, node_modules) {
        (Some(python), Some(node_modules)) => Some(Oracles {
            python,
            node_modules,
        }),
        _ => {
            assert!(
                !in_ci(),
                "CI=true needs the world venv (botocore) and the Node SDK (scripts/node-sdk)"
            );
            None
        }
    }
}

fn run_json(mut command: Command, sandbox: &Sandbox) -> Value {
    command.env_clear().envs(sandbox.env());
    let out = run_bounded(command, Duration::from_secs(30));
    assert_no_secrets("oracle", &out);
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "oracle printed no JSON ({e}): {text} / {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub(crate) fn botocore(o: &Oracles, sandbox: &Sandbox, profile: Option<&str>) -> Value {
    run_json(botocore_command(o, sandbox, profile), sandbox)
}

/// The botocore oracle, ready to run in the sandbox's environment.
pub(crate) fn botocore_command(o: &Oracles, sandbox: &Sandbox, profile: Option<&str>) -> Command {
    let mut command = Command::new(&o.python);
    command
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/world/botocore_oracle.py"))
        .arg(profile.unwrap_or(""))
        .env_clear()
        .envs(sandbox.env());
    command
}

/// The Node oracle, ready to run in the sandbox's environment.
pub(crate) fn node_command(o: &Oracles, sandbox: &Sandbox, profile: Option<&str>) -> Command {
    let mut command = Command::new("node");
    command
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/world/node/oracle.js"))
        .arg(profile.unwrap_or(""));
    let sandbox_env = sandbox.env();
    command.env_clear().envs(sandbox_env);
    command.env("NODE_PATH", &o.node_modules);
    command
}

pub(crate) fn node(o: &Oracles, sandbox: &Sandbox, profile: Option<&str>) -> Value {
    let command = node_command(o, sandbox, profile);
    let out = run_bounded(command, Duration::from_secs(30));
    assert_no_secrets("node oracle", &out);
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("node oracle printed no JSON ({e}): {text}"))
}

/// The shared source kind of a botocore method.
fn python_kind(method: &str) -> &'static str {
    match method {
        "env" => "env",
        "shared-credentials-file" | "config-file" => "keys",
        "custom-process" => "process",
        "assume-role" => "role",
        "assume-role-with-web-identity" => "web",
        "ec2-credentials-file" | "boto-config" => "legacy",
        "sso" => "sso",
        "login" => "login",
        "container-role" => "container",
        "iam-role" => "imds",
        other => panic!("unexpected botocore method {other}"),
    }
}

fn node_kind(sources: &[Value]) -> &'static str {
    let has = |code: &str| sources.iter().any(|s| s == code);
    if has("CREDENTIALS_ENV_VARS") && !has("CREDENTIALS_PROFILE_SOURCE_PROFILE") {
        "env"
    } else if has("CREDENTIALS_PROFILE_PROCESS") || has("CREDENTIALS_PROCESS") {
        "process"
    } else if has("CREDENTIALS_PROFILE") && !has("CREDENTIALS_STS_ASSUME_ROLE") {
        "keys"
    } else {
        "other"
    }
}

fn node_provider(kind: &str) -> &'static str {
    match kind {
        "env" => "fromEnv",
        "process" => "fromProcess",
        _ => "fromIni",
    }
}

/// The shared source kind of credwiz's Rust answer.
fn rust_kind(provider: &str) -> &'static str {
    match provider {
        "EnvironmentVariable" => "env",
        "ProfileFile" | "StaticCredentials" => "keys",
        "CredentialProcess" => "process",
        "AssumeRoleProvider" => "role",
        "WebIdentityToken" => "web",
        "SSO" => "sso",
        "Login" => "login",
        _ => "other",
    }
}

/// (works, kind, masked key) of an oracle answer.
fn outcome(verdict: &str, kind: Option<&'static str>, key: Option<&str>) -> Outcome {
    let works = matches!(verdict, "resolved" | "remote" | "unverified");
    (
        works,
        kind.filter(|_| works),
        key.map(str::to_string).filter(|_| works),
    )
}

fn disagree(
    a: &(bool, Option<&'static str>, Option<String>),
    b: &(bool, Option<&'static str>, Option<String>),
) -> bool {
    if a.0 != b.0 {
        return true;
    }
    if !a.0 {
        return false;
    }
    if let (Some(x), Some(y)) = (a.1, b.1) {
        // "remote" is some source that needs the network: never env keys or
        // static keys, otherwise unknown.
        let local = |k: &str| matches!(k, "env" | "keys" | "legacy");
        let differ = match (x, y) {
            ("remote", other) | (other, "remote") => local(other),
            _ => x != y,
        };
        if differ {
            return true;
        }
    }
    matches!((&a.2, &b.2), (Some(x), Some(y)) if x != y)
}

pub(crate) struct Scenario {
    pub(crate) name: &'static str,
    pub(crate) sandbox: Sandbox,
    pub(crate) profile: Option<&'static str>,
    /// False when credwiz must run the profile's credential_process (which
    /// `--offline` never does) to have its answer.
    pub(crate) offline: bool,
}

type Outcome = (bool, Option<&'static str>, Option<String>);

/// What one scenario showed: disagreements, and which SDKs differ from Rust.
#[derive(Default)]
pub(crate) struct Report {
    pub(crate) problems: Vec<String>,
    pub(crate) python_differs: bool,
    pub(crate) node_differs: bool,
    /// True when that lens and its `sdk.*_differs` matched the real SDK.
    pub(crate) python_agrees: bool,
    pub(crate) node_agrees: bool,
}

/// Judges one scenario: each lens must equal its real SDK, and
/// `sdk.*_differs` must be raised exactly when that SDK disagrees with
/// aws-config. Shared by the hand-written corpus and `sdk_generated`.
pub(crate) fn check_scenario(o: &Oracles, s: &Scenario) -> Report {
    let mut args = if s.offline { vec!["--offline"] } else { vec![] };
    if let Some(p) = s.profile {
        args.extend(["--profile", p]);
    }
    let (out, json) = s.sandbox.check_json(&args);
    assert_no_secrets(s.name, &out);
    let ids = finding_ids(&json);
    let mut report = Report::default();
    let rust = check_rust(s, &json["sdks"]["rust"], &mut report.problems);

    let before = report.problems.len();
    let py = botocore(o, &s.sandbox, s.profile);
    let py_outcome = check_python(s.name, &json["sdks"]["python"], &py, &mut report.problems);
    report.python_differs = disagree(&py_outcome, &rust);
    let raised = ids.iter().any(|id| id == "sdk.python_differs");
    if raised != report.python_differs {
        report.problems.push(format!(
            "{}: sdk.python_differs raised={raised}, but botocore {py} vs rust {}",
            s.name, json["sdks"]["rust"]
        ));
    }

    report.python_agrees = report.problems.len() == before;
    let before = report.problems.len();
    let js = node(o, &s.sandbox, s.profile);
    let js_outcome = check_node(s.name, &json["sdks"]["node"], &js, &mut report.problems);
    report.node_differs = disagree(&js_outcome, &rust);
    let raised = ids.iter().any(|id| id == "sdk.node_differs");
    if raised != report.node_differs {
        report.problems.push(format!(
            "{}: sdk.node_differs raised={raised}, but the Node SDK {js} vs rust {}",
            s.name, json["sdks"]["rust"]
        ));
    }
    report.node_agrees = report.problems.len() == before;
    report
}

/// credwiz's Rust answer must be aws-config's own `DefaultCredentialsChain`'s.
fn check_rust(s: &Scenario, rust: &Value, problems: &mut Vec<String>) -> Outcome {
    let aws_config = s.sandbox.sdk_provider(s.profile);
    let provider = rust["provider"].as_str().unwrap_or("");
    let verdict = rust["verdict"].as_str().unwrap_or("");
    match (&aws_config, verdict) {
        (Some(p), "resolved") if p == provider => {}
        (_, "unverified") | (None, "failed" | "none") => {}
        _ => problems.push(format!(
            "{}: rust lens {rust} but aws-config says {aws_config:?}",
            s.name
        )),
    }
    outcome(
        verdict,
        Some(rust_kind(provider)),
        rust["access_key_id"].as_str(),
    )
}

/// The Python lens against botocore: verdict, error class, method and key.
fn check_python(name: &str, lens: &Value, py: &Value, problems: &mut Vec<String>) -> Outcome {
    let py_verdict = py["verdict"].as_str().unwrap_or("");
    let lens_verdict = lens["verdict"].as_str().unwrap_or("");
    let method = py["method"].as_str();
    let same_method = lens["provider"].as_str() == method;
    let verdict_ok = match (py_verdict, lens_verdict) {
        ("remote", "unverified") => same_method,
        // botocore runs credential_process at once; the lens does not run it.
        ("resolved", "unverified") => same_method && method == Some("custom-process"),
        (a, b) => a == b,
    };
    let details_ok = match py_verdict {
        _ if !verdict_ok => false,
        "failed" => lens["error"]["type"] == py["error"],
        "resolved" if lens_verdict == "resolved" => {
            same_method && lens["access_key_id"] == py["access_key_id"]
        }
        _ => true,
    };
    if !details_ok {
        problems.push(format!("{name}: python lens {lens} but botocore {py}"));
    }
    outcome(
        py_verdict,
        method.map(python_kind),
        py["access_key_id"].as_str(),
    )
}

/// The Node lens against the Node SDK: verdict, error name, provider and key.
fn check_node(name: &str, lens: &Value, js: &Value, problems: &mut Vec<String>) -> Outcome {
    let js_verdict = js["verdict"].as_str().unwrap_or("");
    let lens_verdict = lens["verdict"].as_str().unwrap_or("");
    let sources = js["source"].as_array().cloned().unwrap_or_default();
    let kind = node_kind(&sources);
    let verdict_ok = match (js_verdict, lens_verdict) {
        ("remote", "unverified") => true,
        ("resolved", "unverified") => kind == "process",
        (a, b) => a == b,
    };
    let details_ok = match js_verdict {
        _ if !verdict_ok => false,
        "failed" => lens["error"]["type"] == js["error"],
        "resolved" if lens_verdict == "resolved" => {
            lens["provider"].as_str() == Some(node_provider(kind))
                && lens["access_key_id"] == js["access_key_id"]
        }
        _ => true,
    };
    if !details_ok {
        problems.push(format!("{name}: node lens {lens} but the Node SDK {js}"));
    }
    let outcome_kind = match (js_verdict, kind) {
        ("remote", _) => Some("remote"),
        (_, "other") => None,
        (_, kind) => Some(kind),
    };
    outcome(js_verdict, outcome_kind, js["access_key_id"].as_str())
}

pub(crate) fn keys(section: &str, key: &str) -> String {
    format!("[{section}]\naws_access_key_id = {key}\naws_secret_access_key = {PLANTED_SECRET}\n")
}

fn env_keys(s: Sandbox) -> Sandbox {
    s.var("AWS_ACCESS_KEY_ID", ENV_KEY)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
}

pub(crate) fn sc(name: &'static str, sandbox: Sandbox) -> Scenario {
    Scenario {
        name,
        sandbox,
        profile: None,
        offline: true,
    }
}

pub(crate) fn scp(name: &'static str, sandbox: Sandbox, profile: &'static str) -> Scenario {
    Scenario {
        profile: Some(profile),
        ..sc(name, sandbox)
    }
}

/// A scenario credwiz checks without `--offline`, so that it runs the
/// profile's credential_process as the SDKs do (nothing else in it is remote).
pub(crate) fn sc_run(name: &'static str, sandbox: Sandbox) -> Scenario {
    Scenario {
        offline: false,
        ..sc(name, sandbox)
    }
}

fn process_command(key: &str) -> String {
    format!(
        "credential_process = printf '{{\"Version\": 1, \"AccessKeyId\": \"{key}\", \"SecretAccessKey\": \"{PLANTED_SECRET}\"}}'\n"
    )
}

pub(crate) fn scenarios() -> Vec<Scenario> {
    let n = Sandbox::new;
    let default_and_dev = || n().credentials(&(keys("default", KEY_ID) + &keys("dev", DEV_KEY)));
    let role = |extra: &str| {
        n().credentials(&keys("default", KEY_ID))
            .config(&format!("[profile r]\nrole_arn = {ROLE}\n{extra}"))
    };
    let mut list = vec![
        sc("env keys only", env_keys(n())),
        sc("env key id without secret", n().var("AWS_ACCESS_KEY_ID", ENV_KEY)),
        sc("env secret without key id", n().var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)),
        sc("env key id without secret beside a default profile", n().var("AWS_ACCESS_KEY_ID", ENV_KEY).credentials(&keys("default", KEY_ID))),
        sc("env keys with AWS_SECURITY_TOKEN", env_keys(n()).var("AWS_SECURITY_TOKEN", PLANTED_TOKEN)),
        sc("env keys with both token names", env_keys(n()).var("AWS_SECURITY_TOKEN", PLANTED_TOKEN).var("AWS_SESSION_TOKEN", "other-token-value-123456")),
        sc("env keys with a blank key id", n().var("AWS_ACCESS_KEY_ID", " ").var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)),
        sc("AWS_DEFAULT_PROFILE names the only profile", n().credentials(&keys("dev", DEV_KEY)).var("AWS_DEFAULT_PROFILE", "dev")),
        sc("AWS_DEFAULT_PROFILE beside a default profile", default_and_dev().var("AWS_DEFAULT_PROFILE", "dev")),
        sc("AWS_DEFAULT_PROFILE and AWS_PROFILE disagree", default_and_dev().var("AWS_DEFAULT_PROFILE", "dev").var("AWS_PROFILE", "default")),
        sc("AWS_DEFAULT_PROFILE equals AWS_PROFILE", default_and_dev().var("AWS_DEFAULT_PROFILE", "dev").var("AWS_PROFILE", "dev")),
        sc("AWS_DEFAULT_PROFILE with env keys", env_keys(default_and_dev()).var("AWS_DEFAULT_PROFILE", "dev")),
        sc("AWS_DEFAULT_PROFILE names a missing profile", default_and_dev().var("AWS_DEFAULT_PROFILE", "nope")),
        sc("AWS_PROFILE with env keys", env_keys(default_and_dev()).var("AWS_PROFILE", "dev")),
        sc("AWS_PROFILE=default with env keys", env_keys(default_and_dev()).var("AWS_PROFILE", "default")),
        scp("--profile with env keys", env_keys(default_and_dev()), "dev"),
        scp("--profile default with env keys", env_keys(default_and_dev()), "default"),
        sc("AWS_PROFILE names a missing profile, env keys set", env_keys(default_and_dev()).var("AWS_PROFILE", "nope")),
        sc("AWS_PROFILE names a missing profile", default_and_dev().var("AWS_PROFILE", "nope")),
        scp("--profile names a missing profile", default_and_dev(), "nope"),
        sc("empty AWS_PROFILE", default_and_dev().var("AWS_PROFILE", "")),
        sc("credentials file keys beside credential_process", n().credentials(&(keys("default", KEY_ID) + &process_command(OTHER_KEY)))),
        sc("config keys beside credential_process", n().config(&(keys("default", KEY_ID) + &process_command(OTHER_KEY)))),
        sc("credential_process alone", n().config(&("[default]\n".to_string() + &process_command(OTHER_KEY)))),
        sc("credential_process in credentials, keys in config", n().config(&keys("default", KEY_ID)).credentials(&("[default]\n".to_string() + &process_command(OTHER_KEY)))),
        sc("keys in config and credentials", n().config(&keys("default", OTHER_KEY)).credentials(&keys("default", KEY_ID))),
        sc("keys only in config", n().config(&keys("default", KEY_ID))),
        sc("profile keys only in config", n().config(&keys("profile dev", DEV_KEY)).var("AWS_PROFILE", "dev")),
        sc("duplicate section in credentials", n().credentials(&(keys("default", KEY_ID) + &keys("default", OTHER_KEY)))),
        sc("duplicate key in credentials", n().credentials(&format!("[default]\naws_access_key_id = {KEY_ID}\naws_access_key_id = {OTHER_KEY}\naws_secret_access_key = {PLANTED_SECRET}\n"))),
        sc("duplicate section in config", n().config("[default]\nregion = eu-west-1\n[default]\noutput = json\n").credentials(&keys("default", KEY_ID))),
        sc("inline comment after the key id", n().credentials(&format!("[default]\naws_access_key_id = {KEY_ID} # work\naws_secret_access_key = {PLANTED_SECRET}\n"))),
        sc("inline comment after the secret", n().credentials(&format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET} ; old\n"))),
        sc("byte-order mark in credentials", n().credentials(&format!("\u{feff}{}", keys("default", KEY_ID)))),
        sc("byte-order mark in config", n().config("\u{feff}[default]\nregion = eu-west-1\n").credentials(&keys("default", KEY_ID))),
        sc("stray line in credentials", n().credentials(&format!("{}oops this line\n", keys("default", KEY_ID)))),
        sc("upper-case key names", n().credentials(&format!("[default]\nAWS_ACCESS_KEY_ID = {KEY_ID}\nAWS_SECRET_ACCESS_KEY = {PLANTED_SECRET}\n"))),
        sc("colon as separator", n().credentials(&format!("[default]\naws_access_key_id: {KEY_ID}\naws_secret_access_key: {PLANTED_SECRET}\n"))),
        sc("spaces inside the section brackets", n().credentials(&keys(" default ", KEY_ID))),
        sc("key id on an indented line under an empty key", n().credentials(&format!("[default]\naws_access_key_id =\n    {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"))),
        sc("CRLF line endings", n().credentials(&keys("default", KEY_ID).replace('\n', "\r\n"))),
        sc("empty AWS_SHARED_CREDENTIALS_FILE", n().credentials(&keys("default", KEY_ID)).var("AWS_SHARED_CREDENTIALS_FILE", "")),
        sc("empty AWS_CONFIG_FILE", n().config(&keys("default", KEY_ID)).var("AWS_CONFIG_FILE", "")),
        sc("AWS_SHARED_CREDENTIALS_FILE elsewhere", n().file("elsewhere/creds", &keys("default", OTHER_KEY)).credentials(&keys("default", KEY_ID)).var("AWS_SHARED_CREDENTIALS_FILE", "{home}/elsewhere/creds")),
        sc("section without profile prefix in config", n().config(&keys("dev", DEV_KEY)).var("AWS_PROFILE", "dev")),
        sc("profile prefix in credentials", n().credentials(&keys("profile dev", DEV_KEY)).var("AWS_PROFILE", "dev")),
        sc("quoted profile name in config", n().config(&keys("profile \"dev\"", DEV_KEY)).var("AWS_PROFILE", "dev")),
        sc("aws_security_token in the credentials file", n().credentials(&format!("{}aws_security_token = {PLANTED_TOKEN}\n", keys("default", KEY_ID)))),
        scp("assume role without any region", role("source_profile = default\n"), "r"),
        scp("assume role with AWS_REGION only", role("source_profile = default\n").var("AWS_REGION", "eu-west-1"), "r"),
        scp("assume role with AWS_DEFAULT_REGION", role("source_profile = default\n").var("AWS_DEFAULT_REGION", "eu-west-1"), "r"),
        scp("assume role with region in the profile", role("source_profile = default\nregion = eu-west-1\n"), "r"),
        scp("assume role with region only in the credentials file", role("source_profile = default\n").credentials(&(keys("default", KEY_ID) + "[r]\nregion = eu-west-1\n")), "r"),
        scp("credential_source in lower case", env_keys(role("credential_source = environment\nregion = eu-west-1\n")), "r"),
        scp("credential_source Environment with env keys", env_keys(role("credential_source = Environment\nregion = eu-west-1\n")), "r"),
        scp("credential_source Environment without env keys", role("credential_source = Environment\nregion = eu-west-1\n"), "r"),
        scp("role_arn without a source", role("region = eu-west-1\n"), "r"),
        scp("both source_profile and credential_source", role("source_profile = default\ncredential_source = Environment\nregion = eu-west-1\n"), "r"),
        scp("source_profile names a missing profile", role("source_profile = ghost\nregion = eu-west-1\n"), "r"),
        scp("source_profile cycle", n().config(&format!("[profile a]\nrole_arn = {ROLE}\nsource_profile = b\nregion = eu-west-1\n[profile b]\nrole_arn = {ROLE}\nsource_profile = a\n")), "a"),
        scp("source_profile refers to itself with keys", n().config(&format!("[profile a]\nrole_arn = {ROLE}\nsource_profile = a\nregion = eu-west-1\n{}", keys("", KEY_ID).trim_start_matches("[]\n"))), "a"),
        sc("web identity variables beside a default profile", default_and_dev().file("token", "header.payload.sig").var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token").var("AWS_ROLE_ARN", ROLE).var("AWS_DEFAULT_REGION", "eu-west-1")),
        sc("web identity variables alone", n().file("token", "header.payload.sig").var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token").var("AWS_ROLE_ARN", ROLE).var("AWS_DEFAULT_REGION", "eu-west-1")),
        sc("AWS_CREDENTIAL_EXPIRATION in the past", env_keys(n()).var("AWS_CREDENTIAL_EXPIRATION", "2020-01-01T00:00:00Z")),
        sc("AWS_CREDENTIAL_EXPIRATION in the future", env_keys(n()).var("AWS_CREDENTIAL_EXPIRATION", "2099-01-01T00:00:00Z")),
        sc("AWS_CREDENTIAL_FILE with keys", n().file("ec2creds", &format!("AWSAccessKeyId={OTHER_KEY}\nAWSSecretKey={PLANTED_SECRET}\n")).var("AWS_CREDENTIAL_FILE", "{home}/ec2creds")),
        sc("AWS_CREDENTIAL_FILE names a missing file", n().var("AWS_CREDENTIAL_FILE", "{home}/missing")),
        sc("AWS_CREDENTIAL_FILE beside a default profile", n().credentials(&keys("default", KEY_ID)).file("ec2creds", &format!("AWSAccessKeyId={OTHER_KEY}\nAWSSecretKey={PLANTED_SECRET}\n")).var("AWS_CREDENTIAL_FILE", "{home}/ec2creds")),
        sc("~/.boto with [Credentials]", n().file(".boto", &keys("Credentials", OTHER_KEY))),
        sc("BOTO_CONFIG names a file", n().file("boto.cfg", &keys("Credentials", OTHER_KEY)).var("BOTO_CONFIG", "{home}/boto.cfg")),
        sc("~/.boto beside a default profile", n().file(".boto", &keys("Credentials", OTHER_KEY)).credentials(&keys("default", KEY_ID))),
        sc("~/.boto with a duplicate key", n().file(".boto", &format!("[Credentials]\naws_access_key_id = {OTHER_KEY}\naws_access_key_id = {OTHER_KEY}\n"))),
        sc("nothing at all", n()),
        sc("[default] after [profile default] in config", n().config(&(keys("profile default", KEY_ID) + &keys("default", OTHER_KEY)))),
        sc("[profile default] after [default] in config", n().config(&(keys("default", OTHER_KEY) + &keys("profile default", KEY_ID)))),
        sc("[default] after [profile default] beside credentials keys", n().config(&(keys("profile default", KEY_ID) + &keys("default", OTHER_KEY))).credentials(&keys("default", DEV_KEY))),
        sc("[default] with a role after [profile default] with keys", n().config(&(keys("profile default", KEY_ID) + &format!("[default]\nrole_arn = {ROLE}\nsource_profile = dev\nregion = eu-west-1\n"))).credentials(&keys("dev", DEV_KEY))),
        scp("credential_source Ec2InstanceMetadata with IMDS disabled", role("credential_source = Ec2InstanceMetadata\nregion = eu-west-1\n"), "r"),
        sc("credential_source Ec2InstanceMetadata via AWS_PROFILE with IMDS disabled", role("credential_source = Ec2InstanceMetadata\nregion = eu-west-1\n").var("AWS_PROFILE", "r")),
        sc("AWS_PROFILE names a missing profile beside web identity variables", n().file("token", "header.payload.sig").var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token").var("AWS_ROLE_ARN", ROLE).var("AWS_DEFAULT_REGION", "eu-west-1").var("AWS_PROFILE", "ghost")),
        sc("stray line in config", n().config("[default]\nregion = eu-west-1\nthis is not a setting\n").credentials(&keys("default", KEY_ID))),
        sc("duplicate key in config", n().config("[default]\nregion = eu-west-1\nregion = us-east-1\n").credentials(&keys("default", KEY_ID))),
        sc("aws_security_token in the config file", n().config(&format!("{}aws_security_token = {PLANTED_TOKEN}\n", keys("default", KEY_ID)))),
        sc("AWS_DEFAULT_PROFILE names a profile with a credential_process", n().credentials(&keys("default", KEY_ID)).config(&("[profile p]\n".to_string() + &process_command(OTHER_KEY))).var("AWS_DEFAULT_PROFILE", "p")),
        scp("credential_source EcsContainer without container variables", role("credential_source = EcsContainer\nregion = eu-west-1\n"), "r"),
        sc("AWS_ROLE_SESSION_NAME of one character with web identity variables", n().file("token", "header.payload.sig").var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token").var("AWS_ROLE_ARN", ROLE).var("AWS_ROLE_SESSION_NAME", "s").var("AWS_DEFAULT_REGION", "eu-west-1")),
        sc("empty AWS_ROLE_SESSION_NAME with web identity variables", n().file("token", "header.payload.sig").var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token").var("AWS_ROLE_ARN", ROLE).var("AWS_ROLE_SESSION_NAME", "").var("AWS_DEFAULT_REGION", "eu-west-1")),
        scp("role_session_name of one character in a role profile", role("source_profile = default\nrole_session_name = s\nregion = eu-west-1\n"), "r"),
        scp("role_session_name of one character in a web identity profile", web_profile_with_session_name("s"), "w"),
        scp("role_session_name of two characters in a role profile", role("source_profile = default\nrole_session_name = ab\nregion = eu-west-1\n"), "r"),
    ];
    list.extend(sso_and_login_scenarios());
    list.extend(super::sdk_lenses_walked::scenarios());
    list
}

/// Profile `w`: web identity from a token file in HOME, with this session name.
fn web_profile_with_session_name(name: &str) -> Sandbox {
    let sandbox = Sandbox::new().file("token", "header.payload.sig");
    let token = sandbox.home_path().join("token");
    sandbox.config(&format!(
        "[profile w]\nrole_arn = {ROLE}\nweb_identity_token_file = {}\nrole_session_name = {name}\nregion = eu-west-1\n",
        token.display()
    ))
}

pub(crate) const START_URL: &str = "https://example.awsapps.com/start";

fn sso_and_login_scenarios() -> Vec<Scenario> {
    let n = Sandbox::new;
    let legacy = format!(
        "[profile s]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n"
    );
    let session = format!(
        "[profile s]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n"
    );
    let token = format!(
        "{{\"startUrl\": \"{START_URL}\", \"region\": \"eu-west-1\", \"accessToken\": \"{PLANTED_TOKEN}\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}}"
    );
    let login =
        "[profile l]\nlogin_session = arn:aws:iam::123456789012:user/me\nregion = eu-west-1\n";
    vec![
        sc("SSO profile without a cached token", n().config(&legacy).var("AWS_PROFILE", "s")),
        sc("SSO session without a cached token", n().config(&session).var("AWS_PROFILE", "s")),
        sc("SSO profile with a cached token", n().config(&legacy).file(&sso_cache_file(START_URL), &token).var("AWS_PROFILE", "s")),
        sc("SSO profile naming a missing sso-session", n().config("[profile s]\nsso_session = ghost\nsso_account_id = 123456789012\nsso_role_name = Admin\n").var("AWS_PROFILE", "s")),
        sc("SSO profile without sso_region", n().config(&format!("[profile s]\nsso_start_url = {START_URL}\nsso_account_id = 123456789012\nsso_role_name = Admin\n")).var("AWS_PROFILE", "s")),
        sc("SSO start URL and region only", n().config(&format!("[profile s]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n")).var("AWS_PROFILE", "s")),
        sc("static keys beside SSO in one profile", n().config(&legacy).credentials(&keys("s", KEY_ID)).var("AWS_PROFILE", "s")),
        sc("login profile without a cache", n().config(login).var("AWS_PROFILE", "l")),
        sc_run("credential_process beside SSO settings without a cached token", n().config(&(legacy.clone() + &process_command(OTHER_KEY))).var("AWS_PROFILE", "s")),
        sc("static keys beside login_session", n().config(login).credentials(&keys("l", KEY_ID)).var("AWS_PROFILE", "l")),
    ]
}

/// Every known difference between the SDKs, with the scenarios that show
/// it; each must make at least one real SDK differ from aws-config in
/// verdict, source or key. Differences in the session token alone keep the
/// key, so they are pinned in `sdk_facts` instead (`TOKEN_ONLY`); so is
/// Node passing over an `EcsContainer` source without the container
/// variables, which only shows where instance metadata answers
/// (`node_ecs_container_source_without_container_variables_falls_through_to_imds`;
/// the scenario "credential_source EcsContainer without container
/// variables" checks the lens offline). The AWS
/// CLI v2's own botocore, which reads AWS_PROFILE first, is not on PyPI and
/// cannot be run here.
const KNOWN_DIFFERENCES: &[(&str, &[&str])] = &[
    ("botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE", &["AWS_DEFAULT_PROFILE beside a default profile", "AWS_DEFAULT_PROFILE and AWS_PROFILE disagree", "AWS_DEFAULT_PROFILE names a profile with a credential_process"]),
    ("an explicit profile drops environment keys in botocore", &["--profile with env keys", "--profile default with env keys"]),
    ("Node skips environment keys whenever a profile is set", &["AWS_PROFILE with env keys", "AWS_PROFILE=default with env keys"]),
    ("partial environment keys raise in botocore", &["env key id without secret", "env key id without secret beside a default profile"]),
    ("static keys before credential_process, SSO and login inside a profile", &["credentials file keys beside credential_process", "config keys beside credential_process", "static keys beside SSO in one profile", "static keys beside login_session"]),
    ("botocore tries web identity variables before the shared files", &["web identity variables beside a default profile"]),
    ("a missing profile stops botocore and falls through elsewhere", &["AWS_PROFILE names a missing profile", "AWS_PROFILE names a missing profile, env keys set", "AWS_PROFILE names a missing profile beside web identity variables"]),
    ("duplicate sections or keys fail botocore", &["duplicate section in credentials", "duplicate key in credentials", "duplicate section in config", "duplicate key in config"]),
    ("inline comments stay in botocore values", &["inline comment after the key id", "inline comment after the secret"]),
    ("byte-order marks and bad lines: botocore and aws-config fail, Node reads on", &["byte-order mark in credentials", "byte-order mark in config", "stray line in credentials", "stray line in config"]),
    ("Node reads key names case-sensitively", &["upper-case key names"]),
    ("an empty file variable: no file for botocore, the default for Node", &["empty AWS_SHARED_CREDENTIALS_FILE", "empty AWS_CONFIG_FILE"]),
    ("botocore's STS client reads AWS_DEFAULT_REGION, never AWS_REGION, nor the credentials file", &["assume role with AWS_REGION only", "assume role with region only in the credentials file"]),
    ("legacy files only botocore reads", &["~/.boto with [Credentials]", "BOTO_CONFIG names a file", "AWS_CREDENTIAL_FILE with keys", "AWS_CREDENTIAL_FILE names a missing file"]),
    ("AWS_CREDENTIAL_EXPIRATION in the past refuses env keys in botocore", &["AWS_CREDENTIAL_EXPIRATION in the past"]),
    ("credential_source is case-sensitive in botocore", &["credential_source in lower case"]),
    ("botocore keeps a later [default] over [profile default]", &["[default] after [profile default] in config", "[default] with a role after [profile default] with keys"]),
    ("botocore refuses a role session name of one character before calling STS", &["AWS_ROLE_SESSION_NAME of one character with web identity variables", "role_session_name of one character in a role profile", "role_session_name of one character in a web identity profile"]),
    ("Node takes a profile's credential_process when its SSO settings have no cached token", &["credential_process beside SSO settings without a cached token"]),
    ("a credential_process printing expired credentials: botocore raises, Node passes on, aws-config uses them", &["credential_process printing expired credentials"]),
    ("Node's Ec2InstanceMetadata source ignores AWS_EC2_METADATA_DISABLED", &["credential_source Ec2InstanceMetadata with IMDS disabled", "credential_source Ec2InstanceMetadata via AWS_PROFILE with IMDS disabled"]),
];

/// Differences in which session token is used, with their scenarios; the
/// key id is the same, so `sdk_facts::botocore_prefers_aws_security_token`
/// checks the token itself.
pub(crate) const TOKEN_ONLY: &[&str] = &[
    "env keys with AWS_SECURITY_TOKEN",
    "env keys with both token names",
    "aws_security_token in the credentials file",
    "aws_security_token in the config file",
];

#[test]
fn every_lens_agrees_with_its_real_sdk() {
    let Some(o) = oracles() else {
        eprintln!("no world venv or Node SDK; skipping the divergence suite outside CI");
        return;
    };
    let scenarios = scenarios();
    assert!(scenarios.len() >= 60, "the suite covers at least 60 HOMEs");
    let mut problems = Vec::new();
    let (mut python_differs, mut node_differs) = (0, 0);
    let (mut python_agrees, mut node_agrees) = (0, 0);
    let mut differing = std::collections::BTreeMap::new();
    for scenario in &scenarios {
        let report = check_scenario(&o, scenario);
        differing.insert(scenario.name, report.python_differs || report.node_differs);
        problems.extend(report.problems);
        python_differs += usize::from(report.python_differs);
        node_differs += usize::from(report.node_differs);
        python_agrees += usize::from(report.python_agrees);
        node_agrees += usize::from(report.node_agrees);
    }
    eprintln!(
        "the Python lens agrees with botocore in {python_agrees} of {n}, the Node lens with the Node SDK in {node_agrees} of {n}",
        n = scenarios.len()
    );
    eprintln!(
        "{} scenarios: botocore differs from aws-config in {python_differs}, the Node SDK in {node_differs}",
        scenarios.len()
    );
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
    for name in TOKEN_ONLY {
        assert!(differing.contains_key(name), "no scenario named {name:?}");
    }
    for (difference, names) in KNOWN_DIFFERENCES {
        for name in *names {
            assert!(differing.contains_key(name), "no scenario named {name:?}");
        }
        assert!(
            names.iter().any(|name| differing[name]),
            "no scenario shows that {difference}"
        );
    }
    assert!(
        python_differs >= 15 && node_differs >= 5,
        "the suite exercises differences: python {python_differs}, node {node_differs}"
    );
}

/// Both oracles point every remote provider at loopback (STS through
/// AWS_ENDPOINT_URL, IMDS through AWS_EC2_METADATA_SERVICE_ENDPOINT, the
/// container endpoint through its full URI); strace shows each connect(2)
/// goes to 127.0.0.1 and nowhere else.
#[test]
fn the_real_sdks_connect_only_to_loopback() {
    let Some(o) = oracles() else {
        eprintln!("no world venv or Node SDK; skipping outside CI");
        return;
    };
    if Command::new("strace").arg("-V").output().is_err() {
        assert!(!in_ci(), "strace is required in CI");
        eprintln!("strace not installed; skipping outside CI");
        return;
    }
    let refused = refused_endpoint();
    let homes = [
        (
            Sandbox::new()
                .credentials(&keys("default", KEY_ID))
                .config(&format!(
                    "[profile r]\nrole_arn = {ROLE}\nsource_profile = default\n"
                ))
                .var("AWS_DEFAULT_REGION", "eu-west-1"),
            Some("r"),
        ),
        (
            Sandbox::new()
                .var("AWS_EC2_METADATA_DISABLED", "false")
                .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &refused),
            None,
        ),
        (
            Sandbox::new().var(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                &format!("{refused}/credentials"),
            ),
            None,
        ),
    ];
    for (sandbox, profile) in &homes {
        let trace = sandbox.home_path().join("connect.trace");
        let oracle_runs: [(PathBuf, Vec<String>); 2] = [
            (
                o.python.clone(),
                vec![
                    manifest("tests/world/botocore_oracle.py"),
                    profile.unwrap_or("").to_string(),
                ],
            ),
            (
                PathBuf::from("node"),
                vec![
                    manifest("tests/world/node/oracle.js"),
                    profile.unwrap_or("").to_string(),
                ],
            ),
        ];
        for (program, args) in oracle_runs {
            let mut command = Command::new("strace");
            command
                .args(["-f", "-qq", "-e", "trace=connect", "-o"])
                .arg(&trace)
                .arg(&program)
                .args(&args)
                .env_clear()
                .envs(sandbox.env())
                .env("NODE_PATH", &o.node_modules);
            let out = run_bounded(command, Duration::from_secs(60));
            assert_no_secrets("strace run", &out);
            let log = std::fs::read_to_string(&trace).expect("strace log");
            let inet: Vec<&str> = log.lines().filter(|l| l.contains("AF_INET")).collect();
            assert!(
                !inet.is_empty(),
                "{program:?} made no connection to check:\n{log}"
            );
            for line in inet {
                assert!(
                    line.contains("inet_addr(\"127.0.0.1\")") || line.contains("\"::1\""),
                    "{program:?} connected off loopback: {line}"
                );
            }
        }
    }
}

fn manifest(relative: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}
