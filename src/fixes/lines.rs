//! A file as lines with their own line ends, and the line edits a repair is
//! made of. Every edit names lines of the file as it was read; the new text
//! is built in one pass, so a line no edit names comes out byte for byte.

use std::collections::{BTreeMap, BTreeSet};

/// One line: its text and the end it had ("\n", "\r\n", or "" for a last
/// line without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub content: String,
    pub ending: &'static str,
}

/// A file split into lines, 1-based as the findings count them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineFile {
    pub lines: Vec<Line>,
}

impl LineFile {
    pub fn parse(text: &str) -> LineFile {
        let lines = text
            .split_inclusive('\n')
            .map(|piece| match piece.strip_suffix("\r\n") {
                Some(content) => Line {
                    content: content.to_string(),
                    ending: "\r\n",
                },
                None => match piece.strip_suffix('\n') {
                    Some(content) => Line {
                        content: content.to_string(),
                        ending: "\n",
                    },
                    None => Line {
                        content: piece.to_string(),
                        ending: "",
                    },
                },
            })
            .collect();
        LineFile { lines }
    }

    /// The text of line `number` (1-based).
    pub fn line(&self, number: usize) -> Option<&str> {
        number
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map(|l| l.content.as_str())
    }

    /// The line end new lines get: the file's own (CRLF when it uses CRLF).
    pub fn house_ending(&self) -> &'static str {
        if self.lines.iter().any(|l| l.ending == "\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// True for a `[section]` header line, as the SDK's parser sees one.
    pub fn is_header(&self, number: usize) -> bool {
        self.line(number).is_some_and(|l| l.starts_with('['))
    }

    /// The last line of the section whose header is at `header` that holds
    /// a setting (or the header itself): where a new key goes, and where a
    /// section's body ends before the blank lines and comments that lead
    /// into the next one.
    pub fn section_end(&self, header: usize) -> usize {
        let mut end = header;
        let mut number = header + 1;
        while number <= self.lines.len() && !self.is_header(number) {
            let text = self.line(number).unwrap_or_default();
            let blank = text.trim_matches([' ', '\t']).is_empty();
            if !blank && !text.starts_with(['#', ';']) {
                end = number;
            }
            number += 1;
        }
        end
    }
}

/// One change, in lines of the file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineEdit {
    /// The line gets this text (its line end stays).
    Replace { line: usize, content: String },
    /// These lines go.
    Delete { from: usize, to: usize },
    /// New lines after `line` (0: at the top), in the file's line end.
    InsertAfter { line: usize, lines: Vec<String> },
    /// The UTF-8 byte-order mark at the start goes.
    StripBom,
    /// Every CRLF line end becomes LF.
    LfEndings,
}

/// Why a set of edits cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Overlap {
    pub line: usize,
}

/// The new text: the edits applied to `file` in one pass.
pub(crate) fn apply(file: &LineFile, edits: &[LineEdit]) -> Result<String, Overlap> {
    let mut replaced: BTreeMap<usize, &str> = BTreeMap::new();
    let mut deleted: BTreeSet<usize> = BTreeSet::new();
    let mut inserted: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    let (mut strip_bom, mut lf) = (false, false);
    for edit in edits {
        match edit {
            LineEdit::Replace { line, content } => {
                if replaced.insert(*line, content).is_some() || deleted.contains(line) {
                    return Err(Overlap { line: *line });
                }
            }
            LineEdit::Delete { from, to } => {
                for line in *from..=*to {
                    if !deleted.insert(line) || replaced.contains_key(&line) {
                        return Err(Overlap { line });
                    }
                }
            }
            LineEdit::InsertAfter { line, lines } => inserted
                .entry(*line)
                .or_default()
                .extend(lines.iter().map(String::as_str)),
            LineEdit::StripBom => strip_bom = true,
            LineEdit::LfEndings => lf = true,
        }
    }
    let house = if lf { "\n" } else { file.house_ending() };
    let mut out = String::new();
    let push_inserts = |out: &mut String, after: usize| {
        for text in inserted.get(&after).into_iter().flatten() {
            // A last line without a line end gets one before new lines follow.
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(house);
            }
            out.push_str(text);
            out.push_str(house);
        }
    };
    push_inserts(&mut out, 0);
    for (index, line) in file.lines.iter().enumerate() {
        let number = index + 1;
        if !deleted.contains(&number) {
            let content = replaced
                .get(&number)
                .copied()
                .unwrap_or(line.content.as_str());
            let content = match (number, strip_bom) {
                (1, true) => content.strip_prefix('\u{feff}').unwrap_or(content),
                _ => content,
            };
            out.push_str(content);
            out.push_str(if lf && line.ending == "\r\n" {
                "\n"
            } else {
                line.ending
            });
        }
        push_inserts(&mut out, number);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_edits_give_the_same_bytes() {
        for text in ["", "a", "a\n", "a\r\nb", "\n\n", "x\r\n\r\ny\n"] {
            assert_eq!(apply(&LineFile::parse(text), &[]), Ok(text.to_string()));
        }
    }

    #[test]
    fn edits_touch_only_their_lines() {
        let file = LineFile::parse("a\r\nb\nc");
        let edits = [
            LineEdit::Replace {
                line: 2,
                content: "B".into(),
            },
            LineEdit::InsertAfter {
                line: 3,
                lines: vec!["d".into()],
            },
        ];
        assert_eq!(apply(&file, &edits), Ok("a\r\nB\nc\r\nd\r\n".to_string()));
        let both = [
            LineEdit::Delete { from: 1, to: 1 },
            LineEdit::Replace {
                line: 1,
                content: "x".into(),
            },
        ];
        assert_eq!(apply(&file, &both), Err(Overlap { line: 1 }));
    }

    #[test]
    fn a_section_ends_at_its_last_setting() {
        let file = LineFile::parse("[a]\nx = 1\n  nested = 2\n\n# about b\n[b]\n");
        assert_eq!(file.section_end(1), 3);
        assert_eq!(file.section_end(6), 6);
    }
}
