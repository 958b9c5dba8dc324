//! `sdk.python_differs` / `sdk.node_differs`: where botocore or the Node.js
//! SDK would not do what aws-config does, the rule that causes it, both
//! answers, and the command that makes that program work.

use crate::findings::{EnvEdit, Finding, FindingId, Severity};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::program::Sdk;
use crate::lenses::{LensAnswer, Rule, SdkAnswers, Verdict};

/// One finding per SDK whose answer differs from Rust's: a warning for the
/// SDK of the user's program (`lead`), information for the others.
pub fn findings(
    sdks: &SdkAnswers,
    env: &EnvSnapshot,
    region: Option<&str>,
    lead: Sdk,
) -> Vec<Finding> {
    sdks.differing()
        .map(|sdk| {
            let answer = sdks.get(sdk);
            let id = match sdk {
                Sdk::Python => FindingId::SdkPythonDiffers,
                _ => FindingId::SdkNodeDiffers,
            };
            let rule = answer.rules.first().copied();
            let title = match (answer.works(), sdks.rust.works()) {
                _ if rule == Some(Rule::MfaPrompt) && sdk == Sdk::Python => {
                    "botocore asks for an MFA code before it assumes the role; aws-config never does".to_string()
                }
                _ if rule == Some(Rule::MfaPrompt) => format!(
                    "{} fails on mfa_serial unless the program gives it an MFA callback; aws-config ignores the setting",
                    short(sdk)
                ),
                (false, true) if sdks.rust.verdict == Verdict::Unverified => format!(
                    "{} would fail here; aws-config's answer needs a remote call credwiz did not make",
                    short(sdk)
                ),
                (false, true) => format!("{} would fail where aws-config resolves", short(sdk)),
                // Its source needs a remote answer credwiz did not get: it may still fail.
                (true, false) if answer.verdict == Verdict::Unverified && answer.source == sdks.rust.source => format!(
                    "{} might not fail where aws-config does: its answer needs a remote call credwiz did not make",
                    short(sdk)
                ),
                (true, false) if answer.verdict == Verdict::Unverified => format!(
                    "{} would try another source where aws-config fails",
                    short(sdk)
                ),
                (true, false) => format!("{} would resolve where aws-config fails", short(sdk)),
                _ => format!("{} would use other credentials than aws-config", short(sdk)),
            };
            let same_source_unknown =
                answer.verdict == Verdict::Unverified && answer.source == sdks.rust.source;
            let because = rule.map(explain).unwrap_or(if same_source_unknown {
                "its answer from the same source needs a remote call credwiz did not make"
            } else {
                "its provider order differs from aws-config's"
            });
            let evidence = format!(
                "{}: {}; aws-config: {}; because {because}",
                short(sdk),
                describe(answer),
                describe(&sdks.rust)
            );
            let (fix, env_change) = fix(sdk, rule, answer, &sdks.rust, env, region);
            Finding::new(id, title, evidence, fix)
                .with_env_change(env_change)
                .with_severity(severity(sdk, lead, sdks))
        })
        .collect()
}

/// A difference matters most for the SDK of the user's program (`lead`):
/// a warning there, information for the others. An answer that only waits
/// on a remote call credwiz did not make, from the very source that failed
/// aws-config, is no known difference: information, whichever SDK leads.
pub fn severity(sdk: Sdk, lead: Sdk, sdks: &SdkAnswers) -> Severity {
    let answer = sdks.get(sdk);
    let unknown = answer.verdict == Verdict::Unverified
        && answer.source.is_some()
        && answer.source == sdks.rust.source
        && !sdks.rust.works();
    if sdk == lead && !unknown {
        Severity::Warning
    } else {
        Severity::Info
    }
}

fn short(sdk: Sdk) -> &'static str {
    match sdk {
        Sdk::Python => "botocore",
        Sdk::Node => "the Node.js SDK",
        Sdk::Rust => "aws-config",
    }
}

/// One answer in words, with masked data only.
pub fn describe(answer: &LensAnswer) -> String {
    let provider = answer.provider.as_deref().unwrap_or("no provider");
    let profile = answer
        .profile
        .as_deref()
        .map(|p| format!(" (profile {p})"))
        .unwrap_or_default();
    match answer.verdict {
        Verdict::Resolved => format!(
            "{provider}{profile} {}",
            answer.access_key_id.as_deref().unwrap_or("")
        )
        .trim_end()
        .to_string(),
        Verdict::Unverified => {
            format!("{provider}{profile}, which needs a remote answer or a process")
        }
        Verdict::Failed | Verdict::None => match &answer.error {
            Some(error) => format!("{} ({})", error.kind, error.message),
            None => "no credentials".into(),
        },
    }
}

/// The rule in words.
pub fn explain(rule: Rule) -> &'static str {
    match rule {
        Rule::DefaultProfileVariableFirst => "botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE; aws-config and Node read only AWS_PROFILE (the AWS CLI v2 bundles its own botocore, which reads AWS_PROFILE first)",
        Rule::ExplicitProfileDropsEnvKeys => "an explicit profile (--profile, profile_name=) makes botocore ignore environment keys",
        Rule::ProfileSkipsEnvKeys => "the Node.js SDK skips environment keys whenever AWS_PROFILE or a profile is set",
        Rule::PartialEnvKeysRaise => "botocore raises PartialCredentialsError for AWS_ACCESS_KEY_ID without AWS_SECRET_ACCESS_KEY; aws-config moves on",
        Rule::SecurityTokenWins => "botocore prefers AWS_SECURITY_TOKEN / aws_security_token over the session token; aws-config ignores them",
        Rule::ExpiredEnvKeysRefused => "AWS_CREDENTIAL_EXPIRATION is in the past, and botocore refuses expired environment keys",
        Rule::MissingProfileStops => "botocore stops with ProfileNotFound where aws-config falls through to other sources",
        Rule::StaticKeysFirst => "inside one profile this SDK takes static keys before credential_process, SSO or login; aws-config takes those first",
        Rule::WebIdentityEnvFirst => "botocore tries AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN before the shared files",
        Rule::StrictParserRejects => "botocore's parser rejects duplicate sections or keys, a byte-order mark and lines without '='",
        Rule::NotUtf8File => "botocore reads the AWS files as UTF-8 text and stops at the first byte that is not, where aws-config reads past it",
        Rule::InlineCommentKept => "botocore keeps an inline '# comment' as part of the value",
        Rule::LenientParser => "its parser reads past the lines that make aws-config reject the whole file (the Node.js SDK skips them and byte-order marks; botocore reads an indented setting as a setting)",
        Rule::CaseSensitiveKeys => "the Node.js SDK reads key names case-sensitively (aws_access_key_id, not AWS_ACCESS_KEY_ID)",
        Rule::RegionVariable => "botocore reads only AWS_DEFAULT_REGION or the profile's region (never AWS_REGION) for its STS client",
        Rule::LegacyFile => "botocore also reads ~/.boto, BOTO_CONFIG and AWS_CREDENTIAL_FILE, which aws-config never opens",
        Rule::CredentialSourceCase => "botocore matches credential_source case-sensitively (Environment, Ec2InstanceMetadata, EcsContainer)",
        Rule::EmptyFileVariable => "an empty AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE means no file to botocore and the default path to Node",
        Rule::Ec2SourceIgnoresMetadataDisabled => "the Node.js SDK's credential_source = Ec2InstanceMetadata asks instance metadata even when AWS_EC2_METADATA_DISABLED is set; aws-config and botocore refuse",
        Rule::ContainerSourcePassedOver => "the Node.js SDK passes over credential_source = EcsContainer when neither container variable is set and goes on down its chain (to instance metadata, without assuming the role); aws-config and botocore stop with an error",
        Rule::LaterDefaultSectionWins => "the config file has both [default] and [profile default]: botocore keeps whichever comes later, aws-config and Node always keep [profile default]",
        Rule::ExpiredProcessCredentials => "the credential_process printed credentials whose Expiration has already passed: botocore runs it again and raises RuntimeError (the refreshed credentials are still expired), the Node.js SDK rejects them and goes on down its chain; aws-config uses them as they are, and AWS then refuses them",
        Rule::MfaPrompt => "the role profile sets mfa_serial: botocore asks for a code on the terminal (\"Enter MFA code for …\") before it calls AssumeRole and fails with EOFError where there is no terminal to type it in; aws-config ignores mfa_serial and calls AssumeRole without a code, and the Node.js SDK fails unless the program passes an MFA callback",
        Rule::ShortRoleSessionName => "the role session name (AWS_ROLE_SESSION_NAME or role_session_name) has 1 character: botocore refuses it before calling STS (ParamValidationError, minimum 2); aws-config and Node send it, and STS refuses it",
    }
}

fn quote(value: &str) -> String {
    shell_words::quote(value).into_owned()
}

/// The command that makes that SDK's program behave like the Rust one, and
/// the change of environment it is, where it is one (what `--verify` replays).
pub(super) fn fix(
    sdk: Sdk,
    rule: Option<Rule>,
    answer: &LensAnswer,
    rust: &LensAnswer,
    env: &EnvSnapshot,
    region: Option<&str>,
) -> (String, Vec<EnvEdit>) {
    let text = fix_text(sdk, rule, answer, rust, env, region);
    let edits = super::sdk_env::env_change(sdk, rule, answer, rust, env, region);
    (text, edits)
}

/// The command that makes that SDK's program behave like the Rust one.
fn fix_text(
    sdk: Sdk,
    rule: Option<Rule>,
    answer: &LensAnswer,
    rust: &LensAnswer,
    env: &EnvSnapshot,
    region: Option<&str>,
) -> String {
    let profile = answer.profile.as_deref().unwrap_or("default");
    match rule {
        Some(Rule::DefaultProfileVariableFirst) if answer.works() && !rust.works() => {
            format!("export AWS_PROFILE={}   # so aws-config and Node use it too", quote(profile))
        }
        Some(Rule::DefaultProfileVariableFirst) => match env.get_nonblank("AWS_PROFILE") {
            Some(p) => format!("export AWS_PROFILE={}; unset AWS_DEFAULT_PROFILE", quote(p.trim())),
            None => "unset AWS_DEFAULT_PROFILE".into(),
        },
        Some(Rule::ExplicitProfileDropsEnvKeys) => format!(
            "run the program without --profile/profile_name, or give profile {} its own keys: aws configure --profile {}",
            quote(profile),
            quote(profile)
        ),
        Some(Rule::ProfileSkipsEnvKeys) => "unset AWS_PROFILE   # Node then uses the environment keys".into(),
        Some(Rule::PartialEnvKeysRaise) => "unset AWS_ACCESS_KEY_ID   # or: export AWS_SECRET_ACCESS_KEY=<secret>".into(),
        Some(Rule::SecurityTokenWins) => "unset AWS_SECURITY_TOKEN".into(),
        Some(Rule::ExpiredEnvKeysRefused) => "export AWS_ACCESS_KEY_ID=<new id> AWS_SECRET_ACCESS_KEY=<new secret> AWS_SESSION_TOKEN=<new token> AWS_CREDENTIAL_EXPIRATION=<their expiry>   # the keys expired: fetch fresh ones (aws sts get-session-token, aws configure export-credentials)".into(),
        Some(Rule::MissingProfileStops) => format!(
            "unset AWS_PROFILE AWS_DEFAULT_PROFILE   # or create it: aws configure --profile {}",
            quote(profile)
        ),
        Some(Rule::StaticKeysFirst) => format!(
            "remove aws_access_key_id and aws_secret_access_key from profile {} (they shadow its other source in this SDK)",
            quote(profile)
        ),
        Some(Rule::WebIdentityEnvFirst) => "unset AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN".into(),
        Some(Rule::StrictParserRejects) => format!(
            "fix the line botocore names ({}): remove the duplicate section or key, the byte-order mark or the stray line",
            answer.error.as_ref().map(|e| e.message.as_str()).unwrap_or("see the file")
        ),
        Some(Rule::NotUtf8File) => "save the file as UTF-8 text (the file problem above names it and the byte)".into(),
        Some(Rule::InlineCommentKept) => "move the '# comment' onto its own line in the AWS file".into(),
        Some(Rule::LenientParser) => "fix the lines aws-config rejects (see files.parse_error) so every SDK reads the same file".into(),
        Some(Rule::CaseSensitiveKeys) => "write key names in lower case (aws_access_key_id, aws_secret_access_key)".into(),
        Some(Rule::RegionVariable) => format!("export AWS_DEFAULT_REGION={}", quote(region.unwrap_or("us-east-1"))),
        Some(Rule::LegacyFile) => match env.get("AWS_CREDENTIAL_FILE") {
            Some(_) => "unset AWS_CREDENTIAL_FILE".into(),
            None => "remove the [Credentials] section from ~/.boto (or unset BOTO_CONFIG)".into(),
        },
        Some(Rule::CredentialSourceCase) => format!(
            "aws configure set credential_source Ec2InstanceMetadata --profile {}   # exact case: Environment, Ec2InstanceMetadata or EcsContainer",
            quote(profile)
        ),
        Some(Rule::EmptyFileVariable) => "unset AWS_SHARED_CREDENTIALS_FILE AWS_CONFIG_FILE".into(),
        Some(Rule::Ec2SourceIgnoresMetadataDisabled) => format!(
            "unset AWS_EC2_METADATA_DISABLED   # so every SDK asks instance metadata for profile {}; or give it source_profile instead of credential_source",
            quote(profile)
        ),
        Some(Rule::ContainerSourcePassedOver) => format!(
            "export AWS_CONTAINER_CREDENTIALS_FULL_URI=<endpoint>   # or fix credential_source of profile {}",
            quote(profile)
        ),
        Some(Rule::LaterDefaultSectionWins) => "merge [default] into [profile default] in ~/.aws/config and delete [default], so every SDK reads the same section".into(),
        Some(Rule::ExpiredProcessCredentials) => format!(
            "make the credential_process of profile {} print fresh credentials (renew the helper's own login or clear its cache), then run the command by hand and check the Expiration it prints",
            quote(profile)
        ),
        Some(Rule::ShortRoleSessionName) => match env.get("AWS_ROLE_SESSION_NAME") {
            Some(name) if name.chars().count() == 1 => "export AWS_ROLE_SESSION_NAME=credwiz-session   # 2 to 64 characters: letters, digits and =,.@_-".into(),
            _ => format!(
                "aws configure set role_session_name credwiz-session --profile {}   # 2 to 64 characters",
                quote(profile)
            ),
        },
        Some(Rule::MfaPrompt) => format!(
            "aws configure export-credentials --profile {} --format env   # asks for the MFA code once; run the export lines it prints (and unset AWS_PROFILE) in the shell that starts your program: every SDK reads those keys first",
            quote(profile)
        ),
        None => fallback_fix(sdk, answer, rust),
    }
}

/// No rule of its own: the SDK walks its sources in another order. Only a
/// different profile has a command that aligns the two.
fn fallback_fix(sdk: Sdk, answer: &LensAnswer, rust: &LensAnswer) -> String {
    let rust_profile = rust.profile.as_deref().unwrap_or("default");
    if answer.verdict == Verdict::Unverified && answer.source == rust.source {
        return format!(
            "credwiz check --sdk {} --probe-sdk {}   # runs {} as installed here to see what it really does",
            sdk.as_str(),
            sdk.as_str(),
            short(sdk)
        );
    }
    if answer.profile.as_deref() != Some(rust_profile) {
        return match sdk {
            Sdk::Node => format!("export AWS_PROFILE={}", quote(rust_profile)),
            _ => format!(
                "export AWS_PROFILE={}; unset AWS_DEFAULT_PROFILE",
                quote(rust_profile)
            ),
        };
    }
    format!(
        "{} takes {} first here; remove the source you do not want it to use, or run credwiz check --sdk {} --probe-sdk {} to see what it really does",
        short(sdk),
        answer.provider.as_deref().unwrap_or("another source"),
        sdk.as_str(),
        sdk.as_str()
    )
}
