//! The rules: each looks at the endpoint and the authentication and may
//! raise one finding, with a fix that names the real bucket, key and region.

use crate::aws::mask::mask_key_id;
use crate::findings::{Finding, FindingId};
use crate::s3::auth::AuthSignals;
use crate::s3::endpoint::{Endpoint, EndpointClass};
use crate::s3::presign::{format_utc, human_duration, PresignVersion};

/// What the rules look at.
pub(crate) struct Context<'a> {
    pub endpoint: &'a Endpoint,
    pub signals: &'a AuthSignals,
    /// Seconds since the epoch.
    pub now: u64,
}

/// Every finding for the request, in a stable order.
pub(crate) fn all(ctx: &Context) -> Vec<Finding> {
    [
        mixed_auth(ctx),
        website_with_credentials(ctx),
        anonymous_endpoint_with_token(ctx),
        presigned_expired(ctx),
        presigned_region_mismatch(ctx),
        temporary_key_without_token(ctx),
        sigv2_presign(ctx),
        custom_endpoint(ctx),
        vpc_endpoint(ctx),
    ]
    .into_iter()
    .flatten()
    .collect()
}

impl Context<'_> {
    fn bucket(&self) -> &str {
        self.endpoint.bucket.as_deref().unwrap_or("BUCKET")
    }

    fn key(&self) -> &str {
        self.endpoint.key.as_deref().unwrap_or("KEY")
    }

    fn website(&self) -> bool {
        self.endpoint.class == EndpointClass::Website
    }

    /// The REST API URL for the same bucket and key. Buckets with dots get
    /// path style, because their virtual host does not match S3's certificate.
    fn rest_url(&self, region: Option<&str>) -> String {
        let region = region
            .or(self.endpoint.region.as_deref())
            .unwrap_or("REGION");
        let suffix = if region.starts_with("cn-") {
            "amazonaws.com.cn"
        } else {
            "amazonaws.com"
        };
        let key = self.endpoint.key.as_deref().unwrap_or_default();
        if self.bucket().contains('.') {
            format!("https://s3.{region}.{suffix}/{}/{key}", self.bucket())
        } else {
            format!("https://{}.s3.{region}.{suffix}/{key}", self.bucket())
        }
    }

    /// `aws s3 presign …` for this bucket and key, with the endpoint URL
    /// when the server is not AWS.
    fn presign_command(&self, region: Option<&str>) -> String {
        let region = region
            .or(self.endpoint.region.as_deref())
            .unwrap_or("<bucket-region>");
        let mut command = format!(
            "aws s3 presign s3://{}/{} --region {region} --expires-in 3600",
            self.bucket(),
            self.key()
        );
        if self.endpoint.class == EndpointClass::Custom {
            command.push_str(&format!(" --endpoint-url {}", self.endpoint_url()));
        }
        command
    }

    fn endpoint_url(&self) -> String {
        self.endpoint.origin.clone()
    }

    fn key_id_note(&self) -> String {
        match self.signals.key_id() {
            Some(id) => format!(" (key {})", mask_key_id(id)),
            None => String::new(),
        }
    }
}

fn mixed_auth(ctx: &Context) -> Option<Finding> {
    let s = ctx.signals;
    let mut clashes = Vec::new();
    let mut fixes = Vec::new();
    if let (Some(header), Some(_)) = (&s.header, &s.presign) {
        clashes.push(format!(
            "{} on top of a presigned query",
            header.description
        ));
        fixes.push(
            "Send the presigned URL exactly as issued, with no Authorization header: remove the \
             -H 'Authorization: …' / --aws-sigv4 / -u option, or the proxy, interceptor or shared \
             HTTP client that adds it. If you meant to sign with a header instead, drop the \
             X-Amz-* / AWSAccessKeyId / Signature query parameters."
                .to_string(),
        );
    }
    if s.presign.is_some() && s.token_in_header {
        clashes.push("an x-amz-security-token header next to a presigned query".into());
        fixes.push(
            "Remove the x-amz-security-token header: a presigned URL carries its session token \
             in the X-Amz-Security-Token query parameter, where the signature covers it."
                .to_string(),
        );
    }
    if let (Some(header), None, true) = (&s.header, &s.presign, s.token_in_query) {
        clashes.push(format!(
            "{} with the session token in the X-Amz-Security-Token query parameter",
            header.description
        ));
        fixes.push(
            "Move the session token into an x-amz-security-token header that is signed with the \
             request (curl: -H 'x-amz-security-token: …' next to --aws-sigv4), or drop the \
             Authorization header and use a complete presigned URL."
                .to_string(),
        );
    }
    if s.two_query_signatures {
        clashes.push(
            "both Signature Version 2 (AWSAccessKeyId, Signature) and Signature Version 4 \
             (X-Amz-*) query parameters"
                .into(),
        );
        fixes.push(format!(
            "Keep one signature: presign again with `{}` and send that URL unchanged.",
            ctx.presign_command(None)
        ));
    }
    if clashes.is_empty() {
        return None;
    }
    Some(Finding::new(
        FindingId::S3MixedAuth,
        "The request authenticates twice: in the query string and in headers",
        format!(
            "It carries {}{}. S3 accepts exactly one authentication mechanism per request and \
             rejects the rest with 400 (\"Only one auth mechanism allowed\").",
            clashes.join("; and "),
            ctx.key_id_note()
        ),
        fixes.join(" "),
    ))
}

fn website_with_credentials(ctx: &Context) -> Option<Finding> {
    if !ctx.website() || !ctx.signals.has_credentials() {
        return None;
    }
    let what = match (&ctx.signals.header, &ctx.signals.presign) {
        (Some(h), Some(_)) => format!("{} and a presigned query", h.description),
        (Some(h), None) => h.description.clone(),
        (None, _) => "presigned query parameters".to_string(),
    };
    Some(Finding::new(
        FindingId::S3WebsiteEndpointWithCredentials,
        "Credentials sent to an S3 static-website endpoint",
        format!(
            "{} is the static-website endpoint of bucket {}, which serves anonymous requests only \
             and answers signed ones with 400 CredentialsNotSupported; this request carries {what}{}.",
            ctx.endpoint.host,
            ctx.bucket(),
            ctx.key_id_note()
        ),
        format!(
            "For a signed request use the REST endpoint {} (for a link: `{}`). To read the public \
             website, send the request with no Authorization header and no X-Amz-* / Signature \
             query parameters.",
            ctx.rest_url(None),
            ctx.presign_command(None)
        ),
    ))
}

fn anonymous_endpoint_with_token(ctx: &Context) -> Option<Finding> {
    if !ctx.website() || !(ctx.signals.token_in_header || ctx.signals.token_in_query) {
        return None;
    }
    Some(Finding::new(
        FindingId::S3AnonymousEndpointWithToken,
        "A session token sent to an endpoint that only takes anonymous requests",
        format!(
            "The request to {} (static website of bucket {}) carries {}.",
            ctx.endpoint.host,
            ctx.bucket(),
            ctx.signals.token_places()
        ),
        format!(
            "Remove the session token from requests to {} (look for a proxy, middleware or shared \
             HTTP client that adds x-amz-security-token to every request). If the object is \
             private, request {} signed instead.",
            ctx.endpoint.host,
            ctx.rest_url(None)
        ),
    ))
}

fn presigned_expired(ctx: &Context) -> Option<Finding> {
    let presign = ctx.signals.presign.as_ref()?;
    let expires_at = presign.expires_at?;
    // On a website endpoint the fix is to drop the signature, not renew it.
    if ctx.website() || expires_at > ctx.now {
        return None;
    }
    let signed = presign
        .signed_at
        .map(|at| format!("signed {}, ", format_utc(at)))
        .unwrap_or_default();
    let evidence = format!(
        "The URL was {signed}valid until {} and expired {} ago{}.",
        format_utc(expires_at),
        human_duration(ctx.now - expires_at),
        ctx.key_id_note()
    );
    let fix = if presign.version == PresignVersion::CloudFront {
        format!(
            "Ask the application for a new CloudFront signed URL (or sign one: `aws cloudfront \
             sign --url https://{}/{} --key-pair-id <key-pair-id> --private-key file://<key.pem> \
             --date-less-than <date>`).",
            ctx.endpoint.host,
            ctx.key()
        )
    } else {
        let mut fix = format!(
            "Presign again: `{}`.",
            ctx.presign_command(
                ctx.endpoint
                    .region
                    .as_deref()
                    .or(presign.scope_region.as_deref())
            )
        );
        if ctx.signals.key_id().is_some_and(|k| k.starts_with("ASIA")) {
            fix.push_str(
                " It was signed with temporary credentials, so it also stops working when that \
                 session ends, whatever --expires-in says; presign with credentials that outlive \
                 the link.",
            );
        }
        fix
    };
    Some(Finding::new(
        FindingId::S3PresignedExpired,
        "The presigned URL has expired",
        evidence,
        fix,
    ))
}

fn presigned_region_mismatch(ctx: &Context) -> Option<Finding> {
    let presign = ctx.signals.presign.as_ref()?;
    let scope = presign.scope_region.as_deref()?;
    let host_region = ctx.endpoint.region.as_deref()?;
    let applies = ctx.endpoint.class.is_aws_s3()
        && !ctx.website()
        && ctx.endpoint.class != EndpointClass::MultiRegionAccessPoint;
    if !applies || scope == host_region {
        return None;
    }
    Some(Finding::new(
        FindingId::S3PresignedRegionMismatch,
        "The presigned URL is signed for another region than the endpoint's",
        format!(
            "X-Amz-Credential names region {scope}, but the request goes to {} in {host_region}; \
             S3 rejects the signature (AuthorizationQueryParametersError).",
            ctx.endpoint.host
        ),
        format!(
            "Sign and send for the same region; `aws s3api get-bucket-location --bucket {}` tells \
             which is right. If the bucket lives in {host_region}: `{}`. If it lives in {scope}, \
             the URL should be {}.",
            ctx.bucket(),
            ctx.presign_command(Some(host_region)),
            ctx.rest_url(Some(scope))
        ),
    ))
}

/// A temporary (ASIA) key without its session token: S3 answers
/// InvalidAccessKeyId, because the key id means nothing without the token.
fn temporary_key_without_token(ctx: &Context) -> Option<Finding> {
    let s = ctx.signals;
    let key_id = s.key_id()?;
    let applies = key_id.starts_with("ASIA")
        && ctx.endpoint.class.is_aws_s3()
        && !ctx.website()
        && !s.token_in_header
        && !s.token_in_query;
    if !applies {
        return None;
    }
    let fix = if s.presign.is_some() {
        format!(
            "Presign with the whole temporary credential set (key id, secret and session token \
             all from the same source, e.g. one profile): `{}`; the URL must then contain \
             X-Amz-Security-Token.",
            ctx.presign_command(None)
        )
    } else {
        "Send the session token in an x-amz-security-token header, signed with the request \
         (curl: add -H 'x-amz-security-token: …' next to --aws-sigv4)."
            .to_string()
    };
    Some(Finding::new(
        FindingId::S3InvalidAccessKeyId,
        "A temporary access key without its session token",
        format!(
            "The request is signed with temporary key {} but carries no session token, so S3 \
             answers 403 InvalidAccessKeyId.",
            mask_key_id(key_id)
        ),
        fix,
    ))
}

fn sigv2_presign(ctx: &Context) -> Option<Finding> {
    let presign = ctx.signals.presign.as_ref()?;
    if presign.version != PresignVersion::SigV2 || !ctx.endpoint.class.is_aws_s3() || ctx.website()
    {
        return None;
    }
    Some(Finding::new(
        FindingId::S3Sigv2Presign,
        "A Signature Version 2 presigned URL",
        format!(
            "The query has AWSAccessKeyId, Expires and Signature{}: Signature Version 2, which \
             AWS is retiring and which regions launched after 2014 never accepted.",
            ctx.key_id_note()
        ),
        format!(
            "Presign with Signature Version 4 instead (the AWS CLI and current SDKs do by \
             default): `{}`.",
            ctx.presign_command(None)
        ),
    ))
}

fn custom_endpoint(ctx: &Context) -> Option<Finding> {
    if ctx.endpoint.class != EndpointClass::Custom {
        return None;
    }
    let provider = ctx
        .endpoint
        .provider
        .as_deref()
        .unwrap_or("an S3-compatible server");
    let aws_key = ctx
        .signals
        .key_id()
        .filter(|k| k.starts_with("AKIA") || k.starts_with("ASIA"))
        .map(|k| {
            format!(
                " The request is signed with {}, which has the shape of an AWS IAM key: unless \
                 this server was given that exact key (LocalStack accepts any), it answers \
                 InvalidAccessKeyId.",
                mask_key_id(k)
            )
        })
        .unwrap_or_default();
    Some(Finding::new(
        FindingId::S3CustomEndpoint,
        format!("The endpoint is {provider}, not AWS S3"),
        format!(
            "{} is not an AWS host. It checks keys against its own key store, so IAM users, \
             roles, policies and `aws sts get-caller-identity` say nothing about whether it \
             accepts them.{aws_key}",
            ctx.endpoint.host
        ),
        format!(
            "Use access keys issued by {provider} and point the client at it: `aws s3 ls s3://{}/ \
             --endpoint-url {}`.",
            ctx.bucket(),
            ctx.endpoint_url()
        ),
    ))
}

fn vpc_endpoint(ctx: &Context) -> Option<Finding> {
    if ctx.endpoint.class != EndpointClass::VpcEndpoint {
        return None;
    }
    // The DNS label is `vpce-ID-SUFFIX`; the endpoint id drops the suffix.
    let vpce_id = ctx
        .endpoint
        .host
        .split('.')
        .find(|l| l.starts_with("vpce-"))
        .and_then(|l| l.split('-').nth(1))
        .map(|id| format!("vpce-{id}"))
        .unwrap_or_else(|| "vpce-…".into());
    let label = ctx
        .endpoint
        .host
        .split('.')
        .find(|l| l.starts_with("vpce-"))
        .unwrap_or("vpce-…");
    let region = ctx.endpoint.region.as_deref().unwrap_or("REGION");
    Some(Finding::new(
        FindingId::S3VpcEndpoint,
        "The request goes through an S3 VPC interface endpoint",
        format!(
            "{} is the PrivateLink endpoint {vpce_id} in {region}: it resolves only inside its \
             VPC (or over VPN / Direct Connect), and its endpoint policy and the bucket policy's \
             aws:SourceVpce conditions apply on top of IAM.",
            ctx.endpoint.host
        ),
        format!(
            "Check the endpoint policy: `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids \
             {vpce_id} --region {region} --query 'VpcEndpoints[].PolicyDocument'`. Clients must \
             use --endpoint-url https://bucket.{label}.s3.{region}.vpce.amazonaws.com and \
             --region {region}, or enable private DNS on the endpoint and use the normal \
             {} URL.",
            ctx.rest_url(None)
        ),
    ))
}
