//! botocore's providers after the shared files: `ec2-credentials-file`
//! (`AWS_CREDENTIAL_FILE`), `boto-config` (`BOTO_CONFIG`, `/etc/boto.cfg`,
//! `~/.boto`), `container-role` and `iam-role`.

use super::{masked, LensAnswer, LensInputs, Rule, SourceKind, Verdict};
use crate::inputs::python_ini::{self, PySection};
use crate::inputs::raw_files;
use std::collections::BTreeMap;

/// `ec2-credentials-file`, `boto-config`, `container-role`, `iam-role`.
pub(crate) fn legacy_and_remote(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    if let Some(answer) = ec2_credential_file(inputs, profile) {
        return answer;
    }
    if let Some(answer) = boto_config(inputs, profile) {
        return answer;
    }
    remote(inputs, profile)
}

/// `AWS_CREDENTIAL_FILE`: `AWSAccessKeyId=` / `AWSSecretKey=` lines.
fn ec2_credential_file(inputs: &LensInputs<'_>, profile: &str) -> Option<LensAnswer> {
    let path = raw_files::ec2_credential_file_path(inputs.env)?;
    {
        let Some(text) = inputs.raw.get(&path).text() else {
            return Some(
                LensAnswer::failed(
                    profile,
                    "ConfigNotFound",
                    format!(
                        "The specified config file ({}) could not be found.",
                        path.display()
                    ),
                )
                .with_rule(Rule::LegacyFile),
            );
        };
        let pairs: BTreeMap<&str, &str> = text
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.trim(), v.trim()))
            .collect();
        if let Some(key) = pairs.get("AWSAccessKeyId") {
            if !pairs.contains_key("AWSSecretKey") {
                return Some(
                    LensAnswer::failed(profile, "KeyError", "AWSSecretKey")
                        .with_rule(Rule::LegacyFile),
                );
            }
            let mut answer = LensAnswer::resolved(
                profile,
                "ec2-credentials-file",
                SourceKind::LegacyFile,
                masked(key),
            );
            answer.profile = None;
            return Some(answer.with_rule(Rule::LegacyFile));
        }
    }
    None
}

/// `BOTO_CONFIG`, else `/etc/boto.cfg` and `~/.boto`: `[Credentials]`.
fn boto_config(inputs: &LensInputs<'_>, profile: &str) -> Option<LensAnswer> {
    for path in raw_files::boto_config_paths(inputs.env) {
        let Some(text) = inputs.raw.get(&path).text() else {
            continue;
        };
        let parsed = match python_ini::parse(text) {
            Ok(parsed) => parsed,
            Err(error) => {
                return Some(
                    LensAnswer::failed(
                        profile,
                        "ConfigParseError",
                        format!("Unable to parse config file: {} ({error})", path.display()),
                    )
                    .with_rule(Rule::LegacyFile),
                );
            }
        };
        if let Some(answer) = parsed
            .section("Credentials")
            .and_then(|s| static_keys(s, profile, "boto-config"))
        {
            let mut answer = answer.with_rule(Rule::LegacyFile);
            answer.profile = None;
            return Some(answer);
        }
    }
    None
}

/// `container-role`, then `iam-role` unless IMDS is disabled.
fn remote(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    let env = inputs.env;
    let container = [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ]
    .iter()
    .any(|name| env.get(name).is_some_and(|v| !v.is_empty()));
    if container {
        return super::remote_metadata::python(inputs, profile);
    }
    let imds_disabled = env
        .get("AWS_EC2_METADATA_DISABLED")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !imds_disabled {
        return super::remote_metadata::python_imds(inputs, profile);
    }
    LensAnswer {
        error: Some(super::LensError {
            kind: "NoCredentialsError".into(),
            message: "Unable to locate credentials".into(),
        }),
        ..LensAnswer::new(Verdict::None, profile)
    }
}

/// Static keys from one section; a key id without its secret raises.
pub(crate) fn static_keys(section: &PySection, profile: &str, method: &str) -> Option<LensAnswer> {
    let key = section.get("aws_access_key_id")?;
    let kind = if method == "boto-config" || method == "ec2-credentials-file" {
        SourceKind::LegacyFile
    } else {
        SourceKind::ProfileKeys
    };
    if !section.contains_key("aws_secret_access_key") {
        return Some(
            LensAnswer::failed(
                profile,
                "PartialCredentialsError",
                format!("Partial credentials found in {method}, missing: aws_secret_access_key"),
            )
            .with_provider(method, kind),
        );
    }
    let mut answer = LensAnswer::resolved(profile, method, kind, masked(key));
    if key.contains(" #") || key.contains(" ;") || key.contains("\t#") {
        answer = answer.with_rule(Rule::InlineCommentKept);
    }
    if section.contains_key("aws_security_token") {
        answer = answer.with_rule(Rule::SecurityTokenWins);
    }
    Some(answer)
}
