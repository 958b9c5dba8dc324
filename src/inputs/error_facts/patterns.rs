//! The shapes error texts take, as regular expressions and code lists, for
//! the extractor in `error_facts.rs`.

use regex_lite::Regex;
use std::sync::LazyLock;

/// Codes that decide a credential diagnosis, found even in free prose.
pub(super) const KNOWN_CODES: &[&str] = &[
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "ExpiredTokenException",
    "ExpiredToken",
    "TokenRefreshRequired",
    "RequestExpired",
    "RequestTimeTooSkewed",
    "InvalidToken",
    "AccessDeniedException",
    "AccessDenied",
    "UnauthorizedOperation",
    "AuthFailure",
    "CredentialsNotSupported",
    "AuthorizationHeaderMalformed",
    "PermanentRedirect",
    "NoSuchBucket",
    "NoCredentialsError",
    "PartialCredentialsError",
    "CredentialRetrievalError",
    "CredentialsProviderError",
    "TokenRetrievalError",
    "SSOTokenLoadError",
    "UnauthorizedSSOTokenError",
    "NoRegionError",
    "EndpointConnectionError",
];

/// Codes that mean "authenticated, but a policy says no".
pub(super) const DENIAL_CODES: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "Forbidden",
];

fn regex(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

macro_rules! pattern {
    ($name:ident, $re:expr) => {
        pub(super) static $name: LazyLock<Option<Regex>> = LazyLock::new(|| regex($re));
    };
}

pattern!(
    BOTOCORE,
    r"An error occurred \(([A-Za-z0-9.]+)\) when calling the (\w+) operation"
);
pattern!(PY_EXCEPTION, r"botocore\.exceptions\.(\w+)");
pattern!(XML_CODE, r"<Code>(\w+)</Code>");
pattern!(
    NAMED_CODE,
    r#"\b(?:Code|code|name|__type)['"]?\s*[:=]\s*(?:Some\()?['"](\w+)['"]"#
);
pattern!(GO_OPERATION, r"operation error ([A-Za-z0-9 ]+?): (\w+),");
pattern!(GO_API_ERROR, r"api error (\w+):");
pattern!(RUST_UNHANDLED, r"unhandled error \((\w+)\)");
pattern!(JAVA_CODE, r"Error Code: (\w+)");
pattern!(JAVA_SERVICE, r"\(Service: ([A-Za-z0-9 ]+?)[;,]");
pattern!(JAVA_PACKAGE, r"software\.amazon\.awssdk\.services\.(\w+)\.");
pattern!(NODE_CLIENT, r"@aws-sdk/client-([a-z0-9-]+)");
pattern!(
    STATUS,
    r#"(?i)(?:status ?code|httpstatuscode|http status)['"]?\s*[:=]?\s*(\d{3})\b"#
);
pattern!(HTTP_LINE, r"HTTP/[0-9.]+ (\d{3})\b");
pattern!(
    REQUEST_ID,
    r#"(?i)\b(?:x-amz-request-id|aws_request_id|request[ _-]?id)['"]?\s*[:=]?\s*(?:Some\()?['"]?([A-Za-z0-9][A-Za-z0-9-]{7,})"#
);
pattern!(XML_REQUEST_ID, r"<RequestId>([A-Za-z0-9-]+)</RequestId>");
pattern!(
    S3_URI,
    r#"s3://([a-z0-9][a-z0-9.-]{1,62})(?:/([^\s'"<>`]*))?"#
);
pattern!(URL, r#"https?://[^\s'"<>`\\]+"#);
pattern!(
    UPLOAD_TO,
    r"Failed to (?:upload|download|copy) \S+ to ([a-z0-9][a-z0-9.-]{1,62})/([^\s:]+):"
);
pattern!(XML_BUCKET, r"<BucketName>([^<]+)</BucketName>");
pattern!(XML_KEY, r"<Key>([^<]+)</Key>");
pattern!(
    ARG_BUCKET,
    r#"\bBucket(?:Name)?['"]?\s*[=:]\s*['"]([^'"\n]+)['"]"#
);
pattern!(ARG_KEY, r#"\bKey['"]?\s*[=:]\s*['"]([^'"\n]+)['"]"#);
pattern!(
    ARN,
    r#"arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:([^\s'"<>,;()]+)"#
);
pattern!(
    ACTION,
    r"not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)"
);
pattern!(EXPECTING_REGION, r"expecting '([a-z0-9-]+)'");
pattern!(XML_REGION, r"<Region>([a-z0-9-]+)</Region>");
pattern!(
    NAMED_REGION,
    r#"(?i)(?:x-amz-bucket-region|region)['"]?\s*[:=]?\s*['"]?([a-z]{2}(?:-[a-z]+)+-\d+)"#
);
pattern!(
    CREDENTIAL_SCOPE,
    r"(?i)X-Amz-Credential=[^&\s]+?(?:/|%2F)\d{8}(?:/|%2F)([a-z0-9-]+)"
);
pattern!(WORD, r"[a-z]{2}(?:-[a-z]+)+-\d+");
