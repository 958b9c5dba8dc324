//! Where a URL's userinfo is, however its password is spelled.
//!
//! A URL parser ends the authority at the first `/`, so the password of
//! `http://AKIA…:wJal/rXU+…@127.0.0.1:9/creds` reads as a port and a path,
//! and its userinfo goes unrecognised. Here the userinfo runs to the last
//! `@` before the query or fragment that still leaves a host after it,
//! unless what comes before the first `/` is a host beyond doubt (dotted or
//! `localhost`, with a numeric port if any): then an `@` further on is part
//! of the path (`https://bucket.s3.amazonaws.com/alice@example.com`). When
//! in doubt the URL shows less, never the password: a dotless host with an
//! `@` in its path (`http://minio:9000/b/a@c`) is shown as `<hidden>@c`.

use std::borrow::Cow;
use std::ops::Range;

/// Every `scheme://userinfo@host` with its userinfo hidden: a URL's user
/// name and password never leave credwiz.
pub fn mask_url_userinfo(text: &str) -> Cow<'_, str> {
    let spans = userinfo_spans(text);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push_str("<hidden>");
        at = span.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// The secrets the URLs in `text` carry in their userinfo: each password
/// (the part after the first `:`), or a whole userinfo without one unless it
/// is a bare key id (shown masked, not hidden), as written and
/// percent-decoded.
pub fn userinfo_secrets(text: &str) -> Vec<String> {
    let mut secrets = Vec::new();
    for span in userinfo_spans(text) {
        let userinfo = &text[span];
        let secret = match userinfo.split_once(':') {
            Some((_, password)) => password,
            None if is_key_id_shaped(userinfo) => continue,
            None => userinfo,
        };
        let decoded = percent_decode(secret);
        if decoded != secret {
            secrets.push(decoded);
        }
        secrets.push(secret.to_string());
    }
    secrets
}

/// The byte range of the userinfo of every URL in `text`, in order.
pub fn userinfo_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let start = from + found + 3;
        let scheme = scheme_before(&text[..from + found]);
        let after = &text[start..];
        let url = &after[..url_length(after)];
        match userinfo_end(url, scheme.eq_ignore_ascii_case("s3")) {
            Some(end) => {
                spans.push(start..start + end);
                from = start + end;
            }
            None => from = start,
        }
    }
    spans
}

/// How far a URL runs: to whitespace, a quote or a bracket, but across the
/// `<hidden>` an earlier scrub put where a secret was.
fn url_length(after: &str) -> usize {
    let mut at = 0;
    while let Some(stop) =
        after[at..].find(|c: char| matches!(c, '"' | '\'' | '<' | '>' | '`') || c.is_whitespace())
    {
        let stop = at + stop;
        if !after[stop..].starts_with(HIDDEN) {
            return stop;
        }
        at = stop + HIDDEN.len();
    }
    after.len()
}

const HIDDEN: &str = "<hidden>";

/// Where the userinfo of the URL after `scheme://` ends (the index of its
/// `@`), if it has one.
fn userinfo_end(url: &str, bucket_uri: bool) -> Option<usize> {
    let before_query = url.find(['?', '#']).unwrap_or(url.len());
    let authority = &url[..url[..before_query].find('/').unwrap_or(before_query)];
    if bucket_uri {
        // A bucket name holds no `:` or `@`: only the plain reading applies.
        return authority
            .rfind('@')
            .filter(|at| host_follows(&url[at + 1..]));
    }
    if !authority.contains('@') && is_clear_host(authority) {
        return None;
    }
    let last_with_host = url[..before_query]
        .match_indices('@')
        .map(|(at, _)| at)
        .rev()
        .find(|at| host_follows(&url[at + 1..]));
    if last_with_host.is_some() {
        return last_with_host;
    }
    // `user:pa#ss@host`: the "port" is no port, so the `?` or `#` is the
    // password's; a valid host's query keeps its `@`.
    if is_broken_authority(authority) {
        return url[before_query..]
            .match_indices('@')
            .map(|(at, _)| before_query + at)
            .find(|at| host_follows(&url[at + 1..]));
    }
    None
}

/// The letters of the scheme just before `://`.
fn scheme_before(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .map_or(0, |(at, c)| at + c.len_utf8());
    &text[start..]
}

/// A host beyond doubt: `[v6]`, or a dotted name or `localhost`, with an
/// optional numeric port.
fn is_clear_host(authority: &str) -> bool {
    let (host, port) = split_port(authority);
    let numeric_port = port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let named = host.contains('.') || host.eq_ignore_ascii_case("localhost");
    let bracketed = host.starts_with('[') && host.ends_with(']');
    numeric_port && (bracketed || (named && host.bytes().all(is_host_byte)))
}

/// An authority no parser can take as `host[:port]`: empty, or with a port
/// that is not a number.
fn is_broken_authority(authority: &str) -> bool {
    let (host, port) = split_port(authority);
    host.is_empty() || port.is_some_and(|p| !p.bytes().all(|b| b.is_ascii_digit()))
}

fn split_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.find(']') {
            Some(close) => {
                let port = authority[close + 1..].strip_prefix(':');
                (&authority[..=close], port)
            }
            None => (authority, None),
        };
    }
    match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~' | b'%')
}

/// True when `rest` (what follows an `@`) starts with a host: a name or
/// `[v6]`, then the end, a port, a path, a query or a fragment.
fn host_follows(rest: &str) -> bool {
    let host_len = if rest.starts_with(HIDDEN) {
        HIDDEN.len()
    } else if rest.starts_with('[') {
        match rest.find(']') {
            Some(close) => close + 1,
            None => return false,
        }
    } else {
        rest.bytes().take_while(|b| is_host_byte(*b)).count()
    };
    host_len > 0
        && matches!(
            rest.as_bytes().get(host_len),
            None | Some(b':' | b'/' | b'?' | b'#')
        )
}

fn is_key_id_shaped(text: &str) -> bool {
    text.len() == 20
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// `%2F` → `/`; a `%` not followed by two hex digits stays as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "Zx9Qw8Er/7Ty6Ui5Op+4As3Df2Gh1Jk0LzMn";

    #[test]
    fn the_userinfo_is_hidden_however_the_password_is_spelled() {
        for userinfo in [
            "admin:s3cr3t".to_string(),
            format!("AKIAZ7VQXJ4PLM2RTW5Y:{SECRET}"),
            format!(":{SECRET}"),
            SECRET.to_string(),
            format!("admin:{}", SECRET.replace('/', "%2F").replace('+', "%2B")),
            format!("admin:ab@cd/{SECRET}"),
            format!("admin:ab:cd/{SECRET}"),
            format!("admin:12/{SECRET}"),
            format!("admin:ab%zz/{SECRET}"),
            format!("admin:ab#cd/{SECRET}"),
            format!("admin:ab?cd/{SECRET}"),
            format!("admin@corp:{SECRET}@@"),
        ] {
            for (tail, shown) in [
                ("", "http://<hidden>@127.0.0.1:9"),
                ("/creds", "http://<hidden>@127.0.0.1:9/creds"),
                ("/?x=1#f", "http://<hidden>@127.0.0.1:9/?x=1#f"),
            ] {
                let text = format!("URI=http://{userinfo}@127.0.0.1:9{tail} failed");
                let masked = mask_url_userinfo(&text);
                assert_eq!(masked, format!("URI={shown} failed"), "{userinfo:?}");
            }
        }
        // A secret already scrubbed inside the userinfo does not end the URL.
        assert_eq!(
            mask_url_userinfo("http://AKIAZ7VQXJ4PLM2RTW5Y:ab@<hidden>@h.example/k"),
            "http://<hidden>@h.example/k"
        );
        assert_eq!(
            mask_url_userinfo("http://u:<hidden>@<hidden>/k <b>"),
            "http://<hidden>@<hidden>/k <b>"
        );
        assert_eq!(
            mask_url_userinfo("https://u:p@[::1]:9/x and http://u:p/q@proxy.corp:3128"),
            "https://<hidden>@[::1]:9/x and http://<hidden>@proxy.corp:3128"
        );
    }

    #[test]
    fn an_at_sign_in_the_path_of_a_clear_host_is_the_paths() {
        for text in [
            "see https://docs.aws.amazon.com/cli/ and mail a@b.c",
            "https://bucket.s3.amazonaws.com/alice@example.com/k",
            "http://localhost:9000/b/a@c",
            "http://127.0.0.1:9/x?to=a@b.c",
            "s3://bucket/alice@example.com/k",
            "http://[::1]:9/a@b",
            "{\"url\":\"http://h.example/x\",\"mail\":\"a@b.c\"}",
        ] {
            assert!(
                matches!(mask_url_userinfo(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
        // Any text around a URL, whatever its letters.
        assert_eq!(
            mask_url_userinfo("é://u:p/q@h.example «s3»://x@b/k"),
            "é://<hidden>@h.example «s3»://<hidden>@b/k"
        );
        // In doubt, the URL shows less rather than a password.
        assert_eq!(
            mask_url_userinfo("http://minio:9000/b/a@c"),
            "http://<hidden>@c"
        );
    }

    #[test]
    fn the_secrets_in_userinfo_are_the_password_as_written_and_decoded() {
        let text = format!("http://AKIAZ7VQXJ4PLM2RTW5Y:{SECRET}@127.0.0.1:9/creds");
        assert_eq!(userinfo_secrets(&text), vec![SECRET.to_string()]);
        let encoded = SECRET.replace('/', "%2F");
        let text = format!("x http://admin:{encoded}@h.example y https://{SECRET}@h.example");
        assert_eq!(
            userinfo_secrets(&text),
            vec![SECRET.to_string(), encoded.clone(), SECRET.to_string()]
        );
        assert!(userinfo_secrets("https://AKIAZ7VQXJ4PLM2RTW5Y@h.example/").is_empty());
        assert_eq!(percent_decode("a%2fb%+1%zz%"), "a/b%+1%zz%");
    }
}
