//! An S3 stub that answers every request with one error in S3's own shape
//! (`<Error><Code>…</Code><Message>…</Message></Error>`): any code and any
//! message, which moto cannot be made to say.

use super::server::{Handler, HttpStub, Reply};
use std::sync::Arc;

/// An S3 endpoint that refuses everything with one error.
pub struct S3ErrorStub {
    http: HttpStub,
}

impl S3ErrorStub {
    /// Every request: HTTP `status` with `code` and `message` (XML-escaped
    /// here; a control character goes as a character reference, which the
    /// SDK decodes).
    pub fn start(status: u16, code: &str, message: &str) -> S3ErrorStub {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message>\
             <RequestId>credwiz-stub</RequestId></Error>",
            xml_text(code),
            xml_text(message)
        );
        let handler: Handler =
            Arc::new(move |_| Reply::new(status, "application/xml", body.clone()));
        S3ErrorStub {
            http: HttpStub::start(handler),
        }
    }

    /// `http://127.0.0.1:<port>`; set it as `AWS_ENDPOINT_URL_S3`.
    pub fn url(&self) -> String {
        self.http.listener.url()
    }
}

fn xml_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            c if c.is_control() => format!("&#{};", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}
