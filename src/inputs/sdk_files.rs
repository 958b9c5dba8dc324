//! The shared files as botocore and the Node.js SDK read them: each SDK's own
//! INI rules (`python_ini`, `node_ini`) over the raw text, parsed once per run
//! (a sweep shares them between profiles) for the SDK lenses.

use crate::inputs::environment::EnvSnapshot;
use crate::inputs::node_ini::{self, NodeIni};
use crate::inputs::python_ini::{self, PyIni, PySection};
use crate::inputs::raw_files::{self, RawFiles, RawText};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The shared files as botocore and the Node.js SDK read them, parsed once
/// per run (a sweep shares them between profiles).
#[derive(Debug, Clone)]
pub struct SdkFiles {
    pub(crate) python: Result<PyFiles, PyFilesProblem>,
    pub(crate) node: Option<NodeFiles>,
}

impl SdkFiles {
    /// Parses the raw text with each SDK's rules.
    pub fn load(env: &EnvSnapshot, raw: &RawFiles) -> SdkFiles {
        SdkFiles {
            python: load_python(env, raw),
            node: load_node(env, raw),
        }
    }
}

pub(crate) type Profiles = BTreeMap<String, PySection>;

/// The shared files as botocore reads them.
#[derive(Debug, Clone, Default)]
pub(crate) struct PyFiles {
    pub(crate) config: PyIni,
    pub(crate) credentials: PyIni,
    /// `session.full_config['profiles']`: config profiles with the credentials
    /// file's sections merged on top.
    pub(crate) profiles: Profiles,
    /// `[sso-session name]` sections of the config file.
    pub(crate) sso_sessions: Profiles,
}

/// Why botocore cannot read the shared files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PyFilesProblem {
    /// Larger than credwiz reads: the lens cannot tell.
    TooLarge,
    /// configparser rejects a file (botocore raises ConfigParseError).
    Parse(String),
    /// A file is not UTF-8 text: botocore stops at the first byte it
    /// cannot decode (ConfigParseError, whatever else the file holds).
    NotUtf8(String),
}

/// Reads both shared files as botocore does, once per run.
pub(crate) fn load_python(env: &EnvSnapshot, raw: &RawFiles) -> Result<PyFiles, PyFilesProblem> {
    let config = parse_at(raw, raw_files::python_config_path(env))?;
    let credentials = parse_at(raw, raw_files::python_credentials_path(env))?;
    let mut profiles = Profiles::new();
    let mut sso_sessions = Profiles::new();
    for (header, values) in &config.sections {
        if header.starts_with("sso-session") {
            if let [_, name] = header.split_whitespace().collect::<Vec<_>>().as_slice() {
                sso_sessions.insert(name.to_string(), values.clone());
            }
        } else if header == "default" {
            profiles.insert("default".into(), values.clone());
        } else if header.starts_with("profile") {
            let parts: Vec<&str> = header.split_whitespace().collect();
            if let [_, name] = parts.as_slice() {
                profiles.insert(name.trim_matches(['"', '\'']).to_string(), values.clone());
            }
        }
    }
    for (header, values) in &credentials.sections {
        profiles
            .entry(header.clone())
            .or_default()
            .extend(values.clone());
    }
    Ok(PyFiles {
        config,
        credentials,
        profiles,
        sso_sessions,
    })
}

fn parse_at(raw: &RawFiles, path: Option<PathBuf>) -> Result<PyIni, PyFilesProblem> {
    let Some(path) = path else {
        return Ok(PyIni::default());
    };
    let message =
        |detail: &str| format!("Unable to parse config file: {} ({detail})", path.display());
    match raw.get(&path) {
        // botocore checks os.path.isfile first: a FIFO or device is no file.
        RawText::Missing | RawText::Unreadable | RawText::Blocking(_) => Ok(PyIni::default()),
        RawText::TooLarge => Err(PyFilesProblem::TooLarge),
        RawText::Read {
            valid_utf8: false, ..
        } => Err(PyFilesProblem::NotUtf8(message("not UTF-8"))),
        RawText::Read { text, .. } => python_ini::parse(text)
            .map_err(|error| PyFilesProblem::Parse(message(&error.to_string()))),
    }
}

/// `parseKnownFiles`: both files, leniently, merged key by key; None when a
/// file is larger than credwiz reads.
pub(crate) fn load_node(env: &EnvSnapshot, raw: &RawFiles) -> Option<NodeFiles> {
    let paths = [
        raw_files::node_config_path(env),
        raw_files::node_credentials_path(env),
    ];
    // The SDK reads both files without checking what they are.
    let blocking = paths.iter().find_map(|path| match raw.get(path) {
        RawText::Blocking(problem) => Some((path.clone(), problem.clone())),
        _ => None,
    });
    let read = |path: std::path::PathBuf| match raw.get(&path) {
        RawText::Read { text, .. } => Some(node_ini::parse(text)),
        RawText::TooLarge => None,
        _ => Some(NodeIni::new()),
    };
    let parsed_config = read(raw_files::node_config_path(env))?;
    let sso_sessions = parsed_config
        .iter()
        .filter_map(|(key, values)| {
            Some((
                key.strip_prefix("sso-session.")?.to_string(),
                values.clone(),
            ))
        })
        .collect();
    let config = node_ini::config_profiles(&parsed_config);
    let credentials = read(raw_files::node_credentials_path(env))?;
    Some(NodeFiles {
        profiles: node_ini::merge(config, credentials),
        sso_sessions,
        blocking,
    })
}

/// The shared files as the Node.js SDK reads them.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeFiles {
    pub(crate) profiles: NodeIni,
    /// `[sso-session name]` sections of the config file.
    pub(crate) sso_sessions: NodeIni,
    /// A shared file the SDK would wait on forever (a FIFO, a device).
    pub(crate) blocking: Option<(PathBuf, crate::inputs::bounded_file::FileProblem)>,
}
