//! The file-fix library below `credwiz fix`: a refusal when the file
//! changed between the plan and the write (injected through the seam
//! `apply_with` offers), and a property over generated files: only the
//! intended line changes, every other byte stays.

use crate::support::sandbox::{KEY_ID, PLANTED_SLASH_SECRET};
use credwiz::findings::{Finding, FindingId};
use credwiz::fixes::{self, ApplyError, FixInputs};
use credwiz::inputs::files::{AwsFile, AwsFiles, FileKind};
use credwiz::text::mask::Scrubber;
use proptest::prelude::*;
use std::path::Path;

/// The file findings of a credentials file at `path` holding `text`.
fn credentials_findings(path: &Path, text: &str) -> Vec<Finding> {
    let files = AwsFiles {
        config: AwsFile::parse_text(FileKind::Config, path.with_file_name("config"), ""),
        credentials: AwsFile::parse_text(FileKind::Credentials, path, text),
    };
    credwiz::rules::files::findings(&files)
}

fn only_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_file_changed_between_plan_and_write_is_left_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("credentials");
    let text = format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = '{PLANTED_SLASH_SECRET}'\n"
    );
    std::fs::write(&path, &text).expect("write");
    let findings = credentials_findings(&path, &text);
    let plan = fixes::plan(
        FindingId::KeyWhitespace,
        &findings,
        Some("default"),
        &FixInputs::default(),
        &Scrubber::default(),
    )
    .expect("a plan");
    let edited = "[default]\n# edited by hand meanwhile\n";
    let result = fixes::apply_with(&plan, &mut |file| {
        std::fs::write(file, edited).expect("the editor writes")
    });
    match result {
        Err((written, ApplyError::Changed { shown })) => {
            assert!(written.is_empty());
            assert!(shown.ends_with("credentials"), "{shown}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).expect("read"), edited);
    // No backup, no temporary file left behind.
    assert_eq!(only_entries(dir.path()), ["credentials"]);
    // The same plan on an unchanged file is written.
    std::fs::write(&path, &text).expect("restore");
    let written = fixes::apply(&plan).expect("written");
    assert_eq!(written.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        text.replace(&format!("'{PLANTED_SLASH_SECRET}'"), PLANTED_SLASH_SECRET)
    );
}

/// A line of a generated file around the broken profile.
fn filler() -> impl Strategy<Value = String> {
    prop_oneof![
        "[#;] [ -~]{0,20}",
        Just(String::new()),
        Just("   ".to_string()),
        "x_[a-z]{1,6} ?= ?[a-zA-Z0-9 ]{0,10}",
        "\\[s_[a-z]{1,6}\\]( # [a-z ]{0,8})?",
        "region = [a-z]{2}-[a-z]{4}-[1-3]",
    ]
}

/// A generated credentials file: filler, the `[target]` profile with a
/// quoted or padded secret, filler; LF or CRLF line ends.
#[derive(Debug, Clone)]
struct Generated {
    lines: Vec<String>,
    /// Index of the secret's line in `lines`.
    secret_line: usize,
    expected_secret_line: String,
    crlf: bool,
    final_newline: bool,
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop::collection::vec(filler(), 0..8),
        prop::collection::vec(filler(), 0..4),
        prop::collection::vec(filler(), 0..8),
        prop_oneof![
            Just("\"{}\""),
            Just("'{}'"),
            Just("\"{}\"  "),
            Just("{}\u{a0}")
        ],
        prop::option::of(" # [a-z ]{0,10}"),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(head, inside, tail, wrap, comment, crlf, final_newline)| {
            let comment = comment.unwrap_or_default();
            let value = wrap.replace("{}", PLANTED_SLASH_SECRET);
            let mut lines = head;
            lines.push("[target]".into());
            lines.push(format!("aws_access_key_id = {KEY_ID}"));
            // Filler inside the profile: never a section header, which
            // would end it before the secret.
            lines.extend(inside.into_iter().filter(|l| !l.starts_with('[')));
            let secret_line = lines.len();
            lines.push(format!("aws_secret_access_key = {value}{comment}"));
            let clean = format!(
                "aws_secret_access_key = {PLANTED_SLASH_SECRET}{}{comment}",
                // Spaces after the value are not part of it; they stay.
                &value[value.trim_end_matches(' ').len()..]
            );
            lines.extend(tail);
            Generated {
                lines,
                secret_line,
                expected_secret_line: clean,
                crlf,
                final_newline,
            }
        })
}

fn join(lines: &[String], crlf: bool, final_newline: bool) -> String {
    let end = if crlf { "\r\n" } else { "\n" };
    let mut text = lines.join(end);
    if final_newline {
        text.push_str(end);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn only_the_secret_line_changes(file in generated()) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("credentials");
        let text = join(&file.lines, file.crlf, file.final_newline);
        std::fs::write(&path, &text).expect("write");
        let findings = credentials_findings(&path, &text);
        let plan = fixes::plan(
            FindingId::KeyWhitespace,
            &findings,
            Some("target"),
            &FixInputs::default(),
            &Scrubber::default(),
        )
        .expect("a plan");
        for file_plan in &plan.files {
            prop_assert!(!file_plan.diff.contains(PLANTED_SLASH_SECRET), "{}", file_plan.diff);
        }
        fixes::apply(&plan).expect("written");
        let mut expected = file.lines.clone();
        expected[file.secret_line] = file.expected_secret_line.clone();
        let now = std::fs::read(&path).expect("read");
        prop_assert_eq!(
            String::from_utf8_lossy(&now).into_owned(),
            join(&expected, file.crlf, file.final_newline)
        );
    }
}

/// A generated config file with `[profile dev]` somewhere among other
/// sections, comments and unknown keys, and no region for dev.
fn generated_config() -> impl Strategy<Value = (Vec<String>, usize, bool, bool)> {
    let no_region = || filler().prop_filter("no region line", |l| !l.starts_with("region"));
    (
        prop::collection::vec(no_region(), 0..8),
        prop::collection::vec(no_region(), 0..5),
        prop::collection::vec(no_region(), 0..8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(head, inside, tail, crlf, final_newline)| {
            let mut lines = head;
            lines.push("[profile dev]".into());
            lines.push("output = json".into());
            lines.extend(inside.into_iter().filter(|l| !l.starts_with('[')));
            // The region goes after the section's last setting, before the
            // comments and blank lines that lead into what follows.
            let last_setting = lines
                .iter()
                .rposition(|l| !l.trim().is_empty() && !l.starts_with(['#', ';']))
                .unwrap_or(0);
            // What follows starts with a header: otherwise it is dev's too.
            if !tail.is_empty() {
                lines.push("[s_after]".into());
            }
            lines.extend(tail);
            (lines, last_setting, crlf, final_newline)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn a_missing_region_adds_one_line_and_changes_nothing_else(
        (lines, last_setting, crlf, final_newline) in generated_config()
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config");
        let text = join(&lines, crlf, final_newline);
        std::fs::write(&path, &text).expect("write");
        let site = credwiz::findings::FileSite {
            path: path.clone(),
            section: Some("dev".into()),
            key: Some("region".into()),
            ..Default::default()
        };
        let finding = Finding::new(FindingId::RegionMissing, "t", "e", "f").at_site(site);
        let inputs = FixInputs { region: Some("eu-north-1".into()) };
        let plan = fixes::plan(
            FindingId::RegionMissing,
            &[finding],
            Some("dev"),
            &inputs,
            &Scrubber::default(),
        )
        .expect("a plan");
        fixes::apply(&plan).expect("written");
        let mut expected = lines.clone();
        expected.insert(last_setting + 1, "region = eu-north-1".into());
        // A last line without a line end gets one when a line follows it.
        let final_newline = final_newline || last_setting + 1 == lines.len();
        prop_assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            join(&expected, crlf, final_newline)
        );
    }
}
