//! A line-aware reader for `~/.aws/config` and `~/.aws/credentials`.
//!
//! aws-config's own parser gives no line numbers, so credwiz reads the files
//! again, following the same rules (see `aws-runtime`'s `env_config::parse` and
//! `normalize`), and keeps where each section and key came from. It never
//! decides what resolves: that is asked of the SDK itself (see `chain.rs`).

use crate::inputs::bounded_file::{read_text, FileProblem, AWS_FILE_LIMIT};
use crate::inputs::environment::EnvSnapshot;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// Which of the two shared files a section lives in; their rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Config,
    Credentials,
}

impl FileKind {
    /// The variable that moves this file elsewhere.
    pub fn override_variable(self) -> &'static str {
        match self {
            FileKind::Config => "AWS_CONFIG_FILE",
            FileKind::Credentials => "AWS_SHARED_CREDENTIALS_FILE",
        }
    }

    fn default_relative_path(self) -> &'static str {
        match self {
            FileKind::Config => ".aws/config",
            FileKind::Credentials => ".aws/credentials",
        }
    }
}

/// A place in a file, shown to users as `path:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", display_path(&self.path), self.line)
    }
}

/// Shows a path under the home directory as `~/...`, which is how users know
/// it, made inert: a line break or escape sequence in a path (from
/// `AWS_CONFIG_FILE`, say) shows as its placeholder and cannot forge a line.
pub fn display_path(path: &Path) -> String {
    let shown = match std::env::var_os("HOME").and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    };
    crate::text::sanitize::sanitize_line(&shown).into_owned()
}

/// One `key = value` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key as the SDK sees it: trimmed and lower-cased.
    pub key: String,
    /// The key exactly as written, to show misspellings and stray spaces.
    pub raw_key: String,
    /// The value as the SDK sees it: trimmed of spaces and tabs, inline
    /// comment removed. Quotes are kept, as the SDK keeps them.
    pub value: String,
    pub line: usize,
}

/// What a section header declares, by the file's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionKind {
    /// A profile the SDK reads, under this name.
    Profile(String),
    /// `[sso-session name]` in the config file.
    SsoSession(String),
    /// `[services name]` or another prefixed section the SDK keeps aside.
    Other { prefix: String, name: String },
    /// A section the SDK ignores, with its reason.
    Ignored { name: String, reason: IgnoredReason },
}

/// Why the SDK drops a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoredReason {
    /// `[profile x]` in the credentials file.
    ProfilePrefixInCredentials,
    /// `[x]` (not default) in the config file.
    MissingProfilePrefixInConfig,
    /// `[default]` in config beside `[profile default]`, which wins.
    ShadowedByProfileDefault,
    /// A prefixed section other than profile in the credentials file.
    ConfigSectionInCredentials,
    /// A name with characters the SDK does not accept.
    InvalidName,
}

/// A `[...]` section with its entries, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The text between the brackets, trimmed.
    pub header: String,
    pub kind: SectionKind,
    pub line: usize,
    pub entries: Vec<Entry>,
}

/// A line the SDK's parser rejects; the SDK then fails the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    pub line: usize,
    pub message: String,
}

/// Whether and how a file could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// Not there at its default path; the SDK carries on without it.
    Absent,
    /// Named by an override variable but not there.
    MissingOverride,
    /// There but not readable as a file (permissions, a directory, a FIFO,
    /// not UTF-8, too large).
    Unreadable(FileProblem),
    Read,
}

/// One shared file, read line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsFile {
    pub kind: FileKind,
    pub path: PathBuf,
    /// True when the path came from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE.
    pub from_override: bool,
    pub state: FileState,
    pub sections: Vec<Section>,
    pub parse_problems: Vec<ParseProblem>,
    pub has_bom: bool,
    pub has_crlf: bool,
    /// Which sections define each profile, in file order: built once at
    /// parse time so that every lookup costs the profile's own sections,
    /// not a scan of the whole file.
    profile_index: HashMap<String, Vec<usize>>,
    /// The last `[sso-session name]` section of each name.
    sso_session_index: HashMap<String, usize>,
}

/// Both shared files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsFiles {
    pub config: AwsFile,
    pub credentials: AwsFile,
}

/// A key of a profile as the SDK ends up seeing it, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedValue {
    pub value: String,
    pub location: Location,
}

/// A profile after the SDK's merge: config first, then credentials on top;
/// within a file, a later duplicate key wins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergedProfile {
    pub name: String,
    pub entries: BTreeMap<String, LocatedValue>,
    /// The header line of every section that contributed, in load order.
    pub sections: Vec<Location>,
}

impl MergedProfile {
    /// The value of a key, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(|v| v.value.as_str())
    }

    /// Where a key was set.
    pub fn location_of(&self, key: &str) -> Option<&Location> {
        self.entries.get(key).map(|v| &v.location)
    }

    /// Where the profile's first section starts.
    pub fn header(&self) -> Option<&Location> {
        self.sections.first()
    }
}

impl AwsFiles {
    /// Reads both files from where the SDK would look for them.
    pub fn load(env: &EnvSnapshot) -> AwsFiles {
        AwsFiles {
            config: AwsFile::load(FileKind::Config, env),
            credentials: AwsFile::load(FileKind::Credentials, env),
        }
    }

    /// The files in the order the SDK loads them.
    pub fn in_load_order(&self) -> [&AwsFile; 2] {
        [&self.config, &self.credentials]
    }

    /// The named profile as the SDK merges it, or None when no section defines it.
    pub fn profile(&self, name: &str) -> Option<MergedProfile> {
        let mut merged = MergedProfile {
            name: name.to_string(),
            ..MergedProfile::default()
        };
        for file in self.in_load_order() {
            for section in file.profile_sections(name) {
                merged.sections.push(Location {
                    path: file.path.clone(),
                    line: section.line,
                });
                for entry in &section.entries {
                    merged.entries.insert(
                        entry.key.clone(),
                        LocatedValue {
                            value: entry.value.clone(),
                            location: Location {
                                path: file.path.clone(),
                                line: entry.line,
                            },
                        },
                    );
                }
            }
        }
        (!merged.sections.is_empty()).then_some(merged)
    }

    /// Names of every profile the SDK sees, sorted.
    pub fn profile_names(&self) -> Vec<String> {
        let names: BTreeSet<&String> = self
            .in_load_order()
            .iter()
            .flat_map(|file| file.profile_index.keys())
            .collect();
        names.into_iter().cloned().collect()
    }

    /// An `[sso-session name]` section of the config file.
    pub fn sso_session(&self, name: &str) -> Option<&Section> {
        self.config
            .sso_session_index
            .get(name)
            .and_then(|index| self.config.sections.get(*index))
    }

    /// The names of the config file's `[sso-session name]` sections.
    pub fn sso_session_names(&self) -> Vec<String> {
        self.config.sso_session_index.keys().cloned().collect()
    }

    /// True when either file failed to parse, which makes the SDK's profile
    /// provider fail (and stop the chain).
    pub fn has_parse_errors(&self) -> bool {
        self.in_load_order()
            .iter()
            .any(|f| !f.parse_problems.is_empty())
    }
}

mod read;
#[cfg(test)]
mod tests;

pub use read::is_valid_identifier;
