//! The wizard never knows less than `credwiz check`: every scenario of the
//! lens corpus, walked through every shipped playbook by the real binary
//! (`credwiz run PLAYBOOK --accept-detected --json`), either ends or stops
//! at a question no fact answers; and where the report holds problems, the
//! end explains the first one its playbook is about, lists every other one,
//! and never says all is well.

use super::sdk_lenses::{scenarios, Scenario};
use crate::support::sandbox::assert_no_secrets;
use credwiz::playbook::load::Library;
use credwiz::playbook::model::Playbook;
use serde_json::Value;

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().or_else(|| v["id"].as_str()))
        .map(str::to_string)
        .collect()
}

/// The report's problems in the order they lead: the difference of the SDK
/// the walk follows (when it is at least a warning), then the errors.
fn problems(check: &Value) -> Vec<String> {
    let lens = match check["sdk"].as_str() {
        Some("python") => Some("sdk.python_differs"),
        Some("node") => Some("sdk.node_differs"),
        _ => None,
    };
    let findings = check["findings"].as_array().cloned().unwrap_or_default();
    let difference = findings
        .iter()
        .filter(|f| f["id"].as_str() == lens && f["severity"] != "info");
    let errors = findings
        .iter()
        .filter(|f| f["severity"] == "error" && f["id"].as_str() != lens);
    difference
        .chain(errors)
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

/// What is wrong with one walk, if anything.
fn judge(playbook: &Playbook, json: &Value) -> Option<String> {
    let walk = &json["walk"];
    if let Some(error) = walk["error"].as_str() {
        return Some(format!("the walk broke: {error}"));
    }
    if walk["stopped_at"].is_object() {
        let open = &walk["stopped_at"];
        return open["detected"]
            .as_str()
            .map(|d| format!("stopped at {} although {d} was detected", open["node"]));
    }
    let end = &walk["end"];
    if !end.is_object() {
        return Some("neither an end nor a question".into());
    }
    let problems = problems(&json["check"]);
    if problems.is_empty() {
        return None;
    }
    let (explained, listed) = (ids(&end["findings"]), ids(&end["also_found"]));
    let title = end["title"].as_str().unwrap_or_default();
    if let Some(left_out) = problems
        .iter()
        .find(|id| !explained.contains(id) && !listed.contains(id))
    {
        return Some(format!(
            "{left_out} is neither explained nor listed by \"{title}\""
        ));
    }
    if let Some(leading) = problems.iter().find(|id| playbook.explains(id)) {
        if !explained.contains(leading) {
            return Some(format!(
                "\"{title}\" does not explain {leading}, the first of {problems:?}"
            ));
        }
    }
    (end["severity"] == "ok").then(|| format!("\"{title}\" says all is well beside {problems:?}"))
}

/// Every playbook walked on one scenario: (walks, walks on a report with
/// problems, what went wrong).
fn walk_all(library: &Library, scenario: &Scenario) -> (usize, usize, Vec<String>) {
    let (mut walks, mut with_problems, mut wrong) = (0, 0, Vec::new());
    for playbook in library.iter() {
        let mut args = vec!["run", playbook.id.as_str(), "--accept-detected", "--json"];
        if scenario.offline {
            args.push("--offline");
        }
        if let Some(profile) = scenario.profile {
            args.extend(["--profile", profile]);
        }
        let out = scenario.sandbox.credwiz(&args);
        assert_no_secrets(scenario.name, &out);
        let json: Value = match serde_json::from_slice(&out.stdout) {
            Ok(json) => json,
            Err(e) => {
                wrong.push(format!(
                    "{} × {}: not JSON ({e})",
                    scenario.name, playbook.id
                ));
                continue;
            }
        };
        walks += 1;
        with_problems += usize::from(!problems(&json["check"]).is_empty());
        if let Some(problem) = judge(playbook, &json) {
            wrong.push(format!("{} × {}: {problem}", scenario.name, playbook.id));
        }
    }
    (walks, with_problems, wrong)
}

#[test]
fn every_walk_of_every_scenario_ends_at_what_check_reports() {
    let library = Library::shipped().expect("shipped playbooks load");
    let corpus = scenarios();
    // Two workers: one per core of the machines this runs on.
    let halves: Vec<&[Scenario]> = corpus.chunks(corpus.len().div_ceil(2)).collect();
    let results: Vec<(usize, usize, Vec<String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = halves
            .iter()
            .map(|half| {
                let library = &library;
                scope.spawn(move || {
                    half.iter().map(|s| walk_all(library, s)).fold(
                        (0, 0, Vec::new()),
                        |(w, p, mut wrong), (w2, p2, more)| {
                            wrong.extend(more);
                            (w + w2, p + p2, wrong)
                        },
                    )
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker"))
            .collect()
    });
    let walks: usize = results.iter().map(|r| r.0).sum();
    let with_problems: usize = results.iter().map(|r| r.1).sum();
    let wrong: Vec<&String> = results.iter().flat_map(|r| &r.2).collect();
    println!(
        "{} scenarios × {} playbooks: {walks} walks, {with_problems} on a report with problems",
        corpus.len(),
        library.len()
    );
    assert!(corpus.len() >= 100, "the corpus shrank: {}", corpus.len());
    assert!(
        with_problems > 0 && with_problems < walks,
        "every or no report has problems: the test would prove nothing"
    );
    assert!(
        wrong.is_empty(),
        "{} of {walks} walks miss the report:\n{}",
        wrong.len(),
        wrong
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
