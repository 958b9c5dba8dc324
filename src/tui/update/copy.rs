//! The fix an end shows, as lines to copy: placeholders filled, prose made
//! into comments, and the `c` key that puts them on the clipboard.

use super::Cmd;
use crate::checks::registry::CHECKS;
use crate::checks::runner;
use crate::engine::conclusion;
use crate::report::fix::copyable;
use crate::tui::app::{Model, Screen};

/// The fix lines of the end node, placeholders filled.
pub fn fix_lines(model: &Model) -> Vec<String> {
    match &model.screen {
        Screen::Walk(walk) => {
            let values = runner::walk_placeholders(&model.diagnosis, walk.session.values());
            conclusion::of_session(&walk.session, &model.diagnosis, &values)
                .map(|end| copyable(&end.fix))
                .unwrap_or_default()
        }
        Screen::Survey(survey) if survey.position >= CHECKS.len() => model
            .diagnosis
            .findings
            .iter()
            .map(|f| f.fix.clone())
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn copy_fix(model: &mut Model) -> Vec<Cmd> {
    let lines = fix_lines(model);
    if lines.is_empty() {
        model.status = Some("No fix to copy here; the fix is on the last step.".into());
        return Vec::new();
    }
    let text = lines.join("\n");
    model.status = Some(format!(
        "Copied to the clipboard (OSC 52). To copy by hand: {}",
        lines.join(" ; ")
    ));
    vec![Cmd::Copy(text)]
}
