//! `credwiz s3 inspect` through the real binary: classification, exit codes,
//! and no signature, token or secret from the pasted input in any output.

use crate::support::sandbox;

use sandbox::*;

const SIGNATURE: &str = "d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e";

fn presigned_website_url() -> String {
    format!(
        "https://media.s3-website-eu-west-1.amazonaws.com/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={KEY_ID}%2F20260101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Security-Token={PLANTED_TOKEN}&X-Amz-Signature={SIGNATURE}"
    )
}

#[test]
fn a_presigned_url_with_a_header_on_a_website_endpoint() {
    let sandbox = Sandbox::new();
    let url = presigned_website_url();
    let header = format!("x-amz-security-token: {PLANTED_TOKEN}");
    for format in ["", "--json", "--markdown"] {
        let mut args = vec!["s3", "inspect", url.as_str(), "-H", header.as_str()];
        if !format.is_empty() {
            args.push(format);
        }
        let out = sandbox.credwiz(&args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        for id in ["s3.mixed_auth", "s3.website_endpoint_with_credentials"] {
            assert!(stdout.contains(id), "{format}: missing {id}\n{stdout}");
        }
        assert!(
            !stdout.contains(SIGNATURE) && !stdout.contains(KEY_ID),
            "{stdout}"
        );
        assert_no_secrets(&format!("s3 inspect {format}"), &out);
    }
}

#[test]
fn a_pasted_curl_command_is_parsed_and_scrubbed() {
    let sandbox = Sandbox::new();
    let curl = format!(
        "curl -X GET 'https://data.s3.us-east-1.amazonaws.com/report.csv' \\\n  --user '{KEY_ID}:{PLANTED_SECRET}' --aws-sigv4 'aws:amz:us-east-1:s3'"
    );
    let out = sandbox.credwiz(&["s3", "inspect", "--curl", &curl, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["bucket"], "data");
    assert_eq!(json["endpoint_class"], "rest_virtual_hosted");
    assert_no_secrets("s3 inspect --curl", &out);
}

#[test]
fn bad_input_is_a_usage_error_not_a_panic() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&["s3", "inspect", "--curl", "curl -H 'unbalanced"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let out = sandbox.credwiz(&["s3", "inspect", "not a url"]);
    assert_eq!(out.status.code(), Some(2));
}
