//! "What is your program written in?" in the wizard: the answer the pasted
//! error names is pre-selected, Enter makes the panel and the diagnosis lead
//! with that SDK, and going back or restarting undoes the choice. Every
//! diagnosis and check is the real one, on a sandbox HOME where botocore
//! and aws-config disagree; no screen shows a planted secret.

use crate::support::sandbox;
use credwiz::checks::runner;
use credwiz::diagnosis::{diagnose, Diagnosis, Inputs};
use credwiz::engine::session::Suggestion;
use credwiz::inputs::environment::EnvSnapshot;
use credwiz::inputs::program::Sdk;
use credwiz::playbook::load::Library;
use credwiz::tui::app::{Model, Screen, Walk};
use credwiz::tui::theme::Theme;
use credwiz::tui::update::{init, update, Cmd, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const TRACEBACK: &str = "Traceback (most recent call last):\n  File \"/srv/app/sync.py\", line 12, in <module>\n    s3.list_buckets()\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials";

/// `AWS_DEFAULT_PROFILE=dev` with keys only in [dev]: botocore uses dev,
/// aws-config and the Node.js SDK find nothing.
fn default_profile_home() -> sandbox::Sandbox {
    sandbox::Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = AKIADEVDEVDEVDEV0001\naws_secret_access_key = {}\n",
            sandbox::PLANTED_SECRET
        ))
        .var("AWS_DEFAULT_PROFILE", "dev")
        .var("AWS_SESSION_TOKEN", sandbox::PLANTED_TOKEN)
}

/// The wizard with its runtime: diagnoses run for real (offline) on the
/// sandbox, checks are evaluated as the runtime evaluates them.
struct Wizard {
    model: Model,
    inputs: Inputs,
    runtime: tokio::runtime::Runtime,
    _home: sandbox::Sandbox,
}

impl Wizard {
    fn new() -> Wizard {
        // aws-config's providers read this process's own environment for
        // IMDS: the same answer on every machine, and no metadata call.
        std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
        let home = default_profile_home();
        let mut wizard = Wizard {
            model: crate::on_first_family(Model::new(
                Library::shipped().expect("shipped playbooks load"),
                None,
                Diagnosis::pending("default"),
                Theme { colour: false },
            )),
            inputs: Inputs::gather(EnvSnapshot::from_pairs(home.env()), None),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
            _home: home,
        };
        // The question's page is reached one Enter at a time.
        wizard.model.every_step = true;
        let cmds = init(&mut wizard.model);
        wizard.carry_out(cmds);
        wizard
    }

    fn carry_out(&mut self, cmds: Vec<Cmd>) {
        for cmd in cmds {
            let msg = match cmd {
                Cmd::Diagnose {
                    generation,
                    mut request,
                } => {
                    request.offline = true;
                    let diagnosis = self.runtime.block_on(diagnose(&request, &self.inputs));
                    Msg::Diagnosed {
                        generation,
                        diagnosis: Box::new(diagnosis),
                    }
                }
                Cmd::Evaluate {
                    check,
                    session_generation,
                    diagnosis_generation,
                    diagnosis,
                } => Msg::Checked {
                    session_generation,
                    diagnosis_generation,
                    evidence: runner::evaluate(&check, &diagnosis),
                },
                _ => continue,
            };
            let more = update(&mut self.model, msg);
            self.carry_out(more);
        }
    }

    fn msg(&mut self, msg: Msg) {
        let cmds = update(&mut self.model, msg);
        self.carry_out(cmds);
    }

    fn press(&mut self, code: KeyCode) {
        self.msg(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn walk(&self) -> &Walk {
        match &self.model.screen {
            Screen::Walk(walk) => walk,
            other => panic!("expected a walk, got {other:?}"),
        }
    }

    fn at(&self) -> &str {
        self.walk().session.current()
    }

    fn lead(&self) -> Sdk {
        self.model.diagnosis.sdk
    }

    fn screen(&self, width: u16, height: u16) -> String {
        let screen =
            crate::without_ports(&crate::support::screens::render(&self.model, width, height));
        for secret in [sandbox::PLANTED_SECRET, sandbox::PLANTED_TOKEN] {
            assert!(!screen.contains(secret), "{screen}");
        }
        screen
    }

    /// Pastes the Python traceback, then walks to the program question.
    fn paste_the_traceback_and_walk_to_the_question(&mut self) {
        self.press(KeyCode::Char('p'));
        self.msg(Msg::Paste(TRACEBACK.into()));
        self.press(KeyCode::Enter);
        self.walk_to_the_question();
    }

    /// From the start screen to the program question of no-credentials,
    /// past the check that finds the SDKs disagree.
    fn walk_to_the_question(&mut self) {
        self.press(KeyCode::Enter);
        assert_eq!(self.walk().session.playbook().id, "no-credentials");
        assert_eq!(self.at(), "lenses");
        let gate = self.walk().evidence.as_ref().map(|e| e.outcome);
        assert_eq!(gate, Some("python_differs"), "botocore differs here");
        self.press(KeyCode::Enter);
        assert_eq!(self.at(), "program");
    }
}

fn option_id(wizard: &Wizard) -> String {
    let walk = wizard.walk();
    match walk.session.current_node() {
        credwiz::playbook::model::Node::Ask(ask) => ask.options[walk.selected].id.clone(),
        other => panic!("expected a question, got {other:?}"),
    }
}

#[test]
fn a_pasted_traceback_preselects_python_and_enter_leads_with_it() {
    let mut w = Wizard::new();
    w.paste_the_traceback_and_walk_to_the_question();
    assert_eq!(
        w.walk().session.suggested_option(),
        Some(("python", Suggestion::FromError))
    );
    assert_eq!(option_id(&w), "python", "the error's answer is highlighted");
    insta::assert_snapshot!("lens_question_60x15", w.screen(60, 15));
    let question = w.screen(100, 30);
    insta::assert_snapshot!("lens_question_100x30", question);
    assert!(
        question.contains("› Python (boto3, botocore, AWS CLI)  (from your error)"),
        "{question}"
    );

    w.press(KeyCode::Enter);
    assert_eq!(w.at(), "program_lens");
    assert_eq!(w.walk().session.lens(), Some(Sdk::Python));
    assert_eq!(w.lead(), Sdk::Python);
    let evidence = w.walk().evidence.clone().expect("program_lens reported");
    assert_eq!(evidence.outcome, "resolves_where_rust_fails");
    assert!(
        evidence
            .summary
            .starts_with("Python (boto3/botocore, AWS CLI v1) would resolve"),
        "{}",
        evidence.summary
    );
    let panel = w.screen(100, 30);
    insta::assert_snapshot!("lens_chosen_python_100x30", panel);
    assert!(panel.contains("your SDK Python"), "{panel}");
    assert!(panel.contains("! Rust   CredentialsNotLoaded"), "{panel}");

    // The end names the SDK, the rule and the fix that makes it agree.
    w.press(KeyCode::Enter);
    assert_eq!(w.at(), "program_resolves");
    let end = w.screen(100, 30);
    assert!(
        end.contains("Python (boto3/botocore, AWS CLI v1) finds credentials"),
        "{end}"
    );
    assert!(end.contains("$ export AWS_PROFILE=dev"), "{end}");
}

#[test]
fn another_answer_leads_with_its_sdk_and_back_or_restart_undo_it() {
    let mut w = Wizard::new();
    w.paste_the_traceback_and_walk_to_the_question();
    assert_eq!(
        w.lead(),
        Sdk::Python,
        "before the answer: the pasted error's"
    );
    w.press(KeyCode::Down);
    assert_eq!(option_id(&w), "node");
    w.press(KeyCode::Enter);
    assert_eq!(w.lead(), Sdk::Node);
    assert!(w.screen(100, 30).contains("your SDK Node.js"));
    // Node finds nothing, as aws-config: the walk goes on as usual.
    let outcome = w.walk().evidence.as_ref().map(|e| e.outcome);
    assert_eq!(outcome, Some("same"));

    w.press(KeyCode::Esc);
    assert_eq!(w.at(), "program");
    assert_eq!(w.walk().session.lens(), None);
    assert_eq!(w.lead(), Sdk::Python, "back: the pasted error's lens again");

    w.press(KeyCode::Down);
    w.press(KeyCode::Enter);
    assert_eq!(w.lead(), Sdk::Node);
    w.press(KeyCode::Char('R'));
    assert_eq!(w.at(), "lenses");
    assert_eq!(
        w.lead(),
        Sdk::Python,
        "restart: the pasted error's lens again"
    );
}

#[test]
fn without_a_paste_nothing_is_preselected_and_back_returns_to_rust() {
    let mut w = Wizard::new();
    assert_eq!(w.lead(), Sdk::Rust);
    w.walk_to_the_question();
    assert_eq!(w.walk().session.suggested_option(), None);
    assert!(!w.screen(100, 30).contains("(from your error)"));
    w.press(KeyCode::Enter);
    assert_eq!(w.lead(), Sdk::Python, "the highlighted first answer");
    w.press(KeyCode::Esc);
    assert_eq!(w.lead(), Sdk::Rust);
    w.press(KeyCode::Esc);
    w.press(KeyCode::Esc);
    assert!(matches!(w.model.screen, Screen::Start(_)));
    assert_eq!(w.lead(), Sdk::Rust);
}
