//! Turns STS's answer into findings: which rejection it is, why, and what to do.

use crate::findings::{Finding, FindingId};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::error_facts::ErrorFacts;
use crate::probes::sts::{Identity, StsOutcome};
use crate::text::key_bytes::{KeyPart, Unsendable};

/// Beyond this, AWS rejects signed requests.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 5 * 60;

/// Regions that must be enabled per account; tokens from the global STS
/// endpoint are not valid in them until the account opts in.
const OPT_IN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
];

/// What was known about the call, to fill in titles and fixes.
pub struct StsContext<'a> {
    pub profile: &'a str,
    pub masked_key: &'a str,
    pub source: &'a str,
    pub region: Option<&'a str>,
    pub env: &'a EnvSnapshot,
    /// True when the platform evidence says WSL, whose clock drifts after the host sleeps.
    pub wsl: bool,
}

/// Findings for an STS outcome.
pub fn findings(outcome: &StsOutcome, ctx: &StsContext) -> Vec<Finding> {
    let mut found = Vec::new();
    let skewed = outcome
        .server_clock_offset
        .filter(|o| o.abs() > MAX_CLOCK_SKEW_SECONDS);
    if let Some(offset) = skewed {
        found.push(Finding::new(
            FindingId::StsClockSkew,
            format!("this machine's clock is {} AWS's", human_offset(offset)),
            format!("the Date header from {} differs from the local clock by {offset}s; AWS rejects signatures more than 5 minutes off", outcome.endpoint),
            if ctx.wsl {
                "this is WSL, whose clock falls behind after Windows sleeps: sudo hwclock -s   # or from Windows: wsl --shutdown, then reopen the shell"
            } else {
                "sudo timedatectl set-ntp true   # or: sudo chronyc makestep / sudo ntpdate pool.ntp.org; in WSL: wsl --shutdown"
            },
        ));
    }
    match &outcome.result {
        Ok(identity) => {
            if identity.arn.ends_with(":root") {
                found.push(Finding::new(
                    FindingId::IdentityRootAccount,
                    "these are the account root user's keys",
                    format!("{} is {}", ctx.masked_key, identity.arn),
                    "create an IAM user or role for programmatic access and delete the root access key: aws iam delete-access-key --access-key-id <id> (as root)",
                ));
            }
        }
        Err(error) if error.not_sent.is_some() => {
            found.extend(error.not_sent.as_ref().map(|bad| unsendable_key(bad, ctx)));
        }
        Err(error) => {
            found.extend(rejection(error, ctx, &outcome.endpoint, skewed.is_some()));
        }
    }
    found
}

/// The finding for STS's rejection; None when the clock skew finding
/// already explains a signature mismatch.
fn rejection(
    error: &crate::probes::sts::StsError,
    ctx: &StsContext,
    endpoint: &str,
    skewed: bool,
) -> Option<Finding> {
    let key = ctx.masked_key;
    let src = ctx.source;
    let code = error.code.as_str();
    Some(match code {
        _ if error.unreachable => Finding::new(
            FindingId::StsUnreachable,
            format!("STS at {} could not be reached", endpoint),
            format!("{}: {}", error.code, error.message),
            unreachable_fix(ctx.env),
        ),
        "InvalidClientTokenId" | "InvalidAccessKeyId" | "UnrecognizedClientException" | "AuthFailure"
            if ctx.region.is_some_and(|r| OPT_IN_REGIONS.contains(&r)) && key.starts_with("ASIA") =>
        {
            Finding::new(
                FindingId::StsRegionNotEnabled,
                format!("the session token is not valid in {}", ctx.region.unwrap_or("this region")),
                format!("{code}: {}; {} is an opt-in region", error.message, ctx.region.unwrap_or("?")),
                format!(
                    "enable the region (aws account enable-region --region-name {r}) or get tokens from a regional STS endpoint: export AWS_STS_REGIONAL_ENDPOINTS=regional",
                    r = ctx.region.map_or("<region>".into(), crate::text::shell::quote)
                ),
            )
        }
        "InvalidClientTokenId" | "InvalidAccessKeyId" | "UnrecognizedClientException" | "AuthFailure" => Finding::new(
            FindingId::StsInvalidClientTokenId,
            format!("AWS does not recognise the access key id {key}"),
            format!("{code} for {key} from {src}: the key was deleted, deactivated, mistyped, is a placeholder, or belongs to another partition (China, GovCloud)"),
            format!(
                "aws iam list-access-keys --user-name <your-user>   # is {key} listed and Active? If not, create a new key and: aws configure --profile {}",
                crate::text::shell::quote(ctx.profile)
            ),
        ),
        "SignatureDoesNotMatch" if skewed || error.message.to_ascii_lowercase().contains("expired") => return None,
        "SignatureDoesNotMatch" => Finding::new(
            FindingId::StsSignatureMismatch,
            format!("the secret access key does not belong to {key}"),
            format!("SignatureDoesNotMatch for {key} from {src}: a typo, stray whitespace or quotes in the secret, id and secret swapped, or the old half of a rotated pair"),
            format!("re-enter the pair exactly as issued: aws configure --profile {}   # no quotes, no spaces", crate::text::shell::quote(ctx.profile)),
        ),
        "ExpiredToken" | "ExpiredTokenException" | "TokenRefreshRequired" | "RequestExpired" => Finding::new(
            FindingId::StsExpiredToken,
            format!("the session token that goes with {key} has expired"),
            format!("{code}: {}", error.message),
            format!(
                "get fresh credentials from their source: aws sso login --profile {p} / re-run your credential helper / unset AWS_SESSION_TOKEN if {key} is a long-term key",
                p = crate::text::shell::quote(ctx.profile)
            ),
        ),
        _ => Finding::new(
            FindingId::StsOtherError,
            format!("STS rejected GetCallerIdentity with {code}"),
            format!("{code}: {}", error.message),
            format!("aws sts get-caller-identity --profile {} --debug   # shows the full exchange", crate::text::shell::quote(ctx.profile)),
        ),
    })
}

fn unreachable_fix(env: &EnvSnapshot) -> String {
    let proxy = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "ALL_PROXY"]
        .iter()
        .find_map(|v| env.get_nonblank(v).map(|val| format!("{v}={val}")));
    let mut fix = String::from(
        "curl -sv https://sts.amazonaws.com/ -o /dev/null   # does the network reach STS?",
    );
    if let Some(proxy) = proxy {
        fix.push_str(&format!(
            "; a proxy is set ({proxy}): check NO_PROXY and the proxy's allow-list"
        ));
    }
    if let Some(endpoint) = crate::probes::sts::endpoint_override(env) {
        fix.push_str(&format!(
            "; calls go to {endpoint} (AWS_ENDPOINT_URL*): is that endpoint up?"
        ));
    } else {
        fix.push_str("; in a private subnet add an STS VPC interface endpoint or a NAT route");
    }
    fix
}

/// "20 minutes behind" when the server is ahead (positive offset), "… ahead of"
/// when it is behind; rounded to the nearest minute, as a person reads a clock.
fn human_offset(offset: i64) -> String {
    let minutes = (offset.abs() + 30) / 60;
    let direction = if offset > 0 { "behind" } else { "ahead of" };
    format!("{minutes} minutes {direction}")
}

/// `--expect-account`: the credentials belong to another account.
pub fn account_mismatch(identity: &Identity, expected: &str, ctx: &StsContext) -> Option<Finding> {
    (identity.account != expected).then(|| {
        Finding::new(
            FindingId::IdentityAccountMismatch,
            format!("{} belongs to account {}, not {expected}", ctx.masked_key, identity.account),
            format!("{} from {}", identity.arn, ctx.source),
            format!("select the profile for account {expected}: export AWS_PROFILE=<name>   # list them: aws configure list-profiles"),
        )
    })
}

/// A pasted AccessDenied / UnauthorizedOperation while STS accepts the keys:
/// authentication works; a policy denies the call.
pub fn access_denied(error: &ErrorFacts, identity: &Identity) -> Option<Finding> {
    if !error.is_access_denied() {
        return None;
    }
    let principal = error
        .principal_arn
        .clone()
        .unwrap_or_else(|| identity.arn.clone());
    let action = error.action.as_deref().unwrap_or("the action");
    let same = principal == identity.arn
        || principal.starts_with(&identity.arn)
        || identity.arn.starts_with(&principal);
    Some(Finding::new(
        FindingId::AuthzAccessDenied,
        "authentication works; a policy denies the call (AuthZ, not AuthN)",
        format!(
            "STS accepts these keys as {}; the error names {principal}{}",
            identity.arn,
            if same { "" } else { " — a different principal than the one credwiz resolved: your program may use other credentials" }
        ),
        format!(
            "check, in order: the identity policy of {principal} (aws iam simulate-principal-policy --policy-source-arn <user-or-role-arn> --action-names {action}), the resource policy (bucket/key policy), SCPs of the account's OU, and any permissions boundary"
        ),
    ))
}

/// The key finding for credentials that were never sent: a control character
/// reads as stray whitespace, anything else as a malformed value.
fn unsendable_key(bad: &Unsendable, ctx: &StsContext) -> Finding {
    let id = match (bad.kind.is_control(), bad.part) {
        (true, _) => FindingId::KeyWhitespace,
        (false, KeyPart::AccessKeyId) => FindingId::KeyMalformedId,
        (false, _) => FindingId::KeyMalformedSecret,
    };
    Finding::new(
        id,
        format!(
            "the {} from {} holds {}",
            bad.part.label(),
            ctx.source,
            bad.where_text()
        ),
        format!(
            "access key id {}; STS not called: the key cannot be sent; {}",
            ctx.masked_key,
            bad.kind.sdk_behaviour()
        ),
        format!(
            "fix the value where it comes from ({}) so that it holds only the key itself",
            ctx.source
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::error_facts::extract;

    fn identity() -> Identity {
        Identity {
            account: "123456789012".into(),
            arn: "arn:aws:iam::123456789012:user/dev".into(),
            user_id: "AIDA".into(),
        }
    }

    #[test]
    fn root_keys_are_flagged() {
        let env = EnvSnapshot::default();
        let ctx = StsContext {
            profile: "default",
            masked_key: "AKIA************ROOT",
            source: "env",
            region: None,
            env: &env,
            wsl: false,
        };
        let outcome = StsOutcome {
            result: Ok(Identity {
                account: "123456789012".into(),
                arn: "arn:aws:iam::123456789012:root".into(),
                user_id: "123456789012".into(),
            }),
            server_clock_offset: Some(3),
            endpoint: "https://sts.us-east-1.amazonaws.com".into(),
        };
        let ids: Vec<FindingId> = findings(&outcome, &ctx).iter().map(|f| f.id).collect();
        assert_eq!(ids, vec![FindingId::IdentityRootAccount]);
    }

    #[test]
    fn clock_offsets_read_as_a_person_would_say_them() {
        assert_eq!(human_offset(1199), "20 minutes behind");
        assert_eq!(human_offset(-1201), "20 minutes ahead of");
    }

    #[test]
    fn a_pasted_denial_names_the_principal_and_action() {
        let text = "An error occurred (AccessDenied) when calling the ListBuckets operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows it";
        let finding = access_denied(&extract(text), &identity()).expect("denied");
        assert_eq!(finding.id, FindingId::AuthzAccessDenied);
        assert!(finding
            .evidence
            .contains("arn:aws:iam::123456789012:user/dev"));
        assert!(finding.fix.contains("s3:ListAllMyBuckets"));
        assert!(access_denied(&extract("NoSuchBucket"), &identity()).is_none());
    }

    #[test]
    fn another_principal_in_the_message_is_called_out() {
        let text = "User: arn:aws:sts::999999999999:assumed-role/ci/x is not authorized to perform: s3:GetObject on resource";
        let finding = access_denied(&extract(text), &identity()).expect("denied");
        assert!(finding.evidence.contains("different principal"));
    }
}
