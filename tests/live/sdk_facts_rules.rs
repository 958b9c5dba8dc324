//! SDK rules found on situations the suite had not tried (issue 21), each
//! pinned against the real SDKs, aws-config and loopback STS, one test per
//! fact, named after it. Secrets hold `/` and `+`.

use super::sdk_lenses::{botocore, node, oracles, ENV_KEY, ROLE};
use super::sdk_lenses_walked::expired_helper;
use crate::support::sandbox::*;
use crate::support::world::{StsBehaviour, StsStub};
use serde_json::Value;

/// `credwiz check --json` (`args` added), asserting no planted secret leaks.
fn check(sandbox: &Sandbox, args: &[&str]) -> Value {
    let (out, json) = sandbox.check_json(args);
    assert_no_secrets("check", &out);
    json
}

/// The evidence of finding `id`, when it was raised.
fn evidence(json: &Value, id: &str) -> Option<String> {
    json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == id)
        .map(|f| f["evidence"].as_str().unwrap_or("").to_string())
}

/// botocore's `RefreshableCredentials` refresh expired credentials at once,
/// run the helper again and raise `RuntimeError` when the new ones are
/// expired too; Node's `fromProcess` rejects them and its chain goes on;
/// aws-config hands them to the program as they are.
#[test]
fn botocore_raises_and_node_passes_on_when_a_credential_process_returns_expired_credentials() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new().config(&format!(
        "[default]\ncredential_process = {}\n",
        expired_helper()
    ));
    let py = botocore(&o, &sandbox, None);
    assert_eq!(
        (py["verdict"].as_str(), py["error"].as_str()),
        (Some("failed"), Some("RuntimeError")),
        "botocore: {py}"
    );
    let js = node(&o, &sandbox, None);
    assert_eq!(
        (js["verdict"].as_str(), js["error"].as_str()),
        (Some("none"), Some("CredentialsProviderError")),
        "Node: {js}"
    );
    assert_eq!(
        sandbox.sdk_outcome(None).as_deref(),
        Ok("CredentialProcess"),
        "aws-config uses them"
    );
    let json = check(&sandbox, &["--sdk", "python"]);
    let python = &json["sdks"]["python"];
    assert_eq!(python["verdict"], "failed", "{json}");
    assert_eq!(python["error"]["type"], "RuntimeError", "{json}");
    assert_eq!(json["sdks"]["node"]["verdict"], "none", "{json}");
    for id in ["sdk.python_differs", "sdk.node_differs"] {
        let evidence = evidence(&json, id).unwrap_or_else(|| panic!("{id}: {json}"));
        assert!(
            evidence.contains("Expiration has already passed"),
            "{id}: {evidence}"
        );
    }
}

/// STS's `RoleSessionName` has a minimum length of 2: botocore validates
/// the request before it sends it (`ParamValidationError`), from
/// `AWS_ROLE_SESSION_NAME` or a profile's `role_session_name`, for web
/// identity and AssumeRole alike; aws-config and Node send it (this stub
/// STS accepts it, the real one answers `ValidationError`).
#[test]
fn botocore_refuses_a_one_character_role_session_name_before_calling_sts() {
    let Some(o) = oracles() else { return };
    let sts = StsStub::start(StsBehaviour::Success);
    let by_variable = Sandbox::new()
        .file("token", "header.payload.sig")
        .var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token")
        .var("AWS_ROLE_ARN", ROLE)
        .var("AWS_ROLE_SESSION_NAME", "s");
    let role_profile = Sandbox::new()
        .credentials(&format!(
            "[src]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
        ))
        .config(&format!(
            "[default]\nrole_arn = {ROLE}\nsource_profile = src\nrole_session_name = s\n"
        ));
    for sandbox in [by_variable, role_profile] {
        let sandbox = sandbox
            .var("AWS_ENDPOINT_URL", &sts.url())
            .var("AWS_DEFAULT_REGION", "eu-west-1");
        let before = sts.requests().len();
        let py = botocore(&o, &sandbox, None);
        assert_eq!(py["error"], "ParamValidationError", "botocore: {py}");
        assert_eq!(sts.requests().len(), before, "botocore called STS");
        let js = node(&o, &sandbox, None);
        assert_eq!(js["verdict"], "resolved", "Node sends it: {js}");
        assert!(sandbox.sdk_outcome(None).is_ok(), "aws-config sends it");
        let json = check(&sandbox, &["--sdk", "python"]);
        let python = &json["sdks"]["python"];
        assert_eq!(python["error"]["type"], "ParamValidationError", "{json}");
        let evidence = evidence(&json, "sdk.python_differs").unwrap_or_default();
        assert!(evidence.contains("1 character"), "{json}");
        assert_eq!(evidence_of_node(&json), None, "{json}");
    }
}

fn evidence_of_node(json: &Value) -> Option<String> {
    evidence(json, "sdk.node_differs")
}

/// botocore raises `InvalidConfigError` on `credential_source = environment`,
/// and the Node SDK does not accept it either (issue 21 said it did): its
/// fromIni passes the profile over and, with a profile set, fromEnv is
/// skipped, so nothing resolves; aws-config resolves (it takes the
/// environment keys before any profile, and matches the source's case
/// insensitively).
#[test]
fn credential_source_in_lower_case_fails_botocore_and_node_but_not_aws_config() {
    let Some(o) = oracles() else { return };
    let sts = StsStub::start(StsBehaviour::Success);
    let sandbox = Sandbox::new()
        .config(&format!(
            "[profile r]\nrole_arn = {ROLE}\ncredential_source = environment\nregion = eu-west-1\n"
        ))
        .var("AWS_ACCESS_KEY_ID", ENV_KEY)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SLASH_SECRET)
        .var("AWS_ENDPOINT_URL", &sts.url());
    let py = botocore(&o, &sandbox, Some("r"));
    assert_eq!(py["error"], "InvalidConfigError", "botocore: {py}");
    let js = node(&o, &sandbox, Some("r"));
    assert_eq!(js["verdict"], "none", "Node: {js}");
    // Its environment provider comes first, so the role is never reached.
    assert_eq!(
        sandbox.sdk_outcome(Some("r")).as_deref(),
        Ok("EnvironmentVariable"),
        "aws-config resolves"
    );
    let json = check(&sandbox, &["--profile", "r"]);
    assert_eq!(
        json["sdks"]["python"]["error"]["type"], "InvalidConfigError",
        "{json}"
    );
    assert_eq!(json["sdks"]["node"]["verdict"], "none", "{json}");
    let python = evidence(&json, "sdk.python_differs").unwrap_or_default();
    assert!(python.contains("case-sensitively"), "{json}");
    assert!(evidence_of_node(&json).is_some(), "{json}");
}

/// No SDK trims environment key ids: a padded or quoted
/// `AWS_ACCESS_KEY_ID` reaches botocore's and Node's credentials (and so the
/// signer) with its spaces or quotes. Both oracles mask like credwiz (the
/// stray characters dropped, so the tail is the key's own) and say with
/// `key_stray` that they were there.
#[test]
fn no_sdk_trims_padded_or_quoted_env_key_ids() {
    let Some(o) = oracles() else { return };
    for key in [format!(" {ENV_KEY} "), format!("\"{ENV_KEY}\"")] {
        let sandbox = Sandbox::new()
            .var("AWS_ACCESS_KEY_ID", &key)
            .var("AWS_SECRET_ACCESS_KEY", PLANTED_SLASH_SECRET);
        let py = botocore(&o, &sandbox, None);
        let js = node(&o, &sandbox, None);
        for (sdk, answer) in [("botocore", &py), ("node", &js)] {
            assert_eq!(answer["verdict"], "resolved", "{sdk} {key:?}: {answer}");
            assert_eq!(
                answer["access_key_id"],
                super::sdk_facts::masked(ENV_KEY),
                "{sdk} {key:?}: {answer}"
            );
            assert_eq!(answer["key_stray"], true, "{sdk} kept {key:?}: {answer}");
        }
        let json = check(&sandbox, &["--offline"]);
        assert_eq!(
            json["sdks"]["rust"]["access_key_id"],
            super::sdk_facts::masked(ENV_KEY)
        );
    }
}

/// botocore reads a value that starts on the line after its key as nested
/// `k = v` lines (`configloader._parse_nested`); an indented key id under
/// an empty `aws_access_key_id =` has no `=`, so the whole file fails with
/// `ConfigParseError`, whatever profile is asked for.
#[test]
fn botocore_fails_a_file_whose_empty_key_continues_on_an_indented_line() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id =\n    {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n[dev]\naws_access_key_id = {ENV_KEY}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    ));
    for profile in [None, Some("dev")] {
        let py = botocore(&o, &sandbox, profile);
        assert_eq!(py["verdict"], "failed", "{profile:?}: {py}");
        assert_eq!(py["error"], "ConfigParseError", "{profile:?}: {py}");
        let mut args = vec!["--offline"];
        args.extend(profile.map(|p| ["--profile", p]).into_iter().flatten());
        let json = check(&sandbox, &args);
        assert_eq!(
            json["sdks"]["python"]["error"]["type"], "ConfigParseError",
            "{json}"
        );
    }
}

/// An indented setting right under a header, with nothing above it to
/// continue: aws-config rejects the whole file, botocore's configparser
/// reads it as an ordinary setting and resolves. credwiz says the parser is
/// why, not a provider order.
#[test]
fn botocore_reads_an_indented_first_setting_that_aws_config_rejects() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new().credentials(&format!(
        "[default]\n  aws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    ));
    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["verdict"], "resolved", "botocore: {py}");
    assert!(sandbox.sdk_outcome(None).is_err(), "aws-config rejects it");
    let json = check(&sandbox, &["--offline"]);
    assert_eq!(json["sdks"]["python"]["verdict"], "resolved", "{json}");
    let why = evidence(&json, "sdk.python_differs").unwrap_or_default();
    assert!(
        why.contains("reads past the lines that make aws-config reject"),
        "{why}"
    );
    assert!(!why.contains("provider order"), "{why}");
    let ids: Vec<_> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(ids.contains(&"files.parse_error"), "{ids:?}");
}

/// `mfa_serial` on a role profile: botocore asks "Enter MFA code for …" on
/// the terminal before its AssumeRole call and, with no terminal to type
/// in (stdin at end of file), raises EOFError without calling STS; the
/// Node SDK refuses without an MFA callback; aws-config ignores the
/// setting and calls AssumeRole without a code (this stub STS accepts it;
/// a role whose trust policy requires MFA refuses it).
#[test]
fn botocore_prompts_for_an_mfa_code_where_aws_config_ignores_mfa_serial() {
    let Some(o) = oracles() else { return };
    let sts = StsStub::start(StsBehaviour::Success);
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[src]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
        ))
        .config(&format!(
            "[default]\nrole_arn = {ROLE}\nsource_profile = src\nmfa_serial = arn:aws:iam::111122223333:mfa/me\n"
        ))
        .var("AWS_ENDPOINT_URL", &sts.url())
        .var("AWS_DEFAULT_REGION", "eu-west-1");
    let before = sts.requests().len();
    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["error"], "EOFError", "botocore: {py}");
    assert_eq!(sts.requests().len(), before, "botocore called STS");
    let js = node(&o, &sandbox, None);
    assert_ne!(js["verdict"], "resolved", "Node: {js}");
    assert!(sandbox.sdk_outcome(None).is_ok(), "aws-config ignores it");
    let json = check(&sandbox, &["--sdk", "python"]);
    assert_eq!(json["sdks"]["python"]["verdict"], "unverified", "{json}");
    let why = evidence(&json, "sdk.python_differs").unwrap_or_default();
    assert!(why.contains("mfa_serial"), "{json}");
    assert!(why.contains("EOFError"), "{json}");
}

/// A role whose source profile is a console login (`login_session`), with
/// no region anywhere: botocore resolves the source eagerly and fails with
/// `MissingDependencyException` (no `botocore[crt]`) before its STS client
/// would need a region, so `NoRegionError` is not what the user sees.
#[test]
fn botocore_fails_a_role_on_a_console_login_source_before_it_needs_a_region() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new().config(&format!(
        "[profile src]\nlogin_session = arn:aws:iam::111122223333:user/me\n[profile r]\nrole_arn = {ROLE}\nsource_profile = src\n"
    ));
    let py = botocore(&o, &sandbox, Some("r"));
    assert_eq!(py["error"], "MissingDependencyException", "botocore: {py}");
    let json = check(&sandbox, &["--offline", "--profile", "r"]);
    let python = &json["sdks"]["python"];
    assert_eq!(
        python["error"]["type"], "MissingDependencyException",
        "{json}"
    );
}

/// A config file that is not UTF-8 (a Latin-1 `é` in a region): botocore
/// decodes the files as UTF-8 and raises ConfigParseError before any
/// provider runs; aws-config reads past the byte and resolves the keys of
/// the credentials file. credwiz says the encoding is why (not the parser's
/// other rules, not a provider order) and that saving as UTF-8 fixes it.
#[test]
fn botocore_stops_at_a_config_file_that_is_not_utf8_where_aws_config_reads_past_it() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    ));
    std::fs::write(
        sandbox.home_path().join(".aws/config"),
        b"[default]\nregion = caf\xe9\n",
    )
    .expect("write the Latin-1 config");
    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["verdict"], "failed", "botocore: {py}");
    assert_eq!(py["error"], "ConfigParseError", "botocore: {py}");
    assert!(
        sandbox.sdk_outcome(None).is_ok(),
        "aws-config reads past it"
    );
    let json = check(&sandbox, &["--offline"]);
    assert_eq!(json["sdks"]["python"]["verdict"], "failed", "{json}");
    assert_eq!(
        json["sdks"]["python"]["error"]["type"], "ConfigParseError",
        "{json}"
    );
    let why = evidence(&json, "sdk.python_differs").unwrap_or_default();
    assert!(why.contains("as UTF-8 text"), "{why}");
    assert!(!why.contains("duplicate"), "{why}");
    assert!(!why.contains("provider order"), "{why}");
}

/// `AWS_CONFIG_FILE=` (set but empty): aws-config takes the variable as the
/// path and so reads no config file at all, like botocore; the default
/// `~/.aws/config` is not read. Here that hides a failing
/// `credential_process` (which aws-config would prefer over the credentials
/// file's keys) and every chain resolves the static keys.
#[test]
fn an_empty_aws_config_file_names_no_config_file_for_aws_config() {
    let Some(o) = oracles() else { return };
    let sandbox = Sandbox::new()
        .config("[profile dev]\ncredential_process = sh -c 'exit 3'\n")
        .credentials(&format!(
            "[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
        ))
        .var("AWS_PROFILE", "dev")
        .var("AWS_CONFIG_FILE", "");
    assert_eq!(
        sandbox.sdk_provider(None).as_deref(),
        Some("ProfileFile"),
        "aws-config reads only the credentials file"
    );
    let py = botocore(&o, &sandbox, None);
    assert_eq!(py["verdict"], "resolved", "botocore: {py}");
    let json = check(&sandbox, &["--offline"]);
    assert_eq!(json["sdks"]["rust"]["verdict"], "resolved", "{json}");
    assert_eq!(json["sdks"]["rust"]["provider"], "ProfileFile", "{json}");
}
