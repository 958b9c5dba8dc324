//! The raw text of every file some SDK reads credentials from.
//!
//! botocore and the Node.js SDK parse the shared files with their own rules
//! (and botocore reads legacy files aws-config never opens), so the SDK lenses
//! need the text itself, not aws-config's reading of it. Each file is read
//! once through `bounded_file` (a FIFO named by a variable must not hang
//! credwiz); beyond its size limit a lens says it cannot tell.

use crate::inputs::bounded_file::FileProblem;
use crate::inputs::environment::EnvSnapshot;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What reading one path gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawText {
    /// Nothing there, or not a regular file.
    Missing,
    /// There but unreadable.
    Unreadable,
    /// Larger than credwiz reads.
    TooLarge,
    /// A FIFO or a device: a program that opens it without checking waits
    /// there (botocore checks first and skips it; the Node.js SDK does not).
    Blocking(FileProblem),
    /// Read; `valid_utf8` is false when the bytes were not UTF-8 (the text
    /// is then a lossy decoding).
    Read { text: String, valid_utf8: bool },
}

impl RawText {
    /// The text when the file was read.
    pub fn text(&self) -> Option<&str> {
        match self {
            RawText::Read { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// The raw text of the files the SDK lenses look at, keyed by path, and the
/// names in the SSO and login token caches (whether a token is there decides
/// whether botocore and Node fail at once; its content is never read here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawFiles {
    files: BTreeMap<PathBuf, RawText>,
    sso_cache: BTreeSet<String>,
    login_cache: BTreeSet<String>,
}

/// At most this many cache entries are listed; a cache is never that large.
const MAX_CACHE_ENTRIES: usize = 10_000;

impl RawFiles {
    /// Reads every file any SDK lens may look at in this environment.
    pub fn load(env: &EnvSnapshot) -> RawFiles {
        let mut raw = RawFiles::default();
        for path in sdk_paths(env) {
            let text = read_bounded(&path);
            raw.files.insert(path, text);
        }
        raw.sso_cache = list_names(&home(env).join(".aws/sso/cache"));
        raw.login_cache = list_names(&login_cache_dir(env));
        raw
    }

    /// True when `~/.aws/sso/cache` holds the token of an SSO session name or
    /// start URL (the file is named by the SHA-1 of it).
    pub fn has_sso_token(&self, key: &str) -> bool {
        use sha1::{Digest, Sha1};
        self.sso_cache
            .contains(&format!("{}.json", hex(&Sha1::digest(key.as_bytes()))))
    }

    /// True when the login cache holds a token for this `login_session`
    /// (named by the SHA-256 of the value as written).
    pub fn has_login_token(&self, session: &str) -> bool {
        use sha2::{Digest, Sha256};
        self.login_cache.contains(&format!(
            "{}.json",
            hex(&Sha256::digest(session.as_bytes()))
        ))
    }

    /// Records cache entries (for tests).
    pub fn with_cache_names(mut self, sso: &[&str], login: &[&str]) -> RawFiles {
        self.sso_cache.extend(sso.iter().map(|s| s.to_string()));
        self.login_cache.extend(login.iter().map(|s| s.to_string()));
        self
    }

    /// Builds the set from texts (for tests).
    pub fn from_texts<I, P>(texts: I) -> RawFiles
    where
        I: IntoIterator<Item = (P, String)>,
        P: Into<PathBuf>,
    {
        RawFiles {
            files: texts
                .into_iter()
                .map(|(path, text)| {
                    (
                        path.into(),
                        RawText::Read {
                            text,
                            valid_utf8: true,
                        },
                    )
                })
                .collect(),
            ..RawFiles::default()
        }
    }

    /// What reading a path gave; a path never read counts as missing.
    pub fn get(&self, path: &Path) -> &RawText {
        self.files.get(path).unwrap_or(&RawText::Missing)
    }
}

/// Where botocore reads the shared config file: `AWS_CONFIG_FILE` when set
/// (even empty: then no file at all), else `~/.aws/config`.
pub fn python_config_path(env: &EnvSnapshot) -> Option<PathBuf> {
    python_path(env, "AWS_CONFIG_FILE", ".aws/config")
}

/// Where botocore reads the shared credentials file.
pub fn python_credentials_path(env: &EnvSnapshot) -> Option<PathBuf> {
    python_path(env, "AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials")
}

fn python_path(env: &EnvSnapshot, variable: &str, default: &str) -> Option<PathBuf> {
    match env.get(variable) {
        Some("") => None,
        Some(value) => Some(expand_user(value, env)),
        None => Some(home(env).join(default)),
    }
}

/// Where the Node.js SDK reads the shared config file: an empty
/// `AWS_CONFIG_FILE` means the default path.
pub fn node_config_path(env: &EnvSnapshot) -> PathBuf {
    node_path(env, "AWS_CONFIG_FILE", ".aws/config")
}

/// Where the Node.js SDK reads the shared credentials file.
pub fn node_credentials_path(env: &EnvSnapshot) -> PathBuf {
    node_path(env, "AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials")
}

fn node_path(env: &EnvSnapshot, variable: &str, default: &str) -> PathBuf {
    match env.get(variable) {
        Some(value) if !value.is_empty() => match value.strip_prefix("~/") {
            Some(rest) => home(env).join(rest),
            None => PathBuf::from(value),
        },
        _ => home(env).join(default),
    }
}

/// The boto 2 files botocore still reads: `BOTO_CONFIG` when set, else
/// `/etc/boto.cfg` and `~/.boto`.
pub fn boto_config_paths(env: &EnvSnapshot) -> Vec<PathBuf> {
    match env.get("BOTO_CONFIG") {
        Some(value) => vec![expand_user(value, env)],
        None => vec![PathBuf::from("/etc/boto.cfg"), home(env).join(".boto")],
    }
}

/// The EC2 command-line tools' key file named by `AWS_CREDENTIAL_FILE`.
pub fn ec2_credential_file_path(env: &EnvSnapshot) -> Option<PathBuf> {
    env.get("AWS_CREDENTIAL_FILE")
        .map(|value| expand_user(value, env))
}

fn sdk_paths(env: &EnvSnapshot) -> Vec<PathBuf> {
    let mut paths = vec![node_config_path(env), node_credentials_path(env)];
    paths.extend(python_config_path(env));
    paths.extend(python_credentials_path(env));
    paths.extend(boto_config_paths(env));
    paths.extend(ec2_credential_file_path(env));
    paths.sort();
    paths.dedup();
    paths
}

/// `AWS_LOGIN_CACHE_DIRECTORY`, else `~/.aws/login/cache`.
fn login_cache_dir(env: &EnvSnapshot) -> PathBuf {
    match env.get_nonblank("AWS_LOGIN_CACHE_DIRECTORY") {
        Some(dir) => expand_user(dir, env),
        None => home(env).join(".aws/login/cache"),
    }
}

fn list_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .take(MAX_CACHE_ENTRIES)
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn home(env: &EnvSnapshot) -> PathBuf {
    env.home_dir().unwrap_or_default()
}

/// `~` and `~/rest` as Python's `os.path.expanduser` reads them.
fn expand_user(value: &str, env: &EnvSnapshot) -> PathBuf {
    if value == "~" {
        return home(env);
    }
    match value.strip_prefix("~/") {
        Some(rest) => home(env).join(rest),
        None => PathBuf::from(value),
    }
}

fn read_bounded(path: &Path) -> RawText {
    use crate::inputs::bounded_file::{read_bytes, AWS_FILE_LIMIT};
    match read_bytes(path, AWS_FILE_LIMIT) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => RawText::Read {
                text,
                valid_utf8: true,
            },
            Err(err) => RawText::Read {
                text: String::from_utf8_lossy(err.as_bytes()).into_owned(),
                valid_utf8: false,
            },
        },
        Err(FileProblem::TooLarge { .. }) => RawText::TooLarge,
        Err(problem) if problem.blocks_a_plain_reader() => RawText::Blocking(problem),
        Err(FileProblem::Io(_)) => RawText::Unreadable,
        Err(_) => RawText::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_variables_mean_no_file_in_python_and_the_default_in_node() {
        let env = EnvSnapshot::from_pairs([("HOME", "/h"), ("AWS_SHARED_CREDENTIALS_FILE", "")]);
        assert_eq!(python_credentials_path(&env), None);
        assert_eq!(
            node_credentials_path(&env),
            PathBuf::from("/h/.aws/credentials")
        );
        assert_eq!(
            python_config_path(&env),
            Some(PathBuf::from("/h/.aws/config"))
        );
    }

    #[test]
    fn tilde_paths_expand_under_home() {
        let env = EnvSnapshot::from_pairs([
            ("HOME", "/h"),
            ("AWS_CONFIG_FILE", "~/cfg"),
            ("BOTO_CONFIG", "~/b"),
        ]);
        assert_eq!(node_config_path(&env), PathBuf::from("/h/cfg"));
        assert_eq!(python_config_path(&env), Some(PathBuf::from("/h/cfg")));
        assert_eq!(boto_config_paths(&env), vec![PathBuf::from("/h/b")]);
    }

    #[test]
    fn missing_and_non_regular_files_read_as_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read_bounded(&dir.path().join("nope")), RawText::Missing);
        assert_eq!(read_bounded(dir.path()), RawText::Missing);
        let file = dir.path().join("f");
        std::fs::write(&file, b"[default]\n\xff\n").expect("write");
        assert!(matches!(
            read_bounded(&file),
            RawText::Read {
                valid_utf8: false,
                ..
            }
        ));
    }
}
