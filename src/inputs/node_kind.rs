//! What a path is when it is not a regular file (a FIFO, a directory, a
//! device), as the platform tells it.

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Fifo,
    Directory,
    CharacterDevice,
    BlockDevice,
    Socket,
}

impl NodeKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            NodeKind::Fifo => "a FIFO (named pipe)",
            NodeKind::Directory => "a directory",
            NodeKind::CharacterDevice => "a character device",
            NodeKind::BlockDevice => "a block device",
            NodeKind::Socket => "a socket",
        }
    }
}

#[cfg(unix)]
pub(crate) fn kind_of(kind: &std::fs::FileType) -> NodeKind {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        NodeKind::Directory
    } else if kind.is_fifo() {
        NodeKind::Fifo
    } else if kind.is_block_device() {
        NodeKind::BlockDevice
    } else if kind.is_socket() {
        NodeKind::Socket
    } else {
        NodeKind::CharacterDevice
    }
}

/// Windows has no FIFOs, sockets or devices among ordinary paths.
#[cfg(not(unix))]
pub(crate) fn kind_of(kind: &std::fs::FileType) -> NodeKind {
    if kind.is_dir() {
        NodeKind::Directory
    } else {
        NodeKind::CharacterDevice
    }
}
