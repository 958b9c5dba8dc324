//! Secrets never leave, in any encoding: a URL's userinfo, a key id inside
//! `Credential=`, a helper's stderr that carries a known secret URL-encoded
//! or JSON-escaped, an SSO cache whose `expiresAt` holds a token, an S3 URL
//! whose path holds a known secret. `run_hostile` asserts that no planted
//! value shows in any of its encodings; each test adds what must be said.

use crate::harness::{json_escape, run_hostile, url_encode, SLASHED_SECRET};
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::support::world::{sso_cache_file, StsStub};
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(20);

#[test]
fn url_userinfo_and_key_ids_in_an_s3_url_are_masked() {
    let sandbox = Sandbox::new();
    let url = format!(
        "https://{KEY_ID}:{}@bucket.s3.eu-west-1.amazonaws.com/{}/key?X-Amz-Credential={KEY_ID}%2F20240101%2Feu-west-1%2Fs3%2Faws4_request#{}",
        url_encode(PLANTED_SECRET),
        url_encode(PLANTED_SECRET),
        PLANTED_SECRET
    );
    for format in [&[][..], &["--json"], &["--markdown"]] {
        let mut args = vec!["s3", "inspect", url.as_str()];
        args.extend_from_slice(format);
        let run = run_hostile("s3 inspect with userinfo", &sandbox, &args, BOUND);
        assert!(
            run.stdout().contains("AKIA************TW5Y"),
            "{}",
            run.stdout()
        );
    }
}

#[test]
fn a_pasted_error_with_credential_and_userinfo_is_masked() {
    let sandbox = Sandbox::new().credentials(&format!(
        "[other]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SLASHED_SECRET}\n"
    ));
    let error = format!(
        "SignatureDoesNotMatch: Credential={KEY_ID}/20240101/us-east-1/sts/aws4_request \
         GET http://admin:{}@127.0.0.1:9/x?sig={} body {{\"s\":\"{}\"}}",
        url_encode(SLASHED_SECRET),
        url_encode(SLASHED_SECRET),
        json_escape(SLASHED_SECRET)
    );
    for format in ["--json", "--markdown", "-v"] {
        run_hostile(
            "pasted error",
            &sandbox,
            &["check", "--offline", format, "--error-text", &error],
            BOUND,
        );
    }
}

#[test]
fn a_helpers_stderr_with_encoded_secrets_is_scrubbed() {
    let sandbox = Sandbox::new();
    let helper = sandbox.home_path().join("helper.sh");
    std::fs::write(
        &helper,
        format!(
            "echo 'refresh failed for {}' >&2\necho '{{\"SecretAccessKey\":\"{}\"}}' >&2\necho 'key {KEY_ID}' >&2\nexit 1\n",
            url_encode(SLASHED_SECRET),
            json_escape(SLASHED_SECRET)
        ),
    )
    .expect("helper");
    let sandbox = sandbox
        .credentials(&format!(
            "[other]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SLASHED_SECRET}\n"
        ))
        .config(&format!(
            "[default]\nregion = eu-west-1\ncredential_process = /bin/sh {}\n",
            helper.display()
        ));
    for args in [&["check", "-v"][..], &["check", "--json"], &["resolve"]] {
        let run = run_hostile("helper stderr", &sandbox, args, BOUND);
        assert_eq!(run.code(), Some(1), "{args:?}: {}", run.all());
    }
}

#[test]
fn an_sso_cache_whose_expiry_holds_a_token_is_described_not_echoed() {
    let sandbox = Sandbox::new()
        .config(
            "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = dev\nregion = eu-west-1\n\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        )
        .file(
            &sso_cache_file("corp"),
            &format!(r#"{{"accessToken":"{PLANTED_SECRET}","expiresAt":"{PLANTED_SECRET}"}}"#),
        );
    let run = run_hostile(
        "SSO cache with a token as expiry",
        &sandbox,
        &["check", "--offline", "--profile", "sso"],
        BOUND,
    );
    assert!(
        run.stdout()
            .contains("expiresAt is not a timestamp (40 characters)"),
        "{}",
        run.stdout()
    );
}

#[test]
fn an_sts_error_that_echoes_credential_shows_the_id_masked() {
    let sts = StsStub::error(
        403,
        "SignatureDoesNotMatch",
        &format!("Credential={KEY_ID}/20240101/us-east-1/sts/aws4_request is wrong; sig {PLANTED_SECRET}"),
    );
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_REGION", "us-east-1")
        .var("AWS_ENDPOINT_URL", &sts.url());
    for args in [
        &["check"][..],
        &["check", "--json"],
        &["check", "--markdown"],
    ] {
        let run = run_hostile("STS echoes Credential=", &sandbox, args, BOUND);
        assert!(
            run.stdout().contains("AKIA************TW5Y"),
            "{}",
            run.stdout()
        );
    }
}

/// The loopback guard refuses any URL with userinfo (it could hide the
/// host), so these two are set past it on a run that is `--offline`: credwiz
/// opens no connection at all, and the host is 127.0.0.1 anyway.
#[test]
fn url_userinfo_in_endpoint_variables_is_masked() {
    let sandbox = Sandbox::new();
    let container = format!("http://{KEY_ID}:{PLANTED_SECRET}@127.0.0.1:9/creds");
    let endpoint = format!("http://admin:{}@127.0.0.1:9", url_encode(SLASHED_SECRET));
    for format in [&["-v"][..], &["--json"], &["--markdown"]] {
        let mut args = vec!["check", "--offline"];
        args.extend_from_slice(format);
        let mut command = crate::harness::command(&sandbox, &args);
        command
            .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &container)
            .env("AWS_ENDPOINT_URL", &endpoint);
        let label = format!("userinfo in endpoint variables {format:?}");
        let run = crate::harness::run_command(&label, &sandbox, command, BOUND);
        assert!(
            !run.all().contains("admin:"),
            "{label}: a URL's userinfo is shown:\n{}",
            run.all()
        );
        if format == ["-v"] {
            assert!(
                run.stdout().contains(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI=http://<hidden>@127.0.0.1:9/creds"
                ),
                "{label}: {}",
                run.stdout()
            );
        }
    }
}
