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
