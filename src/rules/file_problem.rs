//! The finding for an AWS file credwiz could not read, named after the real
//! cause: an encoding (UTF-16 from Notepad) is not a permissions problem, and
//! a symbolic link loop at `~/.aws` is neither "absent" nor fixed by
//! `aws configure`.

use crate::findings::{Finding, FindingId};
use crate::inputs::bounded_file::FileProblem;
use crate::inputs::files::display_path;
use crate::text::shell::quote_path;

/// The finding for `shown` (already made inert by `display_path`), which
/// could not be read because of `problem`.
pub fn unreadable(shown: &str, problem: &FileProblem) -> Finding {
    match problem {
        FileProblem::Utf16 { .. } | FileProblem::NotUtf8 { .. } => Finding::new(
            FindingId::FilesWrongEncoding,
            match problem {
                FileProblem::Utf16 { .. } => {
                    format!("{shown} is saved as UTF-16, which no AWS SDK reads")
                }
                _ => format!("{shown} is not UTF-8 text, which every AWS SDK expects"),
            },
            format!("{shown}: {problem}"),
            problem.fix(&quote_path(shown)),
        ),
        FileProblem::LinkLoop { link } => {
            let link_shown = display_path(link);
            let title = if link_shown == shown {
                format!("{shown} is a symbolic link loop")
            } else {
                format!("{link_shown} is a symbolic link loop, so {shown} cannot be opened")
            };
            Finding::new(
                FindingId::FilesLinkLoop,
                title,
                format!("{link_shown}: {problem}; every AWS SDK fails to open {shown}"),
                problem.fix(&quote_path(&link_shown)),
            )
        }
        FileProblem::DanglingLink { link, target } => {
            let link_shown = display_path(link);
            let target_shown = display_path(target);
            Finding::new(
                FindingId::FilesUnreadable,
                if link_shown == shown {
                    format!("{shown} is a symbolic link to a file that does not exist")
                } else {
                    format!("{link_shown} is a symbolic link to a folder that does not exist, so {shown} is not there")
                },
                format!("{link_shown} is a symbolic link to {target_shown}, which does not exist; every AWS SDK reads that as no file at all"),
                problem.fix(&quote_path(&link_shown)),
            )
        }
        _ => Finding::new(
            FindingId::FilesUnreadable,
            format!("{shown} exists but cannot be read"),
            if problem.blocks_a_plain_reader() {
                format!("{shown}: {problem}; a program that reads it (every AWS SDK) waits forever")
            } else {
                format!("{shown}: {problem}")
            },
            problem.fix(&quote_path(shown)),
        ),
    }
}
