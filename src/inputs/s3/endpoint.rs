//! Endpoint classification: what kind of S3 (or S3-compatible) endpoint a
//! host is, and the bucket, key and region the URL shows.
//!
//! Everything is read from the URL alone; nothing here resolves a name.

pub(crate) use crate::inputs::s3::path::Path;
use serde::Serialize;
use url::Url;

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

/// Classifies a parsed URL.
pub fn classify(url: &Url) -> Endpoint {
    let host = url
        .host_str()
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let host_with_port = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    };
    let path = Path::of(url);
    let mut endpoint = if let Some(rest) = host.strip_suffix(".amazonaws.com.cn") {
        classify_aws(rest, &path, true)
    } else if let Some(rest) = host.strip_suffix(".amazonaws.com") {
        classify_aws(rest, &path, false)
    } else if host.ends_with(".cloudfront.net") {
        Endpoint {
            class: EndpointClass::CloudFront,
            key: path.whole(),
            ..Endpoint::blank(EndpointClass::CloudFront)
        }
    } else {
        crate::inputs::s3::custom::classify_custom(&host, url.port(), &path)
    };
    endpoint.origin = format!("{}://{host_with_port}", url.scheme());
    endpoint.host = host_with_port;
    endpoint
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

/// Classifies the part of an AWS host before `.amazonaws.com(.cn)`.
///
/// Works from the right: the rightmost label starting with `s3` is the
/// service label (region labels never do), so bucket names that contain
/// `s3.` themselves do not confuse it.
fn classify_aws(rest: &str, path: &Path, china: bool) -> Endpoint {
    let labels: Vec<&str> = rest.split('.').collect();
    let Some(at) = labels
        .iter()
        .rposition(|l| *l == "s3" || l.starts_with("s3-") || l.starts_with("s3express-"))
    else {
        return Endpoint::blank(EndpointClass::OtherAws);
    };
    let service = labels[at];
    let prefix = &labels[..at];
    let tail = &labels[at + 1..];
    let tail_region = |allow_dualstack: bool| -> Option<(bool, String)> {
        match tail {
            [region] if looks_like_region(region) => Some((false, region.to_string())),
            ["dualstack", region] if allow_dualstack && looks_like_region(region) => {
                Some((true, region.to_string()))
            }
            _ => None,
        }
    };
    let named = |class: EndpointClass, region: Option<String>| Endpoint {
        bucket: (!prefix.is_empty()).then(|| prefix.join(".")),
        key: path.whole(),
        region,
        addressing: Some(Addressing::VirtualHosted),
        ..Endpoint::blank(class)
    };
    let rest_class = |dualstack: bool, fips: bool, global: bool| {
        if china {
            EndpointClass::RestChina
        } else if fips {
            EndpointClass::RestFips
        } else if dualstack {
            EndpointClass::RestDualStack
        } else if global && prefix.is_empty() {
            EndpointClass::RestLegacyGlobal
        } else if prefix.is_empty() {
            EndpointClass::RestPathStyle
        } else {
            EndpointClass::RestVirtualHosted
        }
    };

    match service {
        "s3" if tail.is_empty() => {
            Endpoint::blank(rest_class(false, false, true)).with_bucket(prefix, path)
        }
        "s3" if tail.len() == 2 && tail[1] == "vpce" && looks_like_region(tail[0]) => {
            vpc_endpoint(prefix, path, tail[0])
        }
        "s3" | "s3-fips" => match tail_region(true) {
            Some((dualstack, region)) => {
                let mut e = Endpoint::blank(rest_class(dualstack, service == "s3-fips", false))
                    .with_bucket(prefix, path);
                e.region = Some(region);
                e
            }
            None => Endpoint::blank(EndpointClass::OtherAws),
        },
        "s3-external-1" if tail.is_empty() => {
            let mut e = Endpoint::blank(rest_class(false, false, true)).with_bucket(prefix, path);
            e.region = Some("us-east-1".into());
            e
        }
        "s3-website" => match tail {
            [region] if looks_like_region(region) => {
                named(EndpointClass::Website, Some(region.to_string()))
            }
            _ => Endpoint::blank(EndpointClass::OtherAws),
        },
        "s3-accesspoint" | "s3-accesspoint-fips" => match tail_region(true) {
            Some((_, region)) => named(EndpointClass::AccessPoint, Some(region)),
            None => Endpoint::blank(EndpointClass::OtherAws),
        },
        "s3-object-lambda" | "s3-object-lambda-fips" => match tail_region(false) {
            Some((_, region)) => named(EndpointClass::ObjectLambdaAccessPoint, Some(region)),
            None => Endpoint::blank(EndpointClass::OtherAws),
        },
        "s3-global" if prefix.ends_with(&["mrap", "accesspoint"]) => Endpoint {
            bucket: (prefix.len() > 2).then(|| prefix[..prefix.len() - 2].join(".")),
            key: path.whole(),
            addressing: Some(Addressing::VirtualHosted),
            ..Endpoint::blank(EndpointClass::MultiRegionAccessPoint)
        },
        "s3-outposts" => match tail_region(false) {
            // The access point is the label before the outpost id (`op-…`).
            Some((_, region)) => Endpoint {
                bucket: prefix
                    .iter()
                    .rev()
                    .find(|l| !l.starts_with("op-"))
                    .map(|l| l.to_string()),
                ..named(EndpointClass::Outposts, Some(region))
            },
            None => Endpoint::blank(EndpointClass::OtherAws),
        },
        s if s.starts_with("s3express-") && !s.starts_with("s3express-control") => {
            match tail_region(false) {
                Some((_, region)) => named(EndpointClass::DirectoryBucket, Some(region)),
                None => Endpoint::blank(EndpointClass::OtherAws),
            }
        }
        s => {
            // `s3-website-REGION` and the legacy dash form `s3-REGION`.
            if let Some(region) = s.strip_prefix("s3-website-") {
                if tail.is_empty() && looks_like_region(region) {
                    return named(EndpointClass::Website, Some(region.to_string()));
                }
            } else if let Some(region) = s.strip_prefix("s3-") {
                if tail.is_empty() && looks_like_region(region) {
                    let mut e =
                        Endpoint::blank(rest_class(false, false, false)).with_bucket(prefix, path);
                    e.region = Some(region.to_string());
                    return e;
                }
            }
            Endpoint::blank(EndpointClass::OtherAws)
        }
    }
}

/// `bucket.vpce-ID.s3.REGION.vpce.amazonaws.com`: the SDKs put the bucket in
/// front of the literal `bucket` label; path style has no prefix at all.
fn vpc_endpoint(prefix: &[&str], path: &Path, region: &str) -> Endpoint {
    let Some(vpce_at) = prefix.iter().rposition(|l| l.starts_with("vpce-")) else {
        return Endpoint::blank(EndpointClass::OtherAws);
    };
    let mut names = &prefix[..vpce_at];
    if let Some((last, rest)) = names.split_last() {
        if matches!(*last, "bucket" | "accesspoint" | "control") {
            names = rest;
        }
    }
    let mut e = Endpoint::blank(EndpointClass::VpcEndpoint).with_bucket(names, path);
    e.region = Some(region.to_string());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(url: &str) -> Endpoint {
        classify(&Url::parse(url).expect("test URL parses"))
    }

    #[test]
    fn recognises_region_shapes() {
        for good in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "cn-north-1",
            "us-iso-east-1",
        ] {
            assert!(looks_like_region(good), "{good}");
        }
        for bad in [
            "",
            "s3",
            "dualstack",
            "us-east",
            "east-1",
            "eu-west-x",
            "vpce",
        ] {
            assert!(!looks_like_region(bad), "{bad}");
        }
    }

    #[test]
    fn a_bucket_named_like_the_service_does_not_confuse_it() {
        let e = of("https://s3.backups.s3.eu-west-1.amazonaws.com/k");
        assert_eq!(e.class, EndpointClass::RestVirtualHosted);
        assert_eq!(e.bucket.as_deref(), Some("s3.backups"));
        assert_eq!(e.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn keys_are_percent_decoded_but_plus_stays() {
        let e = of("https://b.s3.amazonaws.com/a%2Fb/c+d%20e.txt");
        assert_eq!(e.key.as_deref(), Some("a/b/c+d e.txt"));
    }

    #[test]
    fn non_s3_aws_hosts_are_other() {
        for url in [
            "https://sts.amazonaws.com/",
            "https://ec2.eu-west-1.amazonaws.com/",
            "https://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/",
        ] {
            assert_eq!(of(url).class, EndpointClass::OtherAws, "{url}");
        }
    }

    #[test]
    fn origin_keeps_scheme_and_port() {
        assert_eq!(
            of("http://minio.lan:9000/b/k").origin,
            "http://minio.lan:9000"
        );
    }
}
