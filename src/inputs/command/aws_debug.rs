//! What the AWS CLI's own `--debug` log says about the credentials it used:
//! botocore's "Found credentials in …" line and the credential feature codes
//! of the User-Agent's `m/` field (botocore's `useragent.py`). Pure text.

use serde::Serialize;

/// The credential source the CLI itself logged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DebugSource {
    /// botocore's own words after "Found credentials " (`in shared
    /// credentials file: ~/.aws/credentials`), control characters inert.
    pub found: Option<String>,
    /// The credential features of the `m/` field, by botocore's names.
    pub features: Vec<String>,
}

/// botocore's `m/` codes for credential sources (botocore/useragent.py).
const CREDENTIAL_CODES: &[(&str, &str)] = &[
    ("e", "CREDENTIALS_CODE"),
    ("g", "CREDENTIALS_ENV_VARS"),
    ("h", "CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN"),
    ("i", "CREDENTIALS_STS_ASSUME_ROLE"),
    ("k", "CREDENTIALS_STS_ASSUME_ROLE_WEB_ID"),
    ("n", "CREDENTIALS_PROFILE"),
    ("o", "CREDENTIALS_PROFILE_SOURCE_PROFILE"),
    ("p", "CREDENTIALS_PROFILE_NAMED_PROVIDER"),
    ("q", "CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN"),
    ("r", "CREDENTIALS_PROFILE_SSO"),
    ("s", "CREDENTIALS_SSO"),
    ("t", "CREDENTIALS_PROFILE_SSO_LEGACY"),
    ("u", "CREDENTIALS_SSO_LEGACY"),
    ("v", "CREDENTIALS_PROFILE_PROCESS"),
    ("w", "CREDENTIALS_PROCESS"),
    ("x", "CREDENTIALS_BOTO2_CONFIG_FILE"),
    ("z", "CREDENTIALS_HTTP"),
    ("0", "CREDENTIALS_IMDS"),
    ("AC", "CREDENTIALS_PROFILE_LOGIN"),
    ("AD", "CREDENTIALS_LOGIN"),
];

/// Reads a `--debug` log. None when it names no source at all.
pub fn read(log: &str) -> Option<DebugSource> {
    let mut source = DebugSource::default();
    for line in log.lines() {
        if let Some(at) = line.find("Found credentials ") {
            let words = line[at + "Found credentials ".len()..].trim();
            let words = crate::text::sanitize::sanitize_line(words).into_owned();
            source.found.get_or_insert(words);
        }
        for field in line.split(|c: char| c.is_whitespace() || c == '\'' || c == '"') {
            let Some(codes) = field.strip_prefix("m/") else {
                continue;
            };
            for code in codes.split(',') {
                let Some((_, name)) = CREDENTIAL_CODES.iter().find(|(c, _)| *c == code) else {
                    continue;
                };
                if !source.features.iter().any(|f| f == name) {
                    source.features.push(name.to_string());
                }
            }
        }
    }
    (source.found.is_some() || !source.features.is_empty()).then_some(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn botocore_words_and_feature_codes_are_read() {
        let log = "2026-01-01 10:00:00,000 - MainThread - botocore.credentials - INFO - Found credentials in shared credentials file: ~/.aws/credentials\n\
                   2026-01-01 10:00:00,100 - MainThread - botocore.endpoint - DEBUG - headers={'User-Agent': b'aws-cli/1.40 md/Botocore#1.40 ua/2.1 os/linux m/Z,b,n lang/python#3.12'}\n";
        let source = read(log).expect("a source");
        assert_eq!(
            source.found.as_deref(),
            Some("in shared credentials file: ~/.aws/credentials")
        );
        assert_eq!(source.features, vec!["CREDENTIALS_PROFILE"]);
    }

    #[test]
    fn a_log_without_a_source_says_nothing() {
        assert_eq!(read("nothing here\nm/Z,b\n"), None);
    }
}
