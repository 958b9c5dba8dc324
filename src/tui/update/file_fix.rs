//! `f` at the end of a walk whose cause sits in an AWS file: the change is
//! planned off the UI thread and shown as a diff; `y` writes it (a backup is
//! kept), `n` or Esc drops it. Nothing is written without `y`.

use super::Cmd;
use crate::findings::FindingId;
use crate::fixes::{self, FixInputs, FixPlan};
use crate::tui::app::{FileFix, FixedFile, Model};
use crate::tui::keymap::Action;

/// The file fix the current end offers: the finding it concludes on, when
/// that finding sits in a file of the diagnosed profile and an edit repairs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub id: FindingId,
    pub profile: String,
    /// The file the edit changes, as people know it.
    pub shown: String,
}

/// The offer at this screen, if any.
pub fn offer(model: &Model) -> Option<Offer> {
    if !model.diagnosed {
        return None;
    }
    let end = model.walk_end()?;
    let profile = model.diagnosis.profile.name.clone();
    let explains = |id: FindingId| end.findings.iter().any(|f| f == id.as_str());
    model
        .diagnosis
        .findings
        .iter()
        .filter(|f| fixes::is_fixable(f.id) && explains(f.id))
        // The wizard asks for no region: it writes one only when the
        // pasted error names it.
        .filter(|f| f.id != FindingId::RegionMissing || model.error_facts.region.is_some())
        .find_map(|f| {
            let site = fixes::sites(std::slice::from_ref(f), f.id, Some(&profile)).next()?;
            Some(Offer {
                id: f.id,
                profile: profile.clone(),
                shown: crate::inputs::files::display_path(&site.path),
            })
        })
}

/// What `f` asks the effects to plan: the finding's id, the profile, the
/// values the edit needs and the findings with their sites.
#[derive(Debug, Clone)]
pub struct FixRequest {
    pub id: FindingId,
    pub profile: String,
    pub inputs: FixInputs,
    pub findings: Vec<crate::findings::Finding>,
}

/// What the repair needs beyond the file: the region the pasted error names.
fn inputs(model: &Model) -> FixInputs {
    FixInputs {
        region: model.error_facts.region.clone(),
    }
}

/// `f`: plan the offered fix.
pub(super) fn show(model: &mut Model) -> Vec<Cmd> {
    if model.file_fix.is_some() {
        return Vec::new();
    }
    let Some(offer) = offer(model) else {
        model.status = Some(
            "No file fix here: credwiz edits a file only where the cause of this end sits in one."
                .into(),
        );
        return Vec::new();
    };
    model.file_fix = Some(FileFix::Planning);
    model.status = Some(format!("Reading {} to show the change…", offer.shown));
    vec![Cmd::PlanFix(Box::new(FixRequest {
        id: offer.id,
        profile: offer.profile,
        inputs: inputs(model),
        findings: model.diagnosis.findings.clone(),
    }))]
}

/// While a fix is planned, shown or written, every key comes here first:
/// only yes, no and quit act (help stays reachable).
pub(super) fn intercept(model: &mut Model, action: Action) -> Option<Vec<Cmd>> {
    if model.help || action == Action::Help {
        return None;
    }
    if model.file_fix.is_none() {
        // Or a command shown for `x`, waiting for its yes.
        return super::handover::intercept(model, action);
    }
    if action == Action::Quit {
        model.should_quit = true;
        return Some(Vec::new());
    }
    Some(key(model, action))
}

fn key(model: &mut Model, action: Action) -> Vec<Cmd> {
    match (model.file_fix.take(), action) {
        (Some(FileFix::Shown(plan)), Action::Confirm) => {
            let shown = plan
                .files
                .iter()
                .map(|f| f.shown.as_str())
                .collect::<Vec<_>>();
            model.file_fix = Some(FileFix::Writing(FixedFile {
                finding: plan.id,
                shown: shown.join(", "),
            }));
            model.status = Some("Writing…".into());
            vec![Cmd::ApplyFix(plan)]
        }
        (Some(FileFix::Shown(_)), Action::Decline | Action::Back) => {
            model.status = Some("Nothing was written.".into());
            Vec::new()
        }
        (state, _) => {
            model.file_fix = state;
            Vec::new()
        }
    }
}

/// The plan came back: show it, or say why there is none.
pub(super) fn on_planned(model: &mut Model, planned: Result<Box<FixPlan>, String>) -> Vec<Cmd> {
    if model.file_fix != Some(FileFix::Planning) {
        return Vec::new();
    }
    match planned {
        Ok(plan) => {
            model.status = Some(
                "y writes this change (a backup is kept) · n or Esc: nothing is written".into(),
            );
            model.file_fix = Some(FileFix::Shown(plan));
        }
        Err(why) => {
            model.file_fix = None;
            model.status = Some(why);
        }
    }
    Vec::new()
}

/// The write finished: say where the backup is and how to undo. The walk
/// stays where it is, so that line stays readable; `r` re-runs the checks.
pub(super) fn on_applied(model: &mut Model, applied: Result<Vec<String>, String>) -> Vec<Cmd> {
    let writing = model.file_fix.take();
    match applied {
        Ok(lines) => {
            let next = if model.command.is_some() {
                "v replays your command · r re-runs the checks"
            } else {
                "r re-runs the checks"
            };
            if let Some(FileFix::Writing(fixed)) = writing {
                model.fixed_file = Some(fixed);
            }
            model.status = Some(format!("{} · {next}", lines.join(" ")));
            Vec::new()
        }
        Err(why) => {
            model.status = Some(why);
            Vec::new()
        }
    }
}
