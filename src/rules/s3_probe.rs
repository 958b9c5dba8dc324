//! Findings from a live S3 probe: which rejection S3 answered, and why.

use crate::findings::{Finding, FindingId};
use crate::probes::s3::S3Probe;

/// Every finding the probe's answers support; `key` is the masked key id.
pub fn findings(probe: &S3Probe, key: &str) -> Vec<Finding> {
    let (calls, target) = (&probe.calls, &probe.target);
    let region = probe.signing_region.as_str();
    let endpoint = probe.endpoint_override.as_deref();
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
