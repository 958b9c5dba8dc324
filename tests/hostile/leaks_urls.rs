//! URLs that carry a secret, however it is spelled: a password with `/`,
//! `+`, `@`, `:` or `%` in the userinfo of every URL-valued variable, and a
//! known secret in an S3 URL's path, query or `#fragment`. Every output
//! format of `check` and `s3 inspect` is read for the secret raw,
//! URL-encoded, JSON-escaped, in base64 and for any ten characters of it.
//!
//! The userinfo is set past the sandbox's loopback guard (which refuses
//! userinfo, since it can hide the host) on `--offline` runs: credwiz opens
//! no connection and resolves no name, and every host is 127.0.0.1 anyway.

use crate::harness::{base64, command, json_escape, run_command, url_encode, Run, SLASHED_SECRET};
use crate::sandbox::{Sandbox, KEY_ID};
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(20);

/// Every variable whose value is a URL some SDK or HTTP client reads.
const URL_VARIABLES: &[&str] = &[
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_S3",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "https_proxy",
];

/// Passwords with each character that ends or splits a URL's parts, all
/// with `/` and `+` as a third of real AWS secrets have.
const AT_SECRET: &str = "Nq4Vz8LwRt@5Nm2Pk/Xc7Jb+Yd4FsUeHo1";
const COLON_SECRET: &str = "Mp3Uy7KvQs:4Lk1Oj/Wb6Ia+Xc3ErTd9Gn";
const PERCENT_SECRET: &str = "Lo2Tx6JuPr%4Kj0Ni/Va5Hz+Wb2DqSc8Fm";
/// A secret in no file: only the URL's own shape can hide it.
const FRAGMENT_ONLY: &str = "Zx9Qw8Er/7Ty6Ui5Op+4As3Df2Gh1Jk0Lz";

/// The userinfo spellings: `user:password`, password only, a token as the
/// user name, a raw `@` and `:` inside the password, a percent-encoded and a
/// stray `%`.
fn userinfos() -> Vec<(String, &'static str)> {
    vec![
        (format!("{KEY_ID}:{SLASHED_SECRET}"), SLASHED_SECRET),
        (format!(":{SLASHED_SECRET}"), SLASHED_SECRET),
        (SLASHED_SECRET.to_string(), SLASHED_SECRET),
        (format!("admin:{AT_SECRET}"), AT_SECRET),
        (format!("{KEY_ID}:{COLON_SECRET}"), COLON_SECRET),
        (format!("admin:{}", url_encode(AT_SECRET)), AT_SECRET),
        (format!("admin:{PERCENT_SECRET}"), PERCENT_SECRET),
    ]
}

/// No trace of `secret` in `text`: whole in any encoding, or any ten
/// consecutive characters of it.
fn assert_no_trace(label: &str, text: &str, secret: &str) {
    let forms = [
        secret.to_string(),
        url_encode(secret),
        json_escape(secret),
        json_escape(secret).replace("\\/", "/"),
        base64(secret.as_bytes()),
    ];
    for form in forms {
        assert!(
            !text.contains(&form),
            "{label}: leaked as {form:?}:\n{text}"
        );
    }
    let chars: Vec<char> = secret.chars().collect();
    for window in chars.windows(10) {
        let piece: String = window.iter().collect();
        assert!(!text.contains(&piece), "{label}: leaked {piece:?}:\n{text}");
    }
}

/// `check --offline` with `vars` set past the loopback guard.
fn check_with(sandbox: &Sandbox, format: &[&str], vars: &[(&str, String)], label: &str) -> Run {
    let mut args = vec!["check", "--offline"];
    args.extend_from_slice(format);
    let mut command = command(sandbox, &args);
    for (name, value) in vars {
        command.env(name, value);
    }
    run_command(label, sandbox, command, BOUND)
}

const CHECK_FORMATS: &[&[&str]] = &[&[], &["-v"], &["--json"], &["--markdown"]];

#[test]
fn userinfo_of_every_url_variable_is_hidden_however_the_password_is_spelled() {
    let sandbox = Sandbox::new();
    for (userinfo, secret) in userinfos() {
        // With a path, without one, and with a query, so the authority ends
        // at `/`, at the end and at `?`.
        let vars: Vec<(&str, String)> = URL_VARIABLES
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let tail = ["/creds", "", "/?x=1"][i % 3];
                (*name, format!("http://{userinfo}@127.0.0.1:9{tail}"))
            })
            .collect();
        for format in CHECK_FORMATS {
            let label = format!("all variables with {userinfo:?}, {format:?}");
            let run = check_with(&sandbox, format, &vars, &label);
            assert_no_trace(&label, &run.all(), secret);
        }
    }
}

#[test]
fn userinfo_of_each_url_variable_alone_is_hidden_in_the_variable_listing() {
    let sandbox = Sandbox::new();
    let userinfo = format!("{KEY_ID}:{SLASHED_SECRET}");
    for name in URL_VARIABLES {
        let vars = [(*name, format!("http://{userinfo}@127.0.0.1:9/creds"))];
        for format in CHECK_FORMATS {
            let label = format!("{name} alone, {format:?}");
            let run = check_with(&sandbox, format, &vars, &label);
            assert_no_trace(&label, &run.all(), SLASHED_SECRET);
            if *format == ["-v"] && name.starts_with("AWS_") {
                let shown = format!("{name}=http://<hidden>@127.0.0.1:9/creds");
                assert!(run.stdout().contains(&shown), "{label}:\n{}", run.stdout());
            }
        }
    }
}

/// A credentials file whose secrets have `/` and `+` (and `@`, `:`, `%`).
fn sandbox_with_known_secrets() -> Sandbox {
    let mut text = String::new();
    for (i, secret) in [SLASHED_SECRET, AT_SECRET, COLON_SECRET, PERCENT_SECRET]
        .iter()
        .enumerate()
    {
        text.push_str(&format!(
            "[p{i}]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {secret}\n"
        ));
    }
    Sandbox::new().credentials(&text)
}

/// S3 URLs with a known secret in the path (raw and encoded), in a query
/// value of an ordinary name, and in the fragment.
fn s3_urls(secret: &str) -> Vec<String> {
    let host = "https://bucket.s3.eu-west-1.amazonaws.com";
    vec![
        format!("{host}/a/{secret}/k"),
        format!("{host}/a/{}/k", url_encode(secret)),
        format!("{host}/k?note={}", url_encode(secret)),
        format!("{host}/k#{secret}"),
        format!("{host}/k#{}", url_encode(secret)),
        format!("https://{KEY_ID}:{secret}@bucket.s3.eu-west-1.amazonaws.com/k"),
    ]
}

#[test]
fn s3_inspect_scrubs_the_users_known_secrets_from_the_url() {
    let sandbox = sandbox_with_known_secrets();
    for secret in [SLASHED_SECRET, AT_SECRET, COLON_SECRET, PERCENT_SECRET] {
        for url in s3_urls(secret) {
            for format in [&[][..], &["--json"], &["--markdown"]] {
                let mut args = vec!["s3", "inspect", url.as_str()];
                args.extend_from_slice(format);
                let label = format!("s3 inspect {url:?} {format:?}");
                let run = run_command(&label, &sandbox, command(&sandbox, &args), BOUND);
                assert_no_trace(&label, &run.all(), secret);
            }
            for format in CHECK_FORMATS {
                let label = format!("check --s3-request {url:?} {format:?}");
                let mut with_request = format.to_vec();
                with_request.extend(["--s3-request", url.as_str()]);
                let run = check_with(&sandbox, &with_request, &[], &label);
                assert_no_trace(&label, &run.all(), secret);
            }
        }
    }
}

#[test]
fn a_fragment_is_never_echoed_and_the_output_says_it_is_not_sent() {
    let sandbox = Sandbox::new();
    let url = format!("https://bucket.s3.eu-west-1.amazonaws.com/k#{FRAGMENT_ONLY}");
    let encoded = format!(
        "https://bucket.s3.eu-west-1.amazonaws.com/k#{}",
        url_encode(FRAGMENT_ONLY)
    );
    for url in [&url, &encoded] {
        for format in [&[][..], &["--json"], &["--markdown"]] {
            let mut args = vec!["s3", "inspect", url.as_str()];
            args.extend_from_slice(format);
            let label = format!("s3 inspect {url:?} {format:?}");
            let run = run_command(&label, &sandbox, command(&sandbox, &args), BOUND);
            assert_no_trace(&label, &run.all(), FRAGMENT_ONLY);
            let said = if format == ["--json"] {
                let json: serde_json::Value =
                    serde_json::from_str(&run.stdout()).expect("s3 inspect --json");
                json["fragment_dropped"] == true
            } else {
                run.stdout().contains("never send it")
            };
            assert!(
                said,
                "{label}: the dropped fragment is not mentioned:\n{}",
                run.stdout()
            );
        }
    }
}
