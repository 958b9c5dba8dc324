//! `credwiz s3 inspect`: a table of realistic requests with the endpoint
//! class and the exact set of findings each must produce, a planted-secrets
//! test over every output, and bad input.

use credwiz::findings::FindingId;
use credwiz::inputs::s3::presign::parse_amz_date;
use credwiz::inputs::s3::{AuthMode, EndpointClass, S3Request, S3RequestError};
use credwiz::report::s3 as report;
use credwiz::rules::s3::inspection::{inspect, S3Inspection};
use std::collections::BTreeSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The pinned clock: 2026-03-01 00:00:00 UTC.
fn now() -> SystemTime {
    let at = parse_amz_date("20260301T000000Z").expect("valid date");
    UNIX_EPOCH + Duration::from_secs(at)
}

const KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const TEMP_KEY: &str = "ASIAY34FZKBOKMUTVV7A";
const SIG: &str = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6PLANTED";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY";
const AUTH_V4: &str = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260228/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

/// A SigV4 presigned query signed at `date` for `secs` seconds in `region`.
fn v4(key: &str, date: &str, secs: u32, region: &str) -> String {
    format!(
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={key}%2F{}%2F{region}%2Fs3%2Faws4_request\
         &X-Amz-Date={date}&X-Amz-Expires={secs}&X-Amz-SignedHeaders=host&X-Amz-Signature={SIG}",
        &date[..8]
    )
}

/// Still valid at the pinned clock.
fn fresh(region: &str) -> String {
    v4(KEY, "20260228T233000Z", 3600, region)
}

/// Expired two months before the pinned clock.
fn stale(region: &str) -> String {
    v4(KEY, "20260101T120000Z", 3600, region)
}

fn sigv2(expires: u64) -> String {
    format!("AWSAccessKeyId={KEY}&Expires={expires}&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D")
}

/// 2026-03-01 01:00 and 2026-01-01 as epochs.
const V2_FRESH: u64 = 1_772_326_800;
const V2_STALE: u64 = 1_767_225_600;

enum Input {
    Url(String, Vec<&'static str>),
    Curl(String),
}

struct Row {
    name: &'static str,
    input: Input,
    class: EndpointClass,
    findings: &'static [&'static str],
}

fn url(
    name: &'static str,
    u: impl Into<String>,
    class: EndpointClass,
    findings: &'static [&'static str],
) -> Row {
    Row {
        name,
        input: Input::Url(u.into(), vec![]),
        class,
        findings,
    }
}

fn url_h(
    name: &'static str,
    u: impl Into<String>,
    headers: Vec<&'static str>,
    class: EndpointClass,
    findings: &'static [&'static str],
) -> Row {
    Row {
        name,
        input: Input::Url(u.into(), headers),
        class,
        findings,
    }
}

fn curl(
    name: &'static str,
    cmd: impl Into<String>,
    class: EndpointClass,
    findings: &'static [&'static str],
) -> Row {
    Row {
        name,
        input: Input::Curl(cmd.into()),
        class,
        findings,
    }
}

fn run(input: &Input) -> S3Inspection {
    let request = match input {
        Input::Url(u, headers) => S3Request::from_url(u, headers),
        Input::Curl(cmd) => S3Request::from_curl(cmd),
    }
    .expect("the row parses");
    inspect(&request, now())
}

const MIXED: &str = "s3.mixed_auth";
const WEBSITE_CREDS: &str = "s3.website_endpoint_with_credentials";
const WEBSITE_TOKEN: &str = "s3.anonymous_endpoint_with_token";
const EXPIRED: &str = "s3.presigned_expired";
const REGION: &str = "s3.presigned_region_mismatch";
const SIGV2: &str = "s3.sigv2_presign";
const CUSTOM: &str = "s3.custom_endpoint";
const VPCE: &str = "s3.vpc_endpoint";
const NO_TOKEN: &str = "s3.invalid_access_key_id";

fn table() -> Vec<Row> {
    use EndpointClass::*;
    vec![
        // REST endpoints, every addressing form.
        url("virtual-hosted regional", "https://photos.s3.eu-west-1.amazonaws.com/2024/cat.jpg", RestVirtualHosted, &[]),
        url("virtual-hosted global", "https://photos.s3.amazonaws.com/cat.jpg", RestVirtualHosted, &[]),
        url("virtual-hosted legacy dash", "https://photos.s3-eu-west-1.amazonaws.com/cat.jpg", RestVirtualHosted, &[]),
        url("bucket with dots", "https://my.photos.s3.eu-west-1.amazonaws.com/cat.jpg", RestVirtualHosted, &[]),
        url("path style", "https://s3.eu-west-1.amazonaws.com/photos/cat.jpg", RestPathStyle, &[]),
        url("legacy global path style", "https://s3.amazonaws.com/photos/cat.jpg", RestLegacyGlobal, &[]),
        url("s3-external-1", "https://s3-external-1.amazonaws.com/photos/cat.jpg", RestLegacyGlobal, &[]),
        url("dual-stack virtual", "https://photos.s3.dualstack.us-west-2.amazonaws.com/cat.jpg", RestDualStack, &[]),
        url("dual-stack path", "https://s3.dualstack.us-west-2.amazonaws.com/photos/cat.jpg", RestDualStack, &[]),
        url("FIPS GovCloud", "https://photos.s3-fips.us-gov-west-1.amazonaws.com/cat.jpg", RestFips, &[]),
        url("FIPS dual-stack", "https://s3-fips.dualstack.us-east-1.amazonaws.com/photos/cat.jpg", RestFips, &[]),
        url("China", "https://photos.s3.cn-north-1.amazonaws.com.cn/cat.jpg", RestChina, &[]),
        // Static-website endpoints.
        url("website anonymous", "http://www.example.com.s3-website-us-east-1.amazonaws.com/index.html", Website, &[]),
        url_h("website + SigV4 header", "http://site.s3-website-us-east-1.amazonaws.com/index.html", vec![AUTH_V4], Website, &[WEBSITE_CREDS]),
        url(
            "website + presign with token",
            format!("http://site.s3-website.eu-central-1.amazonaws.com/index.html?{}&X-Amz-Security-Token=abcdefgh12345678", stale("eu-central-1")),
            Website,
            &[WEBSITE_CREDS, WEBSITE_TOKEN],
        ),
        url_h("website + token header only", "http://site.s3-website.eu-central-1.amazonaws.com/", vec!["x-amz-security-token: FQoGZXIvYXdzEJrTOKEN"], Website, &[WEBSITE_TOKEN]),
        curl(
            "website + curl --aws-sigv4 + token",
            format!("curl --aws-sigv4 aws:amz:us-east-1:s3 --user '{KEY}:{SECRET}' -H 'x-amz-security-token: {TOKEN}' http://site.s3-website-us-east-1.amazonaws.com/"),
            Website,
            &[WEBSITE_CREDS, WEBSITE_TOKEN],
        ),
        url_h(
            "website + presign + Authorization",
            format!("http://site.s3-website-us-east-1.amazonaws.com/a.html?{}", fresh("us-east-1")),
            vec![AUTH_V4],
            Website,
            &[MIXED, WEBSITE_CREDS],
        ),
        // Access points and their kin.
        url("access point", "https://finance-123456789012.s3-accesspoint.us-west-2.amazonaws.com/report.csv", AccessPoint, &[]),
        url("access point presigned for another region", format!("https://finance-123456789012.s3-accesspoint.us-west-2.amazonaws.com/report.csv?{}", fresh("eu-west-1")), AccessPoint, &[REGION]),
        url("object lambda", "https://redact-123456789012.s3-object-lambda.us-east-1.amazonaws.com/doc.pdf", ObjectLambdaAccessPoint, &[]),
        url(
            "multi-region access point SigV4A",
            format!("https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/obj?X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential={KEY}%2F20260228%2Fs3%2Faws4_request&X-Amz-Region-Set=%2A&X-Amz-Date=20260228T233000Z&X-Amz-Expires=3600&X-Amz-Signature={SIG}"),
            MultiRegionAccessPoint,
            &[],
        ),
        url("outposts", "https://ap-123456789012.op-01ac5d28a6a232904.s3-outposts.us-west-2.amazonaws.com/k", Outposts, &[]),
        url("directory bucket", "https://logs--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com/2026/log.gz", DirectoryBucket, &[]),
        // VPC interface endpoints.
        url("VPC endpoint virtual-hosted", "https://my-bucket.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com/k.txt", VpcEndpoint, &[VPCE]),
        url("VPC endpoint path style", "https://bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com/my-bucket/k.txt", VpcEndpoint, &[VPCE]),
        // CloudFront.
        url("CloudFront", "https://d111111abcdef8.cloudfront.net/images/cat.jpg", CloudFront, &[]),
        url("CloudFront signed, expired", "https://d111111abcdef8.cloudfront.net/cat.jpg?Expires=1700000000&Signature=nitfHRCrtziwO2HwPfWw~yYDhUF5EwRunQA-j19DzZrvDh6hQ73lDx~-ar3UocvvRQVw6EkC~GdpGQyyOSKQim-TxAnW7d8F5Kkai9HVx0FIu-5jcQb0UEmatEXAMPLE&Key-Pair-Id=K2JCJMDEHXQW5F", CloudFront, &[EXPIRED]),
        // S3-compatible servers.
        url("MinIO", "http://minio.internal:9000/backups/db.tar.gz", Custom, &[CUSTOM]),
        url("LocalStack edge port", "http://localhost:4566/photos/cat.jpg", Custom, &[CUSTOM]),
        url("LocalStack virtual host", "https://photos.s3.localhost.localstack.cloud:4566/cat.jpg", Custom, &[CUSTOM]),
        url("Cloudflare R2", "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/photos/cat.jpg", Custom, &[CUSTOM]),
        url("DigitalOcean Spaces", "https://photos.nyc3.digitaloceanspaces.com/cat.jpg", Custom, &[CUSTOM]),
        url("Backblaze B2", "https://s3.us-west-004.backblazeb2.com/photos/cat.jpg", Custom, &[CUSTOM]),
        url("Wasabi", "https://photos.s3.eu-central-1.wasabisys.com/cat.jpg", Custom, &[CUSTOM]),
        url("Google Cloud Storage", "https://storage.googleapis.com/photos/cat.jpg", Custom, &[CUSTOM]),
        url("generic host", "https://objects.example.org/photos/cat.jpg", Custom, &[CUSTOM]),
        url("MinIO presigned, expired", format!("http://127.0.0.1:9000/photos/cat.jpg?{}", stale("us-east-1")), Custom, &[CUSTOM, EXPIRED]),
        // Presigned URLs on REST endpoints.
        url("presign valid", format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}", fresh("eu-west-1")), RestVirtualHosted, &[]),
        url("presign expired", format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}", stale("eu-west-1")), RestVirtualHosted, &[EXPIRED]),
        url("presign region mismatch", format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}", fresh("us-east-1")), RestVirtualHosted, &[REGION]),
        url("presign expired and wrong region", format!("https://s3.eu-west-1.amazonaws.com/photos/cat.jpg?{}", stale("us-east-1")), RestPathStyle, &[EXPIRED, REGION]),
        url("presign on global endpoint, any region", format!("https://photos.s3.amazonaws.com/cat.jpg?{}", fresh("eu-west-1")), RestVirtualHosted, &[]),
        url("SigV2 presign", format!("https://photos.s3.amazonaws.com/cat.jpg?{}", sigv2(V2_FRESH)), RestVirtualHosted, &[SIGV2]),
        url("SigV2 presign expired", format!("https://photos.s3.amazonaws.com/cat.jpg?{}", sigv2(V2_STALE)), RestVirtualHosted, &[SIGV2, EXPIRED]),
        url(
            "temporary key presign without token",
            format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}", v4(TEMP_KEY, "20260228T233000Z", 3600, "eu-west-1")),
            RestVirtualHosted,
            &[NO_TOKEN],
        ),
        url(
            "temporary key presign with token",
            format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}&X-Amz-Security-Token=abcdefgh12345678", v4(TEMP_KEY, "20260228T233000Z", 3600, "eu-west-1")),
            RestVirtualHosted,
            &[],
        ),
        // Every mixed-authentication variant.
        url_h("presign + Authorization header", format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}", fresh("eu-west-1")), vec![AUTH_V4], RestVirtualHosted, &[MIXED]),
        url_h("presign + token header", format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}", fresh("eu-west-1")), vec!["X-Amz-Security-Token: FQoGZXIvYXdzEJrTOKEN"], RestVirtualHosted, &[MIXED]),
        url_h("Authorization header + token in query", "https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?X-Amz-Security-Token=FQoGZXIvYXdzEJrTOKEN", vec![AUTH_V4], RestVirtualHosted, &[MIXED]),
        url_h("SigV2 presign + Authorization header", format!("https://photos.s3.amazonaws.com/cat.jpg?{}", sigv2(V2_FRESH)), vec!["Authorization: AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg="], RestVirtualHosted, &[MIXED, SIGV2]),
        url("SigV2 and SigV4 query parameters together", format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}&AWSAccessKeyId={KEY}", fresh("eu-west-1")), RestVirtualHosted, &[MIXED]),
        url_h("presign + Bearer header from a proxy", format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}", fresh("eu-west-1")), vec!["authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.PLANTED"], RestVirtualHosted, &[MIXED]),
        curl(
            "presign + curl --aws-sigv4",
            format!("curl --aws-sigv4 'aws:amz:eu-west-1:s3' --user '{KEY}:{SECRET}' 'https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}'", fresh("eu-west-1")),
            RestVirtualHosted,
            &[MIXED],
        ),
        curl(
            "presign + curl -u (Basic)",
            format!("curl -u {KEY}:{SECRET} 'https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}'", fresh("eu-west-1")),
            RestVirtualHosted,
            &[MIXED],
        ),
        curl(
            "browser copy-as-curl: presign + injected header + token",
            format!("curl 'https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}' \\\n  -H 'accept: image/avif,image/webp' \\\n  -H '{AUTH_V4}' \\\n  -H 'x-amz-security-token: {TOKEN}' \\\n  --compressed", fresh("eu-west-1")),
            RestVirtualHosted,
            &[MIXED],
        ),
        // curl forms that are fine.
        curl(
            "curl PUT with continuations and SigV4 header",
            format!("curl -X PUT \\\n  -H 'x-amz-date: 20260228T233000Z' \\\n  -H '{AUTH_V4}' \\\n  -H \"x-amz-content-sha256: UNSIGNED-PAYLOAD\" \\\n  --upload-file ./cat.jpg \\\n  https://photos.s3.eu-west-1.amazonaws.com/cat.jpg"),
            RestVirtualHosted,
            &[],
        ),
        curl("curl -I --url", "curl -I --url https://s3.eu-west-1.amazonaws.com/photos/cat.jpg", RestPathStyle, &[]),
        curl("curl with noise flags", "curl -sSL --compressed -o out.jpg --retry 3 -A 'Mozilla/5.0 (X11)' https://photos.s3.eu-west-1.amazonaws.com/cat.jpg", RestVirtualHosted, &[]),
        curl(
            "curl --aws-sigv4 with a temporary key and no token",
            format!("curl --aws-sigv4 aws:amz:eu-west-1:s3 --user {TEMP_KEY}:{SECRET} https://photos.s3.eu-west-1.amazonaws.com/cat.jpg"),
            RestVirtualHosted,
            &[NO_TOKEN],
        ),
        curl(
            "curl --aws-sigv4 to MinIO with an AWS key",
            format!("curl --aws-sigv4 aws:amz:us-east-1:s3 --user {KEY}:{SECRET} http://localhost:9000/backups/"),
            Custom,
            &[CUSTOM],
        ),
        url("not S3: STS", "https://sts.amazonaws.com/?Action=GetCallerIdentity", OtherAws, &[]),
    ]
}

#[test]
fn every_row_has_its_class_and_exactly_its_findings() {
    let rows = table();
    assert!(rows.len() >= 40, "only {} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let inspection = run(&row.input);
        let got: BTreeSet<&str> = inspection.findings.iter().map(|f| f.id.as_str()).collect();
        let want: BTreeSet<&str> = row.findings.iter().copied().collect();
        if inspection.endpoint_class != row.class || got != want {
            failures.push(format!(
                "{}: class {:?} (want {:?}), findings {got:?} (want {want:?})",
                row.name, inspection.endpoint_class, row.class
            ));
        }
        assert_eq!(
            inspection.exit_code(),
            i32::from(
                inspection
                    .findings
                    .iter()
                    .any(|f| f.severity == credwiz::findings::Severity::Error)
            )
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_endpoint_class_and_mixed_finding_is_covered() {
    use EndpointClass::*;
    let rows = table();
    for class in [
        RestVirtualHosted,
        RestPathStyle,
        RestLegacyGlobal,
        RestDualStack,
        RestFips,
        RestChina,
        Website,
        AccessPoint,
        ObjectLambdaAccessPoint,
        MultiRegionAccessPoint,
        Outposts,
        DirectoryBucket,
        VpcEndpoint,
        CloudFront,
        Custom,
        OtherAws,
    ] {
        assert!(
            rows.iter().any(|r| r.class == class),
            "no row for {class:?}"
        );
    }
    for id in [
        MIXED,
        WEBSITE_CREDS,
        WEBSITE_TOKEN,
        EXPIRED,
        REGION,
        SIGV2,
        CUSTOM,
        VPCE,
        NO_TOKEN,
    ] {
        assert!(
            rows.iter().any(|r| r.findings.contains(&id)),
            "no row raises {id}"
        );
        assert!(
            FindingId::parse(id).is_some(),
            "{id} is not in the catalogue"
        );
    }
}

/// An expected bucket, key or region.
type Where = Option<&'static str>;

#[test]
fn bucket_key_and_region_come_from_the_url() {
    // (url, bucket, key, region)
    let cases: &[(&str, Where, Where, Where)] = &[
        (
            "https://photos.s3.eu-west-1.amazonaws.com/2024/cat%20one.jpg",
            Some("photos"),
            Some("2024/cat one.jpg"),
            Some("eu-west-1"),
        ),
        (
            "https://my.photos.s3.eu-west-1.amazonaws.com/cat.jpg",
            Some("my.photos"),
            Some("cat.jpg"),
            Some("eu-west-1"),
        ),
        (
            "https://photos.s3-ap-southeast-2.amazonaws.com/a/b",
            Some("photos"),
            Some("a/b"),
            Some("ap-southeast-2"),
        ),
        (
            "https://s3.amazonaws.com/photos/cat.jpg",
            Some("photos"),
            Some("cat.jpg"),
            None,
        ),
        (
            "https://s3.eu-west-1.amazonaws.com/photos/",
            Some("photos"),
            None,
            Some("eu-west-1"),
        ),
        (
            "http://site.s3-website-us-east-1.amazonaws.com/index.html",
            Some("site"),
            Some("index.html"),
            Some("us-east-1"),
        ),
        (
            "http://www.example.com.s3-website.eu-central-1.amazonaws.com/",
            Some("www.example.com"),
            None,
            Some("eu-central-1"),
        ),
        (
            "https://finance-123456789012.s3-accesspoint.us-west-2.amazonaws.com/r.csv",
            Some("finance-123456789012"),
            Some("r.csv"),
            Some("us-west-2"),
        ),
        (
            "https://ap-123456789012.op-01ac5d28a6a232904.s3-outposts.us-west-2.amazonaws.com/k",
            Some("ap-123456789012"),
            Some("k"),
            Some("us-west-2"),
        ),
        (
            "https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/obj",
            Some("mfzwi23gnjvgw"),
            Some("obj"),
            None,
        ),
        (
            "https://my-bucket.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com/k.txt",
            Some("my-bucket"),
            Some("k.txt"),
            Some("us-east-1"),
        ),
        (
            "https://bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com/my-bucket/k.txt",
            Some("my-bucket"),
            Some("k.txt"),
            Some("us-east-1"),
        ),
        (
            "https://photos.s3.cn-northwest-1.amazonaws.com.cn/cat.jpg",
            Some("photos"),
            Some("cat.jpg"),
            Some("cn-northwest-1"),
        ),
        (
            "https://photos.nyc3.digitaloceanspaces.com/cat.jpg",
            Some("photos"),
            Some("cat.jpg"),
            Some("nyc3"),
        ),
        (
            "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/photos/cat.jpg",
            Some("photos"),
            Some("cat.jpg"),
            Some("auto"),
        ),
        (
            "https://s3.us-west-004.backblazeb2.com/photos/cat.jpg",
            Some("photos"),
            Some("cat.jpg"),
            Some("us-west-004"),
        ),
        (
            "https://photos.s3.localhost.localstack.cloud:4566/cat.jpg",
            Some("photos"),
            Some("cat.jpg"),
            None,
        ),
        (
            "https://d111111abcdef8.cloudfront.net/images/cat.jpg",
            None,
            Some("images/cat.jpg"),
            None,
        ),
    ];
    for (u, bucket, key, region) in cases {
        let inspection = inspect(&S3Request::from_url::<&str>(u, &[]).expect("parses"), now());
        assert_eq!(inspection.bucket.as_deref(), *bucket, "bucket of {u}");
        assert_eq!(inspection.key.as_deref(), *key, "key of {u}");
        assert_eq!(inspection.region.as_deref(), *region, "region of {u}");
    }
}

#[test]
fn fixes_name_the_real_bucket_key_and_region() {
    let website = run(&Input::Url(
        "http://site.s3-website-us-east-1.amazonaws.com/docs/index.html".into(),
        vec![AUTH_V4],
    ));
    let fix = &website.findings[0].fix;
    assert!(
        fix.contains("https://site.s3.us-east-1.amazonaws.com/docs/index.html"),
        "{fix}"
    );
    let expired = run(&Input::Url(
        format!(
            "https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}",
            stale("eu-west-1")
        ),
        vec![],
    ));
    let f = &expired.findings[0];
    assert!(
        f.fix
            .contains("aws s3 presign s3://photos/cat.jpg --region eu-west-1 --expires-in 3600"),
        "{}",
        f.fix
    );
    assert!(
        f.evidence.contains("2026-01-01 13:00:00 UTC"),
        "{}",
        f.evidence
    );
    let mismatch = run(&Input::Url(
        format!(
            "https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}",
            fresh("us-east-2")
        ),
        vec![],
    ));
    let f = &mismatch.findings[0];
    assert!(f.fix.contains("--region eu-west-1"), "{}", f.fix);
    assert!(
        f.fix
            .contains("https://photos.s3.us-east-2.amazonaws.com/cat.jpg"),
        "{}",
        f.fix
    );
    let minio = run(&Input::Url(
        format!("http://localhost:9000/backups/db.gz?{}", stale("us-east-1")),
        vec![],
    ));
    let f = minio
        .findings
        .iter()
        .find(|f| f.id == FindingId::S3PresignedExpired)
        .expect("expired");
    assert!(
        f.fix.contains("--endpoint-url http://localhost:9000"),
        "{}",
        f.fix
    );
}

#[test]
fn curl_method_and_auth_are_read() {
    let head =
        S3Request::from_curl("curl -I https://s3.amazonaws.com/photos/cat.jpg").expect("parses");
    assert_eq!(head.method, "HEAD");
    let put = S3Request::from_curl("curl -XPUT -T cat.jpg https://photos.s3.amazonaws.com/cat.jpg")
        .expect("parses");
    assert_eq!(put.method, "PUT");
    let upload =
        S3Request::from_curl("curl --upload-file cat.jpg https://photos.s3.amazonaws.com/cat.jpg")
            .expect("parses");
    assert_eq!(upload.method, "PUT");
    let post =
        S3Request::from_curl("curl --data-binary @f https://photos.s3.amazonaws.com/?delete")
            .expect("parses");
    assert_eq!(post.method, "POST");
    let signed = inspect(
        &S3Request::from_curl(&format!("curl --aws-sigv4=aws:amz:eu-west-1:s3 -u{KEY}:{SECRET} https://photos.s3.eu-west-1.amazonaws.com/")).expect("parses"),
        now(),
    );
    assert_eq!(signed.auth, AuthMode::HeaderSigV4);
    assert_eq!(signed.key_id.as_deref(), Some("AKIA************MPLE"));
    let prompt =
        S3Request::from_curl("$ curl https://photos.s3.amazonaws.com/cat.jpg -- ").expect("parses");
    assert_eq!(prompt.url.host_str(), Some("photos.s3.amazonaws.com"));
}

/// Inputs that carry a planted signature, session token and secret.
fn planted_inputs() -> Vec<Result<S3Request, S3RequestError>> {
    let token_q = TOKEN.replace('/', "%2F");
    vec![
        S3Request::from_curl(&format!(
            "curl -v --aws-sigv4 'aws:amz:us-east-1:s3' --user '{KEY}:{SECRET}' \\\n -H 'x-amz-security-token: {TOKEN}' \\\n 'http://site.s3-website-us-east-1.amazonaws.com/a?{}&X-Amz-Security-Token={token_q}'",
            stale("eu-west-1")
        )),
        S3Request::from_url(
            &format!("https://photos.s3.eu-west-1.amazonaws.com/cat.jpg?{}&X-Amz-Security-Token={token_q}", stale("us-east-1")),
            &[AUTH_V4.to_string(), format!("x-amz-security-token: {TOKEN}")],
        ),
        S3Request::from_url(
            &format!("https://photos.s3.amazonaws.com/cat.jpg?AWSAccessKeyId={KEY}&Expires=1&Signature={SIG}"),
            &[format!("Authorization: AWS {KEY}:{SIG}")],
        ),
        S3Request::from_curl(&format!("curl -u {KEY}:{SECRET} http://localhost:9000/b/k?X-Amz-Signature={SIG}")),
        S3Request::from_url::<&str>(&format!("https://{KEY}:{SECRET}@objects.example.org/b/k"), &[]),
        // Bad input must not echo secrets in its error either.
        S3Request::from_curl(&format!("curl -H 'Authorization AWS4-HMAC-SHA256 Signature={SIG}' https://x.s3.amazonaws.com/")),
        S3Request::from_curl(&format!("curl 'https://bad host/?X-Amz-Signature={SIG}&X-Amz-Security-Token={token_q}'")),
        S3Request::from_curl(&format!("{SECRET} https://x.s3.amazonaws.com/")),
        S3Request::from_url::<&str>(&format!("s3://bucket/k?X-Amz-Signature={SIG}"), &[]),
    ]
}

#[test]
fn planted_secrets_appear_in_no_output() {
    let forbidden = [
        SIG.to_string(),
        TOKEN.to_string(),
        TOKEN.replace('/', "%2F"),
        SECRET.to_string(),
        SECRET.replace('/', "%2F"),
        KEY.to_string(),
        "vjbyPxybdZaNmGa".to_string(),
        "frJIUN8DYpKDtOLCwo".to_string(),
    ];
    let mut outputs = Vec::new();
    for parsed in planted_inputs() {
        match parsed {
            Ok(request) => {
                outputs.push(format!("{request:?}"));
                let inspection = inspect(&request, now());
                outputs.push(report::human(&inspection));
                outputs.push(report::markdown(&inspection));
                outputs.push(report::json(&inspection).to_string());
                outputs.push(format!("{inspection:?}"));
            }
            Err(error) => {
                outputs.push(error.to_string());
                outputs.push(format!("{error:?}"));
            }
        }
    }
    assert!(
        outputs.iter().any(|o| o.contains("AKIA************MPLE")),
        "the masked key id is shown"
    );
    for output in &outputs {
        for secret in &forbidden {
            assert!(
                !output.contains(secret.as_str()),
                "{secret} leaked in:\n{output}"
            );
        }
    }
}

#[test]
fn bad_input_gets_a_clear_error() {
    let curl_cases: &[(&str, &str)] = &[
        ("", "empty"),
        ("   \n ", "empty"),
        ("curl -s --compressed", "no URL"),
        (
            "curl 'https://photos.s3.amazonaws.com/cat.jpg",
            "unclosed quote",
        ),
        (
            "curl \"https://photos.s3.amazonaws.com/cat.jpg",
            "unclosed quote",
        ),
        (
            "wget https://photos.s3.amazonaws.com/cat.jpg",
            "not a curl command",
        ),
        ("curl not a url", "is not a URL"),
        ("curl -H", "needs a value"),
        ("curl https://photos.s3.amazonaws.com/ -X", "needs a value"),
        (
            "curl -H 'NoColonHere' https://photos.s3.amazonaws.com/",
            "no `name: value` form",
        ),
        ("curl ftp://example.com/file", "is not HTTP"),
        ("curl s3://photos/cat.jpg", "S3 URI"),
    ];
    for (input, expected) in curl_cases {
        let error = S3Request::from_curl(input).expect_err(input);
        assert!(error.to_string().contains(expected), "{input:?}: {error}");
    }
    let url_cases: &[(&str, &str)] = &[
        ("", "empty"),
        ("hello world", "contains spaces"),
        ("hello", "no scheme and no host"),
        ("https://", "is not a URL"),
        ("s3://photos/cat.jpg", "S3 URI"),
        ("mailto:someone@example.com", "is not HTTP"),
    ];
    for (input, expected) in url_cases {
        let error = S3Request::from_url::<&str>(input, &[]).expect_err(input);
        assert!(error.to_string().contains(expected), "{input:?}: {error}");
    }
    let header = S3Request::from_url("https://photos.s3.amazonaws.com/", &["broken header"])
        .expect_err("bad header");
    assert!(
        matches!(header, S3RequestError::MalformedHeader { .. }),
        "{header:?}"
    );
}

#[test]
fn renderers_agree_on_the_contract() {
    let inspection = run(&Input::Url(
        format!(
            "http://site.s3-website-us-east-1.amazonaws.com/a.html?{}",
            fresh("us-east-1")
        ),
        vec![AUTH_V4],
    ));
    let json = report::json(&inspection);
    assert_eq!(json["endpoint_class"], "website");
    assert_eq!(json["bucket"], "site");
    assert_eq!(json["key"], "a.html");
    assert_eq!(json["region"], "us-east-1");
    assert_eq!(json["auth"], "mixed");
    let first = &json["findings"][0];
    for field in ["id", "severity", "title", "evidence", "fix"] {
        assert!(first[field].is_string(), "findings[0].{field}");
    }
    assert_eq!(first["id"], "s3.mixed_auth");
    assert_eq!(first["severity"], "error");
    let human = report::human(&inspection);
    assert!(
        human.contains("s3.website_endpoint_with_credentials"),
        "{human}"
    );
    assert!(human.contains("2 errors, 0 warnings, 0 notes."), "{human}");
    let markdown = report::markdown(&inspection);
    assert!(markdown.starts_with("## credwiz s3 inspect"), "{markdown}");
    assert!(markdown.contains("**Fix:**"), "{markdown}");
    assert_eq!(inspection.exit_code(), 1);
    let clean = run(&Input::Url(
        "https://photos.s3.eu-west-1.amazonaws.com/cat.jpg".into(),
        vec![],
    ));
    assert_eq!(clean.exit_code(), 0);
    assert!(report::human(&clean).contains("Nothing wrong with the request itself"));
}
/// Findings never quote a secret, so the scrubber has nothing to hide in
/// them; a `<hidden>` there means it mangled credwiz's own advice.
#[test]
fn advice_survives_scrubbing_intact() {
    for row in table() {
        for finding in run(&row.input).findings {
            let text = format!("{} {} {}", finding.title, finding.evidence, finding.fix);
            assert!(!text.contains("<hidden>"), "{}: {text}", row.name);
        }
    }
}
