//! Python's `configparser.RawConfigParser`, as botocore uses it for the
//! shared files: strict (a duplicate section or key is an error), `=` and `:`
//! both separate a key from its value, key names are lower-cased, only whole
//! lines are comments (so `value # note` keeps `# note`), a byte-order mark
//! is not whitespace, and any bad line fails the whole file. botocore then
//! reads a value that starts on the line after its key as nested `k = v`
//! lines, and a nested line without `=` fails the file too.

use std::collections::BTreeMap;

/// One section's keys, lower-cased, with their values.
pub(crate) type PySection = BTreeMap<String, String>;

/// Sections in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PyIni {
    pub(crate) sections: Vec<(String, PySection)>,
}

impl PyIni {
    /// A section by its exact header.
    pub(crate) fn section(&self, name: &str) -> Option<&PySection> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s)
    }
}

/// Why configparser rejects the text (botocore raises ConfigParseError).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PyParseError {
    DuplicateSection {
        line: usize,
    },
    DuplicateOption {
        line: usize,
    },
    MissingSectionHeader {
        line: usize,
    },
    BadLine {
        line: usize,
    },
    /// A line continuing a key whose value started empty, without `=`
    /// (botocore's `_parse_nested` raises ValueError).
    NestedLineWithoutEquals {
        line: usize,
    },
}

impl std::fmt::Display for PyParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PyParseError::DuplicateSection { line } => {
                write!(f, "a section that appears a second time, at line {line}")
            }
            PyParseError::DuplicateOption { line } => {
                write!(f, "a key that appears twice in one section, at line {line}")
            }
            PyParseError::MissingSectionHeader { line } => {
                write!(f, "a line before any [section] header, at line {line}")
            }
            PyParseError::BadLine { line } => {
                write!(f, "a line that is not `key = value`, at line {line}")
            }
            PyParseError::NestedLineWithoutEquals { line } => write!(
                f,
                "an indented line without `=` under a key with no value, at line {line}"
            ),
        }
    }
}

struct Cursor {
    section: Option<usize>,
    option: Option<String>,
    indent: usize,
}

/// Parses text the way `RawConfigParser().read()` does.
pub(crate) fn parse(text: &str) -> Result<PyIni, PyParseError> {
    let mut sections: Vec<(String, BTreeMap<String, Vec<String>>)> = Vec::new();
    let mut defaults: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut in_defaults = false;
    let mut cursor = Cursor {
        section: None,
        option: None,
        indent: usize::MAX,
    };
    let mut first_error = None;
    let mut nested_error = None;
    let mut seen_sections = std::collections::HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let stripped = line.trim();
        let is_comment = stripped.starts_with(['#', ';']);
        let value = if is_comment { "" } else { stripped };
        if value.is_empty() {
            // An empty line inside a multi-line value belongs to it.
            if !is_comment {
                if let Some(values) =
                    current_values(&mut sections, &mut defaults, in_defaults, &cursor)
                {
                    values.push(String::new());
                }
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if (cursor.section.is_some() || in_defaults)
            && cursor.option.is_some()
            && indent > cursor.indent
        {
            if let Some(values) = current_values(&mut sections, &mut defaults, in_defaults, &cursor)
            {
                if values.first().is_some_and(String::is_empty) && !value.contains('=') {
                    nested_error
                        .get_or_insert(PyParseError::NestedLineWithoutEquals { line: line_no });
                }
                values.push(value.to_string());
            }
            continue;
        }
        cursor.indent = indent;
        if let Some(header) = section_header(value) {
            cursor.option = None;
            if header == "DEFAULT" {
                in_defaults = true;
                cursor.section = None;
            } else if !seen_sections.insert(header.to_string()) {
                return Err(PyParseError::DuplicateSection { line: line_no });
            } else {
                in_defaults = false;
                sections.push((header.to_string(), BTreeMap::new()));
                cursor.section = Some(sections.len() - 1);
            }
            continue;
        }
        let target = match (cursor.section, in_defaults) {
            (Some(i), _) => &mut sections[i].1,
            (None, true) => &mut defaults,
            (None, false) => return Err(PyParseError::MissingSectionHeader { line: line_no }),
        };
        match split_option(value) {
            Some((name, option_value)) => {
                let name = name.to_lowercase();
                if target.contains_key(&name) {
                    return Err(PyParseError::DuplicateOption { line: line_no });
                }
                target.insert(name.clone(), vec![option_value.to_string()]);
                cursor.option = Some(name);
            }
            None => {
                first_error.get_or_insert(PyParseError::BadLine { line: line_no });
            }
        }
    }
    // configparser's own errors come first; the nested lines are read after.
    if let Some(error) = first_error.or(nested_error) {
        return Err(error);
    }
    Ok(finish(sections, &defaults))
}

type RawSection = BTreeMap<String, Vec<String>>;

/// Multi-line values joined, `[DEFAULT]` applied under every section.
fn finish(sections: Vec<(String, RawSection)>, defaults: &RawSection) -> PyIni {
    let join = |values: &Vec<String>| values.join("\n").trim_end().to_string();
    PyIni {
        sections: sections
            .into_iter()
            .map(|(name, options)| {
                let mut merged: PySection =
                    defaults.iter().map(|(k, v)| (k.clone(), join(v))).collect();
                merged.extend(options.iter().map(|(k, v)| (k.clone(), join(v))));
                (name, merged)
            })
            .collect(),
    }
}

fn current_values<'a>(
    sections: &'a mut [(String, BTreeMap<String, Vec<String>>)],
    defaults: &'a mut BTreeMap<String, Vec<String>>,
    in_defaults: bool,
    cursor: &Cursor,
) -> Option<&'a mut Vec<String>> {
    let option = cursor.option.as_ref()?;
    let target = match cursor.section {
        Some(i) => &mut sections.get_mut(i)?.1,
        None if in_defaults => defaults,
        None => return None,
    };
    target.get_mut(option)
}

/// `\[(?P<header>.+)\]` matched at the start: up to the last `]`.
fn section_header(value: &str) -> Option<&str> {
    let rest = value.strip_prefix('[')?;
    let end = rest.rfind(']')?;
    (end > 0).then(|| &rest[..end])
}

/// `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the first `=` or `:`.
fn split_option(value: &str) -> Option<(&str, &str)> {
    let at = value.find(['=', ':'])?;
    let name = value[..at].trim_end();
    (!name.is_empty()).then(|| (name, value[at + 1..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_comments_stay_in_values_and_keys_are_lower_cased() {
        let ini = parse("[default]\nAWS_Access_Key_Id = AKIA # work\nregion: eu-west-1\n")
            .expect("parses");
        let section = ini.section("default").expect("default");
        assert_eq!(section["aws_access_key_id"], "AKIA # work");
        assert_eq!(section["region"], "eu-west-1");
    }

    #[test]
    fn duplicates_bad_lines_and_a_bom_fail_the_file() {
        assert_eq!(
            parse("[a]\nx=1\n[a]\n"),
            Err(PyParseError::DuplicateSection { line: 3 })
        );
        assert_eq!(
            parse("[a]\nx=1\nX=2\n"),
            Err(PyParseError::DuplicateOption { line: 3 })
        );
        assert_eq!(
            parse("x=1\n"),
            Err(PyParseError::MissingSectionHeader { line: 1 })
        );
        assert_eq!(
            parse("\u{feff}[a]\nx=1\n"),
            Err(PyParseError::MissingSectionHeader { line: 1 })
        );
        assert_eq!(
            parse("[a]\njunk\nx=1\n"),
            Err(PyParseError::BadLine { line: 2 })
        );
    }

    #[test]
    fn indented_lines_continue_a_value_and_default_applies_everywhere() {
        let ini =
            parse("[DEFAULT]\nregion = r\n[a]\ns3 =\n  addressing_style = path\n").expect("parses");
        let a = ini.section("a").expect("a");
        assert_eq!(a["s3"], "\naddressing_style = path");
        assert_eq!(a["region"], "r");
    }

    #[test]
    fn a_key_continued_on_an_indented_line_without_equals_fails_the_file() {
        assert_eq!(
            parse("[default]\naws_access_key_id =\n    AKIA\n"),
            Err(PyParseError::NestedLineWithoutEquals { line: 3 })
        );
        // A continuation of a value that started on its own line is plain text.
        assert!(parse("[default]\nnote = a\n    b\n").is_ok());
    }
}
