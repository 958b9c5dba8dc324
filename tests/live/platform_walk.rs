//! Platform evidence where it changes what credwiz says: the wizard's "where
//! does it run?" default, the instance-metadata texts, and the clock-skew fix
//! on WSL. Each fakes the machine through the `CREDWIZ_SYSROOT` test hook.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;

fn with_sysroot_file(sandbox: Sandbox, path: &str, text: &str) -> Sandbox {
    sandbox
        .file(&format!("sysroot/{path}"), text)
        .var("CREDWIZ_SYSROOT", "{home}/sysroot")
}

fn ec2(sandbox: Sandbox) -> Sandbox {
    with_sysroot_file(sandbox, "sys/class/dmi/id/board_vendor", "Amazon EC2\n")
}

fn walk(sandbox: &Sandbox) -> String {
    let out = sandbox.credwiz(&["run", "no-credentials", "--accept-detected"]);
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn where_does_it_run_defaults_to_ec2_on_an_ec2_instance() {
    let text = walk(&ec2(Sandbox::new()));
    assert!(text.contains("→ ec2"), "{text}");
    assert!(text.contains("The instance metadata service"), "{text}");
}

#[test]
fn where_does_it_run_defaults_to_lambda_in_a_lambda_function() {
    let text = walk(&Sandbox::new().var("AWS_LAMBDA_FUNCTION_NAME", "orders"));
    assert!(text.contains("→ lambda"), "{text}");
}

#[test]
fn where_does_it_run_defaults_to_here_on_a_plain_host() {
    let text = walk(&Sandbox::new());
    assert!(text.contains("→ here"), "{text}");
}

fn imds_title(sandbox: Sandbox) -> (String, String) {
    let refused = world::refused_url();
    let sandbox = sandbox
        .unset("AWS_EC2_METADATA_DISABLED")
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &refused);
    let (_, json) = sandbox.check_json(&[]);
    let finding = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "imds.unreachable")
        .cloned()
        .unwrap_or_else(|| panic!("no imds.unreachable\n{json:#}"));
    (
        finding["title"].as_str().unwrap_or_default().to_string(),
        finding["severity"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn imds_texts_follow_the_platform_evidence() {
    let (title, severity) = imds_title(ec2(Sandbox::new()));
    assert!(title.contains("this is an EC2 instance"), "{title}");
    assert_eq!(severity, "error");
    let (title, severity) = imds_title(with_sysroot_file(
        Sandbox::new(),
        "sys/class/dmi/id/sys_vendor",
        "Dell Inc.\n",
    ));
    assert!(title.contains("not an EC2 instance"), "{title}");
    assert_eq!(severity, "info");
    let (title, _) = imds_title(Sandbox::new());
    assert!(
        title.contains("expected unless this is an EC2 instance"),
        "{title}"
    );
}

#[test]
fn clock_skew_on_wsl_names_the_wsl_fix() {
    let sts = world::StsStub::skewed_clock(20 * 60);
    let sandbox = with_sysroot_file(
        Sandbox::new(),
        "proc/version",
        "Linux version 5.15.153.1-microsoft-standard-WSL2",
    )
    .var("AWS_ACCESS_KEY_ID", KEY_ID)
    .var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET)
    .var("AWS_REGION", "us-east-1")
    .var("AWS_ENDPOINT_URL", &sts.url());
    let (_, json) = sandbox.check_json(&[]);
    let skew = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "sts.clock_skew")
        .cloned()
        .unwrap_or_else(|| panic!("no sts.clock_skew\n{json:#}"));
    let fix = skew["fix"].as_str().unwrap_or_default();
    assert!(
        fix.contains("this is WSL") && fix.contains("hwclock"),
        "{fix}"
    );
}
