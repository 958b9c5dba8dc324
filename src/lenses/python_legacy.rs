//! botocore's providers after the shared files: `ec2-credentials-file`
//! (`AWS_CREDENTIAL_FILE`), `boto-config` (`BOTO_CONFIG`, `/etc/boto.cfg`,
//! `~/.boto`), `container-role` and `iam-role`.

use super::python::static_keys;
use super::python_ini;
use super::{borrow_remote, masked, LensAnswer, LensInputs, Rule, SourceKind, Verdict};
use crate::inputs::raw_files;
use std::collections::BTreeMap;

/// `ec2-credentials-file`, `boto-config`, `container-role`, `iam-role`.
pub(crate) fn legacy_and_remote(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    let env = inputs.env;
    if let Some(path) = raw_files::ec2_credential_file_path(env) {
        let Some(text) = inputs.raw.get(&path).text() else {
            return LensAnswer::failed(
                profile,
                "ConfigNotFound",
                format!(
                    "The specified config file ({}) could not be found.",
                    path.display()
                ),
            )
            .with_rule(Rule::LegacyFile);
        };
        let pairs: BTreeMap<&str, &str> = text
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.trim(), v.trim()))
            .collect();
        if let Some(key) = pairs.get("AWSAccessKeyId") {
            if !pairs.contains_key("AWSSecretKey") {
                return LensAnswer::failed(profile, "KeyError", "AWSSecretKey")
                    .with_rule(Rule::LegacyFile);
            }
            let mut answer = LensAnswer::resolved(
                profile,
                "ec2-credentials-file",
                SourceKind::LegacyFile,
                masked(key),
            );
            answer.profile = None;
            return answer.with_rule(Rule::LegacyFile);
        }
    }
    for path in raw_files::boto_config_paths(env) {
        let Some(text) = inputs.raw.get(&path).text() else {
            continue;
        };
        let parsed = match python_ini::parse(text) {
            Ok(parsed) => parsed,
            Err(error) => {
                return LensAnswer::failed(
                    profile,
                    "ConfigParseError",
                    format!(
                        "Unable to parse config file: {} ({error:?})",
                        path.display()
                    ),
                )
                .with_rule(Rule::LegacyFile);
            }
        };
        if let Some(answer) = parsed
            .section("Credentials")
            .and_then(|s| static_keys(s, profile, "boto-config"))
        {
            let mut answer = answer.with_rule(Rule::LegacyFile);
            answer.profile = None;
            return answer;
        }
    }
    let container = [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ]
    .iter()
    .any(|name| env.get(name).is_some_and(|v| !v.is_empty()));
    if container {
        return borrow_remote(
            inputs.rust,
            profile,
            "container-role",
            SourceKind::Container,
        );
    }
    let imds_disabled = env
        .get("AWS_EC2_METADATA_DISABLED")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !imds_disabled {
        return borrow_remote(
            inputs.rust,
            profile,
            "iam-role",
            SourceKind::InstanceMetadata,
        );
    }
    LensAnswer {
        error: Some(super::LensError {
            kind: "NoCredentialsError".into(),
            message: "Unable to locate credentials".into(),
        }),
        ..LensAnswer::new(Verdict::None, profile)
    }
}
