//! Unit tests of `files.rs`.

use super::*;

fn config(text: &str) -> AwsFile {
    AwsFile::parse_text(FileKind::Config, "/h/.aws/config", text)
}

#[test]
fn reads_sections_keys_and_lines() {
    let file = config("# top\n[default]\nregion = eu-west-1 # inline\n\n[profile dev]\nAWS_Access_Key_ID=AKIA#x\n");
    assert_eq!(file.sections.len(), 2);
    assert_eq!(
        file.sections[0].kind,
        SectionKind::Profile("default".into())
    );
    assert_eq!(file.sections[0].entries[0].value, "eu-west-1");
    assert_eq!(file.sections[0].entries[0].line, 3);
    let dev = &file.sections[1];
    assert_eq!(dev.kind, SectionKind::Profile("dev".into()));
    assert_eq!(dev.entries[0].key, "aws_access_key_id");
    assert_eq!(
        dev.entries[0].value, "AKIA#x",
        "a '#' without space before is data"
    );
    assert!(file.parse_problems.is_empty());
}

#[test]
fn applies_each_files_section_rules() {
    let cfg = config("[dev]\nx=1\n[sso-session corp]\n[services s]\n");
    assert!(matches!(
        cfg.sections[0].kind,
        SectionKind::Ignored {
            reason: IgnoredReason::MissingProfilePrefixInConfig,
            ..
        }
    ));
    assert_eq!(cfg.sections[1].kind, SectionKind::SsoSession("corp".into()));
    let creds = AwsFile::parse_text(FileKind::Credentials, "c", "[profile dev]\n[ok]\n");
    assert!(matches!(
        creds.sections[0].kind,
        SectionKind::Ignored {
            reason: IgnoredReason::ProfilePrefixInCredentials,
            ..
        }
    ));
    assert_eq!(creds.sections[1].kind, SectionKind::Profile("ok".into()));
}

#[test]
fn profile_default_shadows_plain_default_in_config() {
    let cfg = config("[default]\na=1\n[profile default]\nb=2\n");
    assert!(matches!(cfg.sections[0].kind, SectionKind::Ignored { .. }));
    assert_eq!(cfg.sections[1].kind, SectionKind::Profile("default".into()));
}

#[test]
fn reports_parse_problems_with_line_numbers() {
    let cfg = config("\u{feff}[default]\nregion\n[broken\n");
    let lines: Vec<usize> = cfg.parse_problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![1, 2, 3]);
    assert!(cfg.has_bom);
}

#[test]
fn profile_lookups_find_every_section_of_a_name_in_file_order() {
    let cfg = config(
        "[profile a]\nx = 1\n[profile b]\n[sso-session s]\nsso_region = r1\n\
         [profile a]\nx = 2\n[default]\n[sso-session s]\nsso_region = r2\n",
    );
    let lines: Vec<usize> = cfg.profile_sections("a").map(|s| s.line).collect();
    assert_eq!(lines, vec![1, 6]);
    assert_eq!(cfg.profile_sections("zzz").count(), 0);
    let mut names: Vec<&str> = cfg.profile_names().collect();
    names.sort_unstable();
    assert_eq!(names, vec!["a", "b", "default"]);
    let files = AwsFiles {
        config: cfg,
        credentials: AwsFile::parse_text(FileKind::Credentials, "c", ""),
    };
    assert_eq!(
        files
            .profile("a")
            .and_then(|p| p.get("x").map(String::from)),
        Some("2".into())
    );
    let session = files.sso_session("s").map(|s| s.line);
    assert_eq!(
        session,
        Some(9),
        "the last [sso-session s] is the one the SDK keeps"
    );
}

#[test]
fn crlf_files_read_like_lf_files() {
    let cfg = config("[default]\r\nregion = us-east-1\r\n");
    assert!(cfg.has_crlf);
    assert_eq!(cfg.sections[0].entries[0].value, "us-east-1");
}

#[test]
fn credentials_override_config_and_later_keys_win() {
    let files = AwsFiles {
        config: config("[profile dev]\nregion = a\nregion = b\n"),
        credentials: AwsFile::parse_text(
            FileKind::Credentials,
            "/h/.aws/credentials",
            "[dev]\nregion = c\n",
        ),
    };
    let dev = files.profile("dev").expect("dev exists");
    assert_eq!(dev.get("region"), Some("c"));
    assert_eq!(dev.location_of("region").map(|l| l.line), Some(2));
    assert_eq!(dev.sections.len(), 2);
    assert!(files.profile("nope").is_none());
    assert_eq!(files.profile_names(), vec!["dev".to_string()]);
}
