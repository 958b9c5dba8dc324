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

/// Shows a path under the home directory as `~/...`, which is how users know it.
pub fn display_path(path: &Path) -> String {
    if let Some(home) = std::env::var_os("HOME") {
        if let Ok(rest) = path.strip_prefix(&home) {
            return format!("~/{}", rest.display());
        }
    }
    path.display().to_string()
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

    /// True when either file failed to parse, which makes the SDK's profile
    /// provider fail (and stop the chain).
    pub fn has_parse_errors(&self) -> bool {
        self.in_load_order()
            .iter()
            .any(|f| !f.parse_problems.is_empty())
    }
}

impl AwsFile {
    fn load(kind: FileKind, env: &EnvSnapshot) -> AwsFile {
        let (path, from_override) = match env.get(kind.override_variable()) {
            Some(path) if !path.is_empty() => (expand_home(path, env), true),
            _ => (
                env.home_dir()
                    .unwrap_or_default()
                    .join(kind.default_relative_path()),
                false,
            ),
        };
        let mut file = AwsFile {
            kind,
            path,
            from_override,
            state: FileState::Absent,
            sections: Vec::new(),
            parse_problems: Vec::new(),
            has_bom: false,
            has_crlf: false,
            profile_index: HashMap::new(),
            sso_session_index: HashMap::new(),
        };
        match read_text(&file.path, AWS_FILE_LIMIT) {
            Ok(text) => {
                file.state = FileState::Read;
                file.parse(&text);
            }
            Err(FileProblem::NotFound) => {
                file.state = if from_override {
                    FileState::MissingOverride
                } else {
                    FileState::Absent
                };
            }
            Err(problem) => file.state = FileState::Unreadable(problem),
        }
        file
    }

    /// Parses text as if it were this file (used by `load` and by tests).
    pub fn parse_text(kind: FileKind, path: impl Into<PathBuf>, text: &str) -> AwsFile {
        let mut file = AwsFile {
            kind,
            path: path.into(),
            from_override: false,
            state: FileState::Read,
            sections: Vec::new(),
            parse_problems: Vec::new(),
            has_bom: false,
            has_crlf: false,
            profile_index: HashMap::new(),
            sso_session_index: HashMap::new(),
        };
        file.parse(text);
        file
    }

    fn parse(&mut self, text: &str) {
        self.has_bom = text.starts_with('\u{feff}');
        self.has_crlf = text.contains("\r\n");
        let mut current: Option<Section> = None;
        let mut last_key_seen = false;
        // `str::lines` strips "\n" and "\r\n", exactly as the SDK's parser does.
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            if line.trim_matches(WHITESPACE).is_empty() || line.starts_with(['#', ';']) {
                continue;
            }
            if line.starts_with('[') {
                let header = strip_comment(line, false);
                match header.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
                    Some(name) => {
                        if let Some(done) = current.take() {
                            self.sections.push(done);
                        }
                        let header = name.trim_matches(WHITESPACE).to_string();
                        current = Some(Section {
                            kind: self.classify(&header),
                            header,
                            line: line_no,
                            entries: Vec::new(),
                        });
                        last_key_seen = false;
                    }
                    None => self.problem(line_no, "section header must end with ']'"),
                }
            } else if line.starts_with(WHITESPACE) {
                // A continuation of the previous value (nested settings such as s3 = ...).
                if current.is_none() {
                    self.problem(line_no, "expected a [section] header before this line");
                } else if !last_key_seen {
                    self.problem(
                        line_no,
                        "an indented line with no setting above it to continue",
                    );
                }
            } else {
                let Some(section) = current.as_mut() else {
                    self.problem(
                        line_no,
                        "expected a [section] header before this line (a byte-order mark or stray text at the top?)",
                    );
                    continue;
                };
                let content = strip_comment(line, true);
                match content.split_once('=') {
                    Some((raw_key, value)) if !raw_key.trim_matches(WHITESPACE).is_empty() => {
                        let raw_key = raw_key.to_string();
                        section.entries.push(Entry {
                            key: raw_key.trim_matches(WHITESPACE).to_ascii_lowercase(),
                            raw_key,
                            value: value.trim_matches(WHITESPACE).to_string(),
                            line: line_no,
                        });
                        last_key_seen = true;
                    }
                    Some(_) => self.problem(line_no, "a setting with no name before '='"),
                    None => self.problem(line_no, "expected 'name = value' (no '=' on this line)"),
                }
            }
        }
        if let Some(done) = current.take() {
            self.sections.push(done);
        }
        self.mark_shadowed_default();
        self.build_indexes();
    }

    fn build_indexes(&mut self) {
        for (index, section) in self.sections.iter().enumerate() {
            match &section.kind {
                SectionKind::Profile(name) => self
                    .profile_index
                    .entry(name.clone())
                    .or_default()
                    .push(index),
                SectionKind::SsoSession(name) => {
                    self.sso_session_index.insert(name.clone(), index);
                }
                _ => {}
            }
        }
    }

    fn problem(&mut self, line: usize, message: &str) {
        self.parse_problems.push(ParseProblem {
            line,
            message: message.to_string(),
        });
    }

    fn classify(&self, header: &str) -> SectionKind {
        let (prefix, name) = match header.split_once(WHITESPACE) {
            Some((prefix, name)) => (Some(prefix.trim()), name.trim()),
            None => (None, header.trim()),
        };
        let ignored = |reason| SectionKind::Ignored {
            name: name.to_string(),
            reason,
        };
        match (self.kind, prefix) {
            (FileKind::Config, None) if name == "default" => SectionKind::Profile(name.into()),
            (FileKind::Config, None) => ignored(IgnoredReason::MissingProfilePrefixInConfig),
            (FileKind::Config, Some(_)) if !is_valid_identifier(name) => {
                ignored(IgnoredReason::InvalidName)
            }
            (FileKind::Config, Some("profile")) => SectionKind::Profile(name.into()),
            (FileKind::Config, Some("sso-session")) => SectionKind::SsoSession(name.into()),
            (FileKind::Config, Some(prefix)) => SectionKind::Other {
                prefix: prefix.into(),
                name: name.into(),
            },
            (FileKind::Credentials, Some("profile")) => {
                ignored(IgnoredReason::ProfilePrefixInCredentials)
            }
            (FileKind::Credentials, Some(_)) => ignored(IgnoredReason::ConfigSectionInCredentials),
            (FileKind::Credentials, None) if !is_valid_identifier(name) => {
                ignored(IgnoredReason::InvalidName)
            }
            (FileKind::Credentials, None) => SectionKind::Profile(name.into()),
        }
    }

    /// In the config file `[profile default]` wins and `[default]` is dropped.
    fn mark_shadowed_default(&mut self) {
        if self.kind != FileKind::Config {
            return;
        }
        let has_prefixed_default = self
            .sections
            .iter()
            .any(|s| s.header.split_whitespace().eq(["profile", "default"]));
        if !has_prefixed_default {
            return;
        }
        for section in &mut self.sections {
            if section.header == "default" {
                section.kind = SectionKind::Ignored {
                    name: "default".into(),
                    reason: IgnoredReason::ShadowedByProfileDefault,
                };
            }
        }
    }

    /// Sections that define the named profile, in file order.
    pub fn profile_sections<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Section> {
        self.profile_index
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|index| self.sections.get(*index))
    }

    /// Names of the profiles this file defines, in no particular order.
    pub fn profile_names(&self) -> impl Iterator<Item = &str> {
        self.profile_index.keys().map(String::as_str)
    }

    /// True when the file was there and read.
    pub fn is_read(&self) -> bool {
        self.state == FileState::Read
    }
}

const WHITESPACE: &[char] = &[' ', '\t'];

/// Cuts an inline comment as the SDK does: in values a `#` or `;` only starts
/// a comment after whitespace (so secrets may contain them); in headers anywhere.
fn strip_comment(line: &str, needs_whitespace_before: bool) -> &str {
    let line = line.trim_matches(WHITESPACE);
    let mut previous_was_space = false;
    for (index, ch) in line.char_indices() {
        if (ch == '#' || ch == ';') && (previous_was_space || !needs_whitespace_before) {
            return line[..index].trim_matches(WHITESPACE);
        }
        previous_was_space = ch.is_whitespace();
    }
    line
}

/// The characters the SDK accepts in profile names and keys.
pub fn is_valid_identifier(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|ch| {
            ch.is_ascii_alphanumeric() || ['_', '-', '/', '.', '%', '@', ':', '+'].contains(&ch)
        })
}

fn expand_home(path: &str, env: &EnvSnapshot) -> PathBuf {
    match (path.strip_prefix("~/"), env.home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> AwsFile {
        AwsFile::parse_text(FileKind::Config, "/h/.aws/config", text)
    }

    #[test]
    fn reads_sections_keys_and_lines() {
        let file = config("# top\n[default]\nregion = eu-west-1 # inline\n\n[profile dev]\nAWS_Access_Key_ID=AKIA#x\n");
        assert_eq!(file.sections.len(), 2);
        assert_eq!(
            file.sections[0].kind,
            SectionKind::Profile("default".into())
        );
        assert_eq!(file.sections[0].entries[0].value, "eu-west-1");
        assert_eq!(file.sections[0].entries[0].line, 3);
        let dev = &file.sections[1];
        assert_eq!(dev.kind, SectionKind::Profile("dev".into()));
        assert_eq!(dev.entries[0].key, "aws_access_key_id");
        assert_eq!(
            dev.entries[0].value, "AKIA#x",
            "a '#' without space before is data"
        );
        assert!(file.parse_problems.is_empty());
    }

    #[test]
    fn applies_each_files_section_rules() {
        let cfg = config("[dev]\nx=1\n[sso-session corp]\n[services s]\n");
        assert!(matches!(
            cfg.sections[0].kind,
            SectionKind::Ignored {
                reason: IgnoredReason::MissingProfilePrefixInConfig,
                ..
            }
        ));
        assert_eq!(cfg.sections[1].kind, SectionKind::SsoSession("corp".into()));
        let creds = AwsFile::parse_text(FileKind::Credentials, "c", "[profile dev]\n[ok]\n");
        assert!(matches!(
            creds.sections[0].kind,
            SectionKind::Ignored {
                reason: IgnoredReason::ProfilePrefixInCredentials,
                ..
            }
        ));
        assert_eq!(creds.sections[1].kind, SectionKind::Profile("ok".into()));
    }

    #[test]
    fn profile_default_shadows_plain_default_in_config() {
        let cfg = config("[default]\na=1\n[profile default]\nb=2\n");
        assert!(matches!(cfg.sections[0].kind, SectionKind::Ignored { .. }));
        assert_eq!(cfg.sections[1].kind, SectionKind::Profile("default".into()));
    }

    #[test]
    fn reports_parse_problems_with_line_numbers() {
        let cfg = config("\u{feff}[default]\nregion\n[broken\n");
        let lines: Vec<usize> = cfg.parse_problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
        assert!(cfg.has_bom);
    }

    #[test]
    fn profile_lookups_find_every_section_of_a_name_in_file_order() {
        let cfg = config(
            "[profile a]\nx = 1\n[profile b]\n[sso-session s]\nsso_region = r1\n\
             [profile a]\nx = 2\n[default]\n[sso-session s]\nsso_region = r2\n",
        );
        let lines: Vec<usize> = cfg.profile_sections("a").map(|s| s.line).collect();
        assert_eq!(lines, vec![1, 6]);
        assert_eq!(cfg.profile_sections("zzz").count(), 0);
        let mut names: Vec<&str> = cfg.profile_names().collect();
        names.sort_unstable();
        assert_eq!(names, vec!["a", "b", "default"]);
        let files = AwsFiles {
            config: cfg,
            credentials: AwsFile::parse_text(FileKind::Credentials, "c", ""),
        };
        assert_eq!(
            files
                .profile("a")
                .and_then(|p| p.get("x").map(String::from)),
            Some("2".into())
        );
        let session = files.sso_session("s").map(|s| s.line);
        assert_eq!(
            session,
            Some(9),
            "the last [sso-session s] is the one the SDK keeps"
        );
    }

    #[test]
    fn crlf_files_read_like_lf_files() {
        let cfg = config("[default]\r\nregion = us-east-1\r\n");
        assert!(cfg.has_crlf);
        assert_eq!(cfg.sections[0].entries[0].value, "us-east-1");
    }

    #[test]
    fn credentials_override_config_and_later_keys_win() {
        let files = AwsFiles {
            config: config("[profile dev]\nregion = a\nregion = b\n"),
            credentials: AwsFile::parse_text(
                FileKind::Credentials,
                "/h/.aws/credentials",
                "[dev]\nregion = c\n",
            ),
        };
        let dev = files.profile("dev").expect("dev exists");
        assert_eq!(dev.get("region"), Some("c"));
        assert_eq!(dev.location_of("region").map(|l| l.line), Some(2));
        assert_eq!(dev.sections.len(), 2);
        assert!(files.profile("nope").is_none());
        assert_eq!(files.profile_names(), vec!["dev".to_string()]);
    }
}
