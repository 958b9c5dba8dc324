//! A fix that is a change of the program's environment, as data: what
//! `--verify` (and the wizard's replay key) runs the user's command with.
//! The rules attach it where they build the fix text; nothing parses the
//! sentence back.

use serde::Serialize;

/// One variable set or removed. Values are never secrets: a fix that needs
/// the user's secret (`export AWS_SECRET_ACCESS_KEY=<…>`) has no replayable
/// change, only its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum EnvEdit {
    /// `export NAME=value`.
    Set { name: String, value: String },
    /// `unset NAME`.
    Unset { name: String },
}

impl EnvEdit {
    /// `export NAME=value`.
    pub fn set(name: &str, value: &str) -> EnvEdit {
        EnvEdit::Set {
            name: name.to_string(),
            value: value.to_string(),
        }
    }

    /// `unset NAME` for each name.
    pub fn unset(names: &[&str]) -> Vec<EnvEdit> {
        names
            .iter()
            .map(|name| EnvEdit::Unset {
                name: name.to_string(),
            })
            .collect()
    }

    /// The variable this edit touches.
    pub fn name(&self) -> &str {
        match self {
            EnvEdit::Set { name, .. } | EnvEdit::Unset { name } => name,
        }
    }

    /// Applies the edits, in order, to an environment given as pairs.
    pub fn apply(edits: &[EnvEdit], env: &mut Vec<(String, String)>) {
        for edit in edits {
            env.retain(|(name, _)| name != edit.name());
            if let EnvEdit::Set { name, value } = edit {
                env.push((name.clone(), value.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order() {
        let mut env = vec![
            ("AWS_ACCESS_KEY_ID".to_string(), "AKIA".to_string()),
            ("AWS_PROFILE".to_string(), "old".to_string()),
        ];
        let mut edits = EnvEdit::unset(&["AWS_ACCESS_KEY_ID"]);
        edits.push(EnvEdit::set("AWS_PROFILE", "dev"));
        EnvEdit::apply(&edits, &mut env);
        assert_eq!(env, vec![("AWS_PROFILE".to_string(), "dev".to_string())]);
    }

    #[test]
    fn edits_serialize_as_tagged_objects() {
        let json = serde_json::to_string(&EnvEdit::set("AWS_PROFILE", "dev")).unwrap();
        assert_eq!(json, r#"{"op":"set","name":"AWS_PROFILE","value":"dev"}"#);
    }
}
