//! Outcomes of the S3 checks: the request the program sent, and the live probe.

use super::Outcome;
use crate::diagnosis::Diagnosis;
use crate::findings::FindingId;

pub(crate) fn s3_request(d: &Diagnosis) -> Outcome {
    let Some(request) = &d.s3_request else {
        return (
            "not_given",
            "no S3 URL or curl command was given (--s3-request, or paste it with the error)".into(),
        );
    };
    // The most decisive problem first: the one that alone explains a 400.
    let order = [
        (
            FindingId::S3WebsiteEndpointWithCredentials,
            "website_with_credentials",
        ),
        (FindingId::S3MixedAuth, "mixed_auth"),
        (
            FindingId::S3AnonymousEndpointWithToken,
            "anonymous_endpoint_with_token",
        ),
        (FindingId::S3PresignedExpired, "presigned_expired"),
        (
            FindingId::S3PresignedRegionMismatch,
            "presigned_region_mismatch",
        ),
        (FindingId::S3Sigv2Presign, "sigv2_presign"),
        (FindingId::S3CustomEndpoint, "custom_endpoint"),
        (FindingId::S3VpcEndpoint, "vpc_endpoint"),
    ];
    let outcome = order
        .iter()
        .find(|(id, _)| request.findings.iter().any(|f| f.id == *id))
        .map(|(_, outcome)| *outcome)
        .unwrap_or("clean");
    let summary = format!(
        "{} {} ({}){}",
        request.method,
        request.endpoint,
        request.host,
        request
            .bucket
            .as_deref()
            .map(|b| format!(", bucket {b}"))
            .unwrap_or_default()
    );
    (outcome, summary)
}

pub(crate) fn s3_access(d: &Diagnosis) -> Outcome {
    let Some(probe) = &d.s3_probe else {
        return (
            "not_run",
            "no bucket to probe (--s3-bucket), or nothing resolved".into(),
        );
    };
    let order = [
        (FindingId::S3Unreachable, "unreachable"),
        (FindingId::S3InvalidAccessKeyId, "invalid_access_key_id"),
        (FindingId::S3SignatureMismatch, "signature_mismatch"),
        (FindingId::S3WrongRegion, "wrong_region"),
        (FindingId::S3NoSuchBucket, "no_such_bucket"),
        (FindingId::S3AccessDenied, "access_denied"),
    ];
    let outcome = order
        .iter()
        .find(|(id, _)| probe.findings.iter().any(|f| f.id == *id))
        .map(|(_, outcome)| *outcome)
        .unwrap_or("ok");
    let calls: Vec<String> = probe
        .calls
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c.operation,
                if c.ok {
                    "ok"
                } else {
                    c.code.as_deref().unwrap_or("failed")
                }
            )
        })
        .collect();
    (outcome, format!("{}: {}", probe.endpoint, calls.join(", ")))
}
