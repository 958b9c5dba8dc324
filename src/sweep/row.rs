//! What a sweep keeps of one profile once its diagnosis is printed: a row
//! (the table's cells, the top finding) and its verdict. The diagnosis
//! itself is dropped as soon as the views have written it.

use crate::diagnosis::Diagnosis;
use crate::findings::{Finding, FindingId, Severity};
use crate::sweep::SourceKind;
use std::time::Duration;

/// How one profile fared, in the words of the doctor-style marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// ✗: an error finding, or no credentials.
    Problem,
    /// !: works, with warnings.
    Attention,
    /// ·: offline, and the profile needs the network or a program.
    Unverified,
    /// ✓: credentials resolved (and, online, STS knows who they are).
    Ok,
}

impl Verdict {
    /// The mark shown in tables.
    pub fn mark(self) -> &'static str {
        match self {
            Verdict::Problem => "✗",
            Verdict::Attention => "!",
            Verdict::Unverified => "·",
            Verdict::Ok => "✓",
        }
    }

    /// The verdict of one profile's diagnosis.
    pub fn of(diagnosis: &Diagnosis) -> Verdict {
        let worst = crate::diagnosis::worst_severity(&diagnosis.findings);
        let unresolved_online = diagnosis.resolved.is_none() && !diagnosis.offline;
        if worst == Some(Severity::Error) || unresolved_online {
            Verdict::Problem
        } else if worst == Some(Severity::Warning) {
            Verdict::Attention
        } else if diagnosis.resolved.is_none() {
            Verdict::Unverified
        } else {
            Verdict::Ok
        }
    }
}

/// One profile's whole result, handed to the views as it finishes.
#[derive(Debug, Clone)]
pub struct ProfileResult {
    pub profile: String,
    pub source_kind: SourceKind,
    pub verdict: Verdict,
    pub diagnosis: Diagnosis,
    /// How long its diagnosis took.
    pub took: Duration,
}

impl ProfileResult {
    /// The finding to show first: the worst (findings are sorted errors first).
    pub fn top_finding(&self) -> Option<&Finding> {
        self.diagnosis
            .findings
            .iter()
            .find(|f| f.severity != Severity::Info)
            .or_else(|| self.diagnosis.findings.first())
    }
}

/// The finding a row leads with, without its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopFinding {
    pub id: FindingId,
    pub severity: Severity,
    pub title: String,
    pub fix: String,
    /// The fix that repairs every profile sharing the cause, if there is one.
    pub shared_fix: Option<String>,
}

/// One row of the sweep's table: all a view needs of a profile afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRow {
    pub profile: String,
    pub source_kind: SourceKind,
    pub verdict: Verdict,
    /// RFC 3339 expiry of the resolved credentials.
    pub expires_at: Option<String>,
    pub account: Option<String>,
    pub arn: Option<String>,
    pub top: Option<TopFinding>,
}

impl ProfileRow {
    /// The row of a finished profile.
    pub fn of(result: &ProfileResult) -> ProfileRow {
        let d = &result.diagnosis;
        ProfileRow {
            profile: result.profile.clone(),
            source_kind: result.source_kind,
            verdict: result.verdict,
            expires_at: d.resolved.as_ref().and_then(|r| r.expires_at.clone()),
            account: d.identity.as_ref().map(|who| who.account.clone()),
            arn: d.identity.as_ref().map(|who| who.arn.clone()),
            top: result.top_finding().map(|f| TopFinding {
                id: f.id,
                severity: f.severity,
                title: f.title.clone(),
                fix: f.fix.clone(),
                shared_fix: f.shared_fix.clone(),
            }),
        }
    }
}
