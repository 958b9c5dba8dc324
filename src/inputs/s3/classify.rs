//! Which kind of S3 endpoint a URL points at: AWS hosts, CloudFront, or an
//! S3-compatible service.

use crate::inputs::s3::aws_host::classify_aws;
use crate::inputs::s3::custom::classify_custom;
use crate::inputs::s3::endpoint::{Endpoint, EndpointClass, Path};
use url::Url;

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
        classify_custom(&host, url.port(), &path)
    };
    endpoint.origin = format!("{}://{host_with_port}", url.scheme());
    endpoint.host = host_with_port;
    endpoint
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::s3::endpoint::looks_like_region;

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
