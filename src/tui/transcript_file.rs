//! Where the wizard's `e` writes its Markdown transcript: `--export-dir`,
//! else the XDG state folder, and never under ~/.aws (not even through a
//! symbolic link: credwiz does not write next to credentials).

use crate::inputs::environment::EnvSnapshot;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes the transcript into `--export-dir`, or the state folder
/// (`$XDG_STATE_HOME/credwiz`, else `~/.local/state/credwiz`), and returns
/// its full path. Never under ~/.aws, also not through a symbolic link:
/// credwiz does not write next to credentials.
pub fn write_transcript(
    markdown: &str,
    env: &EnvSnapshot,
    chosen: Option<&Path>,
) -> Result<PathBuf, String> {
    let dir = match chosen {
        Some(dir) => dir.to_path_buf(),
        None => export_dir(env).ok_or("no HOME and no XDG_STATE_HOME to write to")?,
    };
    // Checked before anything is created: not even a folder under ~/.aws.
    let resolved = resolved_path(&dir);
    if let Some(aws) = env.home_dir().map(|h| h.join(".aws")) {
        let aws = std::fs::canonicalize(&aws).unwrap_or(aws);
        if resolved.starts_with(&aws) {
            return Err(format!(
                "{} is inside {}; credwiz does not write there (choose another --export-dir)",
                dir.display(),
                aws.display()
            ));
        }
    }
    std::fs::create_dir_all(&resolved).map_err(|e| format!("{}: {e}", dir.display()))?;
    let dir = resolved;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    create_in(&dir, stamp, markdown).map_err(|e| format!("{}: {e}", dir.display()))
}

/// `path` with its symbolic links resolved as far as it exists (the rest
/// appended as written), and made absolute.
fn resolved_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// The default transcript folder: `$XDG_STATE_HOME/credwiz` when that is an
/// absolute path (the XDG rule), else `~/.local/state/credwiz`.
pub fn export_dir(env: &EnvSnapshot) -> Option<PathBuf> {
    let state = env
        .get("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = match state {
        Some(state) => state,
        None => env.home_dir()?.join(".local").join("state"),
    };
    Some(base.join("credwiz"))
}

fn create_in(dir: &Path, stamp: u64, markdown: &str) -> std::io::Result<PathBuf> {
    let mut last = None;
    for n in 0..100 {
        let name = if n == 0 {
            format!("credwiz-transcript-{stamp}.md")
        } else {
            format!("credwiz-transcript-{stamp}-{n}.md")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(markdown.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free file name")))
}

#[cfg(test)]
mod tests {
    use super::{export_dir, write_transcript};
    use crate::inputs::environment::EnvSnapshot;

    #[test]
    fn transcripts_go_to_the_state_folder_and_never_under_aws() {
        let home = tempfile::tempdir().unwrap();
        let aws = home.path().join(".aws");
        std::fs::create_dir(&aws).unwrap();
        let home_str = home.path().display().to_string();
        let env = EnvSnapshot::from_pairs([("HOME", home_str.as_str())]);
        let default = export_dir(&env).unwrap();
        assert_eq!(default, home.path().join(".local/state/credwiz"));
        let state = home.path().join("xdg");
        let state_str = state.display().to_string();
        let with_xdg = EnvSnapshot::from_pairs([
            ("HOME", home_str.as_str()),
            ("XDG_STATE_HOME", state_str.as_str()),
        ]);
        assert_eq!(export_dir(&with_xdg).unwrap(), state.join("credwiz"));
        let written = write_transcript("# t\n", &env, None).unwrap();
        assert!(written.starts_with(std::fs::canonicalize(&default).unwrap()));
        assert!(written.is_absolute());
        // Under ~/.aws, also through a symbolic link, nothing is written.
        let link = home.path().join("elsewhere");
        std::os::unix::fs::symlink(&aws, &link).unwrap();
        for dir in [aws.join("x"), link.join("y")] {
            assert!(
                write_transcript("# t\n", &env, Some(&dir)).is_err(),
                "{dir:?}"
            );
        }
        assert!(
            walk(&aws).is_empty(),
            "nothing, not even a folder, under ~/.aws"
        );
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut all: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        all.sort();
        all
    }
}
