//! A snapshot of the process environment, taken once, so that every check
//! sees the same values and tests can build one from a plain list.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The environment variables credwiz looks at, captured at start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvSnapshot {
    vars: BTreeMap<String, String>,
}

impl EnvSnapshot {
    /// Captures the current process environment.
    pub fn capture() -> Self {
        EnvSnapshot {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    /// Builds a snapshot from pairs (for tests and replays).
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        EnvSnapshot {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// The raw value, exactly as set (whitespace included).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The value when it is set and not blank, which is how the SDK treats
    /// most variables.
    pub fn get_nonblank(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.trim().is_empty())
    }

    /// True when the variable is set to a true-ish value.
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// The home directory the SDK would use to find `~/.aws`: `HOME`, and on
    /// Windows, where it is usually unset, `USERPROFILE` (`%USERPROFILE%\.aws`).
    pub fn home_dir(&self) -> Option<PathBuf> {
        let home = self.get_nonblank("HOME");
        let home = if cfg!(windows) {
            home.or_else(|| self.get_nonblank("USERPROFILE"))
        } else {
            home
        };
        home.map(PathBuf::from)
    }

    /// The endpoint override the SDK would use for a service: the service's
    /// own `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, unless
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true.
    pub fn endpoint_override(&self, service: &str) -> Option<String> {
        if self.is_true("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
            return None;
        }
        self.get_nonblank(&format!("AWS_ENDPOINT_URL_{service}"))
            .or_else(|| self.get_nonblank("AWS_ENDPOINT_URL"))
            .map(|s| s.trim().to_string())
    }

    /// Every variable, to hand a child process the same environment.
    pub fn all(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every variable whose name starts with `AWS_`, for evidence listings.
    pub fn aws_variables(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars
            .iter()
            .filter(|(k, _)| k.starts_with("AWS_"))
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_values_count_as_unset() {
        let env = EnvSnapshot::from_pairs([
            ("A", "  "),
            ("B", "x"),
            ("AWS_EC2_METADATA_DISABLED", "TRUE"),
        ]);
        assert_eq!(env.get("A"), Some("  "));
        assert_eq!(env.get_nonblank("A"), None);
        assert_eq!(env.get_nonblank("B"), Some("x"));
        assert!(env.is_true("AWS_EC2_METADATA_DISABLED"));
        assert_eq!(env.aws_variables().count(), 1);
    }
}
