//! The shapes a secret takes on its way out, for the one scrubber in
//! [`super::mask`]: a known secret URL-encoded, JSON-escaped or in base64;
//! an access key id written anywhere, `Credential=AKIA…/…` included. A URL's
//! userinfo is [`super::url_userinfo`]'s.

use super::key_id::mask_key_id;
use std::borrow::Cow;

/// A secret as it appears URL-encoded (both hex cases), JSON-escaped (with
/// and without `\/`) and base64-encoded, besides itself.
pub fn encoded_forms(secret: &str) -> Vec<String> {
    let mut forms = vec![
        url_encode(secret, false),
        url_encode(secret, true),
        json_escape(secret),
        json_escape(secret).replace('/', "\\/"),
        base64(secret.as_bytes()),
        base64(secret.as_bytes()).trim_end_matches('=').to_string(),
    ];
    forms.retain(|f| f != secret);
    forms.sort();
    forms.dedup();
    forms
}

fn url_encode(text: &str, lower: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            _ if lower => out.push_str(&format!("%{byte:02x}")),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn json_escape(text: &str) -> String {
    let quoted = serde_json::Value::String(text.to_string()).to_string();
    quoted[1..quoted.len() - 1].to_string()
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

/// The four-letter prefixes of AWS access key ids and other unique ids.
const KEY_ID_PREFIXES: &[&str] = &[
    "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "AROA", "APKA",
];

/// Every access key id in the text (a known prefix and 16 more upper-case
/// letters or digits, standing alone) masked as [`mask_key_id`] does.
pub fn mask_key_ids(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let id_char = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i + 20 <= bytes.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let candidate = starts_word
            && KEY_ID_PREFIXES
                .iter()
                .any(|p| bytes[i..].starts_with(p.as_bytes()))
            && bytes[i + 4..i + 20].iter().all(|b| id_char(*b))
            && bytes.get(i + 20).is_none_or(|b| !b.is_ascii_alphanumeric());
        if candidate {
            out.push_str(&text[copied..i]);
            out.push_str(&mask_key_id(&text[i..i + 20]));
            copied = i + 20;
            i += 20;
        } else {
            i += 1;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_has_its_encoded_forms() {
        let forms = encoded_forms("wJal/rXU+tn=");
        assert!(forms.contains(&"wJal%2FrXU%2Btn%3D".to_string()));
        assert!(forms.contains(&"wJal%2frXU%2btn%3d".to_string()));
        assert!(forms.contains(&"wJal\\/rXU+tn=".to_string()));
        assert!(forms.contains(&base64(b"wJal/rXU+tn=")));
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
    }

    #[test]
    fn key_ids_are_masked_wherever_they_stand() {
        assert_eq!(
            mask_key_ids("Credential=AKIAZ7VQXJ4PLM2RTW5Y/20240101/us-east-1/s3"),
            "Credential=AKIA************TW5Y/20240101/us-east-1/s3"
        );
        assert_eq!(
            mask_key_ids("key ASIAZ7VQXJ4PLM2RTW5Y."),
            "key ASIA************TW5Y."
        );
        // Not an id: too long, part of a word, already masked.
        for text in [
            "AKIAZ7VQXJ4PLM2RTW5YX",
            "XAKIAZ7VQXJ4PLM2RTW5Y",
            "AKIA************TW5Y",
        ] {
            assert_eq!(mask_key_ids(text), text);
        }
    }
}
