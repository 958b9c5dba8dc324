//! Writing a planned fix: a backup of the file as it was read, the new text
//! in a temporary file beside it (same mode, same owner), a last check that
//! the file still holds the bytes the plan was made from, then one rename.
//! A reader sees the old file or the new one, never half of either.

use super::file_mode::{create_private_dir, Keep};
use super::{FilePlan, FixPlan};
use crate::inputs::bounded_file::{read_bytes, FileProblem, AWS_FILE_LIMIT};
use crate::text::shell::quote_path;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One file written, and how to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The file, as people know it (`~/.aws/credentials`).
    pub shown: String,
    /// The copy of the file as it was, if it existed.
    pub backup: Option<String>,
    /// The command that undoes the change (`mv` of the backup back, or
    /// `rm` of a file the fix created), values shell-quoted.
    pub undo: String,
}

/// Why a file was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyError {
    /// The file is no longer what the plan was made from: someone (an
    /// editor, `aws configure`) wrote it in between.
    Changed { shown: String },
    /// The file system refused.
    Io { shown: String, error: String },
}

/// Writes every file of the plan; stops at the first that cannot be written
/// and returns what was written before it.
pub fn apply(plan: &FixPlan) -> Result<Vec<Written>, (Vec<Written>, ApplyError)> {
    apply_with(plan, &mut |_| {})
}

/// [`apply`], calling `before_rename` with each file's path right before
/// the last check: the seam through which tests change the file in
/// between, as an editor might.
pub fn apply_with(
    plan: &FixPlan,
    before_rename: &mut dyn FnMut(&Path),
) -> Result<Vec<Written>, (Vec<Written>, ApplyError)> {
    let mut written = Vec::new();
    for file in &plan.files {
        match write_one(file, before_rename) {
            Ok(done) => written.push(done),
            Err(error) => return Err((written, error)),
        }
    }
    Ok(written)
}

fn write_one(file: &FilePlan, before_rename: &mut dyn FnMut(&Path)) -> Result<Written, ApplyError> {
    let io = |error: std::io::Error| ApplyError::Io {
        shown: file.shown.clone(),
        error: crate::text::sanitize::sanitize_line(&error.to_string()).into_owned(),
    };
    let target = &file.path;
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let existing = std::fs::metadata(target).ok();
    if existing.is_none() {
        create_private_dir(&dir).map_err(io)?;
    }
    let keep = Keep::of(existing.as_ref());
    let backup = match &file.before {
        Some(before) => {
            let (path, handle) = create_beside(target, ".credwiz-backup-", keep).map_err(io)?;
            fill(handle, before, keep).map_err(io)?;
            Some(path)
        }
        None => None,
    };
    let discard = |paths: &[&Path]| {
        for path in paths {
            let _ = std::fs::remove_file(path);
        }
    };
    let temp = match create_beside(target, ".credwiz-tmp-", keep) {
        Ok((path, handle)) => match fill(handle, &file.after, keep) {
            Ok(()) => path,
            Err(error) => {
                discard(&[&path]);
                backup.iter().for_each(|b| discard(&[b]));
                return Err(io(error));
            }
        },
        Err(error) => {
            backup.iter().for_each(|b| discard(&[b]));
            return Err(io(error));
        }
    };
    before_rename(target);
    if !unchanged(file) {
        discard(&[&temp]);
        backup.iter().for_each(|b| discard(&[b]));
        return Err(ApplyError::Changed {
            shown: file.shown.clone(),
        });
    }
    if let Err(error) = std::fs::rename(&temp, target) {
        discard(&[&temp]);
        backup.iter().for_each(|b| discard(&[b]));
        return Err(io(error));
    }
    // The rename is durable once the folder is.
    if let Ok(folder) = File::open(&dir) {
        let _ = folder.sync_all();
    }
    let shown_backup = backup.as_deref().map(crate::inputs::files::display_path);
    let undo = match &shown_backup {
        Some(copy) => format!("mv {} {}", quote_path(copy), quote_path(&file.shown)),
        None => format!("rm {}", quote_path(&file.shown)),
    };
    Ok(Written {
        shown: file.shown.clone(),
        backup: shown_backup,
        undo,
    })
}

/// True when the file holds exactly the bytes the plan was made from (or
/// still does not exist, for a file the fix creates).
fn unchanged(file: &FilePlan) -> bool {
    match (&file.before, read_bytes(&file.path, AWS_FILE_LIMIT)) {
        (Some(_), Ok(now)) => super::digest(&now) == file.before_digest,
        (None, Err(FileProblem::NotFound)) => true,
        _ => false,
    }
}

/// A new file `<target><infix><stamp>` beside the target, never one that
/// exists already.
fn create_beside(target: &Path, infix: &str, keep: Keep) -> std::io::Result<(PathBuf, File)> {
    // `20261205T131929Z`: sorts by time, no characters a shell treats specially.
    let now = crate::text::time::rfc3339(std::time::SystemTime::now());
    let stamp: String = now
        .split('.')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .chain(['Z'])
        .collect();
    let base = format!("{}{infix}{stamp}", target.display());
    let mut attempt = 0u32;
    loop {
        let path = match attempt {
            0 => PathBuf::from(&base),
            n => PathBuf::from(format!("{base}-{n}")),
        };
        match keep.create_new(&path) {
            Ok(handle) => return Ok((path, handle)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(e) => return Err(e),
        }
    }
}

/// Writes the bytes, gives the file the original's mode and owner, and
/// flushes it to disk.
fn fill(mut handle: File, bytes: &[u8], keep: Keep) -> std::io::Result<()> {
    handle.write_all(bytes)?;
    keep.apply(&handle)?;
    handle.sync_all()
}
