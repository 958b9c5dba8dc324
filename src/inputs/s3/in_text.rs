//! An S3 request inside free text, such as a pasted error: a whole curl
//! command, or the first URL.

use crate::inputs::s3::S3Request;

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
