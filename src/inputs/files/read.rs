//! Reading one shared file line by line, by the SDK's parser rules: where
//! each section and key is, and which lines the SDK would reject.

use super::*;

impl AwsFile {
    pub(super) fn load(kind: FileKind, env: &EnvSnapshot) -> AwsFile {
        // aws-config takes the variable whenever it is set: an empty one
        // names no file at all (the default path is not read).
        let (path, from_override) = match env.get(kind.override_variable()) {
            Some(path) => (expand_home(path, env), true),
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
