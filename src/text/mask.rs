//! The one place where secrets are masked.
//!
//! Every view and report shows key ids only through [`mask_key_id`], never a
//! secret or token at all, and passes free text that may hold one (a process's
//! stderr, a pasted error, a curl command) through [`Scrubber::scrub`].

pub use crate::text::errors::concise_error;
pub use crate::text::key_id::mask_key_id;
pub use crate::text::secret_shaped::redact_secret_shaped;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Describes a secret without showing any of it: only its length.
pub fn describe_secret(secret: &str) -> String {
    format!("<{} characters, hidden>", secret.chars().count())
}

/// Removes known secrets, and anything shaped like one, from free text.
#[derive(Debug, Default, Clone)]
pub struct Scrubber {
    /// Longest first, so a value never leaves a tail of a longer one behind.
    known: Vec<String>,
    /// One automaton over every known secret, built at the first scrub, so
    /// that a scrub costs the length of the text, not text × secrets (a
    /// credentials file may hold thousands of them).
    finder: OnceLock<Option<AhoCorasick>>,
}

/// Shortest value worth scrubbing verbatim: shorter ones would blank out
/// ordinary words and say nothing about the secret anyway.
const MIN_SCRUB_LEN: usize = 8;

/// Query and header names whose values are signatures, tokens or secrets.
const SECRET_NAMES: &[&str] = &[
    "x-amz-signature",
    "x-amz-security-token",
    "signature",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "secretaccesskey",
    "sessiontoken",
    "secret_access_key",
    "session_token",
    "token",
];

/// Request headers and parameters that carry a whole credential. Hidden
/// whenever credwiz shows a parsed request; not scrubbed from free text,
/// where the words are ordinary ("the bucket policy: …").
const REQUEST_CREDENTIAL_NAMES: &[&str] =
    &["authorization", "proxy-authorization", "policy", "cookie"];

/// True when a request header or query parameter of this name carries a
/// signature, token, secret or whole credential: the one list both the
/// scrubber and the S3 request view use.
pub fn is_request_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.contains(&lower.as_str()) || REQUEST_CREDENTIAL_NAMES.contains(&lower.as_str())
}

impl Scrubber {
    /// A scrubber that also removes these exact values wherever they appear.
    pub fn new<I, S>(known_secrets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut scrubber = Scrubber::default();
        scrubber.extend(known_secrets);
        scrubber
    }

    /// Adds a secret value to remove (and its trimmed form, which is what
    /// usually gets echoed back).
    pub fn add(&mut self, secret: &str) {
        self.extend([secret]);
    }

    /// Adds many secrets at once: one de-duplication and one sort for all.
    pub fn extend<I, S>(&mut self, secrets: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut seen: HashSet<String> = self.known.drain(..).collect();
        for secret in secrets {
            let secret = secret.as_ref();
            for candidate in [secret, secret.trim(), secret.trim_matches(['"', '\''])] {
                if candidate.len() >= MIN_SCRUB_LEN && !seen.contains(candidate) {
                    // The secret also leaves URL-encoded, JSON-escaped or in base64.
                    seen.extend(super::leak_forms::encoded_forms(candidate));
                    seen.insert(candidate.to_string());
                }
            }
        }
        self.known = seen.into_iter().collect();
        // Longest first; ties in a fixed order so output never depends on hashing.
        self.known
            .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        self.finder = OnceLock::new();
    }

    /// For text credwiz did not write (a helper's stderr, an SDK error that
    /// quotes one, a pasted error): known secrets, secret-named values, and
    /// every word shaped like a secret, all hidden.
    pub fn scrub_untrusted(&self, text: &str) -> String {
        redact_secret_shaped(&self.scrub(text)).into_owned()
    }

    /// The text with every known secret replaced and every `name=value` or
    /// `name: value` pair whose name says "secret" given a hidden value.
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.scrub_also(None, text)
    }

    /// [`Scrubber::scrub_untrusted`] that also hides `extra`'s secrets (a
    /// helper's own, known for one run), as one scrubber knowing both would,
    /// without copying this one's thousands of secrets or rebuilding its
    /// automaton for each run.
    pub fn scrub_untrusted_also(&self, extra: &Scrubber, text: &str) -> String {
        redact_secret_shaped(&self.scrub_also(Some(extra), text)).into_owned()
    }

    fn scrub_also<'a>(&self, extra: Option<&Scrubber>, text: &'a str) -> Cow<'a, str> {
        // URL userinfo first, whoever wrote it: once a known password inside
        // it is `<hidden>`, the URL's shape would end at the `<`.
        let mut out = super::url_userinfo::mask_url_userinfo(text);
        let mut present = self.secrets_in(&out);
        if let Some(extra) = extra {
            present.extend(extra.secrets_in(&out));
            present.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            present.dedup();
        }
        for secret in present {
            if out.contains(secret.as_str()) {
                out = Cow::Owned(out.replace(secret.as_str(), "<hidden>"));
            }
        }
        if let Some(cleaned) = scrub_named_values(&out) {
            out = Cow::Owned(cleaned);
        }
        // Key ids, whoever wrote them.
        if let Cow::Owned(cleaned) = super::leak_forms::mask_key_ids(&out) {
            out = Cow::Owned(cleaned);
        }
        out
    }
}

impl Scrubber {
    /// The known secrets that occur in the text, longest first.
    fn secrets_in(&self, text: &str) -> Vec<&String> {
        let finder = self.finder.get_or_init(|| {
            (!self.known.is_empty())
                .then(|| {
                    // An NFA builds in time linear in the secrets' total
                    // length; the DFA `new` may pick takes minutes for a
                    // secret of a few tens of KiB (a value pasted twice, a
                    // whole file in a variable).
                    AhoCorasick::builder()
                        .kind(Some(AhoCorasickKind::ContiguousNFA))
                        .build(&self.known)
                        .ok()
                })
                .flatten()
        });
        let Some(finder) = finder else {
            // No automaton (none known, or too large to build): the plain scan.
            return self
                .known
                .iter()
                .filter(|k| text.contains(k.as_str()))
                .collect();
        };
        // The secrets found, by their place in `known` (longest first): a
        // scrub costs the text and what it holds, never a pass over every
        // secret (a sweep scrubs each row, with thousands known).
        let mut found: Vec<usize> = finder
            .find_overlapping_iter(text)
            .map(|found| found.pattern().as_usize())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .filter_map(|i| self.known.get(i))
            .collect()
    }
}

/// Replaces the values of secret-named parameters (`X-Amz-Signature=…`,
/// `x-amz-security-token: …`, `"SecretAccessKey": "…"`). Returns None when
/// nothing needed replacing.
fn scrub_named_values(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for name in SECRET_NAMES {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(name) {
            let start = from + pos;
            from = start + name.len();
            // Only whole names: `token` must not match inside `tokens` or `x-token-id`.
            let before_ok = start == 0
                || !lower.as_bytes()[start - 1].is_ascii_alphanumeric()
                    && lower.as_bytes()[start - 1] != b'_'
                    && lower.as_bytes()[start - 1] != b'-';
            if !before_ok {
                continue;
            }
            if let Some((value_start, value_end)) = value_span_after(text, from) {
                // Placeholders in instructions (`=...`, `=<secret>`) are not secrets.
                let value = &text[value_start..value_end];
                // Nor is a plain word after the everyday names: "the SSO
                // token: failed to load …" is a sentence.
                let placeholder = value.chars().all(|c| c == '.')
                    || value.starts_with('<')
                    || value.starts_with('$')
                    || (matches!(*name, "token" | "signature") && is_plain_word(value));
                if value_end > value_start && !placeholder {
                    cuts.push((value_start, value_end));
                }
            }
        }
    }
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_unstable();
    let mut cleaned = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in cuts {
        if start < at {
            continue;
        }
        cleaned.push_str(&text[at..start]);
        cleaned.push_str("<hidden>");
        at = end;
    }
    cleaned.push_str(&text[at..]);
    Some(cleaned)
}

/// A word of a sentence (`failed`, `Missing`), not a token: letters only,
/// lower case after the first.
fn is_plain_word(value: &str) -> bool {
    value.len() < 20
        && value.chars().all(|c| c.is_ascii_alphabetic())
        && value.chars().skip(1).all(|c| c.is_ascii_lowercase())
}

/// After a parameter name, finds the span of its value: skips a closing
/// quote, the separator (`=`, `:`) and spaces or an opening quote, then takes
/// everything up to a delimiter.
fn value_span_after(text: &str, name_end: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = name_end;
    if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
        i += 1;
    }
    while i < bytes.len() && bytes[i] == b' ' {
        i += 1;
    }
    if i >= bytes.len() || !(bytes[i] == b'=' || bytes[i] == b':') {
        return None;
    }
    i += 1;
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'"' || bytes[i] == b'\'') {
        i += 1;
    }
    let start = i;
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b'&' | b'"' | b'\'' | b',' | b'\n' | b'\r' | b' ' | b';' | b'}' | b'>' | b'<'
        )
    {
        i += 1;
    }
    Some((start, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_a_key_id_keeping_prefix_and_tail() {
        assert_eq!(mask_key_id("AKIAABCDEFGHIJKLWXYZ"), "AKIA************WXYZ");
        assert_eq!(mask_key_id("short"), "*****");
        assert_eq!(mask_key_id(""), "****");
    }

    #[test]
    fn describes_a_secret_by_length_only() {
        assert_eq!(describe_secret("abcdefgh"), "<8 characters, hidden>");
    }

    #[test]
    fn scrubs_known_secrets_even_with_stray_whitespace() {
        let scrubber = Scrubber::new([" s3cr3tValueThatIsLong "]);
        let out = scrubber.scrub("error: key s3cr3tValueThatIsLong was rejected");
        assert!(!out.contains("s3cr3tValueThatIsLong"), "{out}");
    }

    #[test]
    fn scrubs_each_of_thousands_of_secrets_longest_first() {
        let secrets: Vec<String> = (0..5000).map(|i| format!("SeCrEt{i:06}xyz")).collect();
        let mut scrubber = Scrubber::new(&secrets);
        // A longer secret that contains a shorter one is hidden whole.
        scrubber.add("SeCrEt000042xyz-and-more");
        let text = "a SeCrEt004999xyz b SeCrEt000042xyz-and-more c SeCrEt000007xyz";
        assert_eq!(scrubber.scrub(text), "a <hidden> b <hidden> c <hidden>");
        assert_eq!(scrubber.scrub("nothing here"), "nothing here");
    }

    #[test]
    fn a_runs_own_secrets_are_hidden_as_one_scrubber_knowing_both_would() {
        let files = ["FiLeSeCrEt/0123+abc", "InNeRsEcReT42"];
        let own = ["HeLpEr-InNeRsEcReT42-tail", "HeLpErToKeN/+9876"];
        let text = "stderr: HeLpEr-InNeRsEcReT42-tail FiLeSeCrEt%2F0123%2Babc \
                    InNeRsEcReT42 SGVMcEVyVG9LZU4vKzk4NzY= done";
        let merged = Scrubber::new(files.iter().chain(own.iter()));
        let apart = Scrubber::new(files).scrub_untrusted_also(&Scrubber::new(own), text);
        assert_eq!(apart, merged.scrub_untrusted(text));
        assert_eq!(apart, "stderr: <hidden> <hidden> <hidden> <hidden> done");
    }

    #[test]
    fn scrubs_signature_and_token_parameters() {
        let text = "https://b.s3.amazonaws.com/k?X-Amz-Signature=abcdef0123&X-Amz-Date=1 \
                    -H 'x-amz-security-token: FQoGZXIvYXdzEJr' {\"SecretAccessKey\": \"zzzzzzzz\"}";
        let out = Scrubber::default().scrub(text);
        for secret in ["abcdef0123", "FQoGZXIvYXdzEJr", "zzzzzzzz"] {
            assert!(!out.contains(secret), "{secret} survived in {out}");
        }
        assert!(out.contains("X-Amz-Date=1"));
    }

    #[test]
    fn hides_secret_shaped_words_but_not_prose_or_arns() {
        let text = "token FQoGZXIvYXdzEJr0123456789abcdEFGH refused for arn:aws:iam::123456789012:user/dev";
        let out = redact_secret_shaped(text);
        assert!(!out.contains("FQoGZXIvYXdzEJr0123456789abcdEFGH"), "{out}");
        assert!(out.contains("arn:aws:iam::123456789012:user/dev"));
        assert_eq!(
            redact_secret_shaped("a perfectly ordinary sentence"),
            "a perfectly ordinary sentence"
        );
    }

    #[test]
    fn leaves_placeholders_in_instructions_alone() {
        let text = "export AWS_SECRET_ACCESS_KEY=... or AWS_SESSION_TOKEN=<token>";
        assert_eq!(Scrubber::default().scrub(text), text);
    }

    #[test]
    fn never_eats_credwizs_own_words() {
        let scrubber = Scrubber::new(["pLaNtEdSeCrEt0123456789"]);
        for text in [
            "could not read the SSO token: failed to load the cached SSO token",
            "the signature: Missing",
        ] {
            assert_eq!(scrubber.scrub(text), text);
        }
        assert_eq!(
            scrubber.scrub("token: pLaNtEdSeCrEt0123456789 and token=abc123def456"),
            "token: <hidden> and token=<hidden>"
        );
    }

    #[test]
    fn known_secrets_are_found_in_every_encoding() {
        let secret = "wJalrXUtn/FEMI/K7MDENG+bPxRfiCYzEXAMPLE";
        let scrubber = Scrubber::new([secret]);
        for form in std::iter::once(secret.to_string())
            .chain(crate::text::leak_forms::encoded_forms(secret))
        {
            let text = format!("helper said: {form} (exit 1)");
            let scrubbed = scrubber.scrub(&text);
            assert!(!scrubbed.contains(&form), "{form} survived: {scrubbed}");
        }
    }

    #[test]
    fn leaves_ordinary_words_alone() {
        let text = "the tokens were fine; x-token-id: 7";
        assert_eq!(Scrubber::default().scrub(text), text);
    }
}
