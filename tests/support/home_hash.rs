//! A digest of a directory tree, to prove a run of credwiz wrote nothing
//! under HOME.

use sha1::{Digest, Sha1};
use std::path::Path;

/// A digest of every path, kind, mode and content under `root` (symlinks
/// not followed), to prove a run wrote nothing.
pub fn hash_tree(root: &Path) -> String {
    hash_tree_except(root, &[])
}

/// [`hash_tree`] leaving out the `except` paths.
pub fn hash_tree_except(root: &Path, except: &[&Path]) -> String {
    let mut hasher = Sha1::new();
    let mut stack = vec![root.to_path_buf()];
    let mut entries = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in read.flatten() {
            let path = entry.path();
            if except.contains(&path.as_path()) {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            entries.push((path.clone(), meta.clone()));
            if meta.is_dir() {
                stack.push(path);
            }
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, meta) in entries {
        use std::os::unix::fs::MetadataExt;
        hasher.update(path.to_string_lossy().as_bytes());
        hasher.update(meta.mode().to_le_bytes());
        if meta.is_file() {
            hasher.update(std::fs::read(&path).unwrap_or_default());
        } else if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&path).unwrap_or_default();
            hasher.update(target.to_string_lossy().as_bytes());
        }
    }
    format!("{:x}", hasher.finalize())
}
