//! A live S3 probe with the resolved credentials, signed by aws-sdk-s3
//! itself: ListBuckets (which tells an unknown key from a wrong secret, since
//! GET errors carry a body), then HeadBucket and HeadObject when a bucket and
//! key are given. One attempt each, short timeouts.

use crate::findings::{Finding, FindingId};
use crate::inputs::environment::EnvSnapshot;
use crate::text::mask::redact_secret_shaped;
use aws_credential_types::Credentials;
use aws_sdk_s3::config::{BehaviorVersion, Region};
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use serde::Serialize;
use std::time::Duration;

/// What to probe.
#[derive(Debug, Clone, Default)]
pub struct S3Target {
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub region: Option<String>,
}

/// One call and what S3 said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProbeCall {
    pub operation: &'static str,
    pub ok: bool,
    pub http_status: Option<u16>,
    pub code: Option<String>,
    pub message: Option<String>,
    /// `x-amz-bucket-region`, which S3 sends when the bucket lives elsewhere.
    pub bucket_region: Option<String>,
}

/// The probe's calls and findings.
#[derive(Debug, Clone, Serialize)]
pub struct S3Probe {
    pub endpoint: String,
    /// The bucket probed, if one was named.
    pub bucket: Option<String>,
    pub custom_endpoint: bool,
    pub calls: Vec<ProbeCall>,
    pub findings: Vec<Finding>,
}

/// The S3 endpoint override the SDK would use (`AWS_ENDPOINT_URL_S3`, then `AWS_ENDPOINT_URL`).
pub fn endpoint_override(env: &EnvSnapshot) -> Option<String> {
    env.endpoint_override("S3")
}

/// Runs the probe.
pub async fn probe(
    credentials: Credentials,
    env: &EnvSnapshot,
    target: &S3Target,
    masked_key: &str,
) -> S3Probe {
    let region = target
        .region
        .clone()
        .unwrap_or_else(|| "us-east-1".to_string());
    let endpoint = endpoint_override(env);
    if let Some(bad) = crate::text::key_bytes::unsendable(&credentials) {
        // aws-sigv4 panics on such a header value; never hand it over.
        return S3Probe {
            endpoint: endpoint
                .clone()
                .unwrap_or_else(|| format!("https://s3.{region}.amazonaws.com")),
            bucket: target.bucket.clone(),
            custom_endpoint: endpoint.is_some(),
            calls: vec![ProbeCall {
                operation: "ListBuckets",
                ok: false,
                http_status: None,
                code: Some("NotCalled".into()),
                message: Some(format!(
                    "not called: the key cannot be sent (the {} holds {})",
                    bad.part.label(),
                    bad.where_text()
                )),
                bucket_region: None,
            }],
            findings: Vec::new(),
        };
    }
    let mut config = aws_sdk_s3::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.clone()))
        .credentials_provider(credentials)
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2))
                .operation_timeout(Duration::from_secs(5))
                .build(),
        );
    if let Some(url) = &endpoint {
        // S3-compatible servers on an IP or a plain host name cannot take
        // bucket names as subdomains.
        config = config.endpoint_url(url).force_path_style(true);
    }
    let client = aws_sdk_s3::Client::from_conf(config.build());
    let mut calls = vec![call("ListBuckets", client.list_buckets().send().await)];
    let reachable = calls[0].http_status.is_some();
    if let (Some(bucket), true) = (&target.bucket, reachable) {
        calls.push(call(
            "HeadBucket",
            client.head_bucket().bucket(bucket).send().await,
        ));
        // Not every S3-compatible server redirects a request signed for the
        // wrong region; the bucket's own location settles it.
        let location = client.get_bucket_location().bucket(bucket).send().await;
        let location_region = location.as_ref().ok().map(|out| {
            out.location_constraint()
                .map(|c| c.as_str().to_string())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| "us-east-1".to_string())
        });
        let mut location_call = call("GetBucketLocation", location);
        location_call.bucket_region = location_region;
        calls.push(location_call);
        if let Some(key) = &target.key {
            calls.push(call(
                "HeadObject",
                client.head_object().bucket(bucket).key(key).send().await,
            ));
        }
    }
    let shown = endpoint
        .clone()
        .unwrap_or_else(|| format!("https://s3.{region}.amazonaws.com"));
    let findings = classify(&calls, target, &region, masked_key, endpoint.as_deref());
    S3Probe {
        endpoint: shown,
        bucket: target.bucket.clone(),
        custom_endpoint: endpoint.is_some(),
        calls,
        findings,
    }
}

fn call<T, E>(operation: &'static str, result: Result<T, SdkError<E, HttpResponse>>) -> ProbeCall
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match result {
        Ok(_) => ProbeCall {
            operation,
            ok: true,
            http_status: Some(200),
            code: None,
            message: None,
            bucket_region: None,
        },
        Err(err) => {
            let raw = err.raw_response();
            let status = raw.map(|r| r.status().as_u16());
            let bucket_region = raw
                .and_then(|r| r.headers().get("x-amz-bucket-region"))
                .map(str::to_string);
            let (code, message) = match &err {
                SdkError::ServiceError(service) => (
                    service.err().code().map(str::to_string),
                    service.err().message().map(str::to_string),
                ),
                other => (
                    None,
                    Some(crate::text::mask::concise_error(&format!(
                        "{}",
                        aws_smithy_types::error::display::DisplayErrorContext(other)
                    ))),
                ),
            };
            // HEAD answers carry no body, so the code comes from the status
            // (the SDK models HeadBucket's 404 as a bare `NotFound`).
            let code = code.filter(|c| !(c == "NotFound" && operation == "HeadBucket"));
            let code = code.or_else(|| match status {
                Some(301) => Some("PermanentRedirect".into()),
                Some(403) => Some("Forbidden".into()),
                Some(404) => Some(
                    if operation == "HeadObject" {
                        "NotFound"
                    } else {
                        "NoSuchBucket"
                    }
                    .into(),
                ),
                Some(400) => Some("BadRequest".into()),
                None => Some("Unreachable".into()),
                _ => None,
            });
            ProbeCall {
                operation,
                ok: false,
                http_status: status,
                code,
                message: message.map(|m| redact_secret_shaped(&m).into_owned()),
                bucket_region,
            }
        }
    }
}

fn classify(
    calls: &[ProbeCall],
    target: &S3Target,
    region: &str,
    key: &str,
    endpoint: Option<&str>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(url) = endpoint {
        found.push(Finding::new(
            FindingId::S3CustomEndpoint,
            format!("S3 calls go to {url}, not to AWS"),
            "AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL is set: that server's own key store and rules decide, not IAM's",
            "unset AWS_ENDPOINT_URL_S3 AWS_ENDPOINT_URL   # if you meant to reach AWS S3",
        ));
    }
    let bucket = target.bucket.as_deref().unwrap_or("<bucket>");
    let located = calls
        .iter()
        .find(|c| c.operation == "GetBucketLocation" && c.ok)
        .and_then(|c| c.bucket_region.as_deref());
    if let Some(actual) = located.filter(|actual| *actual != region) {
        found.push(Finding::new(
            FindingId::S3WrongRegion,
            format!("the bucket {bucket} lives in {actual}, not {region}"),
            format!("GetBucketLocation: {actual}; the client signs for {region}"),
            format!(
                "export AWS_REGION={}   # or pass region_name / .region() to the client",
                crate::text::shell::quote(actual)
            ),
        ));
    }
    for c in calls.iter().filter(|c| !c.ok) {
        let code = c.code.as_deref().unwrap_or("");
        let message = c.message.clone().unwrap_or_default();
        let finding = match code {
            "InvalidAccessKeyId" => Finding::new(
                FindingId::S3InvalidAccessKeyId,
                format!("S3 does not know the access key id {key}"),
                format!("{}: {message}", c.operation),
                "aws iam list-access-keys   # is the key listed and Active? then re-enter it: aws configure",
            ),
            "SignatureDoesNotMatch" => Finding::new(
                FindingId::S3SignatureMismatch,
                format!("S3 computed another signature than the client for {key}"),
                format!("{}: {message}", c.operation),
                "re-enter the secret without quotes or spaces (aws configure); check that no proxy rewrites the request; sync the clock: sudo timedatectl set-ntp true",
            ),
            "AccessDenied" | "Forbidden" if calls.iter().any(|c| c.operation == "ListBuckets" && c.ok) || code == "AccessDenied" => Finding::new(
                FindingId::S3AccessDenied,
                format!("S3 knows who you are and denies {} (AuthZ, not AuthN)", c.operation),
                format!("{}{}", c.operation, if message.is_empty() { String::new() } else { format!(": {message}") }),
                format!("check the identity policy (s3:{} on arn:aws:s3:::{bucket}), then the bucket policy: aws s3api get-bucket-policy --bucket {}", action_of(c.operation), crate::text::shell::quote(bucket)),
            ),
            "PermanentRedirect" | "AuthorizationHeaderMalformed" | "IllegalLocationConstraintException" => Finding::new(
                FindingId::S3WrongRegion,
                format!(
                    "the bucket {bucket} lives in {}, not {region}",
                    c.bucket_region.as_deref().unwrap_or("another region")
                ),
                format!("{}: {code}", c.operation),
                format!("export AWS_REGION={}   # or pass region_name to the client", c.bucket_region.as_deref().map_or("<bucket's region>".into(), crate::text::shell::quote)),
            ),
            "Unreachable" => Finding::new(
                FindingId::S3Unreachable,
                format!("S3 at {} could not be reached", endpoint.unwrap_or("its regional endpoint")),
                format!("{}: {message}", c.operation),
                "check the network path to S3 (proxy, VPC endpoint, DNS): curl -sv https://s3.amazonaws.com/ -o /dev/null",
            ),
            "NoSuchBucket" => Finding::new(
                FindingId::S3NoSuchBucket,
                format!("there is no bucket named {bucket}"),
                format!("{}: HTTP {}", c.operation, c.http_status.unwrap_or(404)),
                "aws s3 ls   # lists the buckets these credentials can see; check the name for typos",
            ),
            _ => continue,
        };
        if !found.iter().any(|f: &Finding| f.id == finding.id) {
            found.push(finding);
        }
    }
    found
}

fn action_of(operation: &str) -> &'static str {
    match operation {
        "ListBuckets" => "ListAllMyBuckets",
        "HeadObject" => "GetObject",
        _ => "ListBucket",
    }
}
