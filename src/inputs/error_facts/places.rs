//! Where an error points: bucket and key (from `s3://`, URLs, "to
//! bucket/key", ARNs, S3 XML, call arguments), the URL itself and the region;
//! and how a value taken from untrusted text is cleaned.

use super::patterns::*;
use super::{first, ErrorFacts};
use crate::inputs::s3::classify::classify;
use crate::inputs::s3::endpoint::{looks_like_region, EndpointClass};
use crate::inputs::s3::request::mask_key_ids_in;
use crate::text::mask::{redact_secret_shaped, Scrubber};

pub(super) fn split_bucket_key(path: &str) -> (String, Option<String>) {
    let path = path.trim_end_matches(['.', ',', ')']);
    match path.split_once('/') {
        Some((bucket, key)) if !key.is_empty() => (bucket.to_string(), Some(key.to_string())),
        Some((bucket, _)) => (bucket.to_string(), None),
        None => (path.to_string(), None),
    }
}

/// The URL itself (cleaned) and what its host and path say.
pub(super) fn url_facts(raw: &str, facts: &mut ErrorFacts) {
    let Ok(parsed) = url::Url::parse(raw) else {
        return;
    };
    let endpoint = classify(&parsed);
    let host = endpoint.host.clone();
    if endpoint.class != EndpointClass::OtherAws && endpoint.class != EndpointClass::Custom {
        facts.bucket = facts.bucket.take().or(endpoint.bucket);
        facts.key = facts.key.take().or(endpoint.key);
        facts.service = facts.service.take().or(Some("s3".into()));
    } else if let Some(service) = host
        .strip_suffix(".amazonaws.com")
        .and_then(|h| h.split('.').next())
    {
        facts.service = facts.service.take().or(Some(service.to_string()));
    }
    facts.region = endpoint.region.or_else(|| {
        host.split('.')
            .find(|label| looks_like_region(label))
            .map(str::to_string)
    });
    facts.url = Some(clean_url(raw));
}

/// A URL with signatures, tokens and secret-shaped values hidden and key ids masked.
pub(super) fn clean_url(raw: &str) -> String {
    match crate::inputs::s3::S3Request::from_url::<&str>(raw, &[]) {
        Ok(request) => request.redacted_url(),
        Err(_) => clean_value(&Scrubber::default().scrub(raw)),
    }
}

pub(super) fn bucket_and_key(text: &str, facts: &mut ErrorFacts) {
    let sources = [&S3_URI, &UPLOAD_TO];
    for re in sources {
        if facts.bucket.is_some() {
            break;
        }
        if let Some(caps) = re.as_ref().and_then(|re| re.captures(text)) {
            facts.bucket = caps.get(1).map(|m| m.as_str().to_string());
            facts.key = caps
                .get(2)
                .map(|m| {
                    m.as_str()
                        .trim_end_matches(['.', ',', ')', ':'])
                        .to_string()
                })
                .filter(|k| !k.is_empty());
        }
    }
    if facts.bucket.is_none() {
        facts.bucket = first(&XML_BUCKET, text, 1).or_else(|| first(&ARG_BUCKET, text, 1));
    }
    if facts.key.is_none() {
        facts.key = first(&XML_KEY, text, 1).or_else(|| first(&ARG_KEY, text, 1));
    }
}

pub(super) fn region(text: &str) -> Option<String> {
    first(&EXPECTING_REGION, text, 1)
        .or_else(|| first(&XML_REGION, text, 1))
        .or_else(|| first(&CREDENTIAL_SCOPE, text, 1))
        .or_else(|| first(&NAMED_REGION, text, 1))
        .or_else(|| {
            WORD.as_ref()?
                .find_iter(text)
                .map(|m| m.as_str())
                .find(|w| looks_like_region(w))
                .map(str::to_string)
        })
        .filter(|r| looks_like_region(r))
}

/// Per path segment, so that an ordinary object key is kept while a secret
/// pasted in its place is not; control characters never survive.
pub(super) fn clean_value(value: &str) -> String {
    // An AWS secret is base64 with '/' and '+': whole, it is one such word.
    let base64 = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '+' | '='));
    if base64 && redact_secret_shaped(value) != value {
        return "<hidden>".into();
    }
    let segments: Vec<String> = value
        .split('/')
        .map(|segment| redact_secret_shaped(segment).into_owned())
        .collect();
    mask_key_ids_in(&segments.join("/"))
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}
