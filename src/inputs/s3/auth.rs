//! How a request authenticates: the Authorization header (or what curl will
//! add), presigned query parameters, and where a session token travels.

use crate::inputs::s3::presign::{read_presign, Presign, PresignVersion};
use crate::inputs::s3::request::{CurlAuth, S3Request};
use crate::text::mask::mask_key_id;
use serde::Serialize;

/// The request's authentication, in one word. The string form is a JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMode {
    /// No credentials of any kind.
    Anonymous,
    /// `Authorization: AWS4-HMAC-SHA256 …`, or curl `--aws-sigv4`.
    #[serde(rename = "header_sigv4")]
    HeaderSigV4,
    /// `Authorization: AWS4-ECDSA-P256-SHA256 …` (multi-region access points).
    #[serde(rename = "header_sigv4a")]
    HeaderSigV4a,
    /// `Authorization: AWS KEYID:SIGNATURE`.
    #[serde(rename = "header_sigv2")]
    HeaderSigV2,
    /// `Authorization: Basic …` or curl `-u` without `--aws-sigv4`.
    HeaderBasic,
    /// Any other Authorization scheme (`Bearer`, …).
    HeaderOther,
    /// `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=…`.
    #[serde(rename = "presigned_sigv4")]
    PresignedSigV4,
    /// `X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256…`.
    #[serde(rename = "presigned_sigv4a")]
    PresignedSigV4a,
    /// `AWSAccessKeyId=…&Expires=…&Signature=…`.
    #[serde(rename = "presigned_sigv2")]
    PresignedSigV2,
    /// A CloudFront signed URL (`Key-Pair-Id`, `Signature`, `Expires` or `Policy`).
    CloudFrontSigned,
    /// A session token with no signature.
    TokenOnly,
    /// More than one mechanism at once, which S3 rejects.
    Mixed,
}

impl AuthMode {
    /// A short description for people.
    pub fn label(self) -> &'static str {
        match self {
            AuthMode::Anonymous => "anonymous (no credentials)",
            AuthMode::HeaderSigV4 => "Authorization header, SigV4",
            AuthMode::HeaderSigV4a => "Authorization header, SigV4A",
            AuthMode::HeaderSigV2 => "Authorization header, SigV2",
            AuthMode::HeaderBasic => "Authorization header, HTTP Basic",
            AuthMode::HeaderOther => "Authorization header, unknown scheme",
            AuthMode::PresignedSigV4 => "presigned URL, SigV4",
            AuthMode::PresignedSigV4a => "presigned URL, SigV4A",
            AuthMode::PresignedSigV2 => "presigned URL, SigV2",
            AuthMode::CloudFrontSigned => "CloudFront signed URL",
            AuthMode::TokenOnly => "session token only, no signature",
            AuthMode::Mixed => "mixed: more than one mechanism",
        }
    }
}

/// Header-borne authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeaderAuth {
    pub mode: AuthMode,
    /// For people: "an Authorization header (AWS4-HMAC-SHA256)".
    pub description: String,
    /// Plain key id (mask before showing).
    pub key_id: Option<String>,
    /// The signing region the header or curl names.
    pub region: Option<String>,
}

/// Everything the request carries that authenticates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AuthSignals {
    pub header: Option<HeaderAuth>,
    pub presign: Option<Presign>,
    /// Both SigV2 (`AWSAccessKeyId`/`Signature`) and SigV4 (`X-Amz-*`) query auth.
    pub two_query_signatures: bool,
    pub token_in_header: bool,
    pub token_in_query: bool,
}

impl AuthSignals {
    /// Reads the signals from a request.
    pub fn of(request: &S3Request) -> Self {
        let (presign, two_query_signatures) = read_presign(request);
        AuthSignals {
            header: header_auth(request),
            presign,
            two_query_signatures,
            token_in_header: request.header("x-amz-security-token").is_some(),
            token_in_query: request.query("X-Amz-Security-Token").is_some(),
        }
    }

    /// The one-word summary.
    pub fn mode(&self) -> AuthMode {
        let mixed = self.two_query_signatures
            || (self.header.is_some() && self.presign.is_some())
            || (self.presign.is_some() && self.token_in_header)
            || (self.header.is_some() && self.token_in_query);
        if mixed {
            return AuthMode::Mixed;
        }
        match (&self.header, &self.presign) {
            (Some(h), _) => h.mode,
            (None, Some(p)) => match p.version {
                PresignVersion::SigV4 => AuthMode::PresignedSigV4,
                PresignVersion::SigV4a => AuthMode::PresignedSigV4a,
                PresignVersion::SigV2 => AuthMode::PresignedSigV2,
                PresignVersion::CloudFront => AuthMode::CloudFrontSigned,
            },
            (None, None) if self.token_in_header || self.token_in_query => AuthMode::TokenOnly,
            (None, None) => AuthMode::Anonymous,
        }
    }

    /// True when the request carries a signature or credentials S3 would
    /// check (a CloudFront signature is CloudFront's business, not S3's).
    pub fn has_credentials(&self) -> bool {
        self.header.is_some()
            || self
                .presign
                .as_ref()
                .is_some_and(|p| p.version != PresignVersion::CloudFront)
    }

    /// The plain key id the request is signed with, if it shows one.
    pub fn key_id(&self) -> Option<&str> {
        self.presign
            .as_ref()
            .and_then(|p| p.key_id.as_deref())
            .or_else(|| self.header.as_ref().and_then(|h| h.key_id.as_deref()))
    }

    /// The masked key id, for output.
    pub fn masked_key_id(&self) -> Option<String> {
        self.key_id().map(mask_key_id)
    }

    /// Where the session token travels, for people.
    pub fn token_places(&self) -> String {
        match (self.token_in_header, self.token_in_query) {
            (true, true) => {
                "an x-amz-security-token header and an X-Amz-Security-Token query parameter"
            }
            (true, false) => "an x-amz-security-token header",
            (false, true) => "an X-Amz-Security-Token query parameter",
            (false, false) => "no session token",
        }
        .to_string()
    }
}

fn header_auth(request: &S3Request) -> Option<HeaderAuth> {
    if let Some(value) = request.header("authorization") {
        let scheme = value.split_whitespace().next().unwrap_or_default();
        let (mode, label) = match scheme.to_ascii_uppercase().as_str() {
            "AWS4-HMAC-SHA256" => (AuthMode::HeaderSigV4, "AWS4-HMAC-SHA256"),
            "AWS4-ECDSA-P256-SHA256" => (AuthMode::HeaderSigV4a, "AWS4-ECDSA-P256-SHA256"),
            "AWS" => (AuthMode::HeaderSigV2, "AWS, Signature Version 2"),
            "BASIC" => (AuthMode::HeaderBasic, "Basic"),
            "BEARER" => (AuthMode::HeaderOther, "Bearer"),
            _ => (AuthMode::HeaderOther, "unrecognised scheme"),
        };
        let (key_id, region) = match mode {
            AuthMode::HeaderSigV4 | AuthMode::HeaderSigV4a => credential_in_header(value),
            AuthMode::HeaderSigV2 => (
                value
                    .split_whitespace()
                    .nth(1)
                    .and_then(|c| c.split(':').next())
                    .map(str::to_string),
                None,
            ),
            _ => (None, None),
        };
        return Some(HeaderAuth {
            mode,
            description: format!("an Authorization header ({label})"),
            key_id,
            region,
        });
    }
    match request.curl_auth.as_ref()? {
        CurlAuth::SigV4 { region, key_id, .. } => Some(HeaderAuth {
            mode: AuthMode::HeaderSigV4,
            description: "curl --aws-sigv4 (curl adds a SigV4 Authorization header)".into(),
            key_id: key_id.clone(),
            region: region.clone(),
        }),
        CurlAuth::Basic { .. } => Some(HeaderAuth {
            mode: AuthMode::HeaderBasic,
            description:
                "curl -u/--user without --aws-sigv4 (curl adds an HTTP Basic Authorization header)"
                    .into(),
            key_id: None,
            region: None,
        }),
    }
}

/// `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/s3/aws4_request, …`.
fn credential_in_header(value: &str) -> (Option<String>, Option<String>) {
    let Some(credential) = value
        .split([',', ' '])
        .find_map(|part| part.trim().strip_prefix("Credential="))
    else {
        return (None, None);
    };
    let parts: Vec<&str> = credential.split('/').collect();
    let key_id = parts.first().map(|k| k.to_string());
    // SigV4A scopes have no region: AKID/DATE/SERVICE/aws4_request.
    let region = (parts.len() == 5).then(|| parts[2].to_string());
    (key_id, region)
}
