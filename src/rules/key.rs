//! What a key pair looks like, wherever it came from (environment or file):
//! placeholders, whitespace and quotes, malformed ids and secrets.
//! The SDK signs with whatever it is given; these are the mistakes that make
//! AWS answer InvalidClientTokenId or SignatureDoesNotMatch.

use crate::findings::{FileSite, Finding, FindingId};
use crate::text::key_bytes::{first_bad_char, KeyPart};
use crate::text::mask::{describe_secret, mask_key_id};

/// The AWS documentation's example key pair, copied into many configs.
const EXAMPLE_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// Prefixes of real access key ids (IAM user, temporary, and other principals).
const KNOWN_PREFIXES: &[&str] = &[
    "AKIA", "ASIA", "AIDA", "AROA", "AGPA", "ANPA", "ANVA", "APKA", "ABIA", "ACCA", "AIPA",
];

/// Where a key was found, for titles and fixes.
#[derive(Debug, Clone)]
pub struct KeyOrigin {
    /// e.g. `AWS_ACCESS_KEY_ID` or `~/.aws/credentials:3 [dev]`.
    pub id_location: String,
    pub secret_location: String,
    /// The command or edit that puts a correct value there.
    pub fix: String,
    /// Where each value sits in a file, when it came from one: the place
    /// `credwiz fix` repairs a quoted or space-carrying key.
    pub id_site: Option<FileSite>,
    pub secret_site: Option<FileSite>,
}

/// True when the value is placeholder text rather than a key.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(['"', '\'']);
    let lower = v.to_ascii_lowercase();
    v == EXAMPLE_KEY_ID
        || v == EXAMPLE_SECRET
        || lower.contains("example")
        || lower.contains("insert")
        || lower.contains("your_")
        || lower.contains("your-")
        || lower.starts_with("your")
        || lower.contains("replace")
        || lower.contains("changeme")
        || lower.contains("change_me")
        || lower.contains("placeholder")
        || lower.contains("todo")
        || lower.contains("dummy")
        || lower == "..."
        || lower.ends_with("...")
        || (v.starts_with('<') && v.ends_with('>'))
        || (v.starts_with("${") && v.ends_with('}'))
        || (v.len() >= 3 && lower.chars().all(|c| c == 'x' || c == '*'))
}

/// What is wrong with the characters around or inside a value, if anything.
pub fn whitespace_problem(value: &str) -> Option<&'static str> {
    if value.contains('\r') || value.contains('\n') {
        Some("contains a line break (often a CR from a Windows-edited file)")
    } else if value != value.trim() {
        Some("has leading or trailing whitespace")
    } else if value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')))
    {
        Some("is wrapped in quotes, which become part of the key")
    } else if value.contains(' ') || value.contains('\t') {
        Some("contains a space")
    } else {
        None
    }
}

/// True when an access key id has the shape AWS issues.
pub fn is_well_formed_key_id(id: &str) -> bool {
    (16..=128).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && KNOWN_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// True when a secret access key has the shape AWS issues (40 base64 characters).
pub fn is_well_formed_secret(secret: &str) -> bool {
    secret.len() == 40
        && secret
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '+' || c == '=')
}

/// Every shape problem of a key pair, as findings.
pub fn findings(id: &str, secret: Option<&str>, origin: &KeyOrigin) -> Vec<Finding> {
    let mut found = Vec::new();
    let masked = mask_key_id(id.trim());
    if is_placeholder(id) || secret.is_some_and(is_placeholder) {
        let which = if is_placeholder(id) {
            &origin.id_location
        } else {
            &origin.secret_location
        };
        found.push(Finding::new(
            FindingId::EnvPlaceholderKey,
            format!("{which} holds placeholder text, not a real key"),
            format!("access key id {masked} at {}", origin.id_location),
            origin.fix.clone(),
        ));
        return found;
    }
    whitespace(id, secret, origin, &masked, &mut found);
    let id_clean = id.trim().trim_matches(['"', '\'']);
    if !is_well_formed_key_id(id_clean) {
        let non_ascii = first_bad_char(KeyPart::AccessKeyId, id)
            .filter(|b| !b.kind.is_control())
            .map(|b| format!("; {}; {}", b.where_text(), b.kind.sdk_behaviour()))
            .unwrap_or_default();
        found.push(Finding::new(
            FindingId::KeyMalformedId,
            format!("the access key id at {} is not shaped like an AWS key id", origin.id_location),
            format!(
                "{masked}: {} characters; AWS ids are 16-128 upper-case letters and digits starting with AKIA or ASIA{non_ascii}",
                id_clean.chars().count()
            ),
            origin.fix.clone(),
        ));
    }
    if let Some(secret) = secret {
        let secret_clean = secret.trim().trim_matches(['"', '\'']);
        if !is_well_formed_secret(secret_clean) {
            found.push(Finding::new(
                FindingId::KeyMalformedSecret,
                format!(
                    "the secret access key at {} is not shaped like an AWS secret",
                    origin.secret_location
                ),
                format!(
                    "{}; AWS secrets are 40 characters of A-Z a-z 0-9 / +{}",
                    describe_secret(secret_clean),
                    first_bad_char(KeyPart::SecretAccessKey, secret)
                        .filter(|b| !b.kind.is_control())
                        .map(|b| format!("; {}; {}", b.where_text(), b.kind.sdk_behaviour()))
                        .unwrap_or_default()
                ),
                origin.fix.clone(),
            ));
        }
    }
    found
}

/// `key.whitespace` for each part of the pair that carries control
/// characters, spaces or quotes, placed at its file site when it has one.
fn whitespace(
    id: &str,
    secret: Option<&str>,
    origin: &KeyOrigin,
    masked: &str,
    found: &mut Vec<Finding>,
) {
    for (part, location, value, site) in [
        (
            KeyPart::AccessKeyId,
            &origin.id_location,
            Some(id),
            &origin.id_site,
        ),
        (
            KeyPart::SecretAccessKey,
            &origin.secret_location,
            secret,
            &origin.secret_site,
        ),
    ] {
        let sited = |finding: Finding| match site {
            Some(site) => finding.at_site(site.clone()),
            None => finding,
        };
        let what = part.label();
        let bad = value.and_then(|v| first_bad_char(part, v));
        if let Some(bad) = bad.filter(|b| b.kind.is_control()) {
            found.push(sited(Finding::new(
                FindingId::KeyWhitespace,
                format!("the {what} at {location} contains {}", bad.where_text()),
                format!("access key id {masked}; {}", bad.kind.sdk_behaviour()),
                format!("remove the extra characters: {}", origin.fix),
            )));
            continue;
        }
        if let Some(problem) = value.and_then(whitespace_problem) {
            found.push(sited(Finding::new(
                FindingId::KeyWhitespace,
                format!("the {what} at {location} {problem}"),
                format!("access key id {masked}"),
                format!("remove the extra characters: {}", origin.fix),
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> KeyOrigin {
        KeyOrigin {
            id_location: "AWS_ACCESS_KEY_ID".into(),
            secret_location: "AWS_SECRET_ACCESS_KEY".into(),
            fix: "export AWS_ACCESS_KEY_ID=...".into(),
            id_site: None,
            secret_site: None,
        }
    }

    fn ids(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.id.as_str()).collect()
    }

    const GOOD_SECRET: &str = "abcdefghijABCDEFGHIJ0123456789/+abcdefgh";

    #[test]
    fn recognises_placeholders() {
        for p in [
            "AKIAIOSFODNN7EXAMPLE",
            "INSERT_KEY_HERE",
            "YOUR_ACCESS_KEY_ID",
            "xxxxxxxx",
            "changeme",
            "<access key>",
            "AKIA...",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        assert!(!is_placeholder("AKIAZ7VQXJ4PLM2RTW5Y"));
    }

    #[test]
    fn a_good_pair_has_no_findings() {
        assert!(findings("AKIAZ7VQXJ4PLM2RTW5Y", Some(GOOD_SECRET), &origin()).is_empty());
    }

    #[test]
    fn finds_whitespace_quotes_and_bad_shapes() {
        assert_eq!(
            ids(&findings(
                "AKIAZ7VQXJ4PLM2RTW5Y ",
                Some(GOOD_SECRET),
                &origin()
            )),
            ["key.whitespace"]
        );
        assert_eq!(
            ids(&findings("AKIAZ7VQXJ4PLM2RTW5Y", Some("\"x\""), &origin())),
            ["key.whitespace", "key.malformed_secret"]
        );
        assert_eq!(
            ids(&findings("akia123", Some(GOOD_SECRET), &origin())),
            ["key.malformed_id"]
        );
        assert_eq!(
            ids(&findings("INSERT_KEY_HERE", Some(GOOD_SECRET), &origin())),
            ["env.placeholder_key"]
        );
    }

    #[test]
    fn findings_never_contain_the_secret() {
        let secret = "S3cr3t+ValueThatShouldNeverBeShown/1234 ";
        for f in findings("AKIAZ7VQXJ4PLM2RTW5Y", Some(secret), &origin()) {
            let all = format!("{} {} {}", f.title, f.evidence, f.fix);
            assert!(!all.contains(secret.trim()), "{all}");
        }
    }
}
