//! Each profile's closure of the shared files, for aws-config.
//!
//! aws-config's profile provider reads and parses both files every time it
//! is built, so a sweep that hands it the whole files costs profiles × file
//! size. The sweep splits the files into sections once, the way the SDK's
//! parser does (a section starts at a line beginning with `[`), and hands
//! each profile's provider in-memory files holding only what that profile
//! can reach: its own sections, its `source_profile` chain, the
//! `sso-session` and `services` sections they name, `[default]`, and the
//! lines before the first section. The SDK still parses, normalizes and
//! judges that text itself, so the answer stays aws-config's; picking more
//! sections than needed is harmless, fewer never happens for files the SDK
//! parses cleanly. Files it does not parse cleanly, or that credwiz could
//! not read as plain UTF-8 text, are handed over whole (or left to the SDK
//! to read), so every error keeps its own words and line numbers.

use crate::inputs::files::{AwsFile, AwsFiles, FileState};
use crate::inputs::raw_files::{RawFiles, RawText};
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// The keys whose values name another section the SDK may read.
const LINKS: [&str; 3] = ["source_profile", "sso_session", "services"];

/// One file cut into sections once.
#[derive(Debug, Default)]
struct SplitFile {
    text: String,
    /// Lines before the first section (comments, a byte-order mark).
    preamble: Range<usize>,
    /// Each section's byte range, in file order.
    sections: Vec<Range<usize>>,
    /// Every word of a header (and the whole header) → its sections.
    by_name: HashMap<String, Vec<usize>>,
}

impl SplitFile {
    fn new(text: String) -> SplitFile {
        let mut split = SplitFile::default();
        let mut offset = 0;
        let mut first = None;
        for line in text.split_inclusive('\n') {
            if line.starts_with('[') {
                first.get_or_insert(offset);
                if let Some(open) = split.sections.last_mut() {
                    open.end = offset;
                }
                let index = split.sections.len();
                split.sections.push(offset..text.len());
                for name in header_names(line) {
                    split.by_name.entry(name).or_default().push(index);
                }
            }
            offset += line.len();
        }
        split.preamble = 0..first.unwrap_or(text.len());
        split.text = text;
        split
    }

    /// The preamble and every section some name in `names` may refer to,
    /// in file order.
    fn closure(&self, names: &BTreeSet<String>) -> String {
        let picked: BTreeSet<usize> = names
            .iter()
            .filter_map(|name| self.by_name.get(name))
            .flatten()
            .copied()
            .collect();
        let mut out = self.text[self.preamble.clone()].to_string();
        for index in picked {
            if let Some(range) = self.sections.get(index) {
                let section = &self.text[range.clone()];
                out.push_str(section);
                if !section.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// The names a header line may declare, loosely: the whole text between
/// the brackets and each word of it (`[profile dev]` → "profile dev",
/// "profile", "dev"). Loose is safe: an extra section never changes what
/// the SDK resolves for the profile it was asked about.
fn header_names(line: &str) -> BTreeSet<String> {
    let inner = line.trim_end().trim_start_matches('[');
    let inner = inner.split(['#', ';']).next().unwrap_or(inner);
    let inner = inner.trim().trim_end_matches(']').trim();
    let mut names: BTreeSet<String> = inner.split_whitespace().map(str::to_string).collect();
    names.insert(inner.to_string());
    names
}

/// The files of one sweep, cut once; `None` inside means "hand the SDK the
/// whole files" (see the module comment).
#[derive(Debug)]
pub struct Closures {
    split: Option<[SplitFile; 2]>,
    /// A profile the whole files define, always included so that a closure
    /// is empty exactly when the whole files are (the SDK treats "no
    /// profiles at all" apart from "this profile is missing").
    witness: Option<String>,
    links: HashMap<String, BTreeSet<String>>,
}

impl Closures {
    /// Cuts both files, or decides the SDK must read them as they are.
    pub async fn new(files: &AwsFiles, raw: &RawFiles) -> Closures {
        let texts = [
            text_of(&files.config, raw),
            text_of(&files.credentials, raw),
        ];
        let [Some(config), Some(credentials)] = texts else {
            return Closures {
                split: None,
                witness: None,
                links: HashMap::new(),
            };
        };
        let whole = in_memory(config.clone(), credentials.clone());
        let env = aws_types::os_shim_internal::Env::from_slice(&[]);
        let fs = aws_types::os_shim_internal::Fs::from_slice(&[]);
        let Ok(parsed) = aws_config::profile::load(&fs, &env, &whole, None).await else {
            // A line the SDK rejects fails every profile with its line
            // number: only the whole text keeps that answer.
            return Closures {
                split: None,
                witness: None,
                links: HashMap::new(),
            };
        };
        let witness = parsed.profiles().min().map(str::to_string);
        Closures {
            split: Some([SplitFile::new(config), SplitFile::new(credentials)]),
            witness,
            links: links_of(files),
        }
    }

    /// The in-memory files for one profile's provider, or `None` when the
    /// SDK should read the files itself.
    pub fn for_profile(&self, profile: &str) -> Option<EnvConfigFiles> {
        let [config, credentials] = self.split.as_ref()?;
        let mut names = BTreeSet::new();
        let mut todo = vec![profile.to_string()];
        while let Some(name) = todo.pop() {
            if let Some(linked) = self.links.get(&name) {
                todo.extend(linked.iter().filter(|n| !names.contains(*n)).cloned());
            }
            names.insert(name);
        }
        names.insert("default".to_string());
        names.extend(self.witness.clone());
        Some(in_memory(
            config.closure(&names),
            credentials.closure(&names),
        ))
    }
}

/// Which names each name's sections link to, as credwiz's own reading of
/// the files sees them (every section of a name, in both files, whatever
/// the SDK later keeps), built once per sweep.
fn links_of(files: &AwsFiles) -> HashMap<String, BTreeSet<String>> {
    let mut links: HashMap<String, BTreeSet<String>> = HashMap::new();
    for section in files.in_load_order().into_iter().flat_map(|f| &f.sections) {
        let linked: Vec<String> = section
            .entries
            .iter()
            .filter(|entry| LINKS.contains(&entry.key.as_str()))
            .map(|entry| entry.value.trim().to_string())
            .collect();
        for name in section_names(section) {
            links
                .entry(name.to_string())
                .or_default()
                .extend(linked.iter().cloned());
        }
    }
    links
}

/// The names a parsed section answers to, by any kind.
fn section_names(section: &crate::inputs::files::Section) -> impl Iterator<Item = &str> {
    use crate::inputs::files::SectionKind;
    let kind_name = match &section.kind {
        SectionKind::Profile(name) | SectionKind::SsoSession(name) => name.as_str(),
        SectionKind::Other { name, .. } | SectionKind::Ignored { name, .. } => name.as_str(),
    };
    [kind_name, section.header.as_str()].into_iter()
}

/// The file's text as the SDK would read it, "" when it is absent, or
/// `None` when credwiz cannot be sure what the SDK would read.
fn text_of(file: &AwsFile, raw: &RawFiles) -> Option<String> {
    match (&file.state, raw.get(&file.path)) {
        (FileState::Absent, _) if !file.path.exists() => Some(String::new()),
        (
            FileState::Read,
            RawText::Read {
                text,
                valid_utf8: true,
            },
        ) => Some(text.clone()),
        _ => None,
    }
}

fn in_memory(config: String, credentials: String) -> EnvConfigFiles {
    EnvConfigFiles::builder()
        .with_contents(EnvConfigFileKind::Config, config)
        .with_contents(EnvConfigFileKind::Credentials, credentials)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_where_the_sdk_splits_them() {
        let split = SplitFile::new(
            "# top\n[profile a]\nx = 1\n  [not a header]\n[b] ; note\ny = 2".to_string(),
        );
        assert_eq!(&split.text[split.preamble.clone()], "# top\n");
        assert_eq!(split.sections.len(), 2);
        let only_b: BTreeSet<String> = ["b".to_string()].into();
        assert_eq!(split.closure(&only_b), "# top\n[b] ; note\ny = 2\n");
        let only_a: BTreeSet<String> = ["a".to_string()].into();
        assert_eq!(
            split.closure(&only_a),
            "# top\n[profile a]\nx = 1\n  [not a header]\n"
        );
    }

    #[test]
    fn header_words_are_names() {
        let names = header_names("[ profile  dev ]  # comment\n");
        assert!(names.contains("dev") && names.contains("profile  dev"));
    }
}
