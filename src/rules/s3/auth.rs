//! Rules about how the request authenticates: twice at once, credentials
//! where only anonymous requests go, a temporary key without its token.

use super::Context;
use crate::findings::{Finding, FindingId};
use crate::text::mask::mask_key_id;

pub(super) fn mixed_auth(ctx: &Context) -> Option<Finding> {
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
             request (curl: -H \"x-amz-security-token: $AWS_SESSION_TOKEN\" next to --aws-sigv4), or drop the \
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
            "Keep a single signature by presigning again with `{}`, and send that URL unchanged.",
            ctx.presign_command(None)
        ));
    }
    if clashes.is_empty() {
        return None;
    }
    Some(Finding::new(
        FindingId::S3MixedAuth,
        "The request carries more than one kind of authentication",
        format!(
            "It carries {}{}. S3 accepts exactly one authentication mechanism per request and \
             rejects the rest with 400 (\"Only one auth mechanism allowed\").",
            clashes.join("; and "),
            ctx.key_id_note()
        ),
        fixes.join(" "),
    ))
}

pub(super) fn website_with_credentials(ctx: &Context) -> Option<Finding> {
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

pub(super) fn anonymous_endpoint_with_token(ctx: &Context) -> Option<Finding> {
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

/// A temporary (ASIA) key without its session token: S3 answers
/// InvalidAccessKeyId, because the key id means nothing without the token.
pub(super) fn temporary_key_without_token(ctx: &Context) -> Option<Finding> {
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
         (curl: add -H \"x-amz-security-token: $AWS_SESSION_TOKEN\" next to --aws-sigv4)."
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
