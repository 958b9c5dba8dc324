//! A headless walk (`credwiz run`): the same session and the same checks as
//! the wizard, questions answered from `--answer node=option` (or what was
//! detected), recorded as the path taken and where it ended.

use crate::checks::runner::{self, Evidence};
use crate::diagnosis::Diagnosis;
use crate::engine::session::{render_command, render_text, Session, Transition};
use crate::playbook::model::{AskNode, EndSeverity, Node, Playbook};
use serde::Serialize;
use std::collections::BTreeMap;

/// More steps than any valid playbook can take; a guard against a cycle.
const MAX_STEPS: usize = 500;

/// What kind of node a step passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Check,
    Ask,
}

/// One node passed on the way.
#[derive(Debug, Clone, Serialize)]
pub struct WalkStep {
    pub node: String,
    pub title: String,
    pub kind: StepKind,
    /// For check nodes: the check, its outcome, mark and summary.
    pub check: Option<String>,
    pub outcome: Option<String>,
    pub mark: Option<&'static str>,
    pub summary: Option<String>,
    /// For ask nodes: the option taken and whether it came from `--answer`
    /// or from detection accepted with `--accept-detected`.
    pub answer: Option<String>,
    pub answered_by: Option<&'static str>,
}

/// Where the walk ended.
#[derive(Debug, Clone, Serialize)]
pub struct EndReport {
    pub node: String,
    pub title: String,
    pub severity: EndSeverity,
    pub diagnosis: String,
    pub fix: Vec<String>,
    pub findings: Vec<String>,
    pub handover: Option<String>,
}

/// An ask node the walk had no answer for.
#[derive(Debug, Clone, Serialize)]
pub struct OpenQuestion {
    pub node: String,
    pub question: String,
    pub options: Vec<(String, String)>,
    pub detected: Option<String>,
}

/// The whole walk.
#[derive(Debug, Clone, Serialize)]
pub struct WalkReport {
    pub playbook: String,
    pub title: String,
    pub steps: Vec<WalkStep>,
    pub end: Option<EndReport>,
    pub stopped_at: Option<OpenQuestion>,
    /// Why the walk stopped early, if it did for another reason.
    pub error: Option<String>,
}

impl WalkReport {
    /// 0: ended at an ok or warning end; 1: ended at an error end or broke;
    /// 3: stopped at a question without an answer.
    pub fn exit_code(&self) -> i32 {
        match (&self.end, &self.stopped_at) {
            (_, Some(_)) => 3,
            (Some(end), None) if end.severity != EndSeverity::Error => 0,
            _ => 1,
        }
    }
}

/// Walks `playbook` on one diagnosis. `answers` maps ask node ids to option ids.
pub fn walk(
    playbook: &Playbook,
    diagnosis: &Diagnosis,
    answers: &BTreeMap<String, String>,
    accept_detected: bool,
) -> WalkReport {
    let values = runner::placeholders(diagnosis);
    let mut report = WalkReport {
        playbook: playbook.id.clone(),
        title: playbook.title.clone(),
        steps: Vec::new(),
        end: None,
        stopped_at: None,
        error: None,
    };
    let mut session = match Session::new(playbook) {
        Ok(session) => session,
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    };
    for _ in 0..MAX_STEPS {
        let node_id = session.current().clone();
        let node = session.current_node().clone();
        match &node {
            Node::End(end) => {
                report.end = Some(EndReport {
                    node: node_id,
                    title: render_text(&end.title, &values),
                    severity: end.severity,
                    diagnosis: render_text(&end.diagnosis, &values),
                    fix: end.fix.iter().map(|f| render_command(f, &values)).collect(),
                    findings: end.findings.clone(),
                    handover: end.handover.clone(),
                });
                return report;
            }
            Node::Check(check) => {
                let evidence = runner::evaluate(&check.check, diagnosis);
                let transition = session.on_check_result(session.generation(), evidence.outcome);
                report.steps.push(check_step(
                    &node_id,
                    &render_text(&check.title, &values),
                    &evidence,
                ));
                if let Some(error) = stuck(&transition) {
                    report.error = Some(format!("node \"{node_id}\": {error}"));
                    return report;
                }
            }
            Node::Ask(ask) => {
                let step = ask_step(
                    &mut session,
                    &node_id,
                    ask,
                    diagnosis,
                    answers,
                    accept_detected,
                    &values,
                );
                match step {
                    Ok(step) => report.steps.push(step),
                    Err(Stop::Question(open)) => {
                        report.stopped_at = Some(open);
                        return report;
                    }
                    Err(Stop::Broken(error)) => {
                        report.error = Some(format!("node \"{node_id}\": {error}"));
                        return report;
                    }
                }
            }
        }
    }
    report.error = Some(format!(
        "stopped after {MAX_STEPS} steps: the playbook loops"
    ));
    report
}

/// Why an ask step could not be taken.
enum Stop {
    Question(OpenQuestion),
    Broken(String),
}

/// Answers an ask node from `--answer` or, when allowed, from detection.
fn ask_step(
    session: &mut Session,
    node_id: &str,
    ask: &AskNode,
    diagnosis: &Diagnosis,
    answers: &BTreeMap<String, String>,
    accept_detected: bool,
    values: &BTreeMap<&'static str, String>,
) -> Result<WalkStep, Stop> {
    if let Some(check) = session.pending_check().map(str::to_string) {
        let evidence = runner::evaluate(&check, diagnosis);
        session.on_check_result(session.generation(), evidence.outcome);
    }
    let detected = session.detected_option().map(str::to_string);
    let (option, by) = match (answers.get(node_id), &detected) {
        (Some(given), _) => (given.clone(), "--answer"),
        (None, Some(found)) if accept_detected => (found.clone(), "detected"),
        _ => {
            return Err(Stop::Question(OpenQuestion {
                node: node_id.to_string(),
                question: render_text(&ask.question, values),
                options: ask
                    .options
                    .iter()
                    .map(|o| (o.id.clone(), o.label.clone()))
                    .collect(),
                detected,
            }))
        }
    };
    if let Some(error) = stuck(&session.answer(&option)) {
        return Err(Stop::Broken(error));
    }
    Ok(WalkStep {
        node: node_id.to_string(),
        title: render_text(&ask.title, values),
        kind: StepKind::Ask,
        check: None,
        outcome: None,
        mark: None,
        summary: None,
        answer: Some(option),
        answered_by: Some(by),
    })
}

fn check_step(node: &str, title: &str, evidence: &Evidence) -> WalkStep {
    WalkStep {
        node: node.to_string(),
        title: title.to_string(),
        kind: StepKind::Check,
        check: Some(evidence.check.clone()),
        outcome: Some(evidence.outcome.to_string()),
        mark: Some(evidence.mark.symbol()),
        summary: Some(evidence.summary.clone()),
        answer: None,
        answered_by: None,
    }
}

/// Why a transition left the walk where it was, if it did.
fn stuck(transition: &Transition) -> Option<String> {
    match transition {
        Transition::Moved { .. } | Transition::Detected { .. } => None,
        Transition::NoBranch { outcome } => Some(format!(
            "no branch for outcome \"{outcome}\" and no default"
        )),
        Transition::UnknownOption { option } => Some(format!("no option \"{option}\"")),
        Transition::BrokenTarget { target } => Some(format!("\"{target}\" is not a node")),
        Transition::Stale | Transition::NotExpected => Some("the walk lost its place".to_string()),
    }
}
