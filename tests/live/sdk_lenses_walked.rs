//! Scenarios of the divergence suite whose answer credwiz already has from
//! its own walk: a credential_process it ran (exiting non-zero, printing
//! broken JSON or JSON without `Version`, naming a missing program), a web
//! identity token file it found missing, an SSO token it read expired. Every
//! SDK fails alike there, so no lens may call its answer `unverified` and no
//! `sdk.*_differs` may say it "might not fail". Their secrets hold `/` and `+`.

use super::sdk_lenses::{keys, sc, sc_run, Scenario, ROLE, START_URL};
use crate::support::sandbox::*;
use crate::support::world::sso_cache_file;

/// A credential_process line for the config file.
fn process(command: &str) -> String {
    format!("[default]\ncredential_process = {command}\n")
}

/// The JSON a helper prints, with the slashed secret, minus what `drop` names.
pub(crate) fn helper_json(drop: &str) -> String {
    let fields = [
        ("Version", "1".to_string()),
        ("AccessKeyId", format!("\"{KEY_ID}\"")),
        ("SecretAccessKey", format!("\"{PLANTED_SLASH_SECRET}\"")),
    ];
    let kept: Vec<String> = fields
        .iter()
        .filter(|(name, _)| *name != drop)
        .map(|(name, value)| format!("\"{name}\": {value}"))
        .collect();
    format!("{{{}}}", kept.join(", "))
}

/// The failing helpers, by what they do wrong.
pub(crate) fn failing_helpers() -> [(&'static str, String); 4] {
    [
        (
            "exits non-zero",
            format!("sh -c 'echo access denied >&2; exit 3' {}", "helper"),
        ),
        (
            "prints broken JSON",
            // Cut off before its closing brace, secret and all.
            format!("printf '{}'", helper_json("").trim_end_matches('}')),
        ),
        (
            "omits Version",
            format!("printf '{}'", helper_json("Version")),
        ),
        (
            "names a missing program",
            "credwiz-no-such-helper --profile dev".to_string(),
        ),
    ]
}

/// A helper that prints credentials which expired in 2020 (with a session
/// token): aws-config uses them, botocore and Node refuse them.
pub(crate) fn expired_helper() -> String {
    let json = helper_json("").trim_end_matches('}').to_string()
        + &format!(
            ", \"SessionToken\": \"{PLANTED_TOKEN}\", \"Expiration\": \"2020-01-01T00:00:00Z\"}}"
        );
    format!("printf '{json}'")
}

/// A cached SSO token that expired, with or without what a refresh needs.
pub(crate) fn expired_sso_token(refresh: Option<&str>) -> String {
    let refresh = match refresh {
        Some(registration_expires) => format!(
            ", \"refreshToken\": \"{PLANTED_SLASH_SECRET}\", \"clientId\": \"client-id-0123\", \"clientSecret\": \"{PLANTED_SECRET}\", \"registrationExpiresAt\": \"{registration_expires}\""
        ),
        None => String::new(),
    };
    format!(
        "{{\"startUrl\": \"{START_URL}\", \"region\": \"eu-west-1\", \"accessToken\": \"{PLANTED_SLASH_SECRET}\", \"expiresAt\": \"2020-01-01T00:00:00Z\"{refresh}}}"
    )
}

/// A profile `s` that uses SSO by start URL (legacy) or by `sso-session corp`.
pub(crate) fn sso_profile(session: bool) -> String {
    if session {
        format!("[profile s]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n")
    } else {
        format!("[profile s]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = eu-west-1\n")
    }
}

pub(crate) const MISSING_TOKEN: &str = "/nonexistent/credwiz-test/web-identity-token";

pub(crate) fn scenarios() -> Vec<Scenario> {
    let n = Sandbox::new;
    let [exits, broken, no_version, missing] = failing_helpers().map(|(_, c)| process(&c));
    let web_env = |s: Sandbox| {
        s.var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/missing-token")
            .var("AWS_ROLE_ARN", ROLE)
    };
    let web_profile = format!(
        "[default]\nrole_arn = {ROLE}\nweb_identity_token_file = {MISSING_TOKEN}\nregion = eu-west-1\n"
    );
    let sso = |session: bool, token: String| {
        let key = if session { "corp" } else { START_URL };
        n().config(&sso_profile(session))
            .file(&sso_cache_file(key), &token)
            .var("AWS_PROFILE", "s")
    };
    vec![
        sc_run("credential_process that exits non-zero", n().config(&exits)),
        sc_run(
            "credential_process printing broken JSON",
            n().config(&broken),
        ),
        sc_run(
            "credential_process output without Version",
            n().config(&no_version),
        ),
        sc_run(
            "credential_process naming a missing program",
            n().config(&missing),
        ),
        sc_run(
            "credential_process printing expired credentials",
            n().config(&process(&expired_helper())),
        ),
        sc_run(
            "credential_process that fails, keys in the credentials file",
            n().config(&exits).credentials(&keys("default", KEY_ID)),
        ),
        sc(
            "web identity variables naming a missing token file",
            web_env(n()).var("AWS_DEFAULT_REGION", "eu-west-1"),
        ),
        sc(
            "web identity variables naming a missing token file, no region",
            web_env(n()),
        ),
        sc(
            "web identity variables naming a missing token file beside a default profile",
            web_env(n().credentials(&keys("default", KEY_ID)))
                .var("AWS_DEFAULT_REGION", "eu-west-1"),
        ),
        sc(
            "web_identity_token_file in the profile names a missing file",
            n().config(&web_profile),
        ),
        sc(
            "SSO profile with an expired cached token",
            sso(false, expired_sso_token(None)),
        ),
        sc(
            "SSO profile with an expired cached token and a refresh token",
            sso(false, expired_sso_token(Some("2099-01-01T00:00:00Z"))),
        ),
        sc(
            "SSO session with an expired token and no refresh token",
            sso(true, expired_sso_token(None)),
        ),
    ]
}
