//! S3-compatible endpoints that are not AWS: which service a host belongs
//! to, and where its URLs carry the bucket and region.

use crate::inputs::s3::endpoint::{looks_like_region, Endpoint, EndpointClass, Path};

/// LocalStack's edge port.
const LOCALSTACK_PORT: u16 = 4566;
/// MinIO's default API port.
const MINIO_PORT: u16 = 9000;

/// Classifies a host that is neither AWS nor CloudFront.
pub(crate) fn classify_custom(host: &str, port: Option<u16>, path: &Path) -> Endpoint {
    let (provider, endpoint) = if let Some(rest) = host.strip_suffix(".r2.cloudflarestorage.com") {
        // ACCOUNT.r2… or BUCKET.ACCOUNT.r2…, with an optional jurisdiction (`eu`).
        let mut labels: Vec<&str> = rest.split('.').collect();
        if labels.len() > 1 && matches!(labels[labels.len() - 1], "eu" | "fedramp") {
            labels.pop();
        }
        let prefix = &labels[..labels.len().saturating_sub(1)];
        let mut e = blank().with_bucket(prefix, path);
        // R2 signs with the region `auto`.
        e.region = Some("auto".into());
        ("Cloudflare R2", e)
    } else if let Some(rest) = host.strip_suffix(".digitaloceanspaces.com") {
        // BUCKET.REGION(.cdn).digitaloceanspaces.com or REGION.digitaloceanspaces.com/BUCKET.
        let labels: Vec<&str> = rest.split('.').filter(|l| *l != "cdn").collect();
        with_region_label(labels, path, "DigitalOcean Spaces")
    } else if let Some(rest) = host.strip_suffix(".linodeobjects.com") {
        let labels: Vec<&str> = rest.split('.').collect();
        with_region_label(labels, path, "Akamai (Linode) Object Storage")
    } else if let Some(rest) = host.strip_suffix(".backblazeb2.com") {
        after_s3_label(rest, path, "Backblaze B2")
    } else if let Some(rest) = host.strip_suffix(".wasabisys.com") {
        after_s3_label(rest, path, "Wasabi")
    } else if let Some(rest) = host.strip_suffix(".scw.cloud") {
        after_s3_label(rest, path, "Scaleway Object Storage")
    } else if host == "storage.googleapis.com" || host.ends_with(".storage.googleapis.com") {
        let prefix: Vec<&str> = host
            .trim_end_matches("storage.googleapis.com")
            .trim_end_matches('.')
            .split('.')
            .filter(|l| !l.is_empty())
            .collect();
        (
            "Google Cloud Storage (XML API)",
            blank().with_bucket(&prefix, path),
        )
    } else if let Some(rest) = host.strip_suffix("localhost.localstack.cloud") {
        // BUCKET.s3.localhost.localstack.cloud or localhost.localstack.cloud/BUCKET.
        let labels: Vec<&str> = rest
            .trim_end_matches('.')
            .split('.')
            .filter(|l| !l.is_empty())
            .collect();
        let prefix: Vec<&str> = match labels.split_last() {
            Some((&"s3", before)) => before.to_vec(),
            _ => labels,
        };
        ("LocalStack", blank().with_bucket(&prefix, path))
    } else if port == Some(LOCALSTACK_PORT) || host.contains("localstack") {
        ("LocalStack", blank().with_bucket(&[], path))
    } else if port == Some(MINIO_PORT) || host.contains("minio") {
        ("MinIO", blank().with_bucket(&[], path))
    } else {
        // Self-hosted servers (MinIO, Ceph RGW, Garage, SeaweedFS) default to
        // path style, so the first path segment is the best guess at a bucket.
        (
            "an S3-compatible server (MinIO, Ceph, Garage or similar)",
            blank().with_bucket(&[], path),
        )
    };
    Endpoint {
        provider: Some(provider.to_string()),
        ..endpoint
    }
}

fn blank() -> Endpoint {
    Endpoint::blank(EndpointClass::Custom)
}

/// Hosts shaped `[BUCKET.]REGION.provider.tld`: the last label is the region.
fn with_region_label(
    labels: Vec<&str>,
    path: &Path,
    provider: &'static str,
) -> (&'static str, Endpoint) {
    let Some((region, prefix)) = labels.split_last() else {
        return (provider, blank().with_bucket(&[], path));
    };
    let mut e = blank().with_bucket(prefix, path);
    e.region = Some(region.to_string());
    (provider, e)
}

/// Hosts shaped `[BUCKET.]s3[.REGION].provider.tld`.
fn after_s3_label(rest: &str, path: &Path, provider: &'static str) -> (&'static str, Endpoint) {
    let labels: Vec<&str> = rest.split('.').collect();
    let Some(at) = labels.iter().rposition(|l| *l == "s3") else {
        return (provider, blank().with_bucket(&[], path));
    };
    let mut e = blank().with_bucket(&labels[..at], path);
    e.region = labels
        .get(at + 1)
        .filter(|r| looks_like_region(r) || r.contains('-'))
        .map(|r| r.to_string());
    (provider, e)
}
