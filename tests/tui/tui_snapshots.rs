//! Whole-screen snapshots of the wizard at 100×30 and at the smallest size,
//! 60×15, drawn with ratatui's TestBackend from hand-built models; and a
//! diagnosis of a sandbox with a planted secret, rendered on every screen,
//! showing the secret nowhere.

use crate::support::sandbox;

use credwiz::checks::registry::Mark;
use credwiz::checks::runner::{self, Evidence};
use credwiz::diagnosis::{diagnose, DiagnoseRequest, Diagnosis, Inputs};
use credwiz::findings::{Finding, FindingId};
use credwiz::inputs::environment::EnvSnapshot;
use credwiz::inputs::profile_selection::ProfileSource;
use credwiz::inputs::region::RegionChoice;
use credwiz::playbook::load::Library;
use credwiz::probes::chain::{ResolvedCredentials, Slot, SlotReason, SlotStatus};
use credwiz::probes::sts::Identity;
use credwiz::tui::app::{Model, Screen};
use credwiz::tui::theme::Theme;
use credwiz::tui::update::{update, Cmd, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 5] = [(100, 30), (60, 15), (80, 24), (110, 34), (200, 50)];

fn render(model: &Model, width: u16, height: u16) -> String {
    crate::support::screens::render(model, width, height)
}

fn snapshot(name: &str, model: &Model) {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            render(model, width, height)
        );
    }
}

fn model(diagnosis: Diagnosis) -> Model {
    let mut model = crate::on_first_family(Model::new(
        Library::shipped().expect("shipped playbooks load"),
        None,
        diagnosis,
        Theme { colour: false },
    ));
    // Each snapshot is of one page: stop at every check to reach it.
    model.every_step = true;
    model
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A profile that resolved from the credentials file, and who STS says it is.
fn resolved_diagnosis() -> Diagnosis {
    let mut d = Diagnosis::pending("dev");
    d.profile.source = ProfileSource::EnvVar;
    d.chain[0].status = SlotStatus::NotConfigured;
    d.chain[1].status = SlotStatus::Resolved;
    d.region = Some(RegionChoice {
        value: "eu-west-1".into(),
        source: "profile dev".into(),
    });
    d.resolved = Some(ResolvedCredentials {
        provider: "ProfileFile".into(),
        slot: Slot::Profile,
        source: "~/.aws/credentials:2 [dev]".into(),
        access_key_id: credwiz::text::mask::mask_key_id(sandbox::KEY_ID),
        expires_at: None,
    });
    d.identity = Some(Identity {
        account: "123456789012".into(),
        arn: "arn:aws:iam::123456789012:user/dev".into(),
        user_id: "AIDAEXAMPLEUSERID".into(),
    });
    d
}

fn diagnosed(mut m: Model, diagnosis: Diagnosis) -> Model {
    m.diagnosis_generation = 1;
    update(
        &mut m,
        Msg::Diagnosed {
            generation: 1,
            diagnosis: Box::new(diagnosis),
        },
    );
    m
}

/// Carries out Evaluate commands on the model's diagnosis, the way the runtime does.
fn run(m: &mut Model, cmds: Vec<Cmd>) {
    for cmd in cmds {
        if let Cmd::Evaluate {
            check,
            session_generation,
            diagnosis_generation,
            diagnosis,
        } = cmd
        {
            let evidence = runner::evaluate(&check, &diagnosis);
            let more = update(
                m,
                Msg::Checked {
                    session_generation,
                    diagnosis_generation,
                    evidence,
                },
            );
            run(m, more);
        }
    }
}

fn press(m: &mut Model, code: KeyCode) {
    let cmds = update(m, key(code));
    run(m, cmds);
}

#[test]
fn start_screen() {
    let mut m = model(Diagnosis::pending("default"));
    m.diagnosing = true;
    snapshot("start", &m);
}

#[test]
fn start_screen_with_a_broken_user_playbook() {
    let mut m = model(Diagnosis::pending("default"));
    m.load_problems = Some(
        "/home/me/.config/credwiz/playbooks/mine.toml: node \"env\" → \"missing_node\": no such node"
            .into(),
    );
    snapshot("start_load_report", &m);
}

#[test]
fn check_step_before_its_result() {
    let mut m = model(Diagnosis::pending("default"));
    m.diagnosing = true;
    press(&mut m, KeyCode::Enter);
    assert!(matches!(&m.screen, Screen::Walk(w) if w.waiting()));
    snapshot("check_waiting", &m);
}

#[test]
fn check_step_with_its_evidence() {
    let mut d = resolved_diagnosis();
    d.findings.push(Finding::new(
        FindingId::RegionMissing,
        "no region is configured",
        "none of --region, AWS_REGION, AWS_DEFAULT_REGION",
        "aws configure set region <region> --profile dev",
    ));
    let mut m = diagnosed(model(d), resolved_diagnosis());
    // Every SDK agrees in this diagnosis: past the gate, at the chain step.
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Enter);
    let Screen::Walk(walk) = &mut m.screen else {
        panic!("walk");
    };
    assert_eq!(walk.session.current(), "chain");
    // A warning with a finding, to show the mark, the finding and its fix.
    walk.evidence = Some(Evidence {
        check: "resolved_provider".into(),
        outcome: "profile",
        mark: Mark::Attention,
        summary: "ProfileFile from ~/.aws/credentials:2 [dev] (key AKIA…TW5Y)".into(),
        findings: vec![Finding::new(
            FindingId::RegionMissing,
            "no region is configured",
            "none of --region, AWS_REGION, AWS_DEFAULT_REGION",
            "aws configure set region <region> --profile dev",
        )],
        not_tried: false,
    });
    snapshot("check_evidence", &m);
}

/// Answers each Evaluate with the next of `outcomes` (evidence made by hand,
/// so the path does not depend on what a pending diagnosis evaluates to).
fn walk_with(m: &mut Model, outcomes: &[&'static str]) {
    let mut outcomes = outcomes.iter();
    let mut cmds = update(m, key(KeyCode::Enter));
    loop {
        let Some(Cmd::Evaluate {
            check,
            session_generation,
            diagnosis_generation,
            ..
        }) = cmds.into_iter().find(|c| matches!(c, Cmd::Evaluate { .. }))
        else {
            return;
        };
        let Some(outcome) = outcomes.next() else {
            return;
        };
        update(
            m,
            Msg::Checked {
                session_generation,
                diagnosis_generation,
                evidence: Evidence {
                    summary: format!("{check} came out {outcome}"),
                    check,
                    outcome,
                    mark: Mark::Ok,
                    findings: Vec::new(),
                    not_tried: false,
                },
            },
        );
        cmds = update(m, key(KeyCode::Enter));
    }
}

const TO_WHERE: &[&str] = &["same", "none", "none", "default_absent", "absent", "host"];

#[test]
fn end_step() {
    let mut m = diagnosed(
        model(Diagnosis::pending("default")),
        Diagnosis::pending("default"),
    );
    walk_with(&mut m, TO_WHERE);
    let Screen::Walk(walk) = &m.screen else {
        panic!("walk");
    };
    assert_eq!(walk.session.current(), "never_configured");
    snapshot("end", &m);
}

#[test]
fn ask_step_with_detected_answer() {
    let mut m = diagnosed(
        model(Diagnosis::pending("default")),
        Diagnosis::pending("default"),
    );
    walk_with(&mut m, TO_WHERE);
    press(&mut m, KeyCode::Esc);
    let Screen::Walk(walk) = &m.screen else {
        panic!("walk");
    };
    assert_eq!(walk.session.current(), "where");
    snapshot("ask", &m);
}

#[test]
fn help_overlay() {
    let mut m = model(Diagnosis::pending("default"));
    press(&mut m, KeyCode::Char('?'));
    snapshot("help", &m);
}

#[test]
fn panel_with_a_resolved_profile() {
    let m = diagnosed(model(Diagnosis::pending("dev")), resolved_diagnosis());
    snapshot("panel_resolved", &m);
}

#[test]
fn paste_box() {
    let mut m = model(Diagnosis::pending("default"));
    press(&mut m, KeyCode::Char('p'));
    update(
        &mut m,
        Msg::Paste("An error occurred (ExpiredToken) when calling".into()),
    );
    snapshot("paste", &m);
}

#[test]
fn too_small_asks_for_a_larger_terminal() {
    let m = model(Diagnosis::pending("default"));
    insta::assert_snapshot!("too_small_59x15", render(&m, 59, 15));
    let text = render(&m, 40, 10);
    assert!(
        text.contains("need 60×15,") && text.contains("have 40×10"),
        "{text}"
    );
}

/// A diagnosis in which every slot of the chain came back empty.
fn nothing_resolved() -> Diagnosis {
    let mut d = Diagnosis::pending("default");
    let reasons = [
        SlotReason::EnvKeysUnset,
        SlotReason::NoAwsFiles,
        SlotReason::WebIdentityUnset,
        SlotReason::ContainerUnset,
        SlotReason::ImdsDisabledByEnv,
    ];
    for (slot, reason) in d.chain.iter_mut().zip(reasons) {
        slot.status = SlotStatus::NotConfigured;
        slot.reason = reason;
    }
    d
}

#[test]
fn panel_with_nothing_resolved_shows_the_five_slots() {
    let m = diagnosed(model(Diagnosis::pending("default")), nothing_resolved());
    snapshot("panel_nothing_resolved", &m);
    for (width, height) in SIZES {
        let screen = render(&m, width, height);
        for slot in ["env", "profile", "web id", "ECS/EKS", "IMDS"] {
            assert!(screen.contains(&format!("· {slot}")), "{slot}:\n{screen}");
        }
    }
}

const SIGNATURE_ERROR: &str = "boto3.exceptions.S3UploadFailedError: Failed to upload report.csv to acme-reports/2026/report.csv: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided.";

/// The S3 playbook from a pasted SignatureDoesNotMatch, at its bucket question.
fn at_bucket_question() -> Model {
    let mut m = diagnosed(model(Diagnosis::pending("default")), resolved_diagnosis());
    press(&mut m, KeyCode::Char('p'));
    update(&mut m, Msg::Paste(SIGNATURE_ERROR.into()));
    press(&mut m, KeyCode::Enter);
    m = diagnosed(m, resolved_diagnosis());
    // The SDKs agree (lenses), then the code the error names.
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Enter);
    m
}

#[test]
fn free_text_node_prefilled_from_the_error() {
    let m = at_bucket_question();
    let Screen::Walk(walk) = &m.screen else {
        panic!("walk");
    };
    assert_eq!(walk.session.current(), "bucket");
    snapshot("input_bucket", &m);
}

#[test]
fn end_screen_with_a_long_fix_keeps_its_indent() {
    let mut m = at_bucket_question();
    let cmds = update(&mut m, key(KeyCode::Enter));
    assert!(matches!(cmds.as_slice(), [Cmd::Diagnose { .. }]));
    m.diagnosis_generation = 2;
    walk_with_diagnosis(&mut m, &["access_denied"]);
    let Screen::Walk(walk) = &m.screen else {
        panic!("walk");
    };
    assert_eq!(walk.session.current(), "s3_denied");
    snapshot("end_long_fix", &m);
    let screen = render(&m, 100, 30);
    assert!(
        screen.contains("  $ aws iam simulate-principal-policy")
            && screen.contains("    s3:ListBucket s3:GetObject"),
        "the wrapped command continues under itself:\n{screen}"
    );
    assert!(
        screen.contains("If that was not it, Enter goes on with \"Access denied"),
        "the next walk by its title:\n{screen}"
    );
    // Enter at an end that hands over opens the next walk.
    update(&mut m, key(KeyCode::Enter));
    let Screen::Walk(walk) = &m.screen else {
        panic!("walk");
    };
    assert_eq!(walk.session.playbook().id, "access-denied");
}

/// The diagnosis arrives, then each Evaluate is answered by hand and followed.
fn walk_with_diagnosis(m: &mut Model, outcomes: &[&'static str]) {
    let cmds = update(
        m,
        Msg::Diagnosed {
            generation: m.diagnosis_generation,
            diagnosis: Box::new(resolved_diagnosis()),
        },
    );
    let mut outcomes = outcomes.iter();
    let mut cmds = cmds;
    while let Some(Cmd::Evaluate {
        check,
        session_generation,
        diagnosis_generation,
        ..
    }) = cmds.into_iter().find(|c| matches!(c, Cmd::Evaluate { .. }))
    {
        let Some(outcome) = outcomes.next() else {
            return;
        };
        update(
            m,
            Msg::Checked {
                session_generation,
                diagnosis_generation,
                evidence: Evidence {
                    summary: format!("{check} came out {outcome}"),
                    check,
                    outcome,
                    mark: Mark::Problem,
                    findings: Vec::new(),
                    not_tried: false,
                },
            },
        );
        cmds = update(m, key(KeyCode::Enter));
    }
}

/// The wizard's Markdown transcript, checked for Debug dumps like a screen.
fn transcript(m: &Model) -> String {
    crate::support::screens::checked("the transcript", credwiz::tui::transcript::markdown(m))
}

/// The screen check fails on a Debug dump: it can catch what it looks for.
#[test]
#[should_panic(expected = "a Debug dump")]
fn a_screen_with_a_debug_dump_fails_the_check() {
    crate::support::screens::checked(
        "a screen",
        "│ endpoint: Request { body: SdkBody { inner: Once(None) } } │".into(),
    );
}

/// A real (offline) diagnosis of a sandbox whose credentials file and
/// environment hold a planted secret and token: no screen shows either.
#[test]
fn a_planted_secret_appears_on_no_screen() {
    let sandbox = sandbox::Sandbox::new()
        .credentials(&format!(
            "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            sandbox::KEY_ID,
            sandbox::PLANTED_SECRET
        ))
        .var("AWS_SECRET_ACCESS_KEY", sandbox::PLANTED_SECRET)
        .var("AWS_SESSION_TOKEN", sandbox::PLANTED_TOKEN);
    let env = EnvSnapshot::from_pairs(sandbox.env());
    let inputs = Inputs::gather(env, None);
    let request = DiagnoseRequest {
        offline: true,
        error_text: Some(format!("InvalidClientTokenId {}", sandbox::PLANTED_TOKEN)),
        ..DiagnoseRequest::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let diagnosis = runtime.block_on(diagnose(&request, &inputs));

    let mut screens: Vec<String> = Vec::new();
    let capture = |screens: &mut Vec<String>, m: &Model| {
        for (w, h) in SIZES {
            screens.push(render(m, w, h));
        }
    };
    for index in 0..Library::shipped().expect("shipped").len() {
        let mut m = diagnosed(model(Diagnosis::pending("default")), diagnosis.clone());
        for _ in 0..index {
            press(&mut m, KeyCode::Down);
        }
        capture(&mut screens, &m);
        // Walk the playbook to its end, taking the highlighted answers.
        for _ in 0..12 {
            press(&mut m, KeyCode::Enter);
            capture(&mut screens, &m);
        }
        screens.push(transcript(&m));
    }
    // A pasted error quoting the secret and the token: triage, the facts,
    // the free-text question and the walk to its end show neither.
    let mut m = diagnosed(model(Diagnosis::pending("default")), diagnosis.clone());
    press(&mut m, KeyCode::Char('p'));
    update(
        &mut m,
        Msg::Paste(format!(
            "s3.put_object(Bucket='acme', Key='{}')\nhttps://acme.s3.amazonaws.com/k?X-Amz-Security-Token={}&X-Amz-Signature=abc\n{SIGNATURE_ERROR}",
            sandbox::PLANTED_SECRET,
            sandbox::PLANTED_TOKEN
        )),
    );
    capture(&mut screens, &m);
    for _ in 0..12 {
        press(&mut m, KeyCode::Enter);
        capture(&mut screens, &m);
    }
    screens.push(transcript(&m));
    let mut m = diagnosed(model(Diagnosis::pending("default")), diagnosis.clone());
    let last = m.start_items().len() - 1;
    for _ in 1..last {
        press(&mut m, KeyCode::Down);
    }
    for _ in 0..=credwiz::checks::registry::CHECKS.len() {
        press(&mut m, KeyCode::Enter);
        capture(&mut screens, &m);
    }
    screens.push(transcript(&m));
    assert!(screens.len() > 100);
    for screen in &screens {
        for secret in [sandbox::PLANTED_SECRET, sandbox::PLANTED_TOKEN] {
            assert!(
                !screen.contains(secret),
                "a planted secret is on screen:\n{screen}"
            );
        }
    }
    // The key id shows only masked.
    assert!(screens.iter().all(|s| !s.contains(sandbox::KEY_ID)));
}

/// On the smallest screen the start menu scrolls to keep the selection in view.
#[test]
fn start_menu_scrolls_to_the_last_item_on_a_small_screen() {
    let mut m = model(Diagnosis::pending("default"));
    let last = m.start_items().len() - 1;
    for _ in 1..last {
        press(&mut m, KeyCode::Down);
    }
    let screen = render(&m, 60, 15);
    assert!(screen.contains("› Not sure: check"), "{screen}");
}

#[test]
fn the_panel_says_half_a_pair_and_metadata_turned_off_as_they_are() {
    let mut d = Diagnosis::pending("default");
    d.chain[Slot::Environment.index()].status = SlotStatus::NotConfigured;
    d.chain[Slot::Environment.index()].reason = SlotReason::EnvSecretUnset;
    d.chain[Slot::Imds.index()].status = SlotStatus::NotConfigured;
    d.chain[Slot::Imds.index()].reason = SlotReason::ImdsDisabledByEnv;
    let m = diagnosed(model(d.clone()), d);
    let screen = render(&m, 100, 30);
    assert!(screen.contains("✗ env      half set"), "{screen}");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("panel_half_pair_{w}x{h}"), render(&m, w, h));
    }
    assert!(screen.contains("· IMDS     off"), "{screen}");
}
