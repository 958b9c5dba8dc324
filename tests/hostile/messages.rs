//! Messages a person can use: no Rust Debug dumps (every hostile run is
//! checked for them by the harness), no empty reasons, an S3 request whose
//! expiry or date is impossible is flagged, a URL inside a pasted error keeps
//! its query string, and a long acyclic playbook is walked to its end.

use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::support::world::StsStub;
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(20);

fn keyed() -> Sandbox {
    Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\nregion = us-east-1\n"
    ))
}

#[test]
fn an_sts_error_without_code_or_message_still_gives_a_reason() {
    let sts = StsStub::error(500, "", "");
    let sandbox = keyed().var("AWS_ENDPOINT_URL", &sts.url());
    let run = run_hostile("STS 500 without a body", &sandbox, &["check"], BOUND);
    let out = run.stdout();
    assert!(out.contains("STS answered HTTP 500: "), "{out}");
    for line in out.lines().filter(|l| l.contains("STS answered")) {
        let reason = line.rsplit_once(": ").map(|(_, r)| r.trim()).unwrap_or("");
        assert!(!reason.is_empty(), "an empty reason: {line}");
    }
}

const EXPIRED_URL: &str = "https://b.s3.us-east-1.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAZ7VQXJ4PLM2RTW5Y%2F20200101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

#[test]
fn a_url_in_a_pasted_error_keeps_its_query_string() {
    let sandbox = Sandbox::new();
    let error = format!(
        "An error occurred (AccessDenied) when calling GetObject: Request has expired for {EXPIRED_URL}. Please retry"
    );
    let run = run_hostile(
        "expired presigned URL inside --error-text",
        &sandbox,
        &["check", "--offline", "--json", "--error-text", &error],
        BOUND,
    );
    assert!(
        run.stdout().contains("s3.presigned_expired"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout().contains("X-Amz-Date=20200101T000000Z"),
        "{}",
        run.stdout()
    );
}

#[test]
fn impossible_lifetimes_and_dates_are_flagged() {
    let sandbox = Sandbox::new();
    for (from, to, says) in [
        (
            "X-Amz-Expires=60",
            "X-Amz-Expires=-1",
            "X-Amz-Expires=-1 is not",
        ),
        (
            "X-Amz-Expires=60",
            "X-Amz-Expires=99999999999999999999",
            "X-Amz-Expires=99999999999999999999 is not",
        ),
        (
            "X-Amz-Expires=60",
            "X-Amz-Expires=604801",
            "X-Amz-Expires=604801 is not",
        ),
        (
            "X-Amz-Date=20200101T000000Z",
            "X-Amz-Date=20240231T120000Z",
            "X-Amz-Date=20240231T120000Z is not a real time",
        ),
        (
            "X-Amz-Date=20200101T000000Z",
            "X-Amz-Date=20241399T256199Z",
            "X-Amz-Date=20241399T256199Z is not a real time",
        ),
    ] {
        let url = EXPIRED_URL.replace(from, to);
        let run = run_hostile(to, &sandbox, &["s3", "inspect", &url], BOUND);
        assert_eq!(run.code(), Some(1), "{to}: {}", run.stdout());
        assert!(
            run.stdout().contains("s3.presigned_invalid"),
            "{to}: {}",
            run.stdout()
        );
        assert!(run.stdout().contains(says), "{to}: {}", run.stdout());
        assert!(
            !run.stdout().contains("Nothing wrong"),
            "{to}: {}",
            run.stdout()
        );
    }
}

#[test]
fn a_long_acyclic_playbook_is_walked_to_its_end() {
    // Credentials that resolve: its "all is well" end stands (an empty HOME
    // would put the report's error in its place).
    let sandbox = Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET);
    let nodes = 100_000;
    let mut text = String::from(
        "id = \"long\"\ntitle = \"A long chain\"\nsummary = \"Many nodes.\"\nstart = \"n0\"\n\n",
    );
    for i in 0..nodes - 1 {
        text.push_str(&format!(
            "[nodes.n{i}]\nkind = \"check\"\ntitle = \"Step {i}\"\nexplain = \"x\"\ncheck = \"env_keys\"\ndefault = \"n{}\"\n\n",
            i + 1
        ));
    }
    text.push_str(&format!(
        "[nodes.n{}]\nkind = \"end\"\ntitle = \"End\"\nseverity = \"ok\"\ndiagnosis = \"reached the last node\"\nfix = []\n",
        nodes - 1
    ));
    let folder = tempfile::tempdir().expect("playbook folder");
    std::fs::write(folder.path().join("long.toml"), text).expect("write");
    let dir = folder.path().to_string_lossy().to_string();
    let run = run_hostile(
        "100,000-node playbook",
        &sandbox,
        &["--playbooks", &dir, "run", "long", "--offline"],
        Duration::from_secs(120),
    );
    assert_eq!(run.code(), Some(0), "{}", run.all());
    assert!(
        run.stdout().contains("reached the last node"),
        "{}",
        run.stdout()
    );
    assert!(!run.all().contains("loops"), "{}", run.all());
}

/// The scrubber hides the planted token, never the SDK's or credwiz's own
/// words next to "token:" ("failed to load the cached SSO token").
#[test]
fn the_scrubber_leaves_the_sso_cache_message_whole() {
    let sandbox = Sandbox::new()
        .config(
            "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = dev\nregion = eu-west-1\n\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        )
        .file(
            // sha1("corp"), the cache name the SDK uses for session "corp".
            ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json",
            &format!(r#"{{"accessToken":"{PLANTED_SECRET}"}}"#),
        );
    for args in [
        &["check", "--profile", "sso", "-v"][..],
        &["check", "--profile", "sso", "--json"],
    ] {
        let run = run_hostile("SSO cache without expiry", &sandbox, args, BOUND);
        let out = run.stdout();
        assert!(
            out.contains("failed to load the cached SSO token"),
            "{args:?}: {out}"
        );
        assert!(!out.contains("<hidden> to load"), "{args:?}: {out}");
    }
}

/// Endpoint variables that are not usable URLs and bucket or key names no
/// URL can carry as they are: the SDK's errors about them are put in words,
/// never shown as a Rust Debug dump (the harness checks every run for one).
///
/// The loopback guard refuses such values, so they are set past it: none
/// names a host and port anything could connect to, `AWS_ENDPOINT_URL`
/// (what a service falls back to) stays the guarded refused loopback URL,
/// and instance metadata stays disabled.
#[test]
fn malformed_endpoints_and_bucket_names_are_put_in_words() {
    let sandbox = keyed();
    for endpoint in ["not a url", "http://[::1", "http://127.0.0.1:9/a b"] {
        for bucket in ["bad bucket!", "a/b", "{x}", "%zz"] {
            let args = ["check", "-v", "--s3-bucket", bucket, "--s3-key", "k y"];
            let mut command = crate::harness::command(&sandbox, &args);
            command
                .env("AWS_ENDPOINT_URL_STS", endpoint)
                .env("AWS_ENDPOINT_URL_S3", endpoint)
                .env(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    format!("{endpoint}/creds"),
                );
            let label = format!("endpoints {endpoint:?}, --s3-bucket {bucket:?}");
            let run = crate::harness::run_command(&label, &sandbox, command, BOUND);
            assert_eq!(run.code(), Some(1), "{label}: {}", run.all());
        }
    }
}
