//! The `--json` contract (see assets/check.schema.json).

use crate::diagnosis::Diagnosis;

/// The diagnosis as pretty JSON.
pub fn render(diagnosis: &Diagnosis) -> String {
    serde_json::to_string_pretty(diagnosis)
        .unwrap_or_else(|e| format!("{{\"error\": \"could not serialize: {e}\"}}"))
}

/// The diagnosis as pretty JSON with the user's command (`command`) added.
pub fn render_with_command(
    diagnosis: &Diagnosis,
    command: &crate::report::command::CommandReport,
) -> String {
    let mut value = serde_json::to_value(diagnosis).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "command".into(),
            serde_json::to_value(command).unwrap_or_default(),
        );
    }
    serde_json::to_string_pretty(&value)
        .unwrap_or_else(|e| format!("{{\"error\": \"could not serialize: {e}\"}}"))
}
