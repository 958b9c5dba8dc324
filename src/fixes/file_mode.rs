//! The mode and owner a rewritten AWS file keeps, where the platform has
//! them (Unix: the original's mode and owner, 0600 and a 0700 folder for a
//! new one); elsewhere the platform's defaults.

use std::fs::{File, Metadata, OpenOptions};
use std::path::Path;

/// The original's mode (0600 for a new file) and owner.
#[derive(Debug, Clone, Copy)]
pub(super) struct Keep {
    mode: u32,
    owner: Option<(u32, u32)>,
}

impl Keep {
    #[cfg(unix)]
    pub(super) fn of(existing: Option<&Metadata>) -> Keep {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        Keep {
            mode: existing.map_or(0o600, |m| m.permissions().mode() & 0o7777),
            owner: existing.map(|m| (m.uid(), m.gid())),
        }
    }

    #[cfg(not(unix))]
    pub(super) fn of(_existing: Option<&Metadata>) -> Keep {
        Keep {
            mode: 0o600,
            owner: None,
        }
    }

    /// Creates `path`, which must not exist yet, with the kept mode.
    pub(super) fn create_new(&self, path: &Path) -> std::io::Result<File> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(self.mode);
        }
        options.open(path)
    }

    /// Gives the written file the kept mode (the umask may have narrowed
    /// it) and owner.
    pub(super) fn apply(&self, handle: &File) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            handle.set_permissions(std::fs::Permissions::from_mode(self.mode))?;
            if let Some((uid, gid)) = self.owner {
                // Only root may give a file away; as its owner this changes nothing.
                let _ = std::os::unix::fs::fchown(handle, Some(uid), Some(gid));
            }
        }
        #[cfg(not(unix))]
        let _ = (handle, self.mode, self.owner);
        Ok(())
    }
}

/// Creates the folder of a new file, private to its owner where that exists.
pub(super) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
