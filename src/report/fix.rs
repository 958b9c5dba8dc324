//! A fix as people copy it: commands stay commands, and any line that is an
//! explanation rather than something to run becomes a `#` comment, so pasting
//! the whole block into a shell never runs prose.

/// How a shell command of a fix starts.
const COMMANDS: &[&str] = &[
    "aws",
    "export",
    "unset",
    "env",
    "docker",
    "sudo",
    "timedatectl",
    "curl",
    "ls",
    "kubectl",
    "date",
    "credwiz",
    "chmod",
    "mkdir",
    "cat",
    "grep",
    "sed",
    "rm",
    "mv",
    "cp",
    "echo",
    "set",
    "setx",
    "$env:",
    "sso",
    "git",
];

/// One line of a fix block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixLine {
    /// Something to run, and the explanation after its `#`, if any.
    Command {
        command: String,
        comment: Option<String>,
    },
    /// An explanation, to be shown (and copied) as a `#` comment.
    Note(String),
}

impl FixLine {
    /// A command with parts to fill in first (`<access key id>`), or with
    /// characters a shell would act on outside quotes (a backtick): pasted
    /// as it is, `<` would redirect and a backtick run a command.
    pub fn is_template(&self) -> bool {
        matches!(self, FixLine::Command { command, .. } if misread_by_a_shell(command))
    }

    /// The line as it is copied into a shell.
    pub fn copyable(&self) -> String {
        if self.is_template() {
            if let FixLine::Command { command, comment } = self {
                let note = comment
                    .as_deref()
                    .map(|c| format!("   ({c})"))
                    .unwrap_or_default();
                return format!("# fill in the <…> parts, then run: {command}{note}");
            }
        }
        match self {
            FixLine::Command {
                command,
                comment: Some(comment),
            } => {
                format!("{command}   # {comment}")
            }
            FixLine::Command {
                command,
                comment: None,
            } => command.clone(),
            FixLine::Note(note) => format!("# {note}"),
        }
    }
}

/// Reads one entry of a playbook's `fix` (placeholders already filled).
pub fn classify(entry: &str) -> FixLine {
    let entry = entry.trim();
    if let Some(note) = entry.strip_prefix('#') {
        return FixLine::Note(note.trim().to_string());
    }
    let first = entry.split_whitespace().next().unwrap_or_default();
    // `NAME=value command` is a command too.
    let assignment = first.contains('=') && first.starts_with(|c: char| c.is_ascii_uppercase());
    let command = COMMANDS
        .iter()
        .any(|c| first == *c || (c.ends_with(':') && first.starts_with(c)));
    if !(command || assignment) {
        return FixLine::Note(entry.to_string());
    }
    match entry.split_once(" # ").or_else(|| entry.split_once("\t# ")) {
        Some((command, comment)) => FixLine::Command {
            command: command.trim_end().to_string(),
            comment: Some(comment.trim().to_string()),
        },
        None => FixLine::Command {
            command: entry.to_string(),
            comment: None,
        },
    }
}

/// True when `command`, pasted as it is, would not run as written: a `<`
/// that opens a placeholder, or a backtick, outside quotes. Quotes are
/// read as a shell reads them (`'\''` inside a quoted value, double quotes,
/// backslashes), so a value's own quotes never hide a placeholder after it.
fn misread_by_a_shell(command: &str) -> bool {
    let (mut single, mut double) = (false, false);
    let chars: Vec<char> = command.chars().collect();
    let mut skip = false;
    for (i, c) in chars.iter().enumerate() {
        if std::mem::take(&mut skip) {
            continue;
        }
        let quoted = single || double;
        match c {
            '\\' if !single => skip = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '`' if !single => return true,
            '<' if !quoted => {
                let opens = chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
                if opens && chars[i + 1..].contains(&'>') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The whole fix as copied text, one line per entry.
pub fn copyable(entries: &[String]) -> Vec<String> {
    entries.iter().map(|e| classify(e).copyable()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_becomes_a_comment_and_commands_keep_their_notes() {
        assert_eq!(
            classify("or export AWS_REGION=<bucket region>").copyable(),
            "# or export AWS_REGION=<bucket region>"
        );
        assert_eq!(
            classify("aws configure --profile dev   # or with access keys"),
            FixLine::Command {
                command: "aws configure --profile dev".into(),
                comment: Some("or with access keys".into())
            }
        );
        assert_eq!(
            classify("AWS_PROFILE=dev aws sts get-caller-identity").copyable(),
            "AWS_PROFILE=dev aws sts get-caller-identity"
        );
        assert_eq!(classify("# already a note").copyable(), "# already a note");
        assert_eq!(
            classify("export AWS_ACCESS_KEY_ID=<access key id>   # then run again").copyable(),
            "# fill in the <…> parts, then run: export AWS_ACCESS_KEY_ID=<access key id>   (then run again)"
        );
        assert!(classify("docker run -e X=`id` image").is_template());
        // A quoted value with its own quotes does not hide the placeholder.
        assert!(classify("aws s3 presign s3://'a'\\''b\"c' --region <region>").is_template());
        assert!(!classify("aws s3 ls s3://'a<b>'").is_template());
        assert!(!classify("curl -v '<presigned url>'").is_template());
        assert!(!classify("aws sts get-caller-identity").is_template());
        assert_eq!(
            classify("remove the extra characters from the key").copyable(),
            "# remove the extra characters from the key"
        );
    }
}
