//! A URL or curl command in --error-text / --s3-request reaches the S3
//! analysis from `check` and from the credentials-not-supported playbook.

use crate::support::sandbox;

use sandbox::*;

fn website_request() -> String {
    format!(
        "curl -H 'Authorization: AWS4-HMAC-SHA256 Credential={KEY_ID}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' http://site.s3-website-us-east-1.amazonaws.com/index.html"
    )
}

#[test]
fn check_finds_the_request_inside_the_pasted_error() {
    let sandbox = Sandbox::new();
    let error = format!(
        "botocore.exceptions.ClientError: CredentialsNotSupported (400) for https://site.s3-website-us-east-1.amazonaws.com/index.html?X-Amz-Security-Token={PLANTED_TOKEN}"
    );
    let (out, json) = sandbox.check_json(&["--offline", "--error-text", &error]);
    assert_eq!(json["s3_request"]["endpoint_class"], "website", "{json:#}");
    let ids = finding_ids(&json);
    assert!(
        ids.iter()
            .any(|id| id == "s3.anonymous_endpoint_with_token"),
        "{ids:?}"
    );
    assert_no_secrets("check --error-text with a URL", &out);
}

#[test]
fn the_credentials_not_supported_playbook_reads_the_request() {
    let sandbox = Sandbox::new();
    let request = website_request();
    let out = sandbox.credwiz(&[
        "run",
        "credentials-not-supported",
        "--offline",
        "--s3-request",
        &request,
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("What does the failing request look like?"),
        "{text}"
    );
    assert!(text.contains("website_with_credentials"), "{text}");
    assert!(
        text.contains("Diagnosis: Signed request to a website endpoint"),
        "{text}"
    );
    assert!(
        !text.contains("0123456789abcdef0123456789abcdef"),
        "signature leaked:\n{text}"
    );
}

#[test]
fn without_a_request_the_playbook_asks_for_the_endpoint_kind() {
    let sandbox = Sandbox::new();
    let out = sandbox.credwiz(&["run", "credentials-not-supported", "--offline"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--answer target=website"));
}
