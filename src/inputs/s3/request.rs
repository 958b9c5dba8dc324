//! The request being inspected: method, URL and headers, parsed from a URL
//! plus `-H` style headers or from a pasted curl command.
//!
//! Pasted input holds live secrets, so nothing here derives `Debug` over
//! raw values: the URL is shown redacted and header values not at all.

use crate::text::mask::{is_request_secret, mask_key_id, redact_secret_shaped, Scrubber};
use std::fmt;
use thiserror::Error;
use url::Url;

/// Why the input could not be turned into a request. Messages never quote
/// a secret: anything echoed from the input is scrubbed first.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum S3RequestError {
    #[error("nothing to inspect: the input is empty")]
    Empty,
    #[error("not a curl command: it starts with `{first_word}`; paste the whole command beginning with `curl`, or pass the URL on its own")]
    NotCurl { first_word: String },
    #[error("the curl command has an unclosed quote (' or \"); paste it exactly as it appears in the shell")]
    UnbalancedQuotes,
    #[error("the curl command has no URL: give it as an argument or with --url")]
    NoUrl,
    #[error("curl option `{option}` needs a value after it")]
    MissingValue { option: String },
    #[error("`{input}` is not a URL: {reason}")]
    NotAUrl { input: String, reason: String },
    #[error("`{input}` is an S3 URI for the AWS CLI, not an HTTP request; inspect the https:// URL the client sends (e.g. https://BUCKET.s3.REGION.amazonaws.com/KEY)")]
    S3Uri { input: String },
    #[error("`{input}` has a user name or password with `/`, `?` or `#` in it, so a client reads part of it as the host or the path; percent-encode them (%2F, %3F, %23) or leave the credentials out of the URL")]
    SplitUserinfo { input: String },
    #[error("`{scheme}://` is not HTTP: S3 requests use https:// (or http://)")]
    UnsupportedScheme { scheme: String },
    #[error("header `{header}` has no `name: value` form")]
    MalformedHeader { header: String },
}

/// How curl itself would authenticate (from `--aws-sigv4` and `-u/--user`).
#[derive(Clone, PartialEq, Eq)]
pub enum CurlAuth {
    /// `--aws-sigv4 'aws:amz:REGION:SERVICE'`: curl adds a SigV4 Authorization header.
    SigV4 {
        region: Option<String>,
        service: Option<String>,
        key_id: Option<String>,
    },
    /// `-u user:password` without `--aws-sigv4`: HTTP Basic authentication.
    Basic { user: String },
}

/// One HTTP header as sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// The header name, lower-cased.
    pub name: String,
    pub value: String,
}

/// A request to inspect. Build it with [`S3Request::from_url`] or
/// [`S3Request::from_curl`].
#[derive(Clone, PartialEq, Eq)]
pub struct S3Request {
    pub method: String,
    pub url: Url,
    pub headers: Vec<Header>,
    pub curl_auth: Option<CurlAuth>,
    /// Values from the input that must never be shown (the `-u` password),
    /// kept only so output can be scrubbed of them.
    pub(crate) hidden: Vec<String>,
}

impl S3Request {
    /// A GET of `url` with headers written as `Name: value`.
    pub fn from_url<S: AsRef<str>>(url: &str, headers: &[S]) -> Result<Self, S3RequestError> {
        let url = parse_url(url)?;
        let headers = headers
            .iter()
            .map(|h| parse_header(h.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(S3Request {
            method: "GET".into(),
            url,
            headers,
            curl_auth: None,
            hidden: Vec::new(),
        })
    }

    /// The value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// A query parameter's decoded value, matched case-insensitively
    /// (clients and proxies do not agree on the case of `X-Amz-*`).
    pub fn query(&self, name: &str) -> Option<String> {
        self.url
            .query_pairs()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.into_owned())
    }

    /// A scrubber that knows every secret value in this request.
    pub fn scrubber(&self) -> Scrubber {
        let mut scrubber = Scrubber::new(&self.hidden);
        if let Some(password) = self.url.password() {
            scrubber.add(password);
        }
        for (name, value) in self.url.query_pairs() {
            if is_request_secret(&name) {
                scrubber.add(&value);
            }
        }
        for header in &self.headers {
            if is_request_secret(&header.name) {
                scrubber.add(&header.value);
                // `AWS4-HMAC-SHA256 Credential=…, Signature=abc`: also the signature alone.
                if let Some(sig) = header.value.split("Signature=").nth(1) {
                    scrubber.add(sig.trim());
                }
            }
        }
        scrubber
    }

    /// True when the URL has a `#fragment`: no client sends it, so it is
    /// dropped from every view (it may hold anything, a secret included).
    pub fn has_fragment(&self) -> bool {
        self.url.fragment().is_some()
    }

    /// The URL with signatures and tokens hidden, key ids masked and the
    /// fragment dropped.
    pub fn redacted_url(&self) -> String {
        let mut url = self.url.clone();
        url.set_fragment(None);
        if url.query().is_some() {
            let pairs: Vec<(String, String)> = self
                .url
                .query_pairs()
                .map(|(k, v)| {
                    let shown = redact_query_value(&k, &v);
                    (k.into_owned(), shown)
                })
                .collect();
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
        let _ = url.set_password(None);
        if !url.username().is_empty() {
            let masked = mask_key_id(url.username());
            let _ = url.set_username(&masked);
        }
        // Percent-encoding turns `<hidden>` into `%3Chidden%3E`; show it plainly.
        let text = url
            .as_str()
            .replace("%3Chidden%3E", "<hidden>")
            .replace("%2A", "*");
        self.scrubber().scrub(&text).into_owned()
    }
}

fn redact_query_value(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if is_request_secret(&lower) {
        "<hidden>".into()
    } else if lower == "awsaccesskeyid" {
        mask_key_id(value)
    } else if lower == "x-amz-credential" {
        mask_credential(value)
    } else {
        redact_secret_shaped(value).into_owned()
    }
}

/// Masks the key id in a credential scope `AKID/DATE/REGION/s3/aws4_request`.
pub fn mask_credential(credential: &str) -> String {
    match credential.split_once('/') {
        Some((key_id, scope)) => format!("{}/{scope}", mask_key_id(key_id)),
        None => mask_key_id(credential),
    }
}

/// Parses a URL the way curl does: a missing scheme means http(s).
pub(crate) fn parse_url(input: &str) -> Result<Url, S3RequestError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(S3RequestError::Empty);
    }
    let shown = || echo(input);
    if input.to_ascii_lowercase().starts_with("s3://") {
        return Err(S3RequestError::S3Uri { input: shown() });
    }
    if input.chars().any(char::is_whitespace) {
        return Err(S3RequestError::NotAUrl {
            input: shown(),
            reason: "it contains spaces".into(),
        });
    }
    if let Some(scheme) = scheme_without_slashes(input) {
        return Err(S3RequestError::UnsupportedScheme { scheme });
    }
    let with_scheme = if input.contains("://") {
        input.to_string()
    } else {
        // Like curl, accept `host/path`, but only when the host looks like one.
        let host = input.split(['/', '?']).next().unwrap_or_default();
        if !(host.contains('.') || host.contains(':') || host == "localhost") {
            return Err(S3RequestError::NotAUrl {
                input: shown(),
                reason: "it has no scheme and no host name".into(),
            });
        }
        format!("https://{input}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| S3RequestError::NotAUrl {
        input: shown(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(S3RequestError::UnsupportedScheme {
            scheme: url.scheme().to_string(),
        });
    }
    if userinfo_is_split(&with_scheme, &url) {
        return Err(S3RequestError::SplitUserinfo { input: shown() });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(S3RequestError::NotAUrl {
            input: shown(),
            reason: "it has no host".into(),
        });
    }
    Ok(url)
}

/// True when the parser took a user name or password but the userinfo as
/// written runs on past a `/`, `?` or `#`: the rest of the password became
/// the host or the path, and would be shown as them.
fn userinfo_is_split(input: &str, url: &Url) -> bool {
    let parsed_userinfo = !url.username().is_empty() || url.password().is_some();
    parsed_userinfo
        && crate::text::url_userinfo::userinfo_spans(input)
            .first()
            .is_some_and(|span| input[span.clone()].contains(['/', '?', '#', '\\']))
}

/// `mailto:x` or `file:/x`: a scheme without `//`, as opposed to `host:port/…`.
fn scheme_without_slashes(input: &str) -> Option<String> {
    let (before, after) = input.split_once(':')?;
    let scheme_shaped = before.starts_with(|c: char| c.is_ascii_alphabetic())
        && before
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'));
    let port_follows = after.starts_with(|c: char| c.is_ascii_digit());
    (scheme_shaped && !after.starts_with("//") && !port_follows && before != "localhost")
        .then(|| before.to_ascii_lowercase())
}

/// Input echoed in an error message: secrets hidden, key ids masked.
pub(crate) fn echo(input: &str) -> String {
    let scrubbed = redact_secret_shaped(&Scrubber::default().scrub(input)).into_owned();
    mask_key_ids_in(&scrubbed)
}

/// Masks every word shaped like an access key id (`AKIA…`, `ASIA…`).
pub fn mask_key_ids_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let key_shaped = word.len() >= 16
            && ["AKIA", "ASIA", "AIDA", "AROA"]
                .iter()
                .any(|p| word.starts_with(p))
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if key_shaped {
            out.push_str(&mask_key_id(word));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Parses `Name: value` (curl also accepts `Name;` for an empty value).
pub(crate) fn parse_header(raw: &str) -> Result<Header, S3RequestError> {
    let (name, value) = match raw.split_once(':') {
        Some((name, value)) => (name, value),
        None => match raw.strip_suffix(';') {
            Some(name) => (name, ""),
            None => return Err(S3RequestError::MalformedHeader { header: echo(raw) }),
        },
    };
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(S3RequestError::MalformedHeader { header: echo(raw) });
    }
    Ok(Header {
        name: name.to_ascii_lowercase(),
        value: value.trim().to_string(),
    })
}

impl fmt::Debug for S3Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Request")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field(
                "headers",
                &self.headers.iter().map(|h| &h.name).collect::<Vec<_>>(),
            )
            .field("curl_auth", &self.curl_auth)
            .finish()
    }
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: <value hidden>", self.name)
    }
}

impl fmt::Debug for CurlAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CurlAuth::SigV4 {
                region,
                service,
                key_id,
            } => f
                .debug_struct("SigV4")
                .field("region", region)
                .field("service", service)
                .field("key_id", &key_id.as_deref().map(mask_key_id))
                .finish(),
            CurlAuth::Basic { user } => f
                .debug_struct("Basic")
                .field("user", &mask_key_id(user))
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_key_shaped_words_only() {
        assert_eq!(
            mask_key_ids_in("key AKIAIOSFODNN7EXAMPLE, not AKIA or akiaiosfodnn7example"),
            "key AKIA************MPLE, not AKIA or akiaiosfodnn7example"
        );
    }

    #[test]
    fn the_redacted_url_hides_signatures_and_masks_credentials() {
        let r = S3Request::from_url::<&str>(
            "https://u:pw@b.s3.amazonaws.com/k?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abcdef&x-id=GetObject",
            &[],
        )
        .expect("parses");
        let shown = r.redacted_url();
        assert!(shown.contains("AKIA************MPLE%2F20260101"), "{shown}");
        assert!(shown.contains("X-Amz-Signature=<hidden>"), "{shown}");
        assert!(shown.contains("x-id=GetObject"), "{shown}");
        assert!(!shown.contains("pw@"), "{shown}");
    }

    #[test]
    fn urls_without_a_scheme_are_taken_like_curl_does() {
        let url = parse_url("s3.eu-west-1.amazonaws.com/b/k").expect("parses");
        assert_eq!(url.as_str(), "https://s3.eu-west-1.amazonaws.com/b/k");
        assert!(parse_url("localhost:4566/b").is_ok());
        assert!(matches!(
            parse_url("file:/etc/passwd"),
            Err(S3RequestError::UnsupportedScheme { .. })
        ));
    }
}
