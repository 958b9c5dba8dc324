//! A live S3 probe with the resolved credentials, signed by aws-sdk-s3
//! itself: ListBuckets (which tells an unknown key from a wrong secret, since
//! GET errors carry a body), then HeadBucket and HeadObject when a bucket and
//! key are given. One attempt each, short timeouts.

use crate::findings::Finding;
use crate::inputs::environment::EnvSnapshot;
use crate::probes::clients::{service_config, CallBounds};
use crate::text::mask::redact_secret_shaped;
use aws_credential_types::Credentials;
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
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
    /// Filled by the S3 probe rules (`rules::s3_probe`).
    pub findings: Vec<Finding>,
    /// What was asked for, for the rules.
    #[serde(skip)]
    pub target: S3Target,
    #[serde(skip)]
    pub signing_region: String,
    #[serde(skip)]
    pub endpoint_override: Option<String>,
}

/// The S3 endpoint override the SDK would use (`AWS_ENDPOINT_URL_S3`, then `AWS_ENDPOINT_URL`).
pub fn endpoint_override(env: &EnvSnapshot) -> Option<String> {
    env.endpoint_override("S3")
}

/// Runs the probe.
pub async fn probe(credentials: Credentials, env: &EnvSnapshot, target: &S3Target) -> S3Probe {
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
            target: target.clone(),
            signing_region: region,
            endpoint_override: endpoint,
        };
    }
    let bounds = CallBounds {
        connect: Duration::from_secs(2),
        total: Duration::from_secs(5),
    };
    let shared = service_config(credentials, &region, endpoint.as_deref(), bounds);
    // S3-compatible servers on an IP or a plain host name cannot take
    // bucket names as subdomains.
    let config = aws_sdk_s3::config::Builder::from(&shared).force_path_style(endpoint.is_some());
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
    S3Probe {
        endpoint: shown,
        bucket: target.bucket.clone(),
        custom_endpoint: endpoint.is_some(),
        calls,
        findings: Vec::new(),
        target: target.clone(),
        signing_region: region,
        endpoint_override: endpoint,
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
