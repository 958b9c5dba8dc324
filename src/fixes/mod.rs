//! `credwiz fix`: the one path by which credwiz writes the user's AWS files,
//! and only on their word (`--yes`, or `y` in the wizard).
//!
//! A finding whose fix is an edit of a file carries its [`FileSite`]; the
//! [`registry`] maps its id to the edit. [`plan`] reads the file, makes the
//! edit line by line (every other byte stays) and shows it as a diff with
//! secrets hidden; [`write::apply`] writes it atomically, keeps a backup and
//! refuses when the file changed since the plan was made.

pub mod commands;
mod diff;
mod file_mode;
mod lines;
pub mod registry;
mod setting;
pub mod write;

pub use registry::{FixInputs, NoEdit, FIXABLE};
pub use write::{apply, apply_with, ApplyError, Written};

use crate::findings::{FileSite, Finding, FindingId};
use crate::inputs::bounded_file::{check_regular, read_bytes, FileProblem, AWS_FILE_LIMIT};
use crate::inputs::files::display_path;
use crate::text::mask::Scrubber;
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// One file's change, ready to write.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePlan {
    /// The file to write (symbolic links followed: the link stays a link).
    pub path: PathBuf,
    /// The file as people know it (`~/.aws/credentials`), inert.
    pub shown: String,
    /// The bytes the plan was made from; None for a file the fix creates.
    before: Option<Vec<u8>>,
    before_digest: [u8; 32],
    after: Vec<u8>,
    /// The change as a unified diff, secrets hidden.
    pub diff: String,
}

// The bytes hold secrets: a Debug dump shows only where and how much.
impl fmt::Debug for FilePlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePlan")
            .field("shown", &self.shown)
            .field("before_len", &self.before.as_ref().map(Vec::len))
            .field("after_len", &self.after.len())
            .finish_non_exhaustive()
    }
}

/// The repair of one finding id: every file it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixPlan {
    pub id: FindingId,
    pub files: Vec<FilePlan>,
    /// Sites of the finding that no edit repairs, with the reason.
    pub skipped: Vec<(String, NoEdit)>,
}

/// Why there is no plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The diagnosis holds no finding with this id (for this profile).
    NoFinding,
    /// The finding is there, but its fix is not an edit of a file (a
    /// variable to unset, a login to run): the finding's own fix says what.
    NotAFileFix,
    /// Every site was skipped, with its reason.
    NothingToEdit(Vec<(String, NoEdit)>),
    /// A file could not be read, or is no regular file credwiz may replace.
    Unreadable { shown: String, problem: String },
}

/// True when finding `id` may be repaired by `credwiz fix`.
pub fn is_fixable(id: FindingId) -> bool {
    FIXABLE.contains(&id)
}

/// The file sites of `findings` with id `id`, for `profile` when given
/// (a site of the whole file, such as its line ends, always counts).
pub fn sites<'a>(
    findings: &'a [Finding],
    id: FindingId,
    profile: Option<&'a str>,
) -> impl Iterator<Item = &'a FileSite> + 'a {
    findings
        .iter()
        .filter(move |f| f.id == id)
        .filter_map(|f| f.site.as_ref())
        .filter(move |site| match (profile, site.section.as_deref()) {
            (Some(wanted), Some(section)) => wanted == section,
            _ => true,
        })
}

/// Plans the repair of every `id` finding in `findings` (see [`sites`]).
pub fn plan(
    id: FindingId,
    findings: &[Finding],
    profile: Option<&str>,
    inputs: &FixInputs,
    scrubber: &Scrubber,
) -> Result<FixPlan, PlanError> {
    if !findings.iter().any(|f| f.id == id) {
        return Err(PlanError::NoFinding);
    }
    let mut by_file: Vec<(PathBuf, Vec<&FileSite>)> = Vec::new();
    for site in sites(findings, id, profile) {
        match by_file.iter_mut().find(|(path, _)| *path == site.path) {
            Some((_, list)) => list.push(site),
            None => by_file.push((site.path.clone(), vec![site])),
        }
    }
    if !is_fixable(id) || by_file.is_empty() {
        return Err(if profile.is_some() && is_fixable(id) {
            PlanError::NoFinding
        } else {
            PlanError::NotAFileFix
        });
    }
    let mut plan = FixPlan {
        id,
        files: Vec::new(),
        skipped: Vec::new(),
    };
    for (path, file_sites) in by_file {
        if let Some(file) = plan_file(id, &path, &file_sites, inputs, scrubber, &mut plan.skipped)?
        {
            plan.files.push(file);
        }
    }
    if plan.files.is_empty() {
        return Err(PlanError::NothingToEdit(plan.skipped));
    }
    Ok(plan)
}

fn plan_file(
    id: FindingId,
    path: &Path,
    file_sites: &[&FileSite],
    inputs: &FixInputs,
    scrubber: &Scrubber,
    skipped: &mut Vec<(String, NoEdit)>,
) -> Result<Option<FilePlan>, PlanError> {
    let shown = display_path(path);
    let unreadable = |problem: FileProblem| PlanError::Unreadable {
        shown: shown.clone(),
        problem: problem.to_string(),
    };
    // Only `region.missing` may create a file (a config file not there yet).
    let (target, before) = match check_regular(path) {
        Err(FileProblem::NotFound) if id == FindingId::RegionMissing => (path.to_path_buf(), None),
        Err(problem) => return Err(unreadable(problem)),
        Ok(target) if target == Path::new("/dev/null") => {
            return Err(unreadable(FileProblem::NotFound))
        }
        Ok(target) => {
            let bytes = read_bytes(&target, AWS_FILE_LIMIT).map_err(unreadable)?;
            (target, Some(bytes))
        }
    };
    let text = match &before {
        Some(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                return Err(PlanError::Unreadable {
                    shown,
                    problem: "not UTF-8 text".into(),
                })
            }
        },
        None => String::new(),
    };
    let file = lines::LineFile::parse(&text);
    let mut edits = Vec::new();
    for site in file_sites {
        match registry::edits(id, site, &file, inputs) {
            Ok(more) => edits.extend(more),
            Err(why) => skipped.push((shown.clone(), why)),
        }
    }
    if edits.is_empty() {
        return Ok(None);
    }
    let after = match lines::apply(&file, &edits) {
        Ok(after) => after,
        Err(overlap) => {
            skipped.push((shown, NoEdit::LineChanged(overlap.line)));
            return Ok(None);
        }
    };
    if after == text && before.is_some() {
        skipped.push((shown, NoEdit::NothingToChange));
        return Ok(None);
    }
    Ok(Some(FilePlan {
        diff: diff::unified(&text, &after, &shown, scrubber),
        path: target,
        shown,
        before_digest: digest(before.as_deref().unwrap_or_default()),
        before,
        after: after.into_bytes(),
    }))
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}
