//! The S3 side of a diagnosis: the request the user's program sent (a URL or
//! a curl command, given directly or found in the pasted error) and, when a
//! bucket is named, a live probe with the resolved credentials.

use crate::diagnosis::s3_inspection::{inspect, S3Inspection};
use crate::inputs::s3::S3Request;
use std::time::SystemTime;

/// Finds an S3 request in free text: a whole curl command, or the first URL.
pub fn request_in_text(text: &str) -> Option<S3Request> {
    let trimmed = text.trim();
    if trimmed.starts_with("curl ") || trimmed.starts_with("curl\t") {
        return S3Request::from_curl(trimmed).ok();
    }
    let url = trimmed
        .split(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '<' || c == '>')
        .find(|word| word.starts_with("https://") || word.starts_with("http://"))?;
    S3Request::from_url::<&str>(url.trim_end_matches(['.', ',', ')']), &[]).ok()
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
