//! A headless walk (`credwiz run`): the same session and the same checks as
//! the wizard, questions answered from `--answer node=option` (or what was
//! detected), recorded as the path taken and where it ended.

use crate::checks::runner::{self, Evidence};
use crate::diagnosis::Diagnosis;
use crate::engine::conclusion::{self, conclude, Conclusion};
use crate::engine::session::{render_text, Session, Suggestion, Transition};
use crate::engine::shortcut::{Shortcut, Shortcuts};
use crate::inputs::program::Sdk;
use crate::playbook::model::{AskNode, CheckNode, InputNode, Node, Playbook};
use std::collections::BTreeMap;

mod report;
mod share;

pub use report::{EndReport, OpenQuestion, StepKind, WalkReport, WalkStep};

pub use share::{share_lens_answer, share_typed_values};

/// How a headless walk answers what `--answer` does not.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnswerRules {
    /// Take what the pasted error says or a check detected.
    pub accept_detected: bool,
    /// `--sdk`: answers the question that chooses the lens.
    pub sdk: Option<Sdk>,
}

/// Walks `playbook` on one diagnosis. `answers` maps ask node ids to option
/// ids, and input node ids (or input names) to values.
pub fn walk(
    playbook: &Playbook,
    diagnosis: &Diagnosis,
    answers: &BTreeMap<String, String>,
    rules: AnswerRules,
) -> WalkReport {
    let mut report = WalkReport::new(playbook);
    let mut session = match Session::new(playbook) {
        Ok(session) => session,
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    };
    session.set_error_facts(diagnosis.error_facts.clone());
    let mut walker = Walker {
        session,
        shortcuts: Shortcuts::new(playbook, diagnosis),
        diagnosis: diagnosis.clone(),
        answers,
        rules,
    };
    // A walk that never comes back to a node passes each node at most once:
    // one step more than the playbook has nodes means it loops.
    let max_steps = playbook.nodes.len() + 1;
    // Only an answer can choose the lens: asking the session (which reads
    // every step taken) after any other step would make the walk quadratic.
    let mut answered = true;
    for _ in 0..max_steps {
        let node_id = walker.session.current().clone();
        if std::mem::take(&mut answered) {
            report.lens = walker.session.lens();
        }
        if let Some(lens) = report.lens.filter(|lens| *lens != walker.diagnosis.sdk) {
            walker.diagnosis.lead_with(lens);
            walker.shortcuts = Shortcuts::new(playbook, &walker.diagnosis);
        }
        let values = runner::walk_placeholders(&walker.diagnosis, walker.session.values());
        match walker.shortcut(&node_id, &values) {
            Some(Ok(step)) => {
                report.steps.push(step);
                continue;
            }
            Some(Err(end)) => {
                report.end = Some(*end);
                return report;
            }
            None => {}
        }
        let step = match walker.session.current_node().clone() {
            Node::End(end) => {
                report.end = Some(conclude(
                    playbook,
                    &node_id,
                    &end,
                    &walker.diagnosis,
                    &values,
                ));
                return report;
            }
            Node::Check(check) => walker.check(&node_id, &check, &values),
            Node::Input(input) => walker.input(&node_id, &input, &values),
            Node::Ask(ask) => {
                answered = true;
                walker.ask(&node_id, &ask, &values)
            }
        };
        match step {
            Ok(step) => report.steps.push(step),
            Err(Halt::Question(open)) => {
                report.stopped_at = Some(*open);
                return report;
            }
            Err(Halt::Broke(error, step)) => {
                report.steps.extend(step.map(|s| *s));
                report.error = Some(format!("node \"{node_id}\": {error}"));
                return report;
            }
        }
    }
    report.error = Some(format!(
        "stopped after {max_steps} steps, more than the playbook's {} nodes: the walk came back to a node it had passed, so with these answers the playbook loops",
        playbook.nodes.len()
    ));
    report
}

/// Why a walk stops before an end.
enum Halt {
    /// A question without an answer.
    Question(Box<OpenQuestion>),
    /// The session could not move (and the step that was taken, if any).
    Broke(String, Option<Box<WalkStep>>),
}

/// One headless walk in progress.
struct Walker<'a> {
    session: Session,
    /// Led by the lens chosen so far (no probe runs again for that).
    diagnosis: Diagnosis,
    /// What that diagnosis decides in this playbook, worked out once.
    shortcuts: Shortcuts,
    answers: &'a BTreeMap<String, String>,
    rules: AnswerRules,
}

type Values = BTreeMap<&'static str, String>;

impl Walker<'_> {
    fn check(
        &mut self,
        node_id: &str,
        check: &CheckNode,
        values: &Values,
    ) -> Result<WalkStep, Halt> {
        let evidence = runner::evaluate(&check.check, &self.diagnosis);
        let transition = self
            .session
            .on_check_result(self.session.generation(), evidence.outcome);
        let step = check_step(node_id, &render_text(&check.title, values), &evidence);
        match stuck(&transition) {
            Some(error) => Err(Halt::Broke(error, Some(Box::new(step)))),
            None => Ok(step),
        }
    }

    fn input(
        &mut self,
        node_id: &str,
        input: &InputNode,
        values: &Values,
    ) -> Result<WalkStep, Halt> {
        let given = self
            .answers
            .get(node_id)
            .or_else(|| self.answers.get(&input.name));
        let (value, by) = match (given, self.session.prefill()) {
            (Some(given), _) => (given.clone(), "--answer"),
            (None, Some((found, by))) if self.rules.accept_detected => (found, suggestion_word(by)),
            (None, found) => {
                return Err(Halt::Question(Box::new(OpenQuestion {
                    node: node_id.to_string(),
                    question: render_text(&input.question, values),
                    options: input
                        .examples
                        .iter()
                        .map(|e| (e.clone(), "example".to_string()))
                        .collect(),
                    detected: found.map(|(v, _)| v),
                })))
            }
        };
        if let Some(error) = stuck(&self.session.submit(&value)) {
            return Err(Halt::Broke(error, None));
        }
        // What the walk keeps (an error text only scrubbed) is what it shows.
        let kept = self.session.values().get(&input.name).cloned();
        Ok(answer_step(
            node_id,
            &render_text(&input.title, values),
            StepKind::Input,
            kept.unwrap_or_default(),
            by,
        ))
    }

    /// What the diagnosis decides here (see [`Shortcuts::at`]): a step
    /// passed without asking, or the end of the walk.
    fn shortcut(
        &mut self,
        node_id: &str,
        values: &Values,
    ) -> Option<Result<WalkStep, Box<Conclusion>>> {
        match self.shortcuts.at(&self.session) {
            Shortcut::Settled => conclusion::of_session(&self.session, &self.diagnosis, values)
                .map(|end| Err(Box::new(end))),
            Shortcut::SkipInput => {
                let title = render_text(self.session.current_node().title(), values);
                stuck(&self.session.submit("")).is_none().then(|| {
                    Ok(answer_step(
                        node_id,
                        &title,
                        StepKind::Input,
                        String::new(),
                        "skipped: a local problem was found first",
                    ))
                })
            }
            Shortcut::Walk => None,
        }
    }

    fn ask(&mut self, node_id: &str, ask: &AskNode, values: &Values) -> Result<WalkStep, Halt> {
        if let Some(check) = self.session.pending_check().map(str::to_string) {
            let evidence = runner::evaluate(&check, &self.diagnosis);
            self.session
                .on_check_result(self.session.generation(), evidence.outcome);
        }
        let suggested = self
            .session
            .suggested_option()
            .map(|(o, by)| (o.to_string(), by));
        let flagged = self
            .rules
            .sdk
            .and_then(|sdk| self.session.option_for_lens(sdk))
            .map(str::to_string);
        let (option, by) = match (self.answers.get(node_id), flagged, &suggested) {
            (Some(given), _, _) => (given.clone(), "--answer"),
            (None, Some(flagged), _) => (flagged, "--sdk"),
            (None, None, Some((found, by))) if self.rules.accept_detected => {
                (found.clone(), suggestion_word(*by))
            }
            _ => {
                return Err(Halt::Question(Box::new(OpenQuestion {
                    node: node_id.to_string(),
                    question: render_text(&ask.question, values),
                    options: ask
                        .options
                        .iter()
                        .map(|o| (o.id.clone(), o.label.clone()))
                        .collect(),
                    detected: suggested.map(|(o, _)| o),
                })))
            }
        };
        if let Some(error) = stuck(&self.session.answer(&option)) {
            return Err(Halt::Broke(error, None));
        }
        Ok(answer_step(
            node_id,
            &render_text(&ask.title, values),
            StepKind::Ask,
            option,
            by,
        ))
    }
}

fn answer_step(
    node: &str,
    title: &str,
    kind: StepKind,
    answer: String,
    by: &'static str,
) -> WalkStep {
    WalkStep {
        node: node.to_string(),
        title: title.to_string(),
        kind,
        check: None,
        outcome: None,
        mark: None,
        summary: None,
        answer: Some(answer),
        answered_by: Some(by),
    }
}

/// How `run` names where an answer came from.
fn suggestion_word(by: Suggestion) -> &'static str {
    match by {
        Suggestion::FromError => "from your error",
        Suggestion::Detected => "detected",
    }
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
        Transition::Rejected { reason } => Some(reason.clone()),
        Transition::BrokenTarget { target } => Some(format!("\"{target}\" is not a node")),
        Transition::Stale | Transition::NotExpected => Some("the walk lost its place".to_string()),
    }
}
