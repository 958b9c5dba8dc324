//! Credentials in environment variables: partial pairs, placeholders, the
//! session token that does not match the kind of key, and environment keys
//! that silently win over the profile the user selected.

use crate::findings::{EnvEdit, Finding, FindingId};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::profile_selection::{ProfileSelection, ProfileSource};
use crate::rules::key::{self, KeyOrigin};
use crate::text::mask::mask_key_id;

/// Every environment-key finding. `profile_has_source`: the selected profile
/// would supply credentials itself once the environment keys are gone.
pub fn findings(
    env: &EnvSnapshot,
    selection: &ProfileSelection,
    profile_has_source: bool,
) -> Vec<Finding> {
    let id = env.get_nonblank("AWS_ACCESS_KEY_ID");
    let secret = env.get_nonblank("AWS_SECRET_ACCESS_KEY");
    let token = env.get_nonblank("AWS_SESSION_TOKEN");
    let mut found = Vec::new();
    match (id, secret) {
        (Some(id), None) => found.push(Finding::new(
            FindingId::EnvPartialKeys,
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            format!(
                "AWS_ACCESS_KEY_ID={}; aws-config (Rust) and the Node.js SDK skip a half pair and move on to the next source; botocore (boto3, AWS CLI) stops with PartialCredentialsError",
                mask_key_id(id.trim())
            ),
            "export AWS_SECRET_ACCESS_KEY=<the secret for this key>   # or: unset AWS_ACCESS_KEY_ID",
        )
        // The secret is the user's to type; removing the half pair is the
        // change credwiz can replay.
        .with_env_change(EnvEdit::unset(&["AWS_ACCESS_KEY_ID"]))),
        (None, Some(_)) => found.push(Finding::new(
            FindingId::EnvPartialKeys,
            "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            "aws-config, botocore and the Node.js SDK all skip a secret without its key id and move on to the next source",
            "export AWS_ACCESS_KEY_ID=<the key id>   # or: unset AWS_SECRET_ACCESS_KEY",
        )
        .with_env_change(EnvEdit::unset(&["AWS_SECRET_ACCESS_KEY"]))),
        _ => {}
    }
    let Some(id) = id else { return found };
    let origin = KeyOrigin {
        id_location: "AWS_ACCESS_KEY_ID".into(),
        secret_location: "AWS_SECRET_ACCESS_KEY".into(),
        // The variables win over the profile: fixing the profile changes
        // nothing while they are set, so removing them comes first.
        fix: if profile_has_source {
            format!(
                "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN   # profile {} has its own credentials; or export the real values, without quotes or spaces",
                crate::text::shell::quote(&selection.name)
            )
        } else {
            "export AWS_ACCESS_KEY_ID=<real id> AWS_SECRET_ACCESS_KEY=<real secret>   # without quotes or spaces".into()
        },
        // A variable is no file credwiz could repair.
        id_site: None,
        secret_site: None,
    };
    found.extend(key::findings(id, secret, &origin));
    let trimmed = id.trim();
    if trimmed.starts_with("ASIA") && token.is_none() {
        found.push(Finding::new(
            FindingId::EnvMissingSessionToken,
            "a temporary (ASIA…) key is set without AWS_SESSION_TOKEN",
            format!("AWS_ACCESS_KEY_ID={}; temporary keys only work together with their session token", mask_key_id(trimmed)),
            "export AWS_SESSION_TOKEN=<the token issued with this key>   # or fetch fresh ones: aws sts get-session-token / aws sso login",
        ));
    }
    if trimmed.starts_with("AKIA") && token.is_some() {
        found.push(Finding::new(
            FindingId::EnvStaleSessionToken,
            "a long-term (AKIA…) key is set together with a leftover AWS_SESSION_TOKEN",
            format!("AWS_ACCESS_KEY_ID={}; AWS rejects the request because the token does not belong to this key", mask_key_id(trimmed)),
            "unset AWS_SESSION_TOKEN",
        ));
    }
    if secret.is_some() && selection.source != ProfileSource::Default {
        found.push(Finding::new(
            FindingId::EnvShadowsProfile,
            format!("environment keys win over the profile '{}' you selected", selection.name),
            format!(
                "{} selects '{}', but in aws-config (Rust) AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY come first in the chain (the Node.js SDK uses the profile whenever one is set; botocore uses it with --profile)",
                selection.source, selection.name
            ),
            "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN",
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::profile_selection::select_profile;

    const SECRET: &str = "abcdefghijABCDEFGHIJ0123456789/+abcdefgh";

    fn ids(env: &[(&str, &str)]) -> Vec<&'static str> {
        let env = EnvSnapshot::from_pairs(env.iter().copied());
        let selection = select_profile(&env, None);
        findings(&env, &selection, false)
            .iter()
            .map(|f| f.id.as_str())
            .collect()
    }

    #[test]
    fn partial_pairs() {
        assert_eq!(
            ids(&[("AWS_ACCESS_KEY_ID", "AKIAZ7VQXJ4PLM2RTW5Y")]),
            ["env.partial_keys"]
        );
        assert_eq!(
            ids(&[("AWS_SECRET_ACCESS_KEY", SECRET)]),
            ["env.partial_keys"]
        );
    }

    #[test]
    fn token_must_match_the_kind_of_key() {
        assert_eq!(
            ids(&[
                ("AWS_ACCESS_KEY_ID", "ASIAZ7VQXJ4PLM2RTW5Y"),
                ("AWS_SECRET_ACCESS_KEY", SECRET)
            ]),
            ["env.missing_session_token"]
        );
        assert_eq!(
            ids(&[
                ("AWS_ACCESS_KEY_ID", "AKIAZ7VQXJ4PLM2RTW5Y"),
                ("AWS_SECRET_ACCESS_KEY", SECRET),
                ("AWS_SESSION_TOKEN", "tok")
            ]),
            ["env.stale_session_token"]
        );
    }

    #[test]
    fn env_keys_shadow_a_selected_profile() {
        assert_eq!(
            ids(&[
                ("AWS_ACCESS_KEY_ID", "AKIAZ7VQXJ4PLM2RTW5Y"),
                ("AWS_SECRET_ACCESS_KEY", SECRET),
                ("AWS_PROFILE", "dev")
            ]),
            ["env.shadows_profile"]
        );
    }
}
