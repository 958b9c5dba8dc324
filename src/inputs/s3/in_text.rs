//! An S3 request inside free text, such as a pasted error: a whole curl
//! command, or the first URL.

use crate::inputs::error_facts::{extract, ErrorFacts};
use crate::inputs::s3::S3Request;

/// Finds an S3 request in free text: a whole curl command, or the first URL.
pub fn request_in_text(text: &str) -> Option<S3Request> {
    let trimmed = text.trim();
    if trimmed.starts_with("curl ") || trimmed.starts_with("curl\t") {
        return S3Request::from_curl(trimmed).ok();
    }
    let url = extract(trimmed).url?;
    S3Request::from_url::<&str>(&url, &[]).ok()
}

/// The request of a pasted error: a curl command pasted whole, or the URL
/// the error names.
pub fn request_in_error(error_text: Option<&str>, facts: &ErrorFacts) -> Option<S3Request> {
    let curl = error_text
        .map(str::trim)
        .filter(|t| t.starts_with("curl ") || t.starts_with("curl\t"));
    match curl {
        Some(command) => S3Request::from_curl(command).ok(),
        None => S3Request::from_url::<&str>(facts.url.as_deref()?, &[]).ok(),
    }
}
