//! The one place that knows which finding is repaired by which edit of a
//! file. Each edit is planned from the finding's [`FileSite`] (file, line,
//! section, key) and the file's current text, never from its sentences.

use super::lines::{LineEdit, LineFile};
use super::setting::setting;
use crate::findings::{FileSite, FindingId};

/// What a repair needs beyond the site: values only the person can give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixInputs {
    /// The region `region.missing` writes.
    pub region: Option<String>,
}

/// Why a site cannot be repaired by an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoEdit {
    /// credwiz has no file edit for this finding.
    NotAFileFix,
    /// The edit needs a value: the option that gives it.
    Needs(&'static str),
    /// The value given cannot be written (not a region name).
    BadValue(&'static str),
    /// The line is no longer what the finding saw, or is not one credwiz
    /// can change safely (a nested setting follows it).
    LineChanged(usize),
    /// The file already has what the edit would write.
    NothingToChange,
    /// No existing profile is close enough to the misspelt name.
    NoGuess,
}

/// Every finding id `credwiz fix` can repair with a file edit.
pub const FIXABLE: &[FindingId] = &[
    FindingId::KeyWhitespace,
    FindingId::FilesCredentialsProfilePrefix,
    FindingId::FilesConfigMissingProfilePrefix,
    FindingId::RegionMissing,
    FindingId::ProfileSourceProfileMissing,
    FindingId::SsoSessionMissing,
    FindingId::FilesLineEndings,
    FindingId::FilesDuplicateSection,
    FindingId::FilesDuplicateKey,
    FindingId::FilesUnknownKey,
];

/// The edit that repairs finding `id` at `site` in `file`.
pub(crate) fn edits(
    id: FindingId,
    site: &FileSite,
    file: &LineFile,
    inputs: &FixInputs,
) -> Result<Vec<LineEdit>, NoEdit> {
    use FindingId::*;
    match id {
        KeyWhitespace => set_value(site, file, |value| Ok(clean_key(value))),
        ProfileSourceProfileMissing | SsoSessionMissing => {
            let meant = site.meant.clone().ok_or(NoEdit::NoGuess)?;
            set_value(site, file, move |_| Ok(meant.clone()))
        }
        FilesUnknownKey => rename_key(site, file),
        FilesCredentialsProfilePrefix => rename_header(site, file, &["profile"], &[]),
        FilesConfigMissingProfilePrefix => rename_header(site, file, &[], &["profile"]),
        FilesLineEndings => line_endings(file),
        FilesDuplicateKey => delete_setting(site, file),
        FilesDuplicateSection => merge_sections(site, file),
        RegionMissing => add_region(site, file, inputs),
        _ => Err(NoEdit::NotAFileFix),
    }
}

/// A key as AWS issued it: no quotes around it, no whitespace or control
/// characters anywhere (no AWS key id, secret or token has any).
pub(crate) fn clean_key(value: &str) -> String {
    let mut kept: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    while kept.len() >= 2
        && ((kept.starts_with('"') && kept.ends_with('"'))
            || (kept.starts_with('\'') && kept.ends_with('\'')))
    {
        kept = kept[1..kept.len() - 1].to_string();
    }
    kept
}

fn site_line(site: &FileSite) -> Result<usize, NoEdit> {
    site.line.ok_or(NoEdit::LineChanged(0))
}

/// The line at the site, checked to still set the site's key.
fn setting_line<'a>(
    site: &FileSite,
    file: &'a LineFile,
) -> Result<(usize, &'a str, super::setting::Setting), NoEdit> {
    let number = site_line(site)?;
    let line = file.line(number).ok_or(NoEdit::LineChanged(number))?;
    let found = setting(line).ok_or(NoEdit::LineChanged(number))?;
    if site.key.as_deref() != Some(found.key.as_str()) {
        return Err(NoEdit::LineChanged(number));
    }
    Ok((number, line, found))
}

fn set_value(
    site: &FileSite,
    file: &LineFile,
    new_value: impl Fn(&str) -> Result<String, NoEdit>,
) -> Result<Vec<LineEdit>, NoEdit> {
    let (number, line, found) = setting_line(site, file)?;
    let value = new_value(found.value(line))?;
    if value.is_empty() {
        return Err(NoEdit::LineChanged(number));
    }
    if value == found.value(line) {
        return Err(NoEdit::NothingToChange);
    }
    Ok(vec![LineEdit::Replace {
        line: number,
        content: found.with_value(line, &value),
    }])
}

fn rename_key(site: &FileSite, file: &LineFile) -> Result<Vec<LineEdit>, NoEdit> {
    let meant = site.meant.as_deref().ok_or(NoEdit::NoGuess)?;
    let (number, line, found) = setting_line(site, file)?;
    Ok(vec![LineEdit::Replace {
        line: number,
        content: found.with_key(line, meant),
    }])
}

/// `[profile x]` → `[x]` (drop the prefix) or `[x]` → `[profile x]` (add it);
/// what is outside the brackets stays.
fn rename_header(
    site: &FileSite,
    file: &LineFile,
    drop: &[&str],
    add: &[&str],
) -> Result<Vec<LineEdit>, NoEdit> {
    let number = site_line(site)?;
    let name = site.section.as_deref().ok_or(NoEdit::LineChanged(number))?;
    let line = file.line(number).ok_or(NoEdit::LineChanged(number))?;
    let close = line.find(']').ok_or(NoEdit::LineChanged(number))?;
    if !line.starts_with('[') {
        return Err(NoEdit::LineChanged(number));
    }
    let inner = &line[1..close];
    let expected: Vec<&str> = drop.iter().copied().chain([name]).collect();
    if !inner.split_whitespace().eq(expected.iter().copied()) {
        return Err(NoEdit::LineChanged(number));
    }
    let header: Vec<&str> = add.iter().copied().chain([name]).collect();
    Ok(vec![LineEdit::Replace {
        line: number,
        content: format!("[{}]{}", header.join(" "), &line[close + 1..]),
    }])
}

fn line_endings(file: &LineFile) -> Result<Vec<LineEdit>, NoEdit> {
    let mut edits = Vec::new();
    if file.line(1).is_some_and(|l| l.starts_with('\u{feff}')) {
        edits.push(LineEdit::StripBom);
    }
    if file.lines.iter().any(|l| l.ending == "\r\n") {
        edits.push(LineEdit::LfEndings);
    }
    if edits.is_empty() {
        return Err(NoEdit::NothingToChange);
    }
    Ok(edits)
}

/// Deletes the earlier copy of a key set twice: the later one already wins,
/// so what the SDK reads does not change.
fn delete_setting(site: &FileSite, file: &LineFile) -> Result<Vec<LineEdit>, NoEdit> {
    let (number, _, _) = setting_line(site, file)?;
    // A nested setting (`s3 =` and its indented lines) would be orphaned.
    let continued = file
        .line(number + 1)
        .is_some_and(|next| next.starts_with([' ', '\t']) && !next.trim().is_empty());
    if continued {
        return Err(NoEdit::LineChanged(number));
    }
    Ok(vec![LineEdit::Delete {
        from: number,
        to: number,
    }])
}

/// Moves the settings of the later copy of a section to the end of the
/// first copy and drops its header: the SDK merged them in that order, so
/// what it reads does not change.
fn merge_sections(site: &FileSite, file: &LineFile) -> Result<Vec<LineEdit>, NoEdit> {
    let later = site_line(site)?;
    let first = site.other_line.ok_or(NoEdit::LineChanged(later))?;
    for number in [first, later] {
        if !file.is_header(number) {
            return Err(NoEdit::LineChanged(number));
        }
    }
    let later_end = file.section_end(later);
    let body: Vec<String> = (later + 1..=later_end)
        .filter_map(|n| file.line(n).map(str::to_string))
        .collect();
    let mut edits = vec![LineEdit::Delete {
        from: later,
        to: later_end,
    }];
    if !body.is_empty() {
        edits.push(LineEdit::InsertAfter {
            line: file.section_end(first),
            lines: body,
        });
    }
    Ok(edits)
}

/// `region = R` at the end of the profile's section of the config file, or
/// a new section for it at the end of the file.
fn add_region(
    site: &FileSite,
    file: &LineFile,
    inputs: &FixInputs,
) -> Result<Vec<LineEdit>, NoEdit> {
    let region = inputs.region.as_deref().ok_or(NoEdit::Needs("--region"))?;
    if crate::rules::region_shape::shape(region) != crate::rules::region_shape::RegionShape::Region
    {
        return Err(NoEdit::BadValue("--region"));
    }
    let profile = site.section.as_deref().ok_or(NoEdit::NotAFileFix)?;
    let headers: &[&[&str]] = if profile == "default" {
        &[&["default"], &["profile", "default"]]
    } else {
        &[&["profile", profile]]
    };
    let line = format!("region = {region}");
    let section = (1..=file.lines.len()).rev().find(|n| {
        let text = file.line(*n).unwrap_or_default();
        let inner = text
            .strip_prefix('[')
            .and_then(|t| t.split(']').next())
            .unwrap_or_default();
        file.is_header(*n)
            && headers
                .iter()
                .any(|h| inner.split_whitespace().eq(h.iter().copied()))
    });
    Ok(vec![match section {
        Some(header) => LineEdit::InsertAfter {
            line: file.section_end(header),
            lines: vec![line],
        },
        None => {
            let header = match profile {
                "default" => "[default]".to_string(),
                name => format!("[profile {name}]"),
            };
            let mut lines = Vec::new();
            let ends_blank = file
                .lines
                .last()
                .is_none_or(|l| l.content.trim().is_empty());
            if !ends_blank {
                lines.push(String::new());
            }
            lines.extend([header, line]);
            LineEdit::InsertAfter {
                line: file.lines.len(),
                lines,
            }
        }
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_loses_quotes_and_whitespace_only() {
        assert_eq!(clean_key("\"ab/c+d\""), "ab/c+d");
        assert_eq!(clean_key("'ab' "), "ab");
        assert_eq!(clean_key("ab\u{a0}cd\r"), "abcd");
        assert_eq!(clean_key("ab\"cd"), "ab\"cd");
    }
}
