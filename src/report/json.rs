//! The `--json` contract (see assets/check.schema.json).

use crate::diagnosis::Diagnosis;

/// The diagnosis as pretty JSON.
pub fn render(diagnosis: &Diagnosis) -> String {
    serde_json::to_string_pretty(diagnosis)
        .unwrap_or_else(|e| format!("{{\"error\": \"could not serialize: {e}\"}}"))
}
