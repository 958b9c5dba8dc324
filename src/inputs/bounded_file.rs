//! Every file credwiz reads itself (the AWS config and credentials files,
//! the web-identity token file, SSO and login caches, playbooks) is opened
//! as a file: a regular file after at most [`MAX_LINKS`] symbolic links, read
//! up to a size limit. Anything else (a FIFO, a device such as `/dev/zero`,
//! a directory, a link loop, a huge file) is a [`FileProblem`] naming what
//! the path is, instead of a read that never ends.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::node_kind::kind_of;
pub use super::node_kind::NodeKind;

/// Symbolic links followed before the path counts as a loop (Linux stops at 40).
pub const MAX_LINKS: usize = 40;

/// Size limit for the AWS config and credentials files.
pub const AWS_FILE_LIMIT: u64 = 16 * 1024 * 1024;

/// Size limit for small JSON and token files (SSO and login caches, tokens).
pub const SMALL_FILE_LIMIT: u64 = 1024 * 1024;

/// Size limit for a playbook (a 100,000-node playbook is about 10 MiB).
pub const PLAYBOOK_LIMIT: u64 = 16 * 1024 * 1024;

/// Why a file could not be read as a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    NotFound,
    NotRegular(NodeKind),
    /// A loop of symbolic links; `link` is the link where it starts (the
    /// path itself or one of its folders, such as `~/.aws`).
    LinkLoop {
        link: PathBuf,
    },
    /// A symbolic link (the path itself or one of its folders, such as a
    /// dotfile manager's `~/.aws`) whose target does not exist: the SDKs
    /// read that as "no file", the user means a file that is there.
    DanglingLink {
        link: PathBuf,
        target: PathBuf,
    },
    TooLarge {
        limit: u64,
    },
    NotUtf8 {
        offset: usize,
    },
    /// UTF-16 text (Notepad's "Unicode"): a byte-order mark `FF FE` or
    /// `FE FF`, or NUL bytes between the characters.
    Utf16 {
        big_endian: bool,
        bom: bool,
    },
    /// Any other error of the system (permission denied, I/O error).
    Io(String),
}

impl FileProblem {
    /// True when a program that opens and reads the path without checking
    /// (as the SDKs do) would wait forever or read without end.
    pub fn blocks_a_plain_reader(&self) -> bool {
        matches!(
            self,
            FileProblem::NotRegular(
                NodeKind::Fifo | NodeKind::CharacterDevice | NodeKind::BlockDevice
            )
        )
    }

    /// The command or step that repairs the path, with `shown` quoted for
    /// the shell by the caller.
    pub fn fix(&self, shown: &str) -> String {
        match self {
            FileProblem::NotFound => format!("create the file: touch {shown}"),
            FileProblem::NotRegular(_) => format!(
                "replace {shown} with a regular text file (ls -l {shown} shows what it is now)"
            ),
            // The link to look at is `link`, which the caller shows.
            FileProblem::LinkLoop { .. } => format!(
                "ls -l {shown}   # then remove the looping link or point it at a real folder or file"
            ),
            // `shown` is the dangling link here (the caller shows it).
            FileProblem::DanglingLink { .. } => format!(
                "ls -l {shown}   # then point the link at the real file or folder that holds your settings, or remove it"
            ),
            FileProblem::Utf16 { big_endian, bom } => {
                let from = match (bom, big_endian) {
                    (true, _) => "UTF-16",
                    (false, true) => "UTF-16BE",
                    (false, false) => "UTF-16LE",
                };
                format!(
                    "iconv -f {from} -t UTF-8 {shown} > {shown}.utf8 && mv {shown}.utf8 {shown}   # or in Notepad: Save As, Encoding UTF-8"
                )
            }
            FileProblem::TooLarge { .. } => {
                format!("{shown} is far larger than any real AWS file; check what wrote it")
            }
            FileProblem::NotUtf8 { .. } => {
                format!("save {shown} as UTF-8 text (file {shown} shows its encoding)")
            }
            FileProblem::Io(_) => {
                format!("chmod 600 {shown}   # and check its owner: ls -l {shown}")
            }
        }
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileProblem::NotFound => write!(f, "no such file"),
            FileProblem::NotRegular(kind) => {
                write!(f, "{}, not a regular file", kind.describe())
            }
            FileProblem::LinkLoop { .. } => {
                write!(f, "a loop of symbolic links (more than {MAX_LINKS} links)")
            }
            FileProblem::DanglingLink { .. } => {
                write!(f, "a symbolic link whose target does not exist")
            }
            FileProblem::Utf16 { big_endian, bom } => {
                let order = if *big_endian {
                    "big-endian"
                } else {
                    "little-endian"
                };
                if *bom {
                    let mark = if *big_endian { "FE FF" } else { "FF FE" };
                    write!(
                        f,
                        "saved as UTF-16 ({order}, byte-order mark {mark}), not UTF-8"
                    )
                } else {
                    write!(
                        f,
                        "saved as UTF-16 ({order}: NUL bytes between the characters), not UTF-8"
                    )
                }
            }
            FileProblem::TooLarge { limit } => write!(
                f,
                "larger than {} MiB, the most credwiz reads",
                limit / (1024 * 1024)
            ),
            FileProblem::NotUtf8 { offset } => {
                write!(f, "not UTF-8 text (invalid byte at offset {offset})")
            }
            FileProblem::Io(reason) => write!(f, "{reason}"),
        }
    }
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> Result<String, FileProblem> {
    let bytes = read_bytes(path, limit)?;
    if let Some(problem) = utf16(&bytes) {
        return Err(problem);
    }
    String::from_utf8(bytes).map_err(|e| FileProblem::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// UTF-16 text, told by its byte-order mark or, without one, by NUL bytes
/// (no AWS file holds one): a NUL first means big-endian.
fn utf16(bytes: &[u8]) -> Option<FileProblem> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(FileProblem::Utf16 {
            big_endian: false,
            bom: true,
        }),
        [0xFE, 0xFF, ..] => Some(FileProblem::Utf16 {
            big_endian: true,
            bom: true,
        }),
        _ if bytes.contains(&0) => Some(FileProblem::Utf16 {
            big_endian: bytes.first() == Some(&0),
            bom: false,
        }),
        _ => None,
    }
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, FileProblem> {
    let target = check_regular(path).map_err(|problem| locate_loop(problem, path))?;
    let file = std::fs::File::open(&target).map_err(io_problem)?;
    // The path may have been swapped between the check and the open.
    let opened = file.metadata().map_err(io_problem)?;
    if !opened.is_file() && target != Path::new("/dev/null") {
        return Err(FileProblem::NotRegular(kind_of(&opened.file_type())));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    if bytes.len() as u64 > limit {
        return Err(FileProblem::TooLarge { limit });
    }
    Ok(bytes)
}

/// Follows at most [`MAX_LINKS`] links from `path` and checks that it ends
/// at a regular file (or `/dev/null`, which reads as empty); returns the
/// path reached. Opens nothing.
pub fn check_regular(path: &Path) -> Result<PathBuf, FileProblem> {
    let mut current = path.to_path_buf();
    let mut last_link: Option<PathBuf> = None;
    for _ in 0..=MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dangling = crate::inputs::dangling_link::find(last_link, &current);
                return Err(match dangling {
                    Some((link, target)) => FileProblem::DanglingLink { link, target },
                    None => FileProblem::NotFound,
                });
            }
            Err(e) => return Err(io_problem(e)),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let target = std::fs::read_link(&current).map_err(io_problem)?;
            last_link = Some(current.clone());
            current = match current.parent() {
                Some(parent) => parent.join(target),
                None => target,
            };
            continue;
        }
        if kind.is_file() || current == Path::new("/dev/null") {
            return Ok(current);
        }
        return Err(FileProblem::NotRegular(kind_of(&kind)));
    }
    Err(FileProblem::LinkLoop {
        link: path.to_path_buf(),
    })
}

/// For a link loop, the first link on the way to `path` (a folder such as
/// `~/.aws`, or the file itself) that the system cannot resolve: that is
/// what to remove or repoint.
fn locate_loop(problem: FileProblem, path: &Path) -> FileProblem {
    if !matches!(problem, FileProblem::LinkLoop { .. }) {
        return problem;
    }
    let mut ancestors: Vec<&Path> = path.ancestors().collect();
    ancestors.reverse();
    let looping = ancestors.into_iter().find(|step| {
        std::fs::symlink_metadata(step).is_ok_and(|m| m.file_type().is_symlink())
            && std::fs::metadata(step).is_err_and(|e| e.raw_os_error() == Some(40))
    });
    FileProblem::LinkLoop {
        link: looping.unwrap_or(path).to_path_buf(),
    }
}

fn io_problem(error: std::io::Error) -> FileProblem {
    match error.kind() {
        std::io::ErrorKind::NotFound => FileProblem::NotFound,
        // Filled in with the looping link by `locate_loop`.
        _ if error.raw_os_error() == Some(40) => FileProblem::LinkLoop {
            link: PathBuf::new(),
        },
        _ => FileProblem::Io(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_named_not_read() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(
            read_text(dir.path(), 10),
            Err(FileProblem::NotRegular(NodeKind::Directory))
        );
        assert_eq!(
            read_text(Path::new("/dev/zero"), 10),
            Err(FileProblem::NotRegular(NodeKind::CharacterDevice))
        );
        assert_eq!(read_text(Path::new("/dev/null"), 10), Ok(String::new()));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let problem = read_text(&fifo, 10).expect_err("a FIFO is no file");
        assert_eq!(problem, FileProblem::NotRegular(NodeKind::Fifo));
        assert!(problem.blocks_a_plain_reader());
        assert_eq!(
            problem.to_string(),
            "a FIFO (named pipe), not a regular file"
        );
    }

    // Unix: symlinks need a privilege on Windows, and ELOOP is Unix's.
    #[cfg(unix)]
    #[test]
    fn loops_size_and_encoding_are_problems() {
        let dir = tempfile::tempdir().expect("dir");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).expect("link");
        std::os::unix::fs::symlink(&a, &b).expect("link");
        assert_eq!(
            read_text(&a, 10),
            Err(FileProblem::LinkLoop { link: a.clone() })
        );
        let looped_dir = dir.path().join("loop");
        std::os::unix::fs::symlink(&looped_dir, &looped_dir).expect("link");
        assert_eq!(
            read_text(&looped_dir.join("credentials"), 10),
            Err(FileProblem::LinkLoop {
                link: looped_dir.clone()
            })
        );
        let utf16 = dir.path().join("utf16");
        std::fs::write(&utf16, b"\xff\xfe[\0d\0").expect("write");
        assert_eq!(
            read_text(&utf16, 100),
            Err(FileProblem::Utf16 {
                big_endian: false,
                bom: true
            })
        );
        std::fs::write(&utf16, b"\0[\0d").expect("write");
        assert_eq!(
            read_text(&utf16, 100),
            Err(FileProblem::Utf16 {
                big_endian: true,
                bom: false
            })
        );
        let big = dir.path().join("big");
        std::fs::write(&big, "x".repeat(11)).expect("write");
        assert_eq!(
            read_text(&big, 10),
            Err(FileProblem::TooLarge { limit: 10 })
        );
        let latin1 = dir.path().join("latin1");
        std::fs::write(&latin1, b"[default]\n\xe9").expect("write");
        assert_eq!(
            read_text(&latin1, 100),
            Err(FileProblem::NotUtf8 { offset: 10 })
        );
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("big", &link).expect("link");
        assert_eq!(read_bytes(&link, 20).map(|b| b.len()), Ok(11));
        assert_eq!(
            read_text(&dir.path().join("none"), 1),
            Err(FileProblem::NotFound)
        );
    }
}
