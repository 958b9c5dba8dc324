//! Unit tests of `files.rs`.

use super::spelling::edit_distance;
use super::*;

fn lint(config: &str, credentials: &str) -> Vec<String> {
    let files = AwsFiles {
        config: AwsFile::parse_text(FileKind::Config, "/h/.aws/config", config),
        credentials: AwsFile::parse_text(FileKind::Credentials, "/h/.aws/credentials", credentials),
    };
    findings(&files)
        .iter()
        .map(|f| format!("{} {}", f.id, f.evidence))
        .collect()
}

#[test]
fn misspelt_keys_get_a_suggestion() {
    let out = lint(
        "",
        "[default]\naws_acess_key_id = AKIAZ7VQXJ4PLM2RTW5Y\naws_secret_key_id = x\n",
    );
    assert!(
        out.iter()
            .any(|l| l.contains("files.unknown_key") && l.contains("aws_access_key_id")),
        "{out:?}"
    );
    assert!(
        out.iter()
            .any(|l| l.contains("files.unknown_key") && l.contains("aws_secret_access_key")),
        "{out:?}"
    );
}

#[test]
fn duplicates_name_both_lines() {
    let out = lint(
        "[profile a]\nregion = x\n[profile a]\nregion = y\nregion = z\n",
        "",
    );
    assert!(
        out.iter()
            .any(|l| l == "files.duplicate_section /h/.aws/config:1 and /h/.aws/config:3"),
        "{out:?}"
    );
    assert!(
        out.iter()
            .any(|l| l == "files.duplicate_key /h/.aws/config:4 and /h/.aws/config:5"),
        "{out:?}"
    );
}

#[test]
fn conflicting_values_across_files_say_which_wins() {
    let out = lint("[profile a]\nregion = x\n", "[a]\nregion = y\n");
    assert!(
        out.iter()
            .any(|l| l.contains("files.duplicate_key") && l.contains("config:2 is ignored")),
        "{out:?}"
    );
}

#[test]
fn edit_distance_counts_edits() {
    assert_eq!(edit_distance("aws_acess_key_id", "aws_access_key_id"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
}
