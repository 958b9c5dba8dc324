//! Endpoint classification: what kind of S3 (or S3-compatible) endpoint a
//! host is, and the bucket, key and region the URL shows.
//!
//! Everything is read from the URL alone; nothing here resolves a name.

pub(crate) use crate::inputs::s3::path::Path;
use serde::Serialize;

/// What kind of endpoint a request goes to. The string form is a JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointClass {
    /// `bucket.s3.REGION.amazonaws.com`, `bucket.s3-REGION.amazonaws.com`, `bucket.s3.amazonaws.com`.
    RestVirtualHosted,
    /// `s3.REGION.amazonaws.com/bucket/key`.
    RestPathStyle,
    /// `s3.amazonaws.com/bucket/key` or `s3-external-1.amazonaws.com/bucket/key`.
    RestLegacyGlobal,
    /// `s3.dualstack.REGION.amazonaws.com` (IPv4 and IPv6).
    RestDualStack,
    /// `s3-fips.REGION.amazonaws.com` (optionally dual-stack).
    RestFips,
    /// Any REST endpoint under `amazonaws.com.cn`.
    RestChina,
    /// `bucket.s3-website-REGION.amazonaws.com` or `bucket.s3-website.REGION.amazonaws.com`:
    /// static hosting, anonymous requests only.
    Website,
    /// `name-ACCOUNT.s3-accesspoint.REGION.amazonaws.com`.
    AccessPoint,
    /// `name-ACCOUNT.s3-object-lambda.REGION.amazonaws.com`.
    ObjectLambdaAccessPoint,
    /// `alias.mrap.accesspoint.s3-global.amazonaws.com` (signed with SigV4A).
    MultiRegionAccessPoint,
    /// `name-ACCOUNT.op-ID.s3-outposts.REGION.amazonaws.com`.
    Outposts,
    /// `bucket--AZ--x-s3.s3express-AZ.REGION.amazonaws.com` (S3 Express One Zone).
    DirectoryBucket,
    /// `bucket.vpce-ID.s3.REGION.vpce.amazonaws.com` (PrivateLink interface endpoint).
    VpcEndpoint,
    /// `*.cloudfront.net`: a CDN that may or may not have a bucket behind it.
    CloudFront,
    /// An S3-compatible server that is not AWS (MinIO, LocalStack, R2, Spaces…).
    Custom,
    /// An AWS host that is not an S3 data endpoint (STS, S3 Control, …).
    OtherAws,
}

impl EndpointClass {
    /// A short description for people.
    pub fn label(self) -> &'static str {
        match self {
            EndpointClass::RestVirtualHosted => "S3 REST API, virtual-hosted style",
            EndpointClass::RestPathStyle => "S3 REST API, path style",
            EndpointClass::RestLegacyGlobal => "S3 REST API, legacy global endpoint (path style)",
            EndpointClass::RestDualStack => "S3 REST API, dual-stack (IPv4/IPv6)",
            EndpointClass::RestFips => "S3 REST API, FIPS endpoint",
            EndpointClass::RestChina => "S3 REST API, AWS China",
            EndpointClass::Website => "S3 static-website endpoint (anonymous requests only)",
            EndpointClass::AccessPoint => "S3 access point",
            EndpointClass::ObjectLambdaAccessPoint => "S3 Object Lambda access point",
            EndpointClass::MultiRegionAccessPoint => "S3 Multi-Region Access Point (SigV4A)",
            EndpointClass::Outposts => "S3 on Outposts access point",
            EndpointClass::DirectoryBucket => "S3 Express One Zone directory bucket",
            EndpointClass::VpcEndpoint => "S3 VPC interface endpoint (PrivateLink)",
            EndpointClass::CloudFront => "CloudFront distribution",
            EndpointClass::Custom => "S3-compatible endpoint, not AWS",
            EndpointClass::OtherAws => "AWS endpoint that is not S3",
        }
    }

    /// True for endpoints AWS S3 itself serves (region rules, SigV2 retirement apply).
    pub fn is_aws_s3(self) -> bool {
        !matches!(
            self,
            EndpointClass::CloudFront | EndpointClass::Custom | EndpointClass::OtherAws
        )
    }
}

/// Whether the bucket is named in the host or in the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Addressing {
    VirtualHosted,
    PathStyle,
}

/// What the URL says about where the request goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    pub class: EndpointClass,
    /// `host` or `host:port`, as sent.
    pub host: String,
    /// `scheme://host[:port]`, for `--endpoint-url`.
    pub origin: String,
    pub addressing: Option<Addressing>,
    /// The bucket, or for access points and their kin the name the host carries.
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub region: Option<String>,
    /// For non-AWS endpoints, whose server it is ("Cloudflare R2", "MinIO"…).
    pub provider: Option<String>,
}

impl Endpoint {
    pub(crate) fn blank(class: EndpointClass) -> Self {
        Endpoint {
            class,
            host: String::new(),
            origin: String::new(),
            addressing: None,
            bucket: None,
            key: None,
            region: None,
            provider: None,
        }
    }

    /// Fills bucket and key: from the host prefix when there is one,
    /// otherwise from the first path segment.
    pub(crate) fn with_bucket(mut self, prefix: &[&str], path: &Path) -> Self {
        if prefix.is_empty() {
            self.addressing = Some(Addressing::PathStyle);
            self.bucket = path.first();
            self.key = path.after_first();
        } else {
            self.addressing = Some(Addressing::VirtualHosted);
            self.bucket = Some(prefix.join("."));
            self.key = path.whole();
        }
        self
    }
}

/// True for strings shaped like an AWS region (`eu-west-1`, `us-gov-west-1`).
pub fn looks_like_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}
