//! Informational rules about endpoints whose own rules apply: servers that
//! are not AWS, and PrivateLink endpoints.

use super::Context;
use crate::findings::{Finding, FindingId};
use crate::inputs::s3::endpoint::EndpointClass;
use crate::text::mask::mask_key_id;

pub(super) fn custom_endpoint(ctx: &Context) -> Option<Finding> {
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

pub(super) fn vpc_endpoint(ctx: &Context) -> Option<Finding> {
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
