//! The extractor on S3 answers, URLs and other shapes of pasted text.

use super::*;

use super::tests_sdks::{SECRET, SIGNATURE};

#[test]
fn s3_xml_signature_body() {
    let text = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256
20261123T101010Z
20261123/eu-west-1/s3/aws4_request
</StringToSign><SignatureProvided>{SIGNATURE}</SignatureProvided><RequestId>4442587FB7D0A2F9</RequestId><HostId>Zc9x2Qm8Lp4Rt7Yw1Vn6Bk3Hj0Gf5Ds8Az2Xc4Vb7Nm1Ql0Kp9Oi3Uy6Tr5Ew8Qa=</HostId></Error>"#
    );
    let facts = extract(&text);
    assert_eq!(facts.codes, ["SignatureDoesNotMatch"]);
    assert_eq!(facts.request_id.as_deref(), Some("4442587FB7D0A2F9"));
    assert_eq!(facts.region.as_deref(), Some("eu-west-1"));
    let shown = format!("{facts:?}");
    assert!(!shown.contains(SIGNATURE) && !shown.contains("AKIAIOSFODNN7EXAMPLE"));
}

#[test]
fn s3_xml_no_such_key_and_bucket() {
    let text = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>images/logo.png</Key><RequestId>E2A3B4C5D6F70819</RequestId></Error>";
    let facts = extract(text);
    assert_eq!(facts.codes, ["NoSuchKey"]);
    assert_eq!(facts.key.as_deref(), Some("images/logo.png"));
    let bucket =
        extract("<Error><Code>NoSuchBucket</Code><BucketName>old-logs</BucketName></Error>");
    assert_eq!(bucket.bucket.as_deref(), Some("old-logs"));
}

#[test]
fn s3_xml_permanent_redirect_region() {
    let text = "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'ap-northeast-1'</Message><Region>ap-northeast-1</Region><RequestId>1A2B3C4D5E6F7081</RequestId></Error>";
    let facts = extract(text);
    assert_eq!(facts.region.as_deref(), Some("ap-northeast-1"));
}

#[test]
fn presigned_url_expired_keeps_the_whole_url_without_its_secrets() {
    let text = format!("GET https://acme-reports.s3.eu-west-1.amazonaws.com/2026/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T080000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={SIGNATURE} returned 403\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>3600</X-Amz-Expires><Expires>2026-11-20T09:00:00Z</Expires><RequestId>93B1C2D3E4F50617</RequestId></Error>");
    let facts = extract(&text);
    assert_eq!(facts.codes, ["AccessDenied"]);
    assert_eq!(facts.bucket.as_deref(), Some("acme-reports"));
    assert_eq!(facts.key.as_deref(), Some("2026/report.csv"));
    assert_eq!(facts.region.as_deref(), Some("eu-west-1"));
    let url = facts.url.clone().unwrap_or_default();
    assert!(url.starts_with("https://acme-reports.s3.eu-west-1.amazonaws.com/2026/report.csv?"));
    assert!(url.contains("X-Amz-Expires=3600") && url.contains("X-Amz-Date=20261120T080000Z"));
    assert!(!url.contains(SIGNATURE), "{url}");
    assert!(!url.contains("AKIAIOSFODNN7EXAMPLE"), "{url}");
}

#[test]
fn presigned_url_with_a_session_token_never_carries_it() {
    let token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD";
    let text = format!("https://media.s3.amazonaws.com/a.mp4?X-Amz-Security-Token={token}&X-Amz-Signature={SIGNATURE}&X-Amz-Credential=ASIAZZZZZZZZZZZZ1234%2F20261120%2Fus-east-1%2Fs3%2Faws4_request is rejected with SignatureDoesNotMatch");
    let facts = extract(&text);
    assert_eq!(facts.codes, ["SignatureDoesNotMatch"]);
    assert_eq!(facts.bucket.as_deref(), Some("media"));
    assert_eq!(facts.region.as_deref(), Some("us-east-1"));
    let shown = serde_json::to_string(&facts).unwrap_or_default();
    for secret in [token, SIGNATURE, "ASIAZZZZZZZZZZZZ1234"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

#[test]
fn website_endpoint_credentials_not_supported() {
    let text = "400 Bad Request CredentialsNotSupported: This request does not support credentials. for https://docs-site.s3-website-us-west-2.amazonaws.com/index.html";
    let facts = extract(text);
    assert_eq!(facts.codes, ["CredentialsNotSupported"]);
    assert_eq!(facts.bucket.as_deref(), Some("docs-site"));
    assert_eq!(facts.region.as_deref(), Some("us-west-2"));
    assert_eq!(facts.service.as_deref(), Some("s3"));
}

#[test]
fn path_style_url_names_bucket_and_key() {
    let facts = extract("PUT https://s3.us-east-2.amazonaws.com/build-cache/linux/x86_64/deps.tar.zst: 403 Forbidden");
    assert_eq!(facts.bucket.as_deref(), Some("build-cache"));
    assert_eq!(facts.key.as_deref(), Some("linux/x86_64/deps.tar.zst"));
    assert_eq!(facts.region.as_deref(), Some("us-east-2"));
    assert_eq!(
        facts.http_status, None,
        "a bare 403 after a URL is not a labelled status"
    );
}

#[test]
fn curl_verbose_status_line() {
    let text = "< HTTP/1.1 403 Forbidden\n< x-amz-request-id: 7B6A5C4D3E2F1A09\n< x-amz-bucket-region: sa-east-1\n<Error><Code>InvalidAccessKeyId</Code></Error>";
    let facts = extract(text);
    assert_eq!(facts.http_status, Some(403));
    assert_eq!(facts.request_id.as_deref(), Some("7B6A5C4D3E2F1A09"));
    assert_eq!(facts.region.as_deref(), Some("sa-east-1"));
    assert_eq!(facts.codes, ["InvalidAccessKeyId"]);
}

#[test]
fn a_pasted_secret_never_becomes_a_fact() {
    let text = format!("s3.put_object(Bucket='acme', Key='{SECRET}')\naws_secret_access_key = {SECRET}\nAn error occurred (SignatureDoesNotMatch) when calling the PutObject operation");
    let facts = extract(&text);
    let shown = serde_json::to_string(&facts).unwrap_or_default();
    assert!(!shown.contains("wJalrXUtnFEMI"), "{shown}");
    assert!(!shown.contains("bPxRfiCYzEXAMPLEKEY"), "{shown}");
    assert_eq!(facts.bucket.as_deref(), Some("acme"));
}

#[test]
fn several_codes_keep_their_order() {
    let text = "botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from custom-process: ... then ExpiredToken";
    assert_eq!(
        extract(text).codes,
        ["CredentialRetrievalError", "ExpiredToken"]
    );
}

#[test]
fn plain_prose_yields_nothing() {
    let facts = extract("my script stopped working this morning");
    assert!(facts.is_empty(), "{facts:?}");
}

#[test]
fn facts_by_name_and_merge() {
    let mut facts =
        extract("An error occurred (SignatureDoesNotMatch) when calling the PutObject operation");
    assert!(facts.is("code", "signaturedoesnotmatch"));
    assert_eq!(facts.value("operation").as_deref(), Some("PutObject"));
    assert_eq!(facts.value("program").as_deref(), Some("aws_cli"));
    facts.merge(extract("s3://acme-reports/2026/report.csv"));
    assert_eq!(facts.value("bucket").as_deref(), Some("acme-reports"));
    assert_eq!(facts.value("key").as_deref(), Some("2026/report.csv"));
    for name in FACT_NAMES {
        let _ = facts.value(name);
    }
    assert_eq!(facts.value("nonsense"), None);
}

#[test]
fn control_sequences_do_not_survive_in_a_fact() {
    let facts = extract("s3.get_object(Bucket='evil\u{1b}[2Jbucket', Key='k')");
    assert_eq!(facts.bucket.as_deref(), Some("evil[2Jbucket"));
}

#[test]
fn a_denial_names_the_kind_of_policy_that_denied() {
    let cases = [
        ("User: arn:aws:iam::123456789012:user/a is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action", Denial::NoIdentityPolicy),
        ("is not authorized to perform: ec2:RunInstances with an explicit deny in a service control policy", Denial::Scp),
        ("not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" because no resource-based policy allows the s3:GetObject action", Denial::ResourcePolicy),
        ("not authorized to perform: iam:CreateUser with an explicit deny in a permissions boundary", Denial::Boundary),
    ];
    for (text, kind) in cases {
        let facts = extract(text);
        assert_eq!(facts.denial, Some(kind), "{text}");
        assert!(facts.is("denial", kind.as_str()));
    }
    assert_eq!(extract("Access Denied").denial, None);
}
