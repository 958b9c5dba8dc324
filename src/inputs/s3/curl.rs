//! A tolerant reader for pasted curl commands: it keeps what matters for
//! S3 authentication (method, URL, headers, `--aws-sigv4`, `-u`) and skips
//! every other option, with or without its value.

use crate::inputs::s3::request::{
    echo, parse_header, parse_url, CurlAuth, Header, S3Request, S3RequestError,
};

impl S3Request {
    /// Parses a pasted curl command.
    pub fn from_curl(command: &str) -> Result<Self, S3RequestError> {
        parse(command)
    }
}

/// Long options that take a value and do not matter here; knowing them keeps
/// their value from being mistaken for the URL.
const LONG_WITH_VALUE: &[&str] = &[
    "output",
    "user-agent",
    "referer",
    "cookie",
    "cookie-jar",
    "data",
    "data-raw",
    "data-binary",
    "data-ascii",
    "data-urlencode",
    "json",
    "form",
    "form-string",
    "upload-file",
    "proxy",
    "proxy-user",
    "max-time",
    "connect-timeout",
    "write-out",
    "range",
    "cacert",
    "capath",
    "cert",
    "cert-type",
    "key",
    "key-type",
    "pass",
    "resolve",
    "retry",
    "retry-delay",
    "retry-max-time",
    "config",
    "limit-rate",
    "time-cond",
    "continue-at",
    "interface",
    "max-redirs",
    "dns-servers",
    "ciphers",
    "connect-to",
    "noproxy",
    "output-dir",
    "trace",
    "trace-ascii",
    "stderr",
    "dump-header",
    "oauth2-bearer",
    "local-port",
    "max-filesize",
    "speed-limit",
    "speed-time",
    "unix-socket",
    "expect100-timeout",
    "keepalive-time",
    "happy-eyeballs-timeout-ms",
    "proto",
    "proto-redir",
    "request-target",
    "variable",
    "expand-url",
    "expand-header",
    "expand-data",
    "tls-max",
    "pinnedpubkey",
    "socks5",
    "socks5-hostname",
    "preproxy",
    "netrc-file",
    "login-options",
    "sasl-authzid",
    "aws-sigv4-region",
];

/// Short options that take a value (besides X, H, u which are read).
const SHORT_WITH_VALUE: &str = "oAebcdFTxmwrEKzCYyQtUPD";

/// Parses a curl command line as pasted from a terminal, docs or a browser's
/// "copy as cURL".
pub fn parse(command: &str) -> Result<S3Request, S3RequestError> {
    // Windows line endings and a leading shell prompt are paste noise.
    let text = command.replace("\r\n", "\n");
    let text = text.trim();
    let text = text.strip_prefix("$ ").unwrap_or(text).trim_start();
    if text.is_empty() {
        return Err(S3RequestError::Empty);
    }
    let words = shell_words::split(text).map_err(|_| S3RequestError::UnbalancedQuotes)?;
    let mut words = words.into_iter();
    let program = words.next().unwrap_or_default();
    let base = program.rsplit(['/', '\\']).next().unwrap_or_default();
    if !matches!(base.to_ascii_lowercase().as_str(), "curl" | "curl.exe") {
        return Err(S3RequestError::NotCurl {
            first_word: echo(&first_chars(&program, 40)),
        });
    }

    let mut parsed = Parsed::default();
    let mut rest: Vec<String> = words.collect();
    rest.reverse();
    let mut only_positional = false;
    while let Some(word) = rest.pop() {
        if only_positional || !word.starts_with('-') || word == "-" {
            parsed.urls.push(word);
        } else if word == "--" {
            only_positional = true;
        } else if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (long, None),
            };
            parsed.long_option(name, inline, &mut rest)?;
        } else {
            parsed.short_cluster(&word[1..], &mut rest)?;
        }
    }

    let url_text = parsed.urls.first().ok_or(S3RequestError::NoUrl)?;
    let url = parse_url(url_text)?;
    let method = parsed.method.unwrap_or_else(|| {
        if parsed.head {
            "HEAD".into()
        } else if parsed.upload {
            "PUT".into()
        } else if parsed.data {
            "POST".into()
        } else {
            "GET".into()
        }
    });
    let curl_auth = match (parsed.aws_sigv4, parsed.user) {
        (Some(provider), user) => {
            // aws:amz:REGION:SERVICE; region and service may be left out.
            let fields: Vec<&str> = provider.split(':').collect();
            Some(CurlAuth::SigV4 {
                region: fields
                    .get(2)
                    .filter(|r| !r.is_empty())
                    .map(|r| r.to_string()),
                service: fields
                    .get(3)
                    .filter(|s| !s.is_empty())
                    .map(|s| s.to_string()),
                key_id: user,
            })
        }
        (None, Some(user)) => Some(CurlAuth::Basic { user }),
        (None, None) => None,
    };
    Ok(S3Request {
        method: method.to_ascii_uppercase(),
        url,
        headers: parsed.headers,
        curl_auth,
        hidden: parsed.hidden,
    })
}

#[derive(Default)]
struct Parsed {
    method: Option<String>,
    headers: Vec<Header>,
    urls: Vec<String>,
    aws_sigv4: Option<String>,
    /// `-u ID:SECRET`, split; the secret is only kept for scrubbing.
    user: Option<String>,
    hidden: Vec<String>,
    head: bool,
    data: bool,
    upload: bool,
}

impl Parsed {
    fn long_option(
        &mut self,
        name: &str,
        inline: Option<String>,
        rest: &mut Vec<String>,
    ) -> Result<(), S3RequestError> {
        let mut value = |option: &str| {
            inline
                .clone()
                .or_else(|| rest.pop())
                .ok_or_else(|| S3RequestError::MissingValue {
                    option: format!("--{option}"),
                })
        };
        match name {
            "request" => self.method = Some(value(name)?),
            "header" => self.headers.push(parse_header(&value(name)?)?),
            "user" => self.set_user(value(name)?),
            "aws-sigv4" => self.aws_sigv4 = Some(value(name)?),
            "url" => self.urls.push(value(name)?),
            "head" => self.head = true,
            "get" => self.data = false,
            n if n.starts_with("data") || n == "json" || n.starts_with("form") => {
                self.data = true;
                value(name)?;
            }
            "upload-file" => {
                self.upload = true;
                value(name)?;
            }
            n if LONG_WITH_VALUE.contains(&n) => {
                value(name)?;
            }
            // Unknown or valueless options (--silent, --location, --compressed…).
            _ => {}
        }
        Ok(())
    }

    /// `-sSL`, `-XPUT`, `-H 'k: v'`, `-uID:SECRET`: a cluster of short flags,
    /// where the first one that takes a value swallows the rest of the word
    /// or, failing that, the next word.
    fn short_cluster(
        &mut self,
        cluster: &str,
        rest: &mut Vec<String>,
    ) -> Result<(), S3RequestError> {
        for (at, flag) in cluster.char_indices() {
            let takes_value = matches!(flag, 'X' | 'H' | 'u') || SHORT_WITH_VALUE.contains(flag);
            if !takes_value {
                match flag {
                    'I' => self.head = true,
                    'G' => self.data = false,
                    _ => {}
                }
                continue;
            }
            let attached = &cluster[at + flag.len_utf8()..];
            let value = if attached.is_empty() {
                rest.pop().ok_or_else(|| S3RequestError::MissingValue {
                    option: format!("-{flag}"),
                })?
            } else {
                attached.to_string()
            };
            match flag {
                'X' => self.method = Some(value),
                'H' => self.headers.push(parse_header(&value)?),
                'u' => self.set_user(value),
                'd' | 'F' => self.data = true,
                'T' => self.upload = true,
                _ => {}
            }
            return Ok(());
        }
        Ok(())
    }

    fn set_user(&mut self, value: String) {
        let (user, secret) = match value.split_once(':') {
            Some((user, secret)) => (user.to_string(), secret.to_string()),
            None => (value, String::new()),
        };
        if !secret.is_empty() {
            self.hidden.push(secret);
        }
        self.user = Some(user);
    }
}

fn first_chars(text: &str, count: usize) -> String {
    let mut shown: String = text.chars().take(count).collect();
    if text.chars().count() > count {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_flag_clusters_take_their_value_from_the_rest_of_the_word() {
        let r = parse("curl -sSXDELETE -Hx-amz-date:20260101T000000Z https://b.s3.amazonaws.com/k")
            .expect("parses");
        assert_eq!(r.method, "DELETE");
        assert_eq!(r.header("x-amz-date"), Some("20260101T000000Z"));
    }

    #[test]
    fn values_of_unknown_options_are_not_taken_for_the_url() {
        let r =
            parse("curl -o out.bin --cacert ca.pem -w '%{http_code}' https://b.s3.amazonaws.com/k")
                .expect("parses");
        assert_eq!(r.url.host_str(), Some("b.s3.amazonaws.com"));
    }

    #[test]
    fn windows_line_endings_and_curl_exe_are_fine() {
        let r = parse("curl.exe \\\r\n  -I \\\r\n  https://b.s3.amazonaws.com/k").expect("parses");
        assert_eq!(r.method, "HEAD");
    }

    #[test]
    fn the_user_secret_is_kept_only_for_scrubbing() {
        let r =
            parse("curl --user AKIAIOSFODNN7EXAMPLE:s3cr3t/value/long https://b.s3.amazonaws.com/")
                .expect("parses");
        assert!(!format!("{r:?}").contains("s3cr3t"));
        assert_eq!(r.scrubber().scrub("x s3cr3t/value/long y"), "x <hidden> y");
    }
}
