//! Where a walk ends, grounded in the diagnosis: the playbook's end node when
//! it explains an error the diagnosis holds (or there is none), otherwise the
//! diagnosis' leading error in its own words, with the playbook's end kept as
//! context. The wizard, its transcript, `c` (copy) and `credwiz run` all read
//! this one value, so no view can end a walk at a cause the report leaves out.

use crate::diagnosis::Diagnosis;
use crate::engine::session::{render_command, render_text, PlaceholderValues, Session};
use crate::engine::shortcut::{self, Shortcut};
use crate::findings::{Finding, Severity};
use crate::playbook::model::{EndNode, EndSeverity, Playbook};
use serde::Serialize;

/// What the walk concludes, placeholders filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conclusion {
    /// The end node the tree reached.
    pub node: String,
    pub title: String,
    pub severity: EndSeverity,
    /// What is wrong and why.
    pub diagnosis: String,
    /// Lines to paste, in order (explanations after `#`).
    pub fix: Vec<String>,
    /// The finding ids this conclusion explains.
    pub findings: Vec<String>,
    /// Where the playbook's end stands: what the report found that it
    /// explains, in the report's words (`… expired at … (3 days ago)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// Another playbook's id to continue with (only where the playbook's end stands).
    pub handover: Option<String>,
    /// Set when the diagnosis' own finding replaced the playbook's end: the
    /// title of the end the tree reached, which does not explain what the
    /// report found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instead_of: Option<String>,
    /// The report's other errors, which this conclusion does not explain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_found: Vec<Finding>,
}

/// The conclusion of a walk that reached `end` (node id `node`).
pub fn conclude(
    playbook: &Playbook,
    node: &str,
    end: &EndNode,
    diagnosis: &Diagnosis,
    values: &impl PlaceholderValues,
) -> Conclusion {
    let errors: Vec<&Finding> = shortcut::problems(diagnosis).collect();
    let explains = |f: &Finding| end.findings.iter().any(|id| id == f.id.as_str());
    let title = render_text(&end.title, values);
    // The report's leading problem of the playbook's family leads: an end
    // that does not explain it gives way to it. Without one, an end that
    // says all is well gives way to the first problem of any family.
    let replacing = match shortcut::leading_problem(playbook, diagnosis) {
        Some(leading) => (!explains(leading)).then_some(leading),
        None if end.severity != EndSeverity::Error => errors.first().copied(),
        None => None,
    };
    if let Some(leading) = replacing {
        let rest: Vec<&Finding> = errors
            .iter()
            .filter(|f| f.id != leading.id)
            .copied()
            .collect();
        return from_finding(node, leading, &rest, Some(title));
    }
    // `{finding_fix}`: the fix the rules give for what this end explains,
    // which knows where the value came from (a variable, a file and line).
    let explained = diagnosis
        .findings
        .iter()
        .find(|f| end.findings.iter().any(|id| id == f.id.as_str()));
    let finding_fix = explained.map(|f| f.fix.clone());
    let values = WithFindingFix {
        finding_fix,
        rest: values,
    };
    Conclusion {
        node: node.to_string(),
        title,
        severity: end.severity,
        diagnosis: render_text(&end.diagnosis, &values),
        fix: end
            .fix
            .iter()
            // Without its finding the line has nothing to say.
            .filter(|line| values.finding_fix.is_some() || !line.contains("{finding_fix}"))
            .map(|f| render_command(f, &values))
            .collect(),
        findings: end.findings.clone(),
        found: explained.map(|f| f.title.clone()),
        handover: end.handover.clone(),
        instead_of: None,
        also_found: errors
            .into_iter()
            .filter(|f| !explains(f))
            .cloned()
            .collect(),
    }
}

/// The walk's placeholder values and the end's `{finding_fix}`.
struct WithFindingFix<'a, V> {
    finding_fix: Option<String>,
    rest: &'a V,
}

impl<V: PlaceholderValues> PlaceholderValues for WithFindingFix<'_, V> {
    fn value(&self, name: &str) -> Option<&str> {
        match name {
            "finding_fix" => self.finding_fix.as_deref(),
            _ => self.rest.value(name),
        }
    }
}

/// The report's leading error as the end of a walk at `node` (its other
/// errors listed), replacing the playbook end titled `instead_of`, if any.
fn from_finding(
    node: &str,
    leading: &Finding,
    rest: &[&Finding],
    instead_of: Option<String>,
) -> Conclusion {
    Conclusion {
        node: node.to_string(),
        title: leading.title.clone(),
        severity: match leading.severity {
            Severity::Error => EndSeverity::Error,
            Severity::Warning => EndSeverity::Warning,
            Severity::Info => EndSeverity::Ok,
        },
        diagnosis: leading.evidence.clone(),
        fix: fix_lines(&leading.fix),
        findings: vec![leading.id.as_str().to_string()],
        found: None,
        handover: None,
        instead_of,
        also_found: rest.iter().map(|f| (*f).clone()).collect(),
    }
}

/// The conclusion of `session`: at an end node, or where the diagnosis
/// settles the walk before one (see [`shortcut::at`]).
pub fn of_session(
    session: &Session,
    diagnosis: &Diagnosis,
    values: &impl PlaceholderValues,
) -> Option<Conclusion> {
    if let Some(end) = session.at_end() {
        return Some(conclude(
            session.playbook(),
            session.current(),
            end,
            diagnosis,
            values,
        ));
    }
    if shortcut::at(session, diagnosis) != Shortcut::Settled {
        return None;
    }
    // The rules rank local facts (keys, files, env, caches) before what a
    // network probe says, so the first error is the cause to lead with.
    let leading = shortcut::leading_problem(session.playbook(), diagnosis)?;
    let rest: Vec<&Finding> = shortcut::problems(diagnosis)
        .filter(|f| f.id != leading.id)
        .collect();
    Some(from_finding(session.current(), leading, &rest, None))
}

/// A finding's fix as the lines of a fix block.
fn fix_lines(fix: &str) -> Vec<String> {
    fix.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::FindingId;
    use std::collections::BTreeMap;

    fn end(findings: &[&str]) -> EndNode {
        EndNode {
            title: "Works for {profile}".into(),
            severity: EndSeverity::Ok,
            diagnosis: "All good.".into(),
            fix: vec!["aws sts get-caller-identity --profile {profile}".into()],
            findings: findings.iter().map(|s| s.to_string()).collect(),
            handover: Some("other".into()),
        }
    }

    /// A playbook about key.whitespace only.
    fn book() -> Playbook {
        let mut nodes = std::collections::BTreeMap::new();
        nodes.insert(
            "ws".to_string(),
            crate::playbook::model::Node::End(end(&["key.whitespace"])),
        );
        Playbook {
            id: "p".into(),
            title: "t".into(),
            summary: "s".into(),
            matches: Vec::new(),
            generic_matches: Vec::new(),
            start: "ws".into(),
            nodes,
        }
    }

    fn diagnosis(findings: Vec<Finding>) -> Diagnosis {
        let mut d = Diagnosis::pending("dev");
        d.findings = findings;
        d
    }

    fn values() -> BTreeMap<&'static str, String> {
        BTreeMap::from([("profile", "dev".to_string())])
    }

    fn whitespace() -> Finding {
        Finding::new(
            FindingId::KeyWhitespace,
            "the secret ends in a space",
            "AWS_SECRET_ACCESS_KEY ends in a space",
            "export AWS_SECRET_ACCESS_KEY=<the secret without the space>",
        )
    }

    #[test]
    fn the_playbook_end_stands_when_nothing_is_wrong() {
        let c = conclude(&book(), "ok", &end(&[]), &diagnosis(Vec::new()), &values());
        assert_eq!(c.title, "Works for dev");
        assert_eq!(c.fix, ["aws sts get-caller-identity --profile dev"]);
        assert!(c.instead_of.is_none());
        assert_eq!(c.handover.as_deref(), Some("other"));
    }

    #[test]
    fn an_error_the_end_does_not_explain_replaces_it() {
        let c = conclude(
            &book(),
            "ok",
            &end(&[]),
            &diagnosis(vec![whitespace()]),
            &values(),
        );
        assert_eq!(c.findings, ["key.whitespace"]);
        assert_eq!(c.severity, EndSeverity::Error);
        assert_eq!(c.title, "the secret ends in a space");
        assert_eq!(
            c.fix,
            ["export AWS_SECRET_ACCESS_KEY=<the secret without the space>"]
        );
        assert_eq!(c.instead_of.as_deref(), Some("Works for dev"));
        assert_eq!(c.handover, None);
    }

    #[test]
    fn an_end_that_explains_one_error_lists_the_others() {
        let region = Finding::new(FindingId::RegionInvalid, "bad region", "e", "f");
        let d = diagnosis(vec![whitespace(), region]);
        let c = conclude(&book(), "ws", &end(&["key.whitespace"]), &d, &values());
        assert!(c.instead_of.is_none());
        let also: Vec<_> = c.also_found.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(also, ["region.invalid"]);
    }

    #[test]
    fn an_error_of_another_family_is_listed_beside_an_error_end() {
        let process = Finding::new(FindingId::ProcessFailed, "helper failed", "e", "f");
        let mut failing = end(&[]);
        failing.severity = EndSeverity::Error;
        let c = conclude(
            &book(),
            "x",
            &failing,
            &diagnosis(vec![process.clone()]),
            &values(),
        );
        assert!(c.instead_of.is_none());
        assert_eq!(c.also_found, std::slice::from_ref(&process));
        // An end that says all is well gives way to any error.
        let c = conclude(
            &book(),
            "ok",
            &end(&[]),
            &diagnosis(vec![process]),
            &values(),
        );
        assert_eq!(c.findings, ["process.failed"]);
    }

    #[test]
    fn a_fix_line_made_of_the_finding_fix_needs_its_finding() {
        let mut ws = end(&["key.whitespace"]);
        ws.severity = EndSeverity::Error;
        ws.fix = vec!["{finding_fix}".into(), "aws sts get-caller-identity".into()];
        let c = conclude(
            &book(),
            "ws",
            &ws,
            &diagnosis(vec![whitespace()]),
            &values(),
        );
        assert_eq!(
            c.fix,
            [
                "export AWS_SECRET_ACCESS_KEY=<the secret without the space>",
                "aws sts get-caller-identity"
            ]
        );
        let c = conclude(&book(), "ws", &ws, &diagnosis(Vec::new()), &values());
        assert_eq!(c.fix, ["aws sts get-caller-identity"]);
    }

    #[test]
    fn warnings_never_replace_an_end() {
        let warning = Finding::new(FindingId::RegionMissing, "no region", "e", "f");
        let c = conclude(
            &book(),
            "ok",
            &end(&[]),
            &diagnosis(vec![warning]),
            &values(),
        );
        assert!(c.instead_of.is_none());
        assert!(c.also_found.is_empty());
    }
}
