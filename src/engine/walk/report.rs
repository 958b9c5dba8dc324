//! What a headless walk reports: the steps it passed, where it ended or the
//! question it stopped at.

use crate::engine::conclusion::Conclusion;
use crate::inputs::program::Sdk;
use crate::playbook::model::{EndSeverity, Playbook};
use serde::Serialize;

/// What kind of node a step passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Check,
    Ask,
    Input,
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
    /// For ask and input nodes: the option taken or the value given, and
    /// whether it came from `--answer`, from the pasted error or from
    /// detection (both taken with `--accept-detected`).
    pub answer: Option<String>,
    pub answered_by: Option<&'static str>,
}

/// Where the walk ended, grounded in the diagnosis.
pub type EndReport = Conclusion;

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
    /// The SDK lens an answer chose on the way (`--sdk` or `--answer`), which
    /// the diagnosis then leads with.
    pub lens: Option<Sdk>,
}

impl WalkReport {
    /// A walk of `playbook` that has not taken a step.
    pub(super) fn new(playbook: &Playbook) -> Self {
        WalkReport {
            playbook: playbook.id.clone(),
            title: playbook.title.clone(),
            steps: Vec::new(),
            end: None,
            stopped_at: None,
            error: None,
            lens: None,
        }
    }

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
