//! Messages about the AWS files name the real cause: a file Notepad saved as
//! UTF-16 is an encoding problem (not "cannot be read", not a permissions
//! hint), a `~/.aws` that loops is a link loop (not "absent", and not fixed
//! by `aws configure`), and a line break inside a path variable shows as a
//! placeholder instead of forging a line of the report.

use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SLASH_SECRET};
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(20);

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = (bom.then_some(0xFEFF_u16))
        .into_iter()
        .chain(text.encode_utf16());
    for unit in units {
        if big_endian {
            bytes.extend(unit.to_be_bytes());
        } else {
            bytes.extend(unit.to_le_bytes());
        }
    }
    bytes
}

#[test]
fn a_utf16_credentials_file_is_named_as_an_encoding_problem() {
    let text = format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    );
    for (big_endian, bom, says) in [
        (false, true, "byte-order mark FF FE"),
        (true, true, "byte-order mark FE FF"),
        (false, false, "NUL bytes"),
    ] {
        let sandbox = Sandbox::new();
        let path = sandbox.home_path().join(".aws/credentials");
        std::fs::create_dir_all(sandbox.home_path().join(".aws")).expect("mkdir");
        std::fs::write(&path, utf16(&text, big_endian, bom)).expect("write");
        let label = format!("UTF-16 credentials ({says})");
        let run = run_hostile(&label, &sandbox, &["check", "--offline"], BOUND);
        let out = run.stdout();
        assert!(out.contains("(files.wrong_encoding)"), "{label}:\n{out}");
        assert!(out.contains("is saved as UTF-16"), "{label}:\n{out}");
        assert!(out.contains(says), "{label}:\n{out}");
        assert!(
            out.contains("iconv -f UTF-16"),
            "{label}: no re-save step\n{out}"
        );
        assert!(
            !out.contains("cannot be read"),
            "{label}: a permissions hint\n{out}"
        );
        assert!(!out.contains("chmod"), "{label}: a permissions fix\n{out}");
        assert!(!out.contains("credentials absent"), "{label}:\n{out}");
    }
}

#[test]
fn a_looping_aws_folder_is_a_link_loop_not_absent() {
    let sandbox = Sandbox::new();
    let aws = sandbox.home_path().join(".aws");
    std::os::unix::fs::symlink(&aws, &aws).expect("symlink");
    let run = run_hostile("~/.aws loops", &sandbox, &["check", "--offline"], BOUND);
    let out = run.stdout();
    assert!(out.contains("(files.link_loop)"), "{out}");
    assert!(
        out.contains("~/.aws is a symbolic link loop, so ~/.aws/credentials cannot be opened"),
        "{out}"
    );
    assert!(out.contains("fix: ls -l ~/.aws   #"), "{out}");
    assert!(!out.contains("absent"), "{out}");
    assert!(!out.contains("fix: aws configure   #"), "{out}");
    assert!(!out.contains("no ~/.aws and no credentials"), "{out}");
}

#[test]
fn a_line_break_in_a_path_variable_forges_no_line() {
    for variable in ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] {
        let path = format!("/nonexistent/x\nFORGED: {variable}");
        let sandbox = Sandbox::new()
            .credentials(&format!(
                "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
            ))
            .var(variable, &path);
        let run = run_hostile(variable, &sandbox, &["check", "--offline"], BOUND);
        let out = run.stdout();
        assert!(
            out.contains("x␊FORGED"),
            "{variable}: not shown inert\n{out}"
        );
        assert!(
            !out.lines()
                .any(|line| line.trim_start().starts_with("FORGED")),
            "{variable}: a forged line\n{out}"
        );
    }
}

/// A dotfile manager's link whose target is gone: the SDKs read "no file",
/// the user means a file that is there. The link is named, not "absent".
#[test]
fn a_dangling_link_is_named_as_the_link_not_as_an_absent_file() {
    for (label, link_at, target) in [
        (
            "dangling credentials link",
            ".aws/credentials",
            "/nonexistent/dotfiles/credentials",
        ),
        ("dangling ~/.aws link", ".aws", "/nonexistent/dotfiles/aws"),
    ] {
        let sandbox = Sandbox::new();
        let link = sandbox.home_path().join(link_at);
        if let Some(parent) = link.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::os::unix::fs::symlink(target, &link).expect("symlink");
        let run = run_hostile(label, &sandbox, &["check", "--offline"], BOUND);
        let out = run.stdout();
        let shown = format!("~/{link_at} is a symbolic link to");
        assert!(out.contains(&shown), "{label}:\n{out}");
        assert!(out.contains(target), "{label}: the target is named\n{out}");
        assert!(
            out.contains(&format!("ls -l ~/{link_at}")),
            "{label}:\n{out}"
        );
        assert!(!out.contains("credentials absent"), "{label}:\n{out}");
        assert!(!out.contains("fix: aws configure   #"), "{label}:\n{out}");
    }
}

/// An indented key line under a header fails aws-config's parse: that line
/// is the cause, and the profile is not "without credentials of any kind".
#[test]
fn an_indented_key_line_is_a_parse_error_not_an_empty_profile() {
    let sandbox = Sandbox::new().credentials(&format!(
        "[default]\n  aws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    ));
    let run = run_hostile("indented key", &sandbox, &["check", "--offline"], BOUND);
    let out = run.stdout();
    assert!(
        out.contains("~/.aws/credentials:2 cannot be parsed"),
        "{out}"
    );
    assert!(!out.contains("has no credentials of any kind"), "{out}");
    assert!(!out.contains("fix: aws configure --profile"), "{out}");
}

/// A byte-order mark orphans every line under the first header: one parse
/// finding at line 1 (where aws-config stops), the rest listed in it.
#[test]
fn a_byte_order_mark_is_one_parse_error_not_one_per_line() {
    let text = format!(
        "\u{feff}[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    );
    let sandbox = Sandbox::new().credentials(&text);
    let run = run_hostile("byte-order mark", &sandbox, &["check", "--offline"], BOUND);
    let out = run.stdout();
    assert!(out.contains("has a byte-order mark"), "{out}");
    assert_eq!(out.matches("(files.parse_error)").count(), 1, "{out}");
    assert!(
        out.contains("~/.aws/credentials:1 cannot be parsed"),
        "{out}"
    );
    assert!(out.contains("2 more lines after it"), "{out}");
}
