//! A bounded HTTP client for poking at the world.

use crate::support::loopback::assert_loopback_url;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A reply read by [`http_call`]. Header names lowercased.
#[derive(Clone, Debug)]
pub struct HttpReply {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl HttpReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// One HTTP/1.1 request to a loopback `url`, with 2 s connect and 5 s read
/// bounds. Panics on a non-loopback URL or a transport error.
pub fn http_call(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> HttpReply {
    assert_loopback_url("http_call", url);
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (authority, path) = rest
        .find('/')
        .map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
    let addr: SocketAddr = authority
        .replace("localhost", "127.0.0.1")
        .parse()
        .unwrap_or_else(|e| panic!("http_call wants host:port, got {authority:?}: {e}"));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))
        .unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("read timeout");
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("write request");
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("read reply from {addr}: {e}"));
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status line from {addr}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    HttpReply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The first `<Code>…</Code>` of an XML error body, in either shape: AWS's
/// `<ErrorResponse><Error>` or moto's `<ErrorResponse><Errors><Error>` (which
/// aws-sdk-sts does not parse: its `code()` is `None` for moto's errors).
pub fn xml_error_code(body: &str) -> Option<String> {
    let start = body.find("<Code>")? + "<Code>".len();
    let end = body[start..].find("</Code>")? + start;
    Some(body[start..end].trim().to_string())
}
