//! `c`: the fix of the page, put on the clipboard and shown for copying by hand.

use super::Cmd;
use crate::checks::registry::CHECKS;
use crate::report::fix::copyable;
use crate::tui::app::{Model, Screen};

/// The fix lines of the end node, placeholders filled.
pub fn fix_lines(model: &Model) -> Vec<String> {
    match &model.screen {
        Screen::Walk(_) => model
            .walk_end()
            .map(|end| copyable(&end.fix))
            .unwrap_or_default(),
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
    let count = match lines.len() {
        1 => "1 line".to_string(),
        n => format!("{n} lines"),
    };
    model.status = Some(format!(
        "Copied {count} to the clipboard (OSC 52). If nothing arrived, select the block below."
    ));
    model.copied = Some(lines);
    vec![Cmd::Copy(text)]
}
