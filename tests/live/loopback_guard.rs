//! The one loopback guard (tests/support/loopback.rs) itself: only
//! `127.0.0.1`, `[::1]` and `localhost`, written exactly, are loopback.

use crate::support::env::loopback_env;
use crate::support::loopback::{assert_loopback_url, is_loopback_url, loopback_refusal};
use crate::support::sandbox::Sandbox;

const LOOPBACK: &[&str] = &[
    "http://127.0.0.1",
    "http://127.0.0.1:8080",
    "http://127.0.0.1:8080/creds",
    "http://127.0.0.1/?q=1",
    "https://127.0.0.1:443/",
    "http://[::1]",
    "http://[::1]:80",
    "http://[::1]:4566/path",
    "http://localhost",
    "https://localhost:4566/bucket/key",
];

const NOT_LOOPBACK: &[&str] = &[
    // Lookalikes: the loopback text is only a prefix of another host.
    "http://127.0.0.1.example.com",
    "http://127.0.0.1.example.com:8080/",
    "https://127.0.0.1.nip.io",
    "http://localhost.evil",
    "http://localhost.evil:80/",
    "http://localhost.",
    // User info before the real host.
    "http://127.0.0.1@evil.com",
    "http://127.0.0.1:80@evil.com/",
    "http://localhost@evil.com",
    "http://user:secret@127.0.0.1",
    // Loopback text after the host, in the fragment, query or path.
    "http://evil.com#@127.0.0.1",
    "http://evil.com?127.0.0.1",
    "http://evil.com/127.0.0.1",
    "http://127.0.0.1\\@evil.com",
    // Instance metadata and real AWS.
    "http://169.254.169.254",
    "http://169.254.169.254/latest/api/token",
    "169.254.169.254",
    "http://[fd00:ec2::254]",
    "https://sts.amazonaws.com",
    "https://s3.us-east-1.amazonaws.com",
    // Other loopback spellings a parser normalises but a client may not.
    "http://127.1",
    "http://0x7f.0.0.1",
    "http://2130706433",
    "http://127.000.000.001",
    "http://LOCALHOST",
    "http://[0:0:0:0:0:0:0:1]",
    "http://[::ffff:127.0.0.1]",
    // The rest of 127.0.0.0/8 and the unspecified address.
    "http://127.0.0.2",
    "http://0.0.0.0",
    // No scheme, another scheme, or nothing at all.
    "127.0.0.1",
    "127.0.0.1:8080",
    "localhost:4566",
    "localhost.evil",
    "//127.0.0.1",
    "ftp://127.0.0.1",
    "file:///etc/passwd",
    "unix:/var/run/docker.sock",
    "",
    // Whitespace and control characters around or inside the host.
    " http://127.0.0.1",
    "http://127.0.0.1 ",
    "http://127.0.\t0.1",
    "http://127.0.0.1\n.evil.com",
];

#[test]
fn loopback_guard_accepts_exact_loopback_hosts() {
    for url in LOOPBACK {
        assert_eq!(loopback_refusal(url), None, "{url:?} is loopback");
        assert!(is_loopback_url(url), "{url:?} is loopback");
    }
}

#[test]
fn loopback_guard_refuses_everything_else() {
    for url in NOT_LOOPBACK {
        assert!(!is_loopback_url(url), "{url:?} must not count as loopback");
    }
}

#[test]
#[should_panic(expected = "must point at loopback")]
fn loopback_guard_panics_on_a_lookalike_host() {
    assert_loopback_url("endpoint", "http://127.0.0.1.example.com");
}

#[test]
#[should_panic(expected = "must point at loopback")]
fn loopback_env_refuses_user_info_before_a_real_host() {
    let home = tempfile::tempdir().expect("temp home");
    loopback_env(home.path(), "http://127.0.0.1@evil.com");
}

#[test]
#[should_panic(
    expected = "AWS_ENDPOINT_URL=http://127.0.0.1.example.com is not a loopback address"
)]
fn sandbox_refuses_a_lookalike_endpoint() {
    Sandbox::new()
        .var("AWS_ENDPOINT_URL", "http://127.0.0.1.example.com")
        .env();
}

#[test]
#[should_panic(
    expected = "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://169.254.169.254 is not a loopback address"
)]
fn sandbox_refuses_the_real_instance_metadata_address() {
    Sandbox::new()
        .unset("AWS_EC2_METADATA_DISABLED")
        .var(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "http://169.254.169.254",
        )
        .env();
}

#[test]
#[should_panic(
    expected = "AWS_CONTAINER_CREDENTIALS_FULL_URI=http://localhost.evil/creds is not a loopback address"
)]
fn sandbox_refuses_a_lookalike_container_endpoint() {
    Sandbox::new()
        .var(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://localhost.evil/creds",
        )
        .env();
}

#[test]
#[should_panic(
    expected = "AWS_ENDPOINT_URL_SECRETSMANAGER=https://127.0.0.1.nip.io is not a loopback address"
)]
fn sandbox_refuses_a_lookalike_endpoint_for_any_service() {
    Sandbox::new()
        .var(
            "AWS_ENDPOINT_URL_SECRETSMANAGER",
            "https://127.0.0.1.nip.io",
        )
        .env();
}
