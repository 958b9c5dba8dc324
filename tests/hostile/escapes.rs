//! Escape sequences in every kind of untrusted text a report quotes: a value
//! in the config file, an STS or S3 error message (from loopback stubs), a
//! pasted error and a URL-decoded S3 path. Written to a pipe, no escape or
//! bell character is left; on a colour terminal, only credwiz's own colour.

use crate::colour::{assert_only_own_colour, on_colour_terminal, CLIPBOARD, RED, WIPE};
use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::support::world::{S3ErrorStub, StsStub};
use std::time::Duration;

/// The planted sequences, one after the other, ending in a word that a
/// colour sequence would paint red.
fn planted() -> String {
    format!("{WIPE}{CLIPBOARD}{RED}red")
}

/// The same sequences percent-encoded, as in a URL's path.
const PLANTED_ENCODED: &str = "%1B%5B2J%1B%5D52%3Bc%3BdG91Y2ggUFdORUQ%3D%07%1B%5B31mred";

/// Plain, Markdown and JSON output to a pipe, then the human report on a
/// colour terminal: no planted sequence acts.
/// The planted text must still be shown (as placeholders, or stripped of
/// its control characters).
fn assert_inert_everywhere(label: &str, sandbox: &Sandbox, args: &[&str], header: &str) {
    let shown = "]52;c;";
    for format in [&[][..], &["--markdown"], &["--json"]] {
        let mut args = args.to_vec();
        args.extend_from_slice(format);
        let label = format!("{label} {format:?}");
        let run = run_hostile(&label, sandbox, &args, Duration::from_secs(20));
        let all = run.all();
        assert!(
            all.contains(shown),
            "{label}: {shown:?} is not shown:\n{all}"
        );
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{label}: an escape or bell character reached the output:\n{all:?}"
        );
    }
    if let Some(run) = on_colour_terminal(label, sandbox, args) {
        assert_only_own_colour(label, &run.stdout(), header);
    }
}

#[test]
fn escape_sequences_in_a_config_value_stay_text() {
    let value = planted();
    let sandbox = Sandbox::new().config(&format!(
        "[default]\nregion = eu{value}\nrole_arn = arn:aws:iam::123456789012:role/r{value}\n"
    ));
    assert_inert_everywhere(
        "config values",
        &sandbox,
        &["check", "--offline"],
        "credwiz check:",
    );
}

#[test]
fn escape_sequences_in_an_sts_error_message_stay_text() {
    let sts = StsStub::error(403, "InvalidClientTokenId", &format!("bad{}", planted()));
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_REGION", "us-east-1")
        .var("AWS_ENDPOINT_URL", &sts.url());
    assert_inert_everywhere("STS error message", &sandbox, &["check"], "credwiz check:");
}

#[test]
fn escape_sequences_in_a_pasted_error_stay_text() {
    let error = format!(
        "An error occurred (AccessDenied) when calling GetObject: denied{} for https://b.s3.amazonaws.com/k{PLANTED_ENCODED}",
        planted()
    );
    let sandbox = Sandbox::new();
    assert_inert_everywhere(
        "pasted error",
        &sandbox,
        &["check", "--offline", "--error-text", &error],
        "credwiz check:",
    );
}

#[test]
fn escape_sequences_in_a_url_decoded_s3_path_stay_text() {
    let url = format!(
        "https://bkt.s3.eu-west-1.amazonaws.com/dir{PLANTED_ENCODED}/key?X-Amz-Algorithm=AWS4-HMAC-SHA256\
         &X-Amz-Credential={KEY_ID}%2F20200101%2Feu-west-1%2Fs3%2Faws4_request\
         &X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host\
         &X-Amz-Signature=abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
    );
    let sandbox = Sandbox::new();
    assert_inert_everywhere(
        "URL-decoded S3 path",
        &sandbox,
        &["s3", "inspect", &url],
        "credwiz s3 inspect:",
    );
}

#[test]
fn escape_sequences_in_an_s3_error_message_stay_text() {
    let sts = StsStub::start(crate::support::world::StsBehaviour::Success);
    let s3 = S3ErrorStub::start(403, "AccessDenied", &format!("denied{}", planted()));
    let sandbox = Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_REGION", "us-east-1")
        .var("AWS_ENDPOINT_URL", &sts.url())
        .var("AWS_ENDPOINT_URL_S3", &s3.url());
    assert_inert_everywhere(
        "S3 error message",
        &sandbox,
        &["check", "--s3-bucket", "bkt", "--s3-key", "k"],
        "credwiz check:",
    );
}
