//! "Check every profile" at 40 profiles of mixed kinds: eight SSO profiles
//! sharing one expired login are one cause with one fix; every row can be
//! reached (the table scrolls to the selection); the selected row's problem
//! and fix are shown whole; Enter diagnoses that profile; no id on screen;
//! the export never cuts a cell. Snapshots at the four sizes.

use crate::support::sandbox::{KEY_ID, PLANTED_SLASH_SECRET};
use crate::support::screens::render;
use crate::support::world::{rfc3339, sso_cache_file};
use credwiz::diagnosis::Diagnosis;
use credwiz::inputs::environment::EnvSnapshot;
use credwiz::playbook::load::Library;
use credwiz::sweep::{SweepOptions, SweepReport};
use credwiz::tui::app::{Model, ProfilesSweep, Screen};
use credwiz::tui::theme::Theme;
use credwiz::tui::update::{update, Cmd, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

const SIZES: [(u16, u16); 4] = [(60, 15), (80, 24), (110, 34), (200, 50)];

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// 8 SSO profiles on one expired login, 20 static keys, 6 roles on a static
/// source, 4 roles on a missing source, 2 failing credential processes.
fn forty_profiles(home: &Path) {
    let aws = home.join(".aws");
    std::fs::create_dir_all(&aws).expect("mkdir");
    let mut config = String::from(
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
    );
    for n in 1..=8 {
        let _ = write!(config, "[profile sso-{n}]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n");
    }
    for n in 1..=6 {
        let _ = write!(config, "[profile role-{n}]\nrole_arn = arn:aws:iam::111122223333:role/app-{n}\nsource_profile = static-01\n");
    }
    for n in 1..=4 {
        let _ = write!(config, "[profile broken-{n}]\nrole_arn = arn:aws:iam::111122223333:role/b-{n}\nsource_profile = nowhere\n");
    }
    for n in 1..=2 {
        let _ = write!(
            config,
            "[profile proc-{n}]\ncredential_process = /bin/false\n"
        );
    }
    std::fs::write(aws.join("config"), config).expect("config");
    let mut credentials = String::new();
    for n in 1..=20 {
        let _ = write!(credentials, "[static-{n:02}]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n");
    }
    std::fs::write(aws.join("credentials"), credentials).expect("credentials");
    // Whole seconds, as the SDKs write it.
    let ago = SystemTime::now() - Duration::from_secs(3 * 86_400);
    let seconds = ago
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970");
    let expires_at = rfc3339(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds.as_secs()));
    let cache = home.join(sso_cache_file("corp"));
    std::fs::create_dir_all(cache.parent().expect("cache dir")).expect("mkdir cache");
    std::fs::write(
        cache,
        format!(r#"{{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "tok", "expiresAt": "{expires_at}"}}"#),
    )
    .expect("cache");
}

fn swept(home: &Path) -> SweepReport {
    let home_str = home.display().to_string();
    let env = EnvSnapshot::from_pairs([
        ("HOME", home_str.as_str()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_REGION", "eu-west-1"),
    ]);
    let options = SweepOptions {
        request: credwiz::diagnosis::DiagnoseRequest {
            offline: true,
            ..Default::default()
        },
        jobs: 2,
        profile_timeout: Duration::from_secs(20),
    };
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(credwiz::sweep::sweep(
            env,
            &options,
            std::sync::Arc::new(|_, _| {}),
        ))
}

fn on_the_table(report: SweepReport) -> Model {
    let mut model = Model::new(
        Library::shipped().expect("shipped playbooks"),
        None,
        Diagnosis::pending("default"),
        Theme { colour: false },
    );
    model.screen = Screen::Profiles(ProfilesSweep::Running { done: 0, total: 40 });
    update(&mut model, Msg::Swept(Box::new(report)));
    model
}

/// The screen without what differs between runs: the sweep's duration
/// the temporary HOME and the login's expiry time.
fn stable(screen: &str, home: &Path) -> String {
    let took = regex_lite::Regex::new(r"in \d+\.\d s").expect("pattern");
    let at = regex_lite::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").expect("pattern");
    let screen = screen.replace(&home.display().to_string(), "~");
    let screen = took.replace_all(&screen, "in N.N s");
    at.replace_all(&screen, "<three days ago>").into_owned()
}

/// No finding id, outcome id or provider type name on a screen for people.
fn assert_no_ids(screen: &str) {
    for id in [
        "sso.",
        "profile.",
        "files.",
        "process.",
        "chain.",
        "region.",
        "ProfileFile",
        "SsoProvider",
    ] {
        assert!(!screen.contains(id), "{id} on screen:\n{screen}");
    }
    assert!(!screen.contains(PLANTED_SLASH_SECRET), "{screen}");
}

#[test]
fn forty_profiles_one_login_fixes_eight_every_row_reachable_and_one_opens() {
    let home = tempfile::tempdir().expect("home");
    forty_profiles(home.path());
    let report = swept(home.path());
    assert_eq!(report.rows.len(), 40);
    let mut model = on_the_table(report);

    let screen = render(&model, 200, 50);
    assert!(
        screen.contains("One fix for 8 profiles (sso-1, sso-2, sso-3, …)"),
        "{screen}"
    );
    assert!(
        screen.contains("aws sso login --sso-session corp"),
        "{screen}"
    );
    for (width, height) in SIZES {
        let screen = render(&model, width, height);
        assert_no_ids(&screen);
        insta::assert_snapshot!(
            format!("sweep_table_{width}x{height}"),
            stable(&screen, home.path())
        );
    }
    // At 200 columns no reason cell is cut.
    let Screen::Profiles(ProfilesSweep::Done(table)) = &model.screen else {
        panic!("the table");
    };
    let rows = table.report.rows.clone();
    let table_lines: Vec<&str> = screen
        .lines()
        .filter(|l| {
            l.contains("│✗ ") || l.contains("│· ") || l.contains("│✓ ") || l.contains("│! ")
        })
        .collect();
    assert!(!table_lines.is_empty(), "{screen}");
    for line in table_lines {
        assert!(!line.contains('…'), "a reason cut at 200 columns: {line}");
    }

    // The last row is reachable on the smallest screen, and its detail shows.
    for _ in 0..rows.len() + 3 {
        update(&mut model, key(KeyCode::Down));
    }
    let last = &rows[rows.len() - 1];
    let screen = render(&model, 80, 24);
    assert!(screen.contains(&format!("{} (", last.profile)), "{screen}");
    for _ in 0..rows.len() {
        update(&mut model, key(KeyCode::Up));
    }
    // One row opened: the second row selected, its problem and fix whole.
    update(&mut model, key(KeyCode::Down));
    for (width, height) in SIZES {
        let screen = render(&model, width, height);
        assert_no_ids(&screen);
        insta::assert_snapshot!(
            format!("sweep_row_opened_{width}x{height}"),
            stable(&screen, home.path())
        );
    }
    let cmds = update(&mut model, key(KeyCode::Enter));
    let [Cmd::Diagnose { request, .. }] = cmds.as_slice() else {
        panic!("Enter diagnoses the profile: {cmds:?}");
    };
    assert_eq!(request.profile.as_deref(), Some(rows[1].profile.as_str()));
    assert!(
        matches!(model.screen, Screen::Survey(_)),
        "{:?}",
        model.screen
    );
}

#[test]
fn the_sweep_export_never_cuts_a_cell() {
    let home = tempfile::tempdir().expect("home");
    forty_profiles(home.path());
    let model = on_the_table(swept(home.path()));
    let markdown = credwiz::tui::transcript::markdown(&model);
    assert!(markdown.contains("sso-8"), "{markdown}");
    // Table rows are whole ("…" only lists the names of a large group).
    for row in markdown.lines().filter(|l| l.starts_with('|')) {
        assert!(!row.contains('…'), "a cut cell: {row}");
    }
    assert!(!markdown.contains(PLANTED_SLASH_SECRET));
}
