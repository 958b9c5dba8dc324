//! `f` at the end of a walk whose cause sits in an AWS file, driven through
//! the update function and the real effects (no terminal): the diff is
//! shown with the secret hidden, `n` writes nothing, `y` writes the change
//! with a backup and says how to undo it; `r` then diagnoses again. The last
//! test does the same in the real binary in tmux.

use crate::support::home_hash::hash_tree;
use crate::support::sandbox::{KEY_ID, PLANTED_SLASH_SECRET};
use crate::support::screens::render;
use credwiz::diagnosis::Diagnosis;
use credwiz::inputs::environment::EnvSnapshot;
use credwiz::inputs::files::AwsFiles;
use credwiz::playbook::load::Library;
use credwiz::text::leak_forms::encoded_forms;
use credwiz::tui::app::{FileFix, Model};
use credwiz::tui::effects::Effects;
use credwiz::tui::theme::Theme;
use credwiz::tui::update::{update, Cmd, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::time::Duration;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// A diagnosis of a HOME's files as the wizard gets it: the file findings
/// the rules make, with their sites. (aws-config's chain reads the process
/// environment, not a snapshot, so an in-process `diagnose` of another HOME
/// would mix two machines; the files are what `f` repairs.)
fn diagnosis_of(home: &Path) -> Diagnosis {
    let env = EnvSnapshot::from_pairs([("HOME", home.display().to_string())]);
    let mut diagnosis = Diagnosis::pending("default");
    diagnosis.findings = credwiz::rules::files::findings(&AwsFiles::load(&env));
    diagnosis
}

/// Carries out one command with the wizard's own effects and returns the
/// message it sends back.
fn carry_out(cmd: Cmd) -> Msg {
    let rt = runtime();
    rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut effects = Effects::new(tx);
        effects.run(cmd);
        tokio::time::timeout(Duration::from_secs(20), rx.recv())
            .await
            .expect("the effect answers within 20 s")
            .expect("a message")
    })
}

/// A wizard at the end of a walk over `home`, its diagnosis in.
fn at_the_end(home: &Path) -> Model {
    let library = Library::shipped().expect("shipped playbooks");
    // The walk for SignatureDoesNotMatch / InvalidClientTokenId, whose
    // ends explain a key with quotes or spaces.
    let index = library
        .iter()
        .position(|p| p.id == "auth-failure")
        .expect("the auth-failure playbook");
    let mut model = Model::new(
        library,
        None,
        Diagnosis::pending("default"),
        Theme { colour: false },
    );
    // "Paste the error message" leads the menu; the families follow it.
    for _ in 0..=index {
        update(&mut model, key(KeyCode::Down));
    }
    update(&mut model, key(KeyCode::Enter));
    let generation = model.diagnosis_generation;
    let mut cmds = update(
        &mut model,
        Msg::Diagnosed {
            generation,
            diagnosis: Box::new(diagnosis_of(home)),
        },
    );
    // Each check is evaluated by the real effects; Enter takes the branch
    // (or the highlighted answer) until the walk ends.
    for _ in 0..12 {
        for cmd in std::mem::take(&mut cmds) {
            if matches!(cmd, Cmd::Evaluate { .. }) {
                let checked = carry_out(cmd);
                cmds.extend(update(&mut model, checked));
            }
        }
        if !cmds.is_empty() {
            continue;
        }
        if ended(&model) {
            break;
        }
        cmds = update(&mut model, key(KeyCode::Enter));
    }
    assert!(ended(&model), "no end:\n{}", render(&model, 100, 30));
    model
}

fn ended(model: &Model) -> bool {
    render(model, 100, 40).contains("Fix (c copies these lines):")
}

fn assert_hidden(label: &str, text: &str) {
    for form in encoded_forms(PLANTED_SLASH_SECRET) {
        assert!(!text.contains(&form), "{label}: {form:?} leaked:\n{text}");
    }
    assert!(
        !text.contains(KEY_ID),
        "{label}: the key id leaked:\n{text}"
    );
}

fn plan_cmd(cmds: Vec<Cmd>) -> Cmd {
    let mut plans: Vec<Cmd> = cmds
        .into_iter()
        .filter(|c| matches!(c, Cmd::PlanFix(_)))
        .collect();
    assert_eq!(plans.len(), 1, "f asks for one plan");
    plans.remove(0)
}

#[test]
fn f_shows_the_diff_n_writes_nothing_y_writes_it_with_a_backup() {
    let home = tempfile::tempdir().expect("home");
    let aws = home.path().join(".aws");
    std::fs::create_dir_all(&aws).expect("mkdir");
    let before = format!(
        "# laptop\n[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = \"{PLANTED_SLASH_SECRET}\"\n"
    );
    let credentials = aws.join("credentials");
    std::fs::write(&credentials, &before).expect("write");
    let mut model = at_the_end(home.path());
    let offer = credwiz::tui::update::file_fix::offer(&model)
        .unwrap_or_else(|| panic!("an offer at the end:\n{}", render(&model, 100, 30)));
    assert_eq!(offer.id.as_str(), "key.whitespace");
    let screen = render(&model, 100, 30);
    assert!(
        screen.contains("f shows the change credwiz can make"),
        "{screen}"
    );

    // f → the plan → the diff on screen; n → nothing written.
    let untouched = hash_tree(home.path());
    let planned = carry_out(plan_cmd(update(&mut model, key(KeyCode::Char('f')))));
    assert!(update(&mut model, planned).is_empty());
    assert!(
        matches!(model.file_fix, Some(FileFix::Shown(_))),
        "{:?}",
        model.status
    );
    let screen = render(&model, 120, 40);
    assert!(
        screen.contains("-aws_secret_access_key = \"<40 characters, hidden>\""),
        "{screen}"
    );
    assert!(
        screen.contains("+aws_secret_access_key = <40 characters, hidden>"),
        "{screen}"
    );
    assert_hidden("the diff on screen", &screen);
    // Other keys do nothing while the diff waits for an answer.
    assert!(update(&mut model, key(KeyCode::Char('c'))).is_empty());
    assert!(update(&mut model, key(KeyCode::Char('n'))).is_empty());
    assert_eq!(model.file_fix, None);
    assert_eq!(untouched, hash_tree(home.path()), "n wrote something");

    // f again, then Esc: nothing written either.
    let planned = carry_out(plan_cmd(update(&mut model, key(KeyCode::Char('f')))));
    update(&mut model, planned);
    update(&mut model, key(KeyCode::Esc));
    assert_eq!(model.file_fix, None);
    assert_eq!(untouched, hash_tree(home.path()), "Esc wrote something");

    // f, y: written, backed up, undo said, diagnosed again.
    let planned = carry_out(plan_cmd(update(&mut model, key(KeyCode::Char('f')))));
    update(&mut model, planned);
    let cmds = update(&mut model, key(KeyCode::Char('y')));
    let [apply @ Cmd::ApplyFix(_)] = <[Cmd; 1]>::try_from(cmds).expect("one command") else {
        panic!("y asks to apply the plan");
    };
    let applied = carry_out(apply);
    assert!(update(&mut model, applied).is_empty());
    let status = model.status.clone().unwrap_or_default();
    assert!(status.contains("To undo: mv "), "{status}");
    assert!(status.contains("r re-runs the checks"), "{status}");
    assert_hidden("the status", &status);
    assert_eq!(
        std::fs::read_to_string(&credentials).expect("read"),
        before.replace(&format!("\"{PLANTED_SLASH_SECRET}\""), PLANTED_SLASH_SECRET)
    );
    let backups: Vec<_> = std::fs::read_dir(&aws)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".credwiz-backup-"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        std::fs::read_to_string(backups[0].path()).expect("backup"),
        before
    );
    // r diagnoses again; the fresh diagnosis no longer finds it, and the
    // end offers nothing.
    let cmds = update(&mut model, key(KeyCode::Char('r')));
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::Diagnose { .. })),
        "r diagnoses again"
    );
    let generation = model.diagnosis_generation;
    update(
        &mut model,
        Msg::Diagnosed {
            generation,
            diagnosis: Box::new(diagnosis_of(home.path())),
        },
    );
    assert_eq!(credwiz::tui::update::file_fix::offer(&model), None);
}

#[test]
fn f_without_a_file_cause_says_so_and_plans_nothing() {
    let home = tempfile::tempdir().expect("home");
    let mut model = at_the_end(home.path());
    let cmds = update(&mut model, key(KeyCode::Char('f')));
    assert!(cmds.is_empty());
    assert_eq!(model.file_fix, None);
    assert!(
        model
            .status
            .as_deref()
            .unwrap_or_default()
            .contains("No file fix here"),
        "{:?}",
        model.status
    );
}

/// The real binary in tmux: paste a SignatureDoesNotMatch, walk to the end
/// the quoted secret in `~/.aws/credentials` causes, `f` shows the diff,
/// `n` writes nothing, `f` `y` writes it with a backup and says how to undo.
#[test]
fn in_tmux_f_then_n_writes_nothing_and_f_then_y_fixes_the_file() {
    use crate::support::sandbox::Sandbox;
    use crate::support::tmux::{command_line, Tmux};
    let before = format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = \"{PLANTED_SLASH_SECRET}\"\n"
    );
    let sandbox = Sandbox::new()
        .credentials(&before)
        .var("AWS_REGION", "eu-west-1");
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("file-fix", sandbox.home_path(), &line, 110, 34) else {
        return;
    };
    tmux.wait_for(&["which error did you get?"]);
    tmux.keys(&["p"]);
    tmux.wait_for(&["Enter: triage"]);
    tmux.paste("An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided.");
    let mut at_end = false;
    for _ in 0..8 {
        tmux.keys(&["Enter"]);
        std::thread::sleep(Duration::from_millis(400));
        if tmux.screen().contains("f shows the change") {
            at_end = true;
            break;
        }
    }
    assert!(at_end, "no file fix offered:\n{}", tmux.screen());
    let untouched = hash_tree(sandbox.home_path());
    tmux.keys(&["f"]);
    let screen = tmux.wait_for(&["Change to your AWS file", "n/Esc"]);
    assert!(screen.contains("<40 characters, hidden>"), "{screen}");
    assert_hidden("the diff in tmux", &screen);
    tmux.keys(&["n"]);
    tmux.wait_for(&["Nothing was written."]);
    assert_eq!(
        untouched,
        hash_tree(sandbox.home_path()),
        "n wrote something"
    );
    tmux.keys(&["f"]);
    tmux.wait_for(&["Change to your AWS file"]);
    tmux.keys(&["y"]);
    // The status line may be cut at the window's width; the start is enough.
    let screen = tmux.wait_for(&["Wrote ~/.aws/credentials"]);
    assert_hidden("the status in tmux", &screen);
    let credentials = sandbox.home_path().join(".aws/credentials");
    assert_eq!(
        std::fs::read_to_string(credentials).expect("read"),
        before.replace(&format!("\"{PLANTED_SLASH_SECRET}\""), PLANTED_SLASH_SECRET)
    );
    tmux.keys(&["q"]);
    tmux.wait_for(&["EXIT=0", "icanon"]);
}
