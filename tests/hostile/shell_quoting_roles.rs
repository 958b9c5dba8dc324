//! A role named with shell metacharacters: when STS refuses the profile's
//! AssumeRole call (a loopback STS stub answers AccessDenied), the fix shows
//! who may assume the role with `aws iam get-role`, the role's name one
//! inert argument.

use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::shell_quoting::{assert_inert, printed_commands};
use crate::support::world::StsStub;
use std::time::Duration;

const HOSTILE_ROLE: &str = "x;touch PWNED $(id)";

#[test]
fn a_refused_role_with_metacharacters_is_quoted_in_its_fix_line() {
    let role_arn = format!("arn:aws:iam::123456789012:role/{HOSTILE_ROLE}");
    let sts = StsStub::error(
        403,
        "AccessDenied",
        &format!(
            "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: \
             sts:AssumeRole on resource: {role_arn}"
        ),
    );
    let sandbox = Sandbox::new()
        .config(&format!(
            "[profile app]\nrole_arn = {role_arn}\nsource_profile = base\nregion = us-east-1\n\
             [profile base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
        ))
        .var("AWS_ENDPOINT_URL", &sts.url());
    for format in [&[][..], &["--markdown"]] {
        let mut args = vec!["check", "--profile", "app"];
        args.extend_from_slice(format);
        let label = format!("{args:?}: AssumeRole refused");
        let run = run_hostile(&label, &sandbox, &args, Duration::from_secs(20));
        let out = run.stdout();
        assert!(
            out.contains(&format!(
                "cannot assume {role_arn}: STS answered AccessDenied"
            )),
            "{label}: the refused role is not named:\n{out}"
        );
        let commands = printed_commands(&out);
        assert!(
            commands
                .iter()
                .any(|c| c.starts_with("aws iam get-role --role-name ")
                    && c.contains("--query Role.AssumeRolePolicyDocument")),
            "{label}: no get-role fix: {commands:?}"
        );
        assert_inert(&label, &commands, HOSTILE_ROLE);
    }
}
