//! The wizard's update function, driven with key and result messages: no
//! terminal, no network. Check results are made by hand so each test picks
//! its own path through the shipped `no-credentials` playbook.

use credwiz::checks::registry::Mark;
use credwiz::checks::registry::CHECKS;
use credwiz::checks::runner::Evidence;
use credwiz::diagnosis::Diagnosis;
use credwiz::engine::session::Taken;
use credwiz::playbook::load::Library;
use credwiz::tui::app::{Model, Screen, StartItem, Walk};
use credwiz::tui::theme::Theme;
use credwiz::tui::update::{init, update, Cmd, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A wizard that stops at every check (`--every-step`), so each test picks
/// its own path one Enter at a time; `passing_model` passes checks by.
fn model() -> Model {
    let mut model = passing_model();
    model.every_step = true;
    model
}

fn passing_model() -> Model {
    let library = Library::shipped().expect("shipped playbooks load");
    crate::on_first_family(Model::new(
        library,
        None,
        Diagnosis::pending("default"),
        Theme { colour: false },
    ))
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

fn evidence(check: &str, outcome: &'static str) -> Evidence {
    Evidence {
        check: check.into(),
        outcome,
        mark: Mark::Ok,
        summary: format!("{check} said {outcome}"),
        findings: Vec::new(),
        not_tried: false,
    }
}

fn walk(model: &Model) -> &Walk {
    match &model.screen {
        Screen::Walk(walk) => walk,
        other => panic!("expected a walk, got {other:?}"),
    }
}

fn current(model: &Model) -> String {
    walk(model).session.current().clone()
}

/// The diagnosis arrives for the generation the model asked for.
fn diagnosed(model: &mut Model) -> Vec<Cmd> {
    let generation = model.diagnosis_generation;
    update(
        model,
        Msg::Diagnosed {
            generation,
            diagnosis: Box::new(Diagnosis::pending("default")),
        },
    )
}

/// The one Evaluate command in `cmds`: (check, session gen, diagnosis gen).
fn evaluate(cmds: &[Cmd]) -> (String, u64, u64) {
    let found: Vec<_> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Evaluate {
                check,
                session_generation,
                diagnosis_generation,
                ..
            } => Some((check.clone(), *session_generation, *diagnosis_generation)),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "expected one Evaluate in {cmds:?}");
    found[0].clone()
}

/// Reports `outcome` for the evaluation `cmds` asked for.
fn report(model: &mut Model, cmds: &[Cmd], outcome: &'static str) -> Vec<Cmd> {
    let (check, session_generation, diagnosis_generation) = evaluate(cmds);
    update(
        model,
        Msg::Checked {
            session_generation,
            diagnosis_generation,
            evidence: evidence(&check, outcome),
        },
    )
}

/// A model at the first step of no-credentials (do the SDKs agree?) with the
/// diagnosis in; returns the commands of that step.
fn at_lens_gate() -> (Model, Vec<Cmd>) {
    let mut m = model();
    let cmds = init(&mut m);
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::Diagnose { generation: 1, .. }]
    ));
    assert!(
        diagnosed(&mut m).is_empty(),
        "nothing to evaluate on the start screen"
    );
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "lenses");
    assert_eq!(evaluate(&cmds).0, "sdk_lens");
    (m, cmds)
}

/// Past the gate where every SDK agrees: at the chain step, with its commands.
fn at_first_step() -> (Model, Vec<Cmd>) {
    let (mut m, cmds) = at_lens_gate();
    report(&mut m, &cmds, "same");
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "chain");
    (m, cmds)
}

#[test]
fn a_check_step_waits_for_the_first_diagnosis_then_evaluates_on_it() {
    let mut m = model();
    init(&mut m);
    assert!(
        update(&mut m, key(KeyCode::Enter)).is_empty(),
        "no diagnosis yet"
    );
    assert!(walk(&m).waiting());
    assert!(m.busy());
    let cmds = diagnosed(&mut m);
    assert_eq!(evaluate(&cmds).0, "sdk_lens");
    report(&mut m, &cmds, "same");
    assert_eq!(walk(&m).evidence.as_ref().map(|e| e.outcome), Some("same"));
    assert!(!m.busy());
    // Enter follows the branch the evidence chose.
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "chain");
    assert_eq!(evaluate(&cmds).0, "resolved_provider");
    report(&mut m, &cmds, "none");
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "env");
    assert_eq!(evaluate(&cmds).0, "env_keys");
    assert_eq!(walk(&m).trail.len(), 2);
}

#[test]
fn enter_before_the_result_does_not_move() {
    let (mut m, _) = at_first_step();
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "chain");
    assert!(m.status.as_deref().unwrap_or("").contains("Still checking"));
}

#[test]
fn back_drops_the_result_of_the_step_that_was_left() {
    let (mut m, cmds) = at_first_step();
    report(&mut m, &cmds, "none");
    let at_env = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "env");
    // Esc before env_keys reports: the result on its way is stale.
    let back = update(&mut m, key(KeyCode::Esc));
    assert_eq!(current(&m), "chain");
    assert_eq!(walk(&m).trail.len(), 1, "only the gate before chain");
    report(&mut m, &at_env, "partial");
    assert_eq!(current(&m), "chain");
    assert!(
        walk(&m).evidence.is_none(),
        "the stale env_keys result was dropped"
    );
    // The fresh evaluation for "chain" still counts.
    assert_eq!(evaluate(&back).0, "resolved_provider");
    report(&mut m, &back, "none");
    assert_eq!(walk(&m).evidence.as_ref().map(|e| e.outcome), Some("none"));
}

#[test]
fn backspace_at_the_first_step_returns_to_the_start_screen() {
    let (mut m, _) = at_lens_gate();
    update(&mut m, key(KeyCode::Backspace));
    assert!(matches!(m.screen, Screen::Start(_)));
}

#[test]
fn restart_goes_to_the_first_step_and_drops_old_results() {
    let (mut m, cmds) = at_first_step();
    report(&mut m, &cmds, "none");
    let cmds = update(&mut m, key(KeyCode::Enter));
    report(&mut m, &cmds, "none");
    let at_profile = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "profile");
    let restarted = update(&mut m, ch('R'));
    assert_eq!(current(&m), "lenses");
    assert!(walk(&m).session.history().is_empty());
    assert!(walk(&m).trail.is_empty());
    report(&mut m, &at_profile, "named_missing");
    assert_eq!(current(&m), "lenses");
    assert!(walk(&m).evidence.is_none());
    assert_eq!(evaluate(&restarted).0, "sdk_lens");
}

#[test]
fn rerun_starts_a_new_diagnosis_and_drops_results_of_the_old_one() {
    let (mut m, first) = at_first_step();
    let cmds = update(&mut m, ch('r'));
    assert!(matches!(
        cmds.as_slice(),
        [Cmd::Diagnose { generation: 2, .. }]
    ));
    assert!(m.diagnosing);
    // The evaluation on the old diagnosis reports late: dropped.
    report(&mut m, &first, "none");
    assert!(walk(&m).evidence.is_none());
    // So is the old diagnosis itself, if it arrives after the new one started.
    let stale = update(
        &mut m,
        Msg::Diagnosed {
            generation: 1,
            diagnosis: Box::new(Diagnosis::pending("stale")),
        },
    );
    assert!(stale.is_empty());
    assert!(m.diagnosing);
    assert_eq!(m.diagnosis.profile.name, "default");
    let cmds = diagnosed(&mut m);
    let (check, _, diagnosis_generation) = evaluate(&cmds);
    assert_eq!(
        (check.as_str(), diagnosis_generation),
        ("resolved_provider", 2)
    );
    report(&mut m, &cmds, "none");
    assert!(walk(&m).evidence.is_some());
}

/// Walks chain → env → profile → files → where.
fn at_where() -> Model {
    let (mut m, mut cmds) = at_first_step();
    for outcome in ["none", "none", "default_absent", "absent"] {
        report(&mut m, &cmds, outcome);
        cmds = update(&mut m, key(KeyCode::Enter));
    }
    assert_eq!(current(&m), "where");
    assert_eq!(evaluate(&cmds).0, "runtime", "the ask node's detect check");
    report(&mut m, &cmds, "container");
    m
}

#[test]
fn ask_node_preselects_the_detected_answer_and_enter_answers() {
    let mut m = at_where();
    assert_eq!(walk(&m).session.detected_option(), Some("container"));
    assert_eq!(walk(&m).selected, 1, "the detected option is highlighted");
    update(&mut m, key(KeyCode::Up));
    assert_eq!(walk(&m).selected, 0);
    update(&mut m, ch('j'));
    update(&mut m, ch('j'));
    assert_eq!(walk(&m).selected, 2);
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "imds");
    assert_eq!(
        walk(&m).session.history().last().map(|s| s.taken.clone()),
        Some(Taken::Answer("ec2".into()))
    );
    assert_eq!(evaluate(&cmds).0, "imds");
}

#[test]
fn end_node_copies_and_exports_the_fix() {
    let mut m = at_where();
    update(&mut m, key(KeyCode::Up));
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "never_configured");
    assert!(walk(&m).session.at_end().is_some());
    let cmds = update(&mut m, ch('c'));
    let copied = match cmds.as_slice() {
        [Cmd::Copy(text)] => text.clone(),
        other => panic!("expected a copy, got {other:?}"),
    };
    assert!(
        copied.starts_with("aws configure sso --profile default\n"),
        "{copied}"
    );
    let status = m.status.clone().unwrap_or_default();
    assert!(
        status.contains("Copied 4 lines")
            && status.contains("If nothing arrived, select the block below"),
        "{status}"
    );
    let shown = m.copied.clone().unwrap_or_default();
    assert!(
        shown
            .iter()
            .any(|l| l == "aws configure sso --profile default"),
        "{shown:?}"
    );
    let cmds = update(&mut m, ch('e'));
    let markdown = match cmds.as_slice() {
        [Cmd::Export(markdown, _)] => markdown.clone(),
        other => panic!("expected an export, got {other:?}"),
    };
    for expected in [
        "# credwiz: No credentials found",
        "1. **Do Python, Node.js and Rust programs get the same credentials here?** → every SDK agrees",
        "2. **What does the default chain resolve here?** → nothing resolved",
        "resolved_provider said none",
        "6. **Where does the failing program run?** → Right here",
        "## Diagnosis: Nothing is configured on this machine",
        "aws configure sso --profile default",
    ] {
        assert!(
            markdown.contains(expected),
            "missing {expected:?} in\n{markdown}"
        );
    }
    update(&mut m, Msg::Exported(Ok("/tmp/t.md".into())));
    assert_eq!(m.status.as_deref(), Some("Transcript saved to /tmp/t.md"));
}

#[test]
fn copy_before_the_end_says_where_the_fix_is() {
    let (mut m, _) = at_first_step();
    assert!(update(&mut m, ch('c')).is_empty());
    assert!(m.status.as_deref().unwrap_or("").contains("No fix to copy"));
}

#[test]
fn help_toggles_and_swallows_other_keys() {
    let (mut m, cmds) = at_first_step();
    report(&mut m, &cmds, "none");
    update(&mut m, ch('?'));
    assert!(m.help);
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "chain", "Enter under help does nothing");
    update(&mut m, key(KeyCode::Esc));
    assert!(!m.help);
    assert_eq!(
        current(&m),
        "chain",
        "Esc closed help instead of going back"
    );
    update(&mut m, ch('?'));
    update(&mut m, ch('?'));
    assert!(!m.help);
}

#[test]
fn quit_and_sigterm_end_the_loop() {
    let mut m = model();
    update(&mut m, ch('q'));
    assert!(m.should_quit);
    let mut m = model();
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(m.should_quit);
    let mut m = model();
    update(&mut m, Msg::Terminate);
    assert!(m.should_quit);
}

fn start_selected(m: &Model) -> StartItem {
    match &m.screen {
        Screen::Start(start) => m.start_items()[start.selected],
        other => panic!("expected the start screen, got {other:?}"),
    }
}

#[test]
fn paste_triage_picks_the_playbook_and_says_why() {
    let mut m = model();
    init(&mut m);
    update(&mut m, ch('p'));
    // Bracketed paste, then a typed character: `q` is text here, not quit.
    update(
        &mut m,
        Msg::Paste("botocore.exceptions.NoCredentialsError: Unable to locate credentials".into()),
    );
    update(&mut m, ch('q'));
    update(&mut m, key(KeyCode::Backspace));
    assert!(!m.should_quit);
    let cmds = update(&mut m, key(KeyCode::Enter));
    match cmds.as_slice() {
        [Cmd::Diagnose {
            generation: 2,
            request,
        }] => assert!(request
            .error_text
            .as_deref()
            .is_some_and(|text| text.contains("NoCredentialsError"))),
        other => panic!("expected a diagnosis with the error text, got {other:?}"),
    }
    let Screen::Start(start) = &m.screen else {
        panic!("still on the start screen");
    };
    let triage = start.triage.clone().expect("triage ran");
    assert_eq!(triage.picked, ["no-credentials"]);
    assert!(
        triage.reason.contains("\"NoCredentialsError\""),
        "{}",
        triage.reason
    );
    assert!(start.paste.is_none(), "the paste box closed");
    let index = m.library.iter().position(|p| p.id == "no-credentials");
    assert_eq!(Some(start_selected(&m)), index.map(StartItem::Playbook));
    diagnosed(&mut m);
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(walk(&m).session.playbook().id, "no-credentials");
}

#[test]
fn paste_without_a_match_walks_what_the_diagnosis_chooses_and_redacts_secrets() {
    let mut m = model();
    update(
        &mut m,
        Msg::Paste("weird failure sig=AbCdEf0123456789GhIjKlMnOpQrStUvWxYz0123".into()),
    );
    update(&mut m, key(KeyCode::Enter));
    // Until the diagnosis is in, "check everything" is offered.
    assert_eq!(start_selected(&m), StartItem::Everything);
    let text = m.error_text.clone().unwrap_or_default();
    assert!(text.starts_with("weird failure"));
    assert!(
        !text.contains("AbCdEf0123456789GhIjKlMnOpQrStUvWxYz0123"),
        "{text}"
    );
    // Then the diagnosis chooses the walk, as `credwiz run` would, and says so.
    diagnosed(&mut m);
    let index = m.library.iter().position(|p| p.id == "no-credentials");
    assert_eq!(Some(start_selected(&m)), index.map(StartItem::Playbook));
    let Screen::Start(start) = &m.screen else {
        panic!("still on the start screen");
    };
    let reason = start.triage.clone().map(|t| t.reason).unwrap_or_default();
    assert!(
        reason.starts_with("No playbook matched the text of your error"),
        "{reason}"
    );
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(walk(&m).session.playbook().id, "no-credentials");
}

#[test]
fn escape_closes_the_paste_box_without_triage() {
    let mut m = model();
    update(&mut m, ch('p'));
    update(&mut m, ch('x'));
    assert!(update(&mut m, key(KeyCode::Esc)).is_empty());
    let Screen::Start(start) = &m.screen else {
        panic!("start screen");
    };
    assert!(start.paste.is_none() && start.triage.is_none());
}

#[test]
fn check_everything_opens_on_the_summary_and_a_finding_opens_its_walk() {
    use credwiz::findings::{Finding, FindingId};
    let mut m = model();
    init(&mut m);
    let last = m.start_items().len() - 1;
    for _ in 1..last {
        update(&mut m, key(KeyCode::Down));
    }
    update(&mut m, key(KeyCode::Enter));
    let survey = |m: &Model| match &m.screen {
        Screen::Survey(s) => s.clone(),
        other => panic!("expected the survey, got {other:?}"),
    };
    assert!(survey(&m).evidence.is_empty(), "waiting for the diagnosis");
    let mut found = Diagnosis::pending("default");
    found.findings = vec![
        Finding::new(FindingId::ProcessFailed, "the helper failed", "e", "f"),
        Finding::new(FindingId::RegionMissing, "no region", "e", "f"),
    ];
    let generation = m.diagnosis_generation;
    update(
        &mut m,
        Msg::Diagnosed {
            generation,
            diagnosis: Box::new(found),
        },
    );
    assert_eq!(survey(&m).evidence.len(), CHECKS.len());
    assert_eq!(survey(&m).position, CHECKS.len(), "it opens on the summary");
    // The last line pages through every check, and they lead back to it.
    for _ in 0..2 {
        update(&mut m, key(KeyCode::Down));
    }
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(survey(&m).position, 0);
    update(&mut m, key(KeyCode::Esc));
    assert_eq!(survey(&m).position, CHECKS.len(), "Esc on the first page");
    update(&mut m, key(KeyCode::Enter));
    for _ in 0..CHECKS.len() {
        update(&mut m, key(KeyCode::Enter));
    }
    assert_eq!(survey(&m).position, CHECKS.len(), "back at the summary");
    // Enter on the first problem opens the walk that explains it.
    for _ in 0..2 {
        update(&mut m, key(KeyCode::Up));
    }
    update(&mut m, key(KeyCode::Enter));
    let playbook = walk(&m).session.playbook().clone();
    assert!(playbook.explains("process.failed"), "{}", playbook.id);
}

const SIGNATURE_TRACEBACK: &str = r#"Traceback (most recent call last):
  File "/srv/app/publish.py", line 18, in <module>
    s3.upload_file("report.csv", "acme-reports", "2026/report.csv")
boto3.exceptions.S3UploadFailedError: Failed to upload report.csv to acme-reports/2026/report.csv: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method."#;

/// Pastes `text` on the start screen and submits it; returns the commands.
fn paste_and_submit(m: &mut Model, text: &str) -> Vec<Cmd> {
    update(m, ch('p'));
    update(m, Msg::Paste(text.into()));
    update(m, key(KeyCode::Enter))
}

#[test]
fn a_pasted_signature_error_walks_the_signature_branch_and_probes_its_bucket() {
    let mut m = model();
    init(&mut m);
    let cmds = paste_and_submit(&mut m, SIGNATURE_TRACEBACK);
    let [Cmd::Diagnose { request, .. }] = cmds.as_slice() else {
        panic!("expected a diagnosis, got {cmds:?}");
    };
    assert_eq!(request.error_facts.bucket.as_deref(), Some("acme-reports"));
    assert_eq!(
        request.error_facts.codes,
        ["SignatureDoesNotMatch".to_string()]
    );
    let cmds = diagnosed(&mut m);
    assert!(cmds.is_empty(), "nothing to evaluate on the start screen");
    // Enter only, from here to the S3 probe (every SDK agrees in the
    // pending diagnosis, so the walk passes the lens question by).
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "lenses");
    report(&mut m, &cmds, "same");
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "code");
    let w = walk(&m);
    assert_eq!(
        w.session.suggested_option(),
        Some((
            "signature_does_not_match",
            credwiz::engine::session::Suggestion::FromError
        ))
    );
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "bucket");
    assert_eq!(walk(&m).input, "acme-reports");
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "s3_live");
    match cmds.as_slice() {
        [Cmd::Diagnose { request, .. }] => {
            assert_eq!(request.s3_bucket.as_deref(), Some("acme-reports"));
        }
        other => panic!("the S3 probe must be asked for the bucket, got {other:?}"),
    }
    assert_eq!(
        walk(&m).session.history()[1].taken,
        Taken::Answer("signature_does_not_match".into())
    );
    // The probe's check runs once that diagnosis is in.
    let cmds = diagnosed(&mut m);
    assert_eq!(evaluate(&cmds).0, "s3_access");
    let markdown = match update(&mut m, ch('e')).as_slice() {
        [Cmd::Export(markdown, _)] => markdown.clone(),
        other => panic!("expected an export, got {other:?}"),
    };
    assert!(
        markdown.contains("What credwiz read from it: SignatureDoesNotMatch · PutObject on s3 · bucket acme-reports · key 2026/report.csv"),
        "{markdown}"
    );
    assert!(markdown.contains("→ acme-reports"), "{markdown}");
}

#[test]
fn a_pasted_python_traceback_shows_python_in_the_panel() {
    let mut m = model();
    paste_and_submit(
        &mut m,
        "Traceback (most recent call last):\n  File \"sync.py\", line 9, in <module>\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials",
    );
    assert_eq!(
        m.error_facts.program,
        Some(credwiz::inputs::program::Program::Boto3)
    );
    let screen = crate::support::screens::render(&m, 100, 30);
    assert!(screen.contains("program  Python (boto3)"), "{screen}");
    assert!(
        screen.contains("From your error: NoCredentialsError"),
        "{screen}"
    );
}

#[test]
fn an_input_node_checks_the_value_and_a_changed_bucket_reruns_the_diagnosis() {
    let mut m = model();
    init(&mut m);
    paste_and_submit(
        &mut m,
        "An error occurred (SignatureDoesNotMatch) when calling the ListBuckets operation",
    );
    diagnosed(&mut m);
    let gate = update(&mut m, key(KeyCode::Enter));
    report(&mut m, &gate, "same");
    update(&mut m, key(KeyCode::Enter));
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "bucket");
    assert_eq!(walk(&m).input, "", "nothing to pre-fill from this error");
    // Letters that are also key bindings type into the value.
    for c in "Bad_Bucket".chars() {
        update(&mut m, ch(c));
    }
    assert!(!m.should_quit && !m.help);
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert!(cmds.is_empty());
    assert_eq!(current(&m), "bucket");
    let refused = walk(&m).input_error.clone().unwrap_or_default();
    assert!(refused.contains("does not look like a bucket"), "{refused}");
    for _ in 0.."Bad_Bucket".len() {
        update(&mut m, key(KeyCode::Backspace));
    }
    update(&mut m, Msg::Paste("my-bucket".into()));
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Cmd::Diagnose { request, .. }] if request.s3_bucket.as_deref() == Some("my-bucket"))
    );
    assert_eq!(
        walk(&m).session.history()[2].taken,
        Taken::Value("my-bucket".into())
    );
    // Back at the input, the value given before is there; empty skips.
    update(&mut m, key(KeyCode::Esc));
    assert_eq!(current(&m), "bucket");
    assert_eq!(walk(&m).input, "my-bucket");
    for _ in 0.."my-bucket".len() {
        update(&mut m, key(KeyCode::Backspace));
    }
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "s3_live");
    assert_eq!(walk(&m).session.history()[2].taken, Taken::Skipped);
}

#[test]
fn check_every_profile_runs_the_sweep_and_shows_its_table() {
    use credwiz::tui::app::ProfilesSweep;
    let mut m = model();
    let at = m
        .start_items()
        .iter()
        .position(|i| *i == StartItem::AllProfiles)
        .expect("the menu offers every profile");
    for _ in 1..at {
        update(&mut m, key(KeyCode::Down));
    }
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert!(matches!(cmds.as_slice(), [Cmd::SweepProfiles]), "{cmds:?}");
    assert!(m.busy());
    update(&mut m, Msg::SweepProgress(3, 7));
    assert!(matches!(
        m.screen,
        Screen::Profiles(ProfilesSweep::Running { done: 3, total: 7 })
    ));

    // A real (offline) sweep over a HOME with one static-key profile.
    let home = tempfile::tempdir().expect("home");
    std::fs::create_dir_all(home.path().join(".aws")).expect("mkdir");
    std::fs::write(
        home.path().join(".aws/credentials"),
        "[dev]\naws_access_key_id = AKIAZ7VQXJ4PLM2RTW5Y\naws_secret_access_key = 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\n",
    )
    .expect("write");
    let env = credwiz::inputs::environment::EnvSnapshot::from_pairs([
        ("HOME", home.path().to_str().unwrap_or_default()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_REGION", "eu-west-1"),
    ]);
    let options = credwiz::sweep::SweepOptions {
        request: credwiz::diagnosis::DiagnoseRequest {
            offline: true,
            ..Default::default()
        },
        jobs: 2,
        profile_timeout: std::time::Duration::from_secs(20),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let report = runtime.block_on(credwiz::sweep::sweep(
        env,
        &options,
        std::sync::Arc::new(|_, _| {}),
    ));
    update(&mut m, Msg::Swept(Box::new(report)));
    let Screen::Profiles(ProfilesSweep::Done(table)) = &m.screen else {
        panic!("expected the table, got {:?}", m.screen);
    };
    assert_eq!(table.report.rows.len(), 1);
    assert_eq!(table.report.rows[0].profile, "dev");
    assert!(!m.busy());
    update(&mut m, key(KeyCode::Esc));
    assert!(matches!(m.screen, Screen::Start(_)));
}

/// What `c` copies is only shell: a fix line that explains rather than runs
/// is a `#` comment, in the copy and in the exported transcript.
#[test]
fn copied_fix_turns_explanations_into_comments() {
    let mut m = model();
    init(&mut m);
    diagnosed(&mut m);
    let at = m
        .library
        .iter()
        .position(|p| p.id == "s3-invalid-credentials")
        .expect("shipped");
    let index = m
        .start_items()
        .iter()
        .position(|i| *i == StartItem::Playbook(at))
        .expect("on the menu");
    for _ in 1..index {
        update(&mut m, key(KeyCode::Down));
    }
    let gate = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "lenses");
    report(&mut m, &gate, "same");
    update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "code");
    let mut cmds = update(&mut m, key(KeyCode::Enter));
    for outcome in ["profile", "aws_default", "ok", "ok", "missing"] {
        report(&mut m, &cmds, outcome);
        cmds = update(&mut m, key(KeyCode::Enter));
    }
    assert_eq!(current(&m), "region_missing");
    let copied = match update(&mut m, ch('c')).as_slice() {
        [Cmd::Copy(text)] => text.clone(),
        other => panic!("expected a copy, got {other:?}"),
    };
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(
        lines.last().copied(),
        Some("# or export AWS_REGION=<bucket region>"),
        "{copied}"
    );
    // Commands with <…> to fill in are copied as comments that say so: a
    // pasted `<` would be a redirection.
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|l| l.starts_with("aws ")
                || l.starts_with("# fill in the <…> parts, then run: aws ")),
        "{copied}"
    );
    assert!(
        lines.contains(&"# fill in the <…> parts, then run: aws configure set region <bucket region> --profile default"),
        "{copied}"
    );
    let markdown = match update(&mut m, ch('e')).as_slice() {
        [Cmd::Export(markdown, _)] => markdown.clone(),
        other => panic!("expected an export, got {other:?}"),
    };
    assert!(
        markdown.contains("# or export AWS_REGION=<bucket region>\n"),
        "{markdown}"
    );
}

/// A check result with the mark its outcome means.
fn report_marked(model: &mut Model, cmds: &[Cmd], outcome: &'static str, mark: Mark) -> Vec<Cmd> {
    let (check, session_generation, diagnosis_generation) = evaluate(cmds);
    let mut evidence = evidence(&check, outcome);
    evidence.mark = mark;
    update(
        model,
        Msg::Checked {
            session_generation,
            diagnosis_generation,
            evidence,
        },
    )
}

#[test]
fn checks_with_nothing_wrong_pass_by_and_a_problem_stops_the_walk() {
    let mut m = passing_model();
    init(&mut m);
    diagnosed(&mut m);
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "lenses");
    // ✓: passed without Enter, and the next check is asked for at once.
    let cmds = report_marked(&mut m, &cmds, "same", Mark::Ok);
    assert_eq!(current(&m), "chain");
    assert_eq!(evaluate(&cmds).0, "resolved_provider");
    // ✗: the page stays until Enter.
    let none = report_marked(&mut m, &cmds, "none", Mark::Problem);
    assert!(none.is_empty());
    assert_eq!(current(&m), "chain");
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert_eq!(current(&m), "env");
    // ·: information passes by too, leaving its evidence on the path.
    report_marked(&mut m, &cmds, "none", Mark::Info);
    assert_eq!(current(&m), "profile");
    assert_eq!(walk(&m).trail.len(), 3);
    assert!(
        walk(&m).trail[2].is_some(),
        "the passed check's evidence is kept"
    );
    // Back to a passed page: it stays, so it can be read.
    update(&mut m, key(KeyCode::Esc));
    assert_eq!(current(&m), "env");
    let again = update(&mut m, ch('r'));
    let cmds = diagnosed(&mut m);
    assert!(!again.is_empty());
    report_marked(&mut m, &cmds, "none", Mark::Info);
    assert_eq!(current(&m), "env", "after Back a page waits for Enter");
}

#[test]
fn a_paste_with_terminal_line_breaks_keeps_its_lines_apart() {
    let mut m = model();
    init(&mut m);
    update(&mut m, ch('p'));
    update(
        &mut m,
        Msg::Paste("curl 'https://acme-reports.s3.amazonaws.com/k'\r<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>".into()),
    );
    let Screen::Start(start) = &m.screen else {
        panic!("start screen");
    };
    let text = start.paste.clone().unwrap_or_default();
    assert!(!text.contains('\r'), "{text:?}");
    assert!(text.contains("'\n<Error>"), "{text:?}");
    update(&mut m, key(KeyCode::Enter));
    let Screen::Start(start) = &m.screen else {
        panic!("start screen");
    };
    let picked = start
        .triage
        .as_ref()
        .map(|t| t.picked.clone())
        .unwrap_or_default();
    assert_eq!(
        picked.first().map(String::as_str),
        Some("credentials-not-supported")
    );
}
