//! Rules about presigned URLs: expiry, signing region, signature version.

use super::Context;
use crate::findings::{Finding, FindingId};
use crate::inputs::s3::endpoint::EndpointClass;
use crate::inputs::s3::presign::{format_utc, human_duration, PresignVersion};

pub(super) fn presigned_expired(ctx: &Context) -> Option<Finding> {
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

pub(super) fn presigned_region_mismatch(ctx: &Context) -> Option<Finding> {
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
            crate::text::shell::quote(ctx.bucket()),
            ctx.presign_command(Some(host_region)),
            ctx.rest_url(Some(scope))
        ),
    ))
}

pub(super) fn sigv2_presign(ctx: &Context) -> Option<Finding> {
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
