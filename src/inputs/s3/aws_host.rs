//! AWS S3 host names: which endpoint class a `….amazonaws.com` host is,
//! and the bucket and region it names.

use crate::inputs::s3::endpoint::{looks_like_region, Addressing, Endpoint, EndpointClass, Path};

/// An AWS S3 host split around its service label.
struct AwsHost<'a> {
    service: &'a str,
    /// The labels before the service label (a bucket or access point).
    prefix: &'a [&'a str],
    /// The labels after it (region, `dualstack`, `vpce`).
    tail: &'a [&'a str],
    path: &'a Path,
    china: bool,
}

impl AwsHost<'_> {
    /// The region in the tail, and whether it came after `dualstack`.
    fn tail_region(&self, allow_dualstack: bool) -> Option<(bool, String)> {
        match self.tail {
            [region] if looks_like_region(region) => Some((false, region.to_string())),
            ["dualstack", region] if allow_dualstack && looks_like_region(region) => {
                Some((true, region.to_string()))
            }
            _ => None,
        }
    }

    /// An endpoint named after its prefix (access points, websites…).
    fn named(&self, class: EndpointClass, region: Option<String>) -> Endpoint {
        Endpoint {
            bucket: (!self.prefix.is_empty()).then(|| self.prefix.join(".")),
            key: self.path.whole(),
            region,
            addressing: Some(Addressing::VirtualHosted),
            ..Endpoint::blank(class)
        }
    }

    fn rest_class(&self, dualstack: bool, fips: bool, global: bool) -> EndpointClass {
        if self.china {
            EndpointClass::RestChina
        } else if fips {
            EndpointClass::RestFips
        } else if dualstack {
            EndpointClass::RestDualStack
        } else if global && self.prefix.is_empty() {
            EndpointClass::RestLegacyGlobal
        } else if self.prefix.is_empty() {
            EndpointClass::RestPathStyle
        } else {
            EndpointClass::RestVirtualHosted
        }
    }

    /// A REST endpoint of this class, with the bucket and region read.
    fn rest(&self, class: EndpointClass, region: Option<String>) -> Endpoint {
        let mut e = Endpoint::blank(class).with_bucket(self.prefix, self.path);
        e.region = region;
        e
    }

    /// The plain REST forms: `s3`, `s3-fips`, `s3-external-1`, `s3-REGION`.
    fn rest_endpoint(&self) -> Option<Endpoint> {
        let (service, tail) = (self.service, self.tail);
        Some(match service {
            "s3" if tail.is_empty() => self.rest(self.rest_class(false, false, true), None),
            "s3" if tail.len() == 2 && tail[1] == "vpce" && looks_like_region(tail[0]) => {
                vpc_endpoint(self.prefix, self.path, tail[0])
            }
            "s3" | "s3-fips" => match self.tail_region(true) {
                Some((dualstack, region)) => {
                    let class = self.rest_class(dualstack, service == "s3-fips", false);
                    self.rest(class, Some(region))
                }
                None => Endpoint::blank(EndpointClass::OtherAws),
            },
            "s3-external-1" if tail.is_empty() => self.rest(
                self.rest_class(false, false, true),
                Some("us-east-1".into()),
            ),
            s if !s.starts_with("s3-website-") && tail.is_empty() => {
                // The legacy dash form `s3-REGION`.
                let region = s.strip_prefix("s3-").filter(|r| looks_like_region(r))?;
                self.rest(
                    self.rest_class(false, false, false),
                    Some(region.to_string()),
                )
            }
            _ => return None,
        })
    }

    /// Websites, access points, Object Lambda, Multi-Region access points,
    /// Outposts and directory buckets.
    fn named_endpoint(&self) -> Endpoint {
        let other = || Endpoint::blank(EndpointClass::OtherAws);
        let regional = |class, dualstack| match self.tail_region(dualstack) {
            Some((_, region)) => self.named(class, Some(region)),
            None => other(),
        };
        match self.service {
            "s3-website" => match self.tail {
                [region] if looks_like_region(region) => {
                    self.named(EndpointClass::Website, Some(region.to_string()))
                }
                _ => other(),
            },
            "s3-accesspoint" | "s3-accesspoint-fips" => regional(EndpointClass::AccessPoint, true),
            "s3-object-lambda" | "s3-object-lambda-fips" => {
                regional(EndpointClass::ObjectLambdaAccessPoint, false)
            }
            "s3-global" if self.prefix.ends_with(&["mrap", "accesspoint"]) => Endpoint {
                bucket: (self.prefix.len() > 2)
                    .then(|| self.prefix[..self.prefix.len() - 2].join(".")),
                key: self.path.whole(),
                addressing: Some(Addressing::VirtualHosted),
                ..Endpoint::blank(EndpointClass::MultiRegionAccessPoint)
            },
            "s3-outposts" => match self.tail_region(false) {
                // The access point is the label before the outpost id (`op-…`).
                Some((_, region)) => Endpoint {
                    bucket: self
                        .prefix
                        .iter()
                        .rev()
                        .find(|l| !l.starts_with("op-"))
                        .map(|l| l.to_string()),
                    ..self.named(EndpointClass::Outposts, Some(region))
                },
                None => other(),
            },
            s if s.starts_with("s3express-") && !s.starts_with("s3express-control") => {
                regional(EndpointClass::DirectoryBucket, false)
            }
            s => match s.strip_prefix("s3-website-") {
                // `s3-website-REGION`, the dash form.
                Some(region) if self.tail.is_empty() && looks_like_region(region) => {
                    self.named(EndpointClass::Website, Some(region.to_string()))
                }
                _ => other(),
            },
        }
    }
}

/// Classifies the part of an AWS host before `.amazonaws.com(.cn)`.
///
/// Works from the right: the rightmost label starting with `s3` is the
/// service label (region labels never do), so bucket names that contain
/// `s3.` themselves do not confuse it.
pub(crate) fn classify_aws(rest: &str, path: &Path, china: bool) -> Endpoint {
    let labels: Vec<&str> = rest.split('.').collect();
    let Some(at) = labels
        .iter()
        .rposition(|l| *l == "s3" || l.starts_with("s3-") || l.starts_with("s3express-"))
    else {
        return Endpoint::blank(EndpointClass::OtherAws);
    };
    let host = AwsHost {
        service: labels[at],
        prefix: &labels[..at],
        tail: &labels[at + 1..],
        path,
        china,
    };
    host.rest_endpoint()
        .unwrap_or_else(|| host.named_endpoint())
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
