//! Property tests for every parser of untrusted text: the AWS file reader,
//! the credential_process and SSO cache JSON readers, the error-text fact
//! extractor, the S3 URL and curl parser and the playbook loader. Arbitrary
//! text and structured mutations of valid input: no panic, time linear in
//! the input, and a planted secret never in what the parser reports.
//!
//! Case counts: `PROPTEST_CASES` (default 256 per property here).

use credwiz::findings::Finding;
use credwiz::inputs::environment::EnvSnapshot;
use credwiz::inputs::files::{AwsFile, AwsFiles, FileKind};
use credwiz::inputs::s3::request::S3Request;
use credwiz::probes::credential_process::{validate_output, ProcessOutcome};
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

const SECRET: &str = "wJalrXUtn/FEMI/K7MDENG+bPxRfiCYzPLANTED0";
const KEY_ID: &str = "AKIAZ7VQXJ4PLM2RTW5Y";

/// 256 cases unless `PROPTEST_CASES` says otherwise; no failure files.
pub(crate) fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn rendered(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{} {} {}", f.title, f.evidence, f.fix))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines an AWS file is made of, valid and broken, with the secret planted.
fn aws_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[default]".to_string()),
        "[profile [a-z;$ ]{1,12}]",
        "\\[[a-z -]{0,10}",
        Just(format!("aws_access_key_id = {KEY_ID}")),
        Just(format!("aws_secret_access_key = {SECRET}")),
        Just(format!("aws_secret_access_key = \"{SECRET}\" ")),
        Just(format!("aws_session_token={SECRET}")),
        "[a-z_]{1,20} ?= ?[ -~]{0,30}",
        "  [a-z_]{1,10} = [ -~]{0,20}",
        "[#;][ -~]{0,20}",
        "\\PC{0,40}",
        Just("\u{feff}[default]".to_string()),
        Just("region = eu-west-1\r".to_string()),
    ]
}

fn aws_file_text() -> impl Strategy<Value = String> {
    prop::collection::vec(aws_line(), 0..40).prop_map(|lines| lines.join("\n"))
}

fn findings_for(config_text: &str, credentials_text: &str) -> String {
    let files = AwsFiles {
        config: AwsFile::parse_text(FileKind::Config, "/h/.aws/config", config_text),
        credentials: AwsFile::parse_text(
            FileKind::Credentials,
            "/h/.aws/credentials",
            credentials_text,
        ),
    };
    let mut out = rendered(&credwiz::rules::files::findings(&files));
    for name in files.profile_names() {
        if let Some(profile) = files.profile(&name) {
            out.push_str(&format!("{name} {}", profile.sections.len()));
        }
    }
    out
}

/// Time of `f` on input of size n and 10n stays within a linear factor.
fn assert_linear(what: &str, small: &str, large: &str, f: impl Fn(&str)) {
    let time = |text: &str| {
        let started = Instant::now();
        f(text);
        started.elapsed()
    };
    // Warm up, then take the best of seven to ride out a busy machine (the
    // suite runs next to tmux sessions on two shared cores).
    time(small);
    let best = |text: &str| (0..7).map(|_| time(text)).min().unwrap_or_default();
    let (t_small, t_large) = (best(small), best(large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 40.0 || t_large < Duration::from_millis(50),
        "{what}: 10× the input took {ratio:.1}× the time ({t_small:?} → {t_large:?})"
    );
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn aws_files_never_panic_or_leak(config_text in aws_file_text(), credentials_text in aws_file_text()) {
        let out = findings_for(&config_text, &credentials_text);
        prop_assert!(!out.contains(SECRET), "{}", out);
        prop_assert!(!out.contains(KEY_ID), "{}", out);
    }

    #[test]
    fn aws_files_take_any_text(text in "\\PC{0,400}") {
        findings_for(&text, &text);
    }

    #[test]
    fn credential_process_output_never_panics_or_leaks(
        body in prop::collection::vec(
            prop_oneof![
                Just("\"Version\": 1".to_string()),
                Just("\"Version\": 2".to_string()),
                Just(format!("\"AccessKeyId\": \"{KEY_ID}\"")),
                Just(format!("\"SecretAccessKey\": \"{SECRET}\"")),
                Just(format!("\"SessionToken\": \"{SECRET}\"")),
                "\"Expiration\": \"[0-9TZ:-]{0,25}\"",
                "\"[A-Za-z]{1,12}\": [0-9a-z\"]{0,12}",
                "\\PC{0,20}",
            ],
            0..8,
        ),
        wrap in any::<bool>(),
    ) {
        let inner = body.join(", ");
        let text = if wrap { format!("{{{inner}}}") } else { inner };
        let outcome = validate_output(&text, SystemTime::now());
        let shown = match &outcome {
            ProcessOutcome::BadOutput { problem, .. } => problem.clone(),
            other => format!("{:?}", std::mem::discriminant(other)),
        };
        prop_assert!(!shown.contains(SECRET), "{}", shown);
        let findings = credwiz::rules::process::findings(&outcome, "dev", "~/.aws/config:2");
        let out = rendered(&findings);
        prop_assert!(!out.contains(SECRET), "{}", out);
    }

    #[test]
    fn sso_cache_files_never_panic_or_leak(
        fields in prop::collection::vec(
            prop_oneof![
                Just(format!("\"accessToken\": \"{SECRET}\"")),
                Just(format!("\"expiresAt\": \"{SECRET}\"")),
                "\"expiresAt\": \"[0-9TZ:.-]{0,30}\"",
                Just(format!("\"refreshToken\": \"{SECRET}\"")),
                "\"[a-zA-Z]{1,15}\": [0-9a-z\"]{0,12}",
                "\\PC{0,20}",
            ],
            0..6,
        ),
    ) {
        let home = tempfile::tempdir().expect("home");
        let name = {
            use sha1::Digest;
            let digest = sha1::Sha1::digest(b"corp");
            digest.iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        let cache = home.path().join(".aws/sso/cache");
        std::fs::create_dir_all(&cache).expect("mkdir");
        std::fs::write(cache.join(format!("{name}.json")), format!("{{{}}}", fields.join(", "))).expect("write");
        let env = EnvSnapshot::from_pairs([("HOME", home.path().to_string_lossy().to_string())]);
        let files = AwsFiles {
            config: AwsFile::parse_text(FileKind::Config, "/h/.aws/config", "[profile sso]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"),
            credentials: AwsFile::parse_text(FileKind::Credentials, "/h/.aws/credentials", ""),
        };
        let profile = files.profile("sso").expect("profile");
        let state = credwiz::probes::sso_cache::token_state(&env, &profile, SystemTime::now());
        let out = rendered(&credwiz::rules::sso::findings(&state, &profile, &files, SystemTime::now()));
        prop_assert!(!out.contains(SECRET), "{}", out);
    }

    #[test]
    fn error_texts_never_panic(text in "\\PC{0,600}") {
        let _ = credwiz::inputs::error_facts::extract(&text);
    }

    #[test]
    fn s3_urls_and_curl_commands_never_panic_or_leak(
        host in prop_oneof![
            Just("b.s3.amazonaws.com".to_string()),
            Just("s3.eu-west-1.amazonaws.com".to_string()),
            "[a-z0-9.-]{1,30}",
            "\\PC{0,20}",
        ],
        path in "[ -~]{0,30}",
        query in prop::collection::vec(
            prop_oneof![
                Just(format!("X-Amz-Signature={SECRET}")),
                Just(format!("X-Amz-Security-Token={}", SECRET.replace('/', "%2F").replace('+', "%2B"))),
                Just(format!("X-Amz-Credential={KEY_ID}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request")),
                "X-Amz-(Date|Expires)=[0-9TZ-]{0,25}",
                "[A-Za-z-]{1,12}=[ -~]{0,12}",
            ],
            0..6,
        ),
        curl in any::<bool>(),
    ) {
        let url = format!("https://{host}/{path}?{}", query.join("&"));
        let parsed = if curl {
            S3Request::from_curl(&format!("curl -H 'x-amz-security-token: {SECRET}' '{url}'"))
        } else {
            S3Request::from_url::<&str>(&url, &[])
        };
        if let Ok(request) = parsed {
            let inspection = credwiz::rules::s3::inspection::inspect(&request, SystemTime::now());
            let text = credwiz::report::s3::human(&inspection);
            let out = request.scrubber().scrub(&text).into_owned();
            prop_assert!(!out.contains(SECRET), "{}", out);
            prop_assert!(!out.contains(KEY_ID), "{}", out);
        }
    }

    #[test]
    fn s3_parsers_take_any_text(text in "\\PC{0,300}") {
        let _ = S3Request::from_url::<&str>(&text, &[]);
        let _ = S3Request::from_curl(&text);
        let _ = S3Request::from_curl(&format!("curl {text}"));
    }

    #[test]
    fn playbooks_never_panic(
        lines in prop::collection::vec(
            prop_oneof![
                Just("id = \"p\"".to_string()),
                Just("title = \"t\"".to_string()),
                Just("summary = \"s\"".to_string()),
                Just("start = \"a\"".to_string()),
                Just("[nodes.a]".to_string()),
                Just("kind = \"check\"".to_string()),
                Just("kind = \"end\"".to_string()),
                Just("check = \"env_keys\"".to_string()),
                Just("default = \"a\"".to_string()),
                "[a-z_.\\[\\]]{1,12} = \"[ -~]{0,12}\"",
                "\\PC{0,30}",
            ],
            0..30,
        ),
    ) {
        let text = lines.join("\n");
        if let Ok(playbook) = credwiz::playbook::load::parse(&text, Path::new("p.toml")) {
            let _ = credwiz::playbook::validate::validate(&playbook, Path::new("p.toml"));
        }
    }
}

#[test]
fn every_parser_is_linear_in_its_input() {
    let unit = format!(
        "[profile p]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\nrole_arn = arn:aws:iam::1:role/r\n# c\n"
    );
    let (small, large) = (unit.repeat(200), unit.repeat(2000));
    assert_linear("AWS file reader", &small, &large, |t| {
        findings_for(t, "");
    });
    let error = "An error occurred (AccessDenied) when calling GetObject: User: arn:aws:iam::123:user/x is not authorized https://b.s3.amazonaws.com/k?X-Amz-Date=20240101T000000Z ";
    let (small, large) = (error.repeat(100), error.repeat(1000));
    assert_linear("error-text extractor", &small, &large, |t| {
        credwiz::inputs::error_facts::extract(t);
    });
    let json_small = format!("{{\"Version\": 1, \"AccessKeyId\": \"{KEY_ID}\", \"SecretAccessKey\": \"{SECRET}\", \"Pad\": \"{}\"}}", "x".repeat(10_000));
    let json_large = format!("{{\"Version\": 1, \"AccessKeyId\": \"{KEY_ID}\", \"SecretAccessKey\": \"{SECRET}\", \"Pad\": \"{}\"}}", "x".repeat(100_000));
    assert_linear("credential_process reader", &json_small, &json_large, |t| {
        validate_output(t, SystemTime::now());
    });
    let url_small = format!("https://b.s3.amazonaws.com/{}?a=1", "k/".repeat(1_000));
    let url_large = format!("https://b.s3.amazonaws.com/{}?a=1", "k/".repeat(10_000));
    assert_linear("S3 URL parser", &url_small, &url_large, |t| {
        if let Ok(request) = S3Request::from_url::<&str>(t, &[]) {
            credwiz::rules::s3::inspection::inspect(&request, SystemTime::now());
        }
    });
    let node = |i: usize| {
        format!("[nodes.n{i}]\nkind = \"check\"\ntitle = \"t\"\nexplain = \"x\"\ncheck = \"env_keys\"\ndefault = \"n{}\"\n\n", i + 1)
    };
    let playbook = |n: usize| {
        let mut text =
            String::from("id = \"p\"\ntitle = \"t\"\nsummary = \"s\"\nstart = \"n0\"\n\n");
        for i in 0..n {
            text.push_str(&node(i));
        }
        text.push_str(&format!("[nodes.n{n}]\nkind = \"end\"\ntitle = \"e\"\nseverity = \"ok\"\ndiagnosis = \"d\"\nfix = []\n"));
        text
    };
    assert_linear("playbook loader", &playbook(200), &playbook(2000), |t| {
        if let Ok(p) = credwiz::playbook::load::parse(t, Path::new("p.toml")) {
            let _ = credwiz::playbook::validate::validate(&p, Path::new("p.toml"));
        }
    });
}

/// `credwiz run` walks a playbook in time linear in its length: the step
/// loop never rescans the steps already taken (a 100,000-node chain once
/// took minutes that way).
#[test]
fn a_walk_is_linear_in_the_playbook_length() {
    use credwiz::engine::walk::{walk, AnswerRules};
    let chain = |n: usize| {
        let mut text =
            String::from("id = \"p\"\ntitle = \"t\"\nsummary = \"s\"\nstart = \"n0\"\n\n");
        for i in 0..n {
            text.push_str(&format!("[nodes.n{i}]\nkind = \"check\"\ntitle = \"t\"\nexplain = \"x\"\ncheck = \"env_keys\"\ndefault = \"n{}\"\n\n", i + 1));
        }
        text.push_str(&format!("[nodes.n{n}]\nkind = \"end\"\ntitle = \"e\"\nseverity = \"ok\"\ndiagnosis = \"d\"\nfix = []\n"));
        credwiz::playbook::load::parse(&text, Path::new("p.toml")).expect("a valid chain")
    };
    let (small, large) = (chain(1_000), chain(10_000));
    let diagnosis = credwiz::diagnosis::Diagnosis::pending("default");
    let answers = std::collections::BTreeMap::new();
    let time = |playbook| {
        let started = Instant::now();
        let report = walk(playbook, &diagnosis, &answers, AnswerRules::default());
        assert!(report.end.is_some(), "the walk ends: {:?}", report.error);
        started.elapsed()
    };
    time(&small);
    let best = |playbook| (0..3).map(|_| time(playbook)).min().unwrap_or_default();
    let (t_small, t_large) = (best(&small), best(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 30.0 || t_large < Duration::from_millis(50),
        "10× the nodes took {ratio:.1}× the time ({t_small:?} → {t_large:?})"
    );
}
