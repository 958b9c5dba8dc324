//! The inspection: classify the endpoint, read the authentication, apply the
//! rules, and hand back one serializable result with secrets scrubbed.

use crate::findings::{has_errors, Finding};
use crate::inputs::s3::auth::{AuthMode, AuthSignals};
use crate::inputs::s3::classify::classify;
use crate::inputs::s3::endpoint::{Addressing, EndpointClass};
use crate::inputs::s3::in_text::request_in_text;
use crate::inputs::s3::presign::epoch_seconds;
use crate::inputs::s3::request::S3Request;
use crate::rules::s3::{self as rules, Context};
use serde::Serialize;
use std::time::SystemTime;

/// Everything credwiz can tell about one S3 request without sending it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct S3Inspection {
    /// The HTTP method (`GET`, `PUT`, `HEAD`…).
    pub method: String,
    /// The URL with signatures and tokens hidden, key ids masked and any
    /// `#fragment` dropped.
    pub url: String,
    /// True when the given URL had a `#fragment`, which browsers and SDKs
    /// never send; it is not shown. Absent from JSON when there was none.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fragment_dropped: bool,
    pub endpoint_class: EndpointClass,
    /// The endpoint class in words.
    pub endpoint: String,
    /// `host` or `host:port`.
    pub host: String,
    pub addressing: Option<Addressing>,
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub region: Option<String>,
    /// For endpoints that are not AWS: whose server it is.
    pub provider: Option<String>,
    pub auth: AuthMode,
    /// The access key id the request is signed with, masked.
    pub key_id: Option<String>,
    pub findings: Vec<Finding>,
}

impl S3Inspection {
    /// 1 when any finding is an error, else 0.
    pub fn exit_code(&self) -> i32 {
        exit_code(self)
    }
}

/// 1 when any finding is an error, else 0.
pub fn exit_code(inspection: &S3Inspection) -> i32 {
    i32::from(has_errors(&inspection.findings))
}

/// Inspects a request as of `now` (a parameter so tests can pin the clock).
pub fn inspect(request: &S3Request, now: SystemTime) -> S3Inspection {
    let endpoint = classify(&request.url);
    let signals = AuthSignals::of(request);
    let context = Context {
        endpoint: &endpoint,
        signals: &signals,
        now: epoch_seconds(now),
    };
    let scrubber = request.scrubber();
    // Scrubbed of secrets, and inert: a decoded path or header value may
    // carry escape sequences.
    let scrub =
        |text: &str| crate::text::sanitize::sanitize_line(&scrubber.scrub(text)).into_owned();
    let findings = rules::all(&context)
        .into_iter()
        .map(|f| Finding {
            title: scrub(&f.title),
            evidence: scrub(&f.evidence),
            fix: scrub(&f.fix),
            ..f
        })
        .collect();
    S3Inspection {
        method: scrub(&request.method),
        url: request.redacted_url(),
        fragment_dropped: request.has_fragment(),
        endpoint_class: endpoint.class,
        endpoint: endpoint.class.label().to_string(),
        host: scrub(&endpoint.host),
        addressing: endpoint.addressing,
        bucket: endpoint.bucket.as_deref().map(scrub),
        key: endpoint.key.as_deref().map(scrub),
        region: endpoint.region.clone(),
        provider: endpoint.provider.clone(),
        auth: signals.mode(),
        key_id: signals.masked_key_id(),
        findings,
    }
}

/// Inspects the request, if the text holds one.
pub fn inspect_text(text: &str, now: SystemTime) -> Option<S3Inspection> {
    request_in_text(text).map(|request| inspect(&request, now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_url_inside_an_error_message() {
        let text = "botocore error: 400 CredentialsNotSupported for https://site.s3-website-us-east-1.amazonaws.com/index.html.";
        let inspection = inspect_text(text, SystemTime::now()).expect("url found");
        assert_eq!(inspection.bucket.as_deref(), Some("site"));
        assert!(inspect_text("no url here", SystemTime::now()).is_none());
    }

    #[test]
    fn takes_a_whole_curl_command() {
        let inspection = inspect_text(
            "curl -H 'x-amz-security-token: abc' https://b.s3.us-east-1.amazonaws.com/k",
            SystemTime::now(),
        )
        .expect("curl parsed");
        assert_eq!(inspection.key.as_deref(), Some("k"));
    }
}
