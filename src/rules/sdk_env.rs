//! The change of environment of each `sdk.*_differs` fix (`rules/sdk.rs`),
//! as data: what `--verify` replays the user's command with.

use crate::findings::EnvEdit;
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::program::Sdk;
use crate::lenses::{LensAnswer, Rule, Verdict};

/// The environment change of [`fix_text`], arm for arm; the unit tests hold
/// every change to the words of its fix.
pub(super) fn env_change(
    sdk: Sdk,
    rule: Option<Rule>,
    answer: &LensAnswer,
    rust: &LensAnswer,
    env: &EnvSnapshot,
    region: Option<&str>,
) -> Vec<EnvEdit> {
    let profile = answer.profile.as_deref().unwrap_or("default");
    match rule {
        Some(Rule::DefaultProfileVariableFirst) if answer.works() && !rust.works() => {
            vec![EnvEdit::set("AWS_PROFILE", profile)]
        }
        Some(Rule::DefaultProfileVariableFirst) => match env.get_nonblank("AWS_PROFILE") {
            Some(p) => {
                let mut edits = vec![EnvEdit::set("AWS_PROFILE", p.trim())];
                edits.extend(EnvEdit::unset(&["AWS_DEFAULT_PROFILE"]));
                edits
            }
            None => EnvEdit::unset(&["AWS_DEFAULT_PROFILE"]),
        },
        Some(Rule::ProfileSkipsEnvKeys) => EnvEdit::unset(&["AWS_PROFILE"]),
        Some(Rule::PartialEnvKeysRaise) => EnvEdit::unset(&["AWS_ACCESS_KEY_ID"]),
        Some(Rule::SecurityTokenWins) => EnvEdit::unset(&["AWS_SECURITY_TOKEN"]),
        Some(Rule::MissingProfileStops) => EnvEdit::unset(&["AWS_PROFILE", "AWS_DEFAULT_PROFILE"]),
        Some(Rule::WebIdentityEnvFirst) => {
            EnvEdit::unset(&["AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"])
        }
        // Only a region credwiz knows: the words' us-east-1 is a guess.
        Some(Rule::RegionVariable) => region
            .map(|r| vec![EnvEdit::set("AWS_DEFAULT_REGION", r)])
            .unwrap_or_default(),
        Some(Rule::LegacyFile) if env.get("AWS_CREDENTIAL_FILE").is_some() => {
            EnvEdit::unset(&["AWS_CREDENTIAL_FILE"])
        }
        Some(Rule::EmptyFileVariable) => {
            EnvEdit::unset(&["AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"])
        }
        Some(Rule::ShortRoleSessionName)
            if env
                .get("AWS_ROLE_SESSION_NAME")
                .is_some_and(|name| name.chars().count() == 1) =>
        {
            vec![EnvEdit::set("AWS_ROLE_SESSION_NAME", "credwiz-session")]
        }
        None => fallback_env_change(sdk, answer, rust),
        // Every other fix edits a file, needs a value only the user has, or
        // (`unset AWS_EC2_METADATA_DISABLED`) would let the replay ask a
        // real metadata service: nothing credwiz replays on its own.
        _ => Vec::new(),
    }
}

/// The environment change of [`fallback_fix`]: only its profile arms.
fn fallback_env_change(sdk: Sdk, answer: &LensAnswer, rust: &LensAnswer) -> Vec<EnvEdit> {
    let rust_profile = rust.profile.as_deref().unwrap_or("default");
    if answer.verdict == Verdict::Unverified && answer.source == rust.source {
        return Vec::new();
    }
    if answer.profile.as_deref() == Some(rust_profile) {
        return Vec::new();
    }
    let mut edits = vec![EnvEdit::set("AWS_PROFILE", rust_profile)];
    if sdk != Sdk::Node {
        edits.extend(EnvEdit::unset(&["AWS_DEFAULT_PROFILE"]));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::super::sdk::fix;
    use super::*;
    use crate::lenses::{LensAnswer, SourceKind, Verdict};

    fn quote(value: &str) -> String {
        shell_words::quote(value).into_owned()
    }

    /// The words a change has in a fix line.
    fn words(edit: &EnvEdit) -> String {
        match edit {
            EnvEdit::Set { name, value } => format!("{name}={}", quote(value)),
            EnvEdit::Unset { name } => name.clone(),
        }
    }

    #[test]
    fn every_environment_change_is_what_its_fix_says() {
        let env = EnvSnapshot::from_pairs([
            ("AWS_PROFILE", "dev"),
            ("AWS_ROLE_SESSION_NAME", "x"),
            ("AWS_CREDENTIAL_FILE", "/tmp/c"),
        ]);
        let rust = LensAnswer::new(Verdict::None, "default");
        let works = LensAnswer::resolved("dev", "env", SourceKind::Environment, None);
        let fails = LensAnswer::failed("dev", "PartialCredentialsError", "x");
        let rules = [
            Rule::DefaultProfileVariableFirst,
            Rule::ProfileSkipsEnvKeys,
            Rule::PartialEnvKeysRaise,
            Rule::SecurityTokenWins,
            Rule::MissingProfileStops,
            Rule::WebIdentityEnvFirst,
            Rule::RegionVariable,
            Rule::LegacyFile,
            Rule::EmptyFileVariable,
            Rule::ShortRoleSessionName,
        ];
        for rule in rules {
            for answer in [&works, &fails] {
                let (text, edits) = fix(
                    Sdk::Python,
                    Some(rule),
                    answer,
                    &rust,
                    &env,
                    Some("eu-west-1"),
                );
                assert!(!edits.is_empty(), "{rule:?} has no change: {text}");
                for edit in &edits {
                    let shown = text.split('#').next().unwrap_or_default();
                    assert!(
                        shown.contains(&words(edit)),
                        "{rule:?}: {edit:?} not in {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_fix_that_needs_a_file_edit_has_no_environment_change() {
        let env = EnvSnapshot::from_pairs(Vec::<(String, String)>::new());
        let rust = LensAnswer::new(Verdict::None, "default");
        let answer = LensAnswer::failed("dev", "X", "x");
        for rule in [
            Rule::StaticKeysFirst,
            Rule::InlineCommentKept,
            Rule::Ec2SourceIgnoresMetadataDisabled,
        ] {
            let (_, edits) = fix(Sdk::Python, Some(rule), &answer, &rust, &env, None);
            assert!(edits.is_empty(), "{rule:?}");
        }
    }
}
