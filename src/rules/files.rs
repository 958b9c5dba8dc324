//! Lints `~/.aws/config` and `~/.aws/credentials` for what the SDK silently
//! ignores or merges: sections under the wrong header form, misspelt keys,
//! duplicates (and which copy wins), lines it cannot parse, and files named
//! by variables that do not exist.

use crate::findings::{FileSite, Finding, FindingId};
use crate::inputs::files::{
    display_path, AwsFile, AwsFiles, Entry, FileKind, FileState, IgnoredReason, SectionKind,
};
use crate::rules::key::{self, KeyOrigin};
use crate::text::mask::mask_key_id;
use crate::text::shell::{sed_in_place, sed_pattern, sed_replacement};
use std::collections::HashMap;

/// Every file finding for both files.
pub fn findings(files: &AwsFiles) -> Vec<Finding> {
    let mut found = Vec::new();
    for file in files.in_load_order() {
        file_state(file, &mut found);
        if !file.is_read() {
            continue;
        }
        parse_problems(file, &mut found);
        ignored_sections(file, &mut found);
        keys(file, &mut found);
        duplicate_sections(file, &mut found);
        static_key_shapes(file, &mut found);
    }
    cross_file_conflicts(files, &mut found);
    found
}

fn file_state(file: &AwsFile, found: &mut Vec<Finding>) {
    let shown = display_path(&file.path);
    match &file.state {
        FileState::MissingOverride => found.push(Finding::new(
            FindingId::FilesEnvPathMissing,
            format!(
                "{} points to a file that does not exist",
                file.kind.override_variable()
            ),
            format!("{}={shown}", file.kind.override_variable()),
            format!(
                "unset {}   # or create the file: touch {}",
                file.kind.override_variable(),
                crate::text::shell::quote_path(&shown)
            ),
        )),
        FileState::Unreadable(problem) => {
            found.push(crate::rules::file_problem::unreadable(&shown, problem))
        }
        FileState::Absent | FileState::Read => {}
    }
    if file.has_bom || file.has_crlf {
        let what = match (file.has_bom, file.has_crlf) {
            (true, true) => "a byte-order mark and CRLF line endings",
            (true, false) => "a byte-order mark",
            _ => "CRLF (Windows) line endings",
        };
        let fix = if file.has_bom {
            let path = crate::text::shell::quote_path(&shown);
            format!(
                "{}   # remove the byte-order mark; dos2unix {path} for line endings",
                sed_in_place("1s/^\\xEF\\xBB\\xBF//", &shown)
            )
        } else {
            let path = crate::text::shell::quote_path(&shown);
            format!(
                "dos2unix {path}   # or: {}",
                sed_in_place("s/\\r$//", &shown)
            )
        };
        let finding = Finding::new(
            FindingId::FilesLineEndings,
            format!("{shown} has {what}"),
            what,
            fix,
        );
        // A BOM breaks the SDK's parser; CRLF alone it tolerates.
        let finding = finding.at_site(site(file, None, None, None));
        found.push(if file.has_bom {
            finding.with_severity(crate::findings::Severity::Error)
        } else {
            finding
        });
    }
}

/// The first line the SDK's parser stops at, as one finding: the lines
/// after it (often only orphaned by it, as under a header with a
/// byte-order mark) are listed, not reported as causes of their own.
fn parse_problems(file: &AwsFile, found: &mut Vec<Finding>) {
    let shown = display_path(&file.path);
    let Some((first, rest)) = file.parse_problems.split_first() else {
        return;
    };
    let mut evidence = first.message.clone();
    if !rest.is_empty() {
        let lines: Vec<String> = rest.iter().take(5).map(|p| p.line.to_string()).collect();
        let more = if rest.len() > 5 { ", …" } else { "" };
        evidence.push_str(&format!(
            "; {} more line{} after it cannot be parsed either ({}{more})",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" },
            lines.join(", ")
        ));
    }
    found.push(Finding::new(
        FindingId::FilesParseError,
        format!(
            "{shown}:{} cannot be parsed, so the SDK rejects the whole file",
            first.line
        ),
        evidence,
        format!(
            "edit {shown} line {}: each line must be [section], name = value, or a comment",
            first.line
        ),
    ));
}

fn ignored_sections(file: &AwsFile, found: &mut Vec<Finding>) {
    let shown = display_path(&file.path);
    for section in &file.sections {
        let SectionKind::Ignored { name, reason } = &section.kind else {
            continue;
        };
        let at = format!("{shown}:{}", section.line);
        let header_site = || site(file, Some(section.line), Some(name), None);
        let finding = match reason {
            IgnoredReason::ProfilePrefixInCredentials => Finding::new(
                FindingId::FilesCredentialsProfilePrefix,
                format!("[profile {name}] in the credentials file is ignored by the SDK"),
                format!("{at}: the credentials file uses plain [{name}] headers"),
                sed_in_place(
                    &format!("s/^\\[profile {}\\]/[{}]/", sed_pattern(name), sed_replacement(name)),
                    &shown,
                ),
            )
            .at_site(header_site()),
            IgnoredReason::MissingProfilePrefixInConfig => Finding::new(
                FindingId::FilesConfigMissingProfilePrefix,
                format!("[{name}] in the config file is ignored by the SDK"),
                format!("{at}: in the config file every profile except default is written [profile {name}]"),
                sed_in_place(
                    &format!("s/^\\[{}\\]/[profile {}]/", sed_pattern(name), sed_replacement(name)),
                    &shown,
                ),
            )
            .at_site(header_site()),
            IgnoredReason::ShadowedByProfileDefault => Finding::new(
                FindingId::FilesDuplicateSection,
                "[default] is ignored because [profile default] is also present",
                format!("{at}: the SDK keeps only [profile default]"),
                format!("merge the two sections of {shown} into one [default] section"),
            ),
            IgnoredReason::ConfigSectionInCredentials => Finding::new(
                FindingId::FilesCredentialsProfilePrefix,
                format!("[{}] belongs in the config file, not the credentials file", section.header),
                format!("{at}: the SDK ignores prefixed sections in the credentials file"),
                "move the section to ~/.aws/config",
            ),
            IgnoredReason::InvalidName => Finding::new(
                FindingId::FilesParseError,
                format!("[{}] has characters the SDK does not accept in a name", section.header),
                format!("{at}: names may use letters, digits and _ - / . % @ : +"),
                format!("rename the section at {at}"),
            ),
        };
        found.push(finding);
    }
}

fn keys(file: &AwsFile, found: &mut Vec<Finding>) {
    let shown = display_path(&file.path);
    for section in &file.sections {
        let known: &[&str] = match &section.kind {
            SectionKind::Profile(_) => KNOWN_PROFILE_KEYS,
            SectionKind::SsoSession(_) => KNOWN_SSO_SESSION_KEYS,
            _ => continue,
        };
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for entry in &section.entries {
            let at = format!("{shown}:{}", entry.line);
            if let Some(first) = seen.insert(entry.key.as_str(), entry.line) {
                found.push(
                    Finding::new(
                        FindingId::FilesDuplicateKey,
                        format!(
                            "{} is set twice in [{}]; line {} wins",
                            entry.key, section.header, entry.line
                        ),
                        format!("{shown}:{first} and {at}"),
                        format!(
                            "delete the line you do not want: {}",
                            sed_in_place(&format!("{first}d"), &shown)
                        ),
                    )
                    // The repair deletes the copy that loses.
                    .at_site(site(
                        file,
                        Some(first),
                        Some(&section.header),
                        Some(&entry.key),
                    )),
                );
            }
            let valid = crate::inputs::files::is_valid_identifier(&entry.key);
            if valid && known.contains(&entry.key.as_str()) {
                continue;
            }
            let suggestion = closest(&entry.key, known);
            let why = if valid {
                "is not a key the SDK knows"
            } else {
                "contains characters the SDK does not accept, so it is dropped"
            };
            let renamed = suggestion.map(|meant| FileSite {
                meant: Some(meant.to_string()),
                ..site(
                    file,
                    Some(entry.line),
                    Some(&section.header),
                    Some(&entry.key),
                )
            });
            let finding = Finding::new(
                FindingId::FilesUnknownKey,
                format!("'{}' in [{}] {why}", entry.raw_key.trim(), section.header),
                match suggestion {
                    Some(s) => format!("{at}: did you mean '{s}'?"),
                    None => at.clone(),
                },
                match suggestion {
                    Some(s) => sed_in_place(
                        &format!("{}s/^[^=]*=/{} =/", entry.line, sed_replacement(s)),
                        &shown,
                    ),
                    None => format!("remove or correct line {} of {shown}", entry.line),
                },
            );
            found.push(match renamed {
                Some(renamed) => finding.at_site(renamed),
                None => finding,
            });
        }
    }
}

fn duplicate_sections(file: &AwsFile, found: &mut Vec<Finding>) {
    let shown = display_path(&file.path);
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for section in &file.sections {
        let (key, name) = match &section.kind {
            SectionKind::Profile(name) => (format!("profile {name}"), name),
            SectionKind::SsoSession(name) => (format!("sso-session {name}"), name),
            _ => continue,
        };
        if let Some(first) = first_line.get(&key) {
            found.push(
                Finding::new(
                    FindingId::FilesDuplicateSection,
                    format!(
                        "[{}] appears twice in {shown}; the SDK merges them and later keys win",
                        section.header
                    ),
                    format!("{shown}:{first} and {shown}:{}", section.line),
                    format!("merge the two sections into the one at line {first}"),
                )
                .at_site(FileSite {
                    other_line: Some(*first),
                    ..site(file, Some(section.line), Some(name), None)
                }),
            );
        } else {
            first_line.insert(key, section.line);
        }
    }
}

fn static_key_shapes(file: &AwsFile, found: &mut Vec<Finding>) {
    let shown = display_path(&file.path);
    for section in &file.sections {
        let SectionKind::Profile(name) = &section.kind else {
            continue;
        };
        let get = |key: &str| section.entries.iter().rev().find(|e| e.key == key);
        let (Some(id), secret) = (get("aws_access_key_id"), get("aws_secret_access_key")) else {
            continue;
        };
        let origin = KeyOrigin {
            id_location: format!("{shown}:{} [{name}]", id.line),
            secret_location: secret
                .map(|s| format!("{shown}:{} [{name}]", s.line))
                .unwrap_or_else(|| format!("[{name}]")),
            fix: format!(
                "aws configure --profile {}   # re-enter the key pair for {}",
                crate::text::shell::quote(name),
                mask_key_id(&id.value)
            ),
            id_site: Some(site(file, Some(id.line), Some(name), Some(&id.key))),
            secret_site: secret.map(|s| site(file, Some(s.line), Some(name), Some(&s.key))),
        };
        found.extend(key::findings(
            &id.value,
            secret.map(|s| s.value.as_str()),
            &origin,
        ));
    }
}

/// The same key for the same profile in both files, with different values:
/// the credentials file wins, which surprises people who edited config.
fn cross_file_conflicts(files: &AwsFiles, found: &mut Vec<Finding>) {
    for name in files.profile_names() {
        let mut in_config: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for entry in files
            .config
            .profile_sections(&name)
            .flat_map(|s| &s.entries)
        {
            in_config.entry(entry.key.as_str()).or_default().push(entry);
        }
        if in_config.is_empty() {
            continue;
        }
        let in_credentials = files
            .credentials
            .profile_sections(&name)
            .flat_map(|s| &s.entries);
        for entry in in_credentials {
            let same_key = in_config.get(entry.key.as_str()).into_iter().flatten();
            if let Some(other) = same_key.rev().find(|e| e.value != entry.value) {
                found.push(Finding::new(
                    FindingId::FilesDuplicateKey,
                    format!("{} of profile '{name}' differs between the two files; the credentials file wins", entry.key),
                    format!(
                        "{}:{} is ignored in favour of {}:{}",
                        display_path(&files.config.path),
                        other.line,
                        display_path(&files.credentials.path),
                        entry.line
                    ),
                    format!("keep {} in one file only", entry.key),
                ));
            }
        }
    }
}

/// The place of a file finding, for `credwiz fix`.
fn site(file: &AwsFile, line: Option<usize>, section: Option<&str>, key: Option<&str>) -> FileSite {
    FileSite {
        path: file.path.clone(),
        line,
        section: section.map(str::to_string),
        key: key.map(str::to_string),
        ..FileSite::default()
    }
}

/// Which file kind a finding's file is, for callers that group output.
pub fn kind_label(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Config => "config",
        FileKind::Credentials => "credentials",
    }
}

mod known_keys;
pub(crate) mod spelling;
#[cfg(test)]
mod tests;

use known_keys::{KNOWN_PROFILE_KEYS, KNOWN_SSO_SESSION_KEYS};
use spelling::closest;
