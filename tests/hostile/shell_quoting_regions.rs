//! Fix lines that name a region quote it: a region with shell metacharacters
//! from `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's
//! `region =` stays one inert argument of every printed command.

use crate::harness::run_hostile;
use crate::sandbox::Sandbox;
use crate::shell_quoting::{assert_inert, printed_commands};
use std::time::Duration;

const HOSTILE_REGION: &str = "x;touch PWNED $(id)";

/// An expired presigned URL: `credentials-not-supported` ends at a fix that
/// presigns again in the client's region.
const EXPIRED_URL: &str =
    "https://s3.eu-west-1.amazonaws.com/bkt/key?X-Amz-Algorithm=AWS4-HMAC-SHA256\
    &X-Amz-Credential=AKIAZ7VQXJ4PLM2RTW5Y%2F20200101%2Feu-west-1%2Fs3%2Faws4_request\
    &X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host\
    &X-Amz-Signature=abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

/// Walks `credentials-not-supported` offline and checks its commands.
fn assert_region_quoted(label: &str, sandbox: &Sandbox, extra: &[&str]) {
    let mut args = vec![
        "run",
        "credentials-not-supported",
        "--offline",
        "--s3-request",
        EXPIRED_URL,
    ];
    args.extend_from_slice(extra);
    for format in [&[][..], &["--markdown"]] {
        let mut args = args.clone();
        args.extend_from_slice(format);
        let run = run_hostile(label, sandbox, &args, Duration::from_secs(20));
        let commands = printed_commands(&run.stdout());
        assert!(
            commands.iter().any(|c| c.contains("--region")),
            "{label}: no command names the region: {}",
            run.stdout()
        );
        assert_inert(label, &commands, HOSTILE_REGION);
    }
}

#[test]
fn a_hostile_region_flag_is_quoted_in_fix_lines() {
    assert_region_quoted(
        "run --region <metacharacters>",
        &Sandbox::new(),
        &["--region", HOSTILE_REGION],
    );
}

#[test]
fn a_hostile_aws_region_is_quoted_in_fix_lines() {
    let sandbox = Sandbox::new().var("AWS_REGION", HOSTILE_REGION);
    assert_region_quoted("AWS_REGION=<metacharacters>", &sandbox, &[]);
}

#[test]
fn a_hostile_aws_default_region_is_quoted_in_fix_lines() {
    let sandbox = Sandbox::new().var("AWS_DEFAULT_REGION", HOSTILE_REGION);
    assert_region_quoted("AWS_DEFAULT_REGION=<metacharacters>", &sandbox, &[]);
}

#[test]
fn a_hostile_region_in_the_config_file_is_quoted_in_fix_lines() {
    let sandbox = Sandbox::new().config(&format!("[default]\nregion = {HOSTILE_REGION}\n"));
    assert_region_quoted("region = <metacharacters>", &sandbox, &[]);
}

/// An expired presigned URL to the global endpoint (no region in the host)
/// whose credential scope names a region with metacharacters.
const SCOPED_URL: &str = "https://bkt.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256\
    &X-Amz-Credential=AKIAZ7VQXJ4PLM2RTW5Y%2F20200101%2Fx%3Btouch%20PWNED%20%24%28id%29%2Fs3%2Faws4_request\
    &X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host\
    &X-Amz-Signature=abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

#[test]
fn a_hostile_region_in_a_presigned_credential_scope_is_quoted_in_fix_lines() {
    let sandbox = Sandbox::new();
    for args in [
        &["s3", "inspect", SCOPED_URL][..],
        &["s3", "inspect", "--markdown", SCOPED_URL],
        &["check", "--offline", "--s3-request", SCOPED_URL],
    ] {
        let label = format!("{args:?} with a hostile scope region");
        let run = run_hostile(&label, &sandbox, args, Duration::from_secs(20));
        assert_inert(&label, &printed_commands(&run.stdout()), HOSTILE_REGION);
    }
}
