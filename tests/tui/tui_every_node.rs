//! Every node of every shipped playbook, drawn as the wizard draws it on a
//! few scenario HOMEs (nothing configured, half an environment key pair, a
//! default profile with keys): no screen shows a raw id. Ids (node ids,
//! outcome ids, check names, playbook ids) belong to `-v`, JSON and the
//! transcript's details, and `((`/`))` is a template leftover.

use crate::support::sandbox;
use credwiz::checks::registry::CHECKS;
use credwiz::checks::runner;
use credwiz::diagnosis::Diagnosis;
use credwiz::engine::session::Session;
use credwiz::playbook::load::Library;
use credwiz::playbook::model::Node;
use credwiz::tui::app::{Model, Screen, Walk};
use credwiz::tui::theme::Theme;

fn scenarios() -> Vec<(&'static str, sandbox::Sandbox)> {
    vec![
        ("nothing configured", sandbox::Sandbox::new()),
        (
            "half an env pair",
            sandbox::Sandbox::new().var("AWS_ACCESS_KEY_ID", sandbox::KEY_ID),
        ),
        (
            "default profile",
            sandbox::Sandbox::new()
                .credentials(&format!(
                    "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
                    sandbox::KEY_ID,
                    sandbox::PLANTED_SECRET
                ))
                .var("AWS_REGION", "eu-west-1"),
        ),
    ]
}

/// Words that are ids: they hold `_` or `-`, so no sentence uses them.
fn ids(library: &Library) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for spec in CHECKS {
        ids.push(spec.name.to_string());
        ids.extend(spec.outcome_names().map(str::to_string));
    }
    for playbook in library.iter() {
        ids.push(playbook.id.clone());
        ids.extend(playbook.nodes.keys().cloned());
        for node in playbook.nodes.values() {
            if let Node::Ask(ask) = node {
                ids.extend(ask.options.iter().map(|o| o.id.clone()));
            }
        }
    }
    // Names of AWS settings are the user's words too (`credential_process`
    // is what they write in ~/.aws/config).
    const AWS_SETTINGS: &[&str] = &[
        "credential_process",
        "sso_session",
        "login_session",
        "source_profile",
        "role_arn",
        "credential_source",
    ];
    ids.retain(|id| (id.contains('_') || id.contains('-')) && !AWS_SETTINGS.contains(&id.as_str()));
    ids.sort();
    ids.dedup();
    ids
}

/// True when `id` stands on the screen as a word of its own.
fn shows(screen: &str, id: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    screen.match_indices(id).any(|(at, _)| {
        let before = screen[..at].chars().next_back();
        let after = screen[at + id.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

fn model_at(library: &Library, playbook: usize, node: &str, d: &Diagnosis) -> Option<Model> {
    let mut book = library.iter().nth(playbook)?.clone();
    book.start = node.to_string();
    let session = Session::new(&book).ok()?;
    let mut model = Model::new(library.clone(), None, d.clone(), Theme { colour: false });
    model.diagnosed = true;
    let mut walk = Walk::new(session);
    if let Some(check) = walk.session.pending_check() {
        walk.evidence = Some(runner::evaluate(check, d));
    }
    model.screen = Screen::Walk(Box::new(walk));
    Some(model)
}

#[test]
fn no_node_of_any_playbook_shows_an_id() {
    let library = Library::shipped().expect("shipped playbooks load");
    let ids = ids(&library);
    assert!(ids.iter().any(|id| id == "default_absent"), "{ids:?}");
    let mut problems = Vec::new();
    let mut drawn = 0;
    for (scenario, home) in scenarios() {
        let d = home.offline_diagnosis();
        for (index, playbook) in library.iter().enumerate() {
            for node in playbook.nodes.keys() {
                let Some(model) = model_at(&library, index, node, &d) else {
                    problems.push(format!("{}/{node}: no session", playbook.id));
                    continue;
                };
                for (w, h) in [(200, 50), (110, 34)] {
                    let screen = crate::support::screens::render(&model, w, h);
                    drawn += 1;
                    assert!(!screen.contains(sandbox::PLANTED_SECRET), "{screen}");
                    let mut shown: Vec<&str> = ids
                        .iter()
                        .filter(|id| shows(&screen, id))
                        .map(String::as_str)
                        .collect();
                    if screen.contains("((") || screen.contains("))") {
                        shown.push("(( or ))");
                    }
                    if !shown.is_empty() {
                        eprintln!("{scenario}: {}/{node} {w}x{h}: {shown:?}", playbook.id);
                        problems.push(format!(
                            "{scenario}: {}/{node} at {w}x{h} shows {shown:?}:\n{screen}",
                            playbook.id
                        ));
                    }
                }
            }
        }
    }
    assert!(drawn > 100, "only {drawn} screens drawn");
    assert!(
        problems.is_empty(),
        "{} screens show ids; the first:\n{}",
        problems.len(),
        problems.first().cloned().unwrap_or_default()
    );
}
