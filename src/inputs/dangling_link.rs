//! A missing AWS file reached through a symbolic link whose target is gone
//! (dotfile managers link `~/.aws` or its files): that link is the cause.

use std::path::{Path, PathBuf};

/// `missing` does not exist: was it reached through a symbolic link (the
/// last one followed, or a folder on its way such as `~/.aws`) whose
/// target is not there? Then that link is the problem, not an absent file.
/// Returns the link and the target it names.
pub fn find(last_link: Option<PathBuf>, missing: &Path) -> Option<(PathBuf, PathBuf)> {
    if let Some(link) = last_link {
        return Some((link, missing.to_path_buf()));
    }
    let link = missing.ancestors().skip(1).find(|folder| {
        std::fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_symlink())
            && std::fs::metadata(folder).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    })?;
    let target = std::fs::read_link(link).ok()?;
    let target = match link.parent() {
        Some(parent) => parent.join(target),
        None => target,
    };
    Some((link.to_path_buf(), target))
}
