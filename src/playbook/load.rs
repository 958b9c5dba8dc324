//! Finding and parsing playbooks: the shipped ones (embedded at build time)
//! and the user's, from `$XDG_CONFIG_HOME/credwiz/playbooks` (or
//! `~/.config/credwiz/playbooks`) and from `--playbooks DIR`.
//!
//! A broken file is never skipped quietly: each of its problems goes into the
//! [`LoadReport`] with the file's path. A user playbook may add new ids but may
//! not reuse a shipped id; that is a `duplicate-playbook-id` problem, because a
//! silent override would make credwiz behave differently from its docs
//! without saying so. Copy the shipped file and give it a new id instead.

use crate::playbook::model::{Node, Playbook};
use crate::playbook::validate::{validate, validate_set};
use crate::playbook::{At, Problem, Rule};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A playbook compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct ShippedPlaybook {
    /// Its path in the credwiz source tree, used in problem reports.
    pub file: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

macro_rules! shipped {
    ($($name:literal),* $(,)?) => {
        &[$(ShippedPlaybook {
            file: concat!("playbooks/", $name, ".toml"),
            text: include_str!(concat!("../../playbooks/", $name, ".toml")),
        }),*]
    };
}

/// Every shipped playbook, one per error family.
pub const SHIPPED: &[ShippedPlaybook] = shipped![
    "no-credentials",
    "auth-failure",
    "s3-invalid-credentials",
    "credentials-not-supported",
    "expired-token",
    "access-denied",
];

/// One loaded playbook and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub playbook: Playbook,
    pub path: PathBuf,
    pub shipped: bool,
}

/// The playbooks a session can choose from, all validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    entries: Vec<Entry>,
}

impl Library {
    /// Only the shipped playbooks.
    pub fn shipped() -> Result<Library, LoadReport> {
        load_from(Vec::new(), Vec::new())
    }

    /// The playbook with this id.
    pub fn get(&self, id: &str) -> Option<&Playbook> {
        self.entry(id).map(|e| &e.playbook)
    }

    /// The playbook with this id, with its origin.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.playbook.id == id)
    }

    /// Every entry: shipped first, then user files in path order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every playbook, in [`Library::entries`] order.
    pub fn iter(&self) -> impl Iterator<Item = &Playbook> {
        self.entries.iter().map(|e| &e.playbook)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Everything that went wrong while loading, plus the playbooks that loaded
/// without a problem, so a caller may go on with those after showing the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub problems: Vec<Problem>,
    pub library: Library,
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadReport {}

/// Loads the shipped playbooks, the user's config directory and `extra_dirs`
/// (files are accepted too), validating each file and the set as a whole.
/// `env_lookup` reads environment variables (`|k| std::env::var(k).ok()`).
pub fn load_all(
    extra_dirs: &[PathBuf],
    env_lookup: impl Fn(&str) -> Option<String>,
) -> Result<Library, LoadReport> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    // The default directory is optional: most people never create it.
    if let Some(dir) = user_dir(&env_lookup).filter(|d| d.is_dir()) {
        match toml_files(&dir) {
            Ok(found) => files.extend(found),
            Err(problem) => problems.push(problem),
        }
    }
    for dir in extra_dirs {
        match toml_files(dir) {
            Ok(found) => files.extend(found),
            Err(problem) => problems.push(problem),
        }
    }
    load_from(files, problems)
}

fn load_from(files: Vec<PathBuf>, mut problems: Vec<Problem>) -> Result<Library, LoadReport> {
    let mut entries = Vec::new();
    for shipped in SHIPPED {
        let path = Path::new(shipped.file);
        match parse(shipped.text, path) {
            Ok(playbook) => entries.push(Entry {
                playbook,
                path: path.to_path_buf(),
                shipped: true,
            }),
            Err(found) => problems.extend(found),
        }
    }
    for file in files {
        match read_file(&file) {
            Ok((playbook, _)) => entries.push(Entry {
                playbook,
                path: file,
                shipped: false,
            }),
            Err(found) => problems.extend(found),
        }
    }
    for entry in &entries {
        problems.extend(validate(&entry.playbook, &entry.path));
    }
    problems.extend(validate_set(
        entries.iter().map(|e| (&e.playbook, e.path.as_path())),
    ));
    entries.retain(|e| !problems.iter().any(|p| p.path == e.path));
    let library = Library { entries };
    if problems.is_empty() {
        Ok(library)
    } else {
        Err(LoadReport { problems, library })
    }
}

/// `$XDG_CONFIG_HOME/credwiz/playbooks`, or `$HOME/.config/credwiz/playbooks`.
/// A relative XDG_CONFIG_HOME is ignored, as the XDG spec asks.
pub fn user_dir(env_lookup: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let config = env_lookup("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            env_lookup("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(config.join("credwiz").join("playbooks"))
}

/// The `*.toml` files of a directory in name order, or the path itself when
/// it is a file.
pub fn toml_files(path: &Path) -> Result<Vec<PathBuf>, Problem> {
    let read_error = |e: std::io::Error| {
        Problem::new(path, Rule::ReadError, At::File, format!("cannot read: {e}"))
    };
    if !path.is_dir() {
        // A missing path gets its io error ("No such file or directory") here.
        std::fs::metadata(path).map_err(read_error)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(read_error)? {
        let file = entry.map_err(read_error)?.path();
        if file.extension().is_some_and(|e| e == "toml") && !file.is_dir() {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads and parses one file; returns the playbook with its text.
pub fn read_file(path: &Path) -> Result<(Playbook, String), Vec<Problem>> {
    let text =
        crate::inputs::bounded_file::read_text(path, crate::inputs::bounded_file::PLAYBOOK_LIMIT)
            .map_err(|e| {
            vec![Problem::new(
                path,
                Rule::ReadError,
                At::File,
                format!("cannot read: {e}"),
            )]
        })?;
    let playbook = parse(&text, path)?;
    Ok((playbook, text))
}

/// Parses playbook TOML. Nodes are read one by one so that every node with
/// an unknown key or a wrong type is reported, not only the first.
pub fn parse(text: &str, path: &Path) -> Result<Playbook, Vec<Problem>> {
    let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        let at = At::Position { line, column };
        vec![Problem::new(path, Rule::Syntax, at, one_line(e.message()))]
    })?;
    let schema =
        |at, e: toml::de::Error| Problem::new(path, Rule::Schema, at, one_line(e.message()));

    let mut problems = Vec::new();
    let mut nodes = BTreeMap::new();
    match table.remove("nodes") {
        Some(toml::Value::Table(raw)) => {
            for (id, value) in raw {
                match value.try_into::<Node>() {
                    Ok(node) => {
                        nodes.insert(id, node);
                    }
                    Err(e) => problems.push(schema(At::Node(id), e)),
                }
            }
        }
        Some(_) => problems.push(Problem::new(
            path,
            Rule::Schema,
            At::File,
            "`nodes` must be a table of node id → node".into(),
        )),
        None => problems.push(Problem::new(
            path,
            Rule::Schema,
            At::File,
            "missing field `nodes`".into(),
        )),
    }
    // The header is checked with an empty node table, so its own problems
    // show up even when nodes are broken.
    table.insert("nodes".into(), toml::Value::Table(toml::Table::new()));
    let header = toml::Value::Table(table).try_into::<Playbook>();
    match header {
        Ok(mut playbook) if problems.is_empty() => {
            playbook.nodes = nodes;
            Ok(playbook)
        }
        Ok(_) => Err(problems),
        Err(e) => {
            problems.insert(0, schema(At::File, e));
            Err(problems)
        }
    }
}

/// toml's messages may span lines; a problem is one line.
fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(": ")
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_dir_prefers_absolute_xdg_then_home() {
        let env = |xdg: Option<&'static str>| {
            move |k: &str| match k {
                "XDG_CONFIG_HOME" => xdg.map(String::from),
                "HOME" => Some("/home/me".to_string()),
                _ => None,
            }
        };
        assert_eq!(
            user_dir(env(Some("/xdg"))),
            Some(PathBuf::from("/xdg/credwiz/playbooks"))
        );
        assert_eq!(
            user_dir(env(Some("relative"))),
            Some(PathBuf::from("/home/me/.config/credwiz/playbooks"))
        );
        assert_eq!(
            user_dir(env(None)),
            Some(PathBuf::from("/home/me/.config/credwiz/playbooks"))
        );
        assert_eq!(user_dir(|_: &str| None), None);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let problems =
            parse("id = \"x\"\ntitle = = 1\n", Path::new("p.toml")).expect_err("not TOML");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].rule, Rule::Syntax);
        assert!(
            matches!(problems[0].at, At::Position { line: 2, .. }),
            "{:?}",
            problems[0]
        );
    }

    #[test]
    fn every_broken_node_is_reported() {
        let text = r#"
id = "x"
title = "t"
summary = "s"
start = "a"
colour = "red"
[nodes.a]
kind = "end"
title = "t"
severity = "ok"
diagnosis = "d"
typo = 1
[nodes.b]
kind = "chek"
"#;
        let problems = parse(text, Path::new("p.toml")).expect_err("broken");
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 3, "{shown:#?}");
        assert!(shown[0].contains("unknown field `colour`"), "{shown:#?}");
        assert!(
            shown[1].contains("node \"a\": unknown field `typo`"),
            "{shown:#?}"
        );
        assert!(
            shown[2].contains("node \"b\": unknown variant `chek`"),
            "{shown:#?}"
        );
    }

    #[test]
    fn shipped_playbooks_load() {
        let library = Library::shipped().expect("shipped playbooks are valid");
        assert_eq!(library.len(), SHIPPED.len());
        assert!(library.get("no-credentials").is_some());
    }
}
