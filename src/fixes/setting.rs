//! Where the name and the value of a `name = value` line sit, by the same
//! rules as the SDK's parser (`inputs::files`): the value is trimmed of
//! spaces and tabs and ends where an inline comment (`#` or `;` after
//! whitespace) starts. Byte offsets, so an edit replaces exactly the value.

/// The parts of one setting line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Setting {
    /// The key as the SDK sees it: trimmed, lower-cased.
    pub key: String,
    /// Byte range of the key as written, before its trailing spaces.
    pub key_span: (usize, usize),
    /// Byte range of the value as the SDK reads it.
    pub value_span: (usize, usize),
}

/// The setting on this line, if it is one (not a header, comment,
/// continuation or blank line).
pub(crate) fn setting(line: &str) -> Option<Setting> {
    if line.is_empty() || line.starts_with(['[', '#', ';', ' ', '\t']) {
        return None;
    }
    let comment = comment_start(line).unwrap_or(line.len());
    let content = &line[..comment];
    let equals = content.find('=')?;
    let raw_key = &line[..equals];
    let key_end = raw_key.trim_end_matches([' ', '\t']).len();
    let after = &content[equals + 1..];
    let start = equals + 1 + (after.len() - after.trim_start_matches([' ', '\t']).len());
    let end = content.trim_end_matches([' ', '\t']).len().max(start);
    Some(Setting {
        key: raw_key.trim_matches([' ', '\t']).to_ascii_lowercase(),
        key_span: (0, key_end),
        value_span: (start, end),
    })
}

impl Setting {
    /// The value as written.
    pub fn value<'a>(&self, line: &'a str) -> &'a str {
        line.get(self.value_span.0..self.value_span.1)
            .unwrap_or_default()
    }

    /// The line with its value replaced, everything else as it was.
    pub fn with_value(&self, line: &str, value: &str) -> String {
        let (start, end) = self.value_span;
        format!(
            "{}{value}{}",
            line.get(..start).unwrap_or_default(),
            line.get(end..).unwrap_or_default()
        )
    }

    /// The line with its key replaced, everything else as it was.
    pub fn with_key(&self, line: &str, key: &str) -> String {
        format!("{key}{}", line.get(self.key_span.1..).unwrap_or_default())
    }
}

/// Where an inline comment starts: `#` or `;` after whitespace.
fn comment_start(line: &str) -> Option<usize> {
    let mut previous_was_space = false;
    for (index, ch) in line.char_indices() {
        if (ch == '#' || ch == ';') && previous_was_space {
            return Some(index);
        }
        previous_was_space = ch.is_whitespace();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_value_as_the_sdk_reads_it() {
        let line = "aws_secret_access_key =  \"ab#c\"  # note";
        let s = setting(line).expect("a setting");
        assert_eq!(s.key, "aws_secret_access_key");
        assert_eq!(s.value(line), "\"ab#c\"");
        assert_eq!(
            s.with_value(line, "X"),
            "aws_secret_access_key =  X  # note"
        );
        let bare = "Region=";
        let s = setting(bare).expect("a setting");
        assert_eq!((s.key.as_str(), s.value(bare)), ("region", ""));
        assert_eq!(setting("  nested = 1"), None);
        assert_eq!(setting("[default]"), None);
    }
}
