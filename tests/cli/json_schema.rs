//! `credwiz check --json` output validates against assets/check.schema.json,
//! checked by the jsonschema package in the test world's venv.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;
use std::process::Command;
use std::time::Duration;

const VALIDATE: &str = "import json, sys, jsonschema\n\
schema = json.load(open(sys.argv[1]))\n\
jsonschema.Draft202012Validator.check_schema(schema)\n\
for path in sys.argv[2:]:\n    jsonschema.validate(json.load(open(path)), schema, cls=jsonschema.Draft202012Validator)\n\
print('valid', len(sys.argv) - 2)\n";

#[test]
fn check_json_validates_against_the_published_schema() {
    let Some(python) = world::world_python() else {
        assert!(
            !world::in_ci(),
            "CI=true needs the world venv (scripts/test builds it)"
        );
        eprintln!("no world venv; skipping the schema check outside CI");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let scenarios: Vec<(&str, Sandbox, Vec<&str>)> = vec![
        ("nothing", Sandbox::new(), vec!["--offline"]),
        (
            "profile",
            Sandbox::new()
                .credentials(&format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"))
                .config("[default]\nregion = eu-west-1\n"),
            vec![],
        ),
        (
            "unsendable key",
            Sandbox::new().var("AWS_ACCESS_KEY_ID", &format!("{KEY_ID}\n")).var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET),
            vec![],
        ),
        (
            "s3 request",
            Sandbox::new().var("AWS_ACCESS_KEY_ID", KEY_ID).var("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET),
            vec!["--offline", "--s3-request", "https://b.s3-website-us-east-1.amazonaws.com/k?X-Amz-Signature=abc"],
        ),
        (
            "error facts",
            Sandbox::new(),
            vec!["--offline", "--error-text", "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::acme/k"],
        ),
        (
            "user command with a replay",
            Sandbox::new()
                .credentials(&format!("[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"))
                .var("AWS_ACCESS_KEY_ID", KEY_ID),
            vec!["--offline", "--verify", "--", "sh", "-c", "echo 'botocore.exceptions.PartialCredentialsError: Partial credentials found in env'; exit 1"],
        ),
    ];
    let mut files = Vec::new();
    for (name, sandbox, args) in &scenarios {
        let (_, json) = sandbox.check_json(args);
        let path = dir.path().join(format!("{}.json", name.replace(' ', "_")));
        std::fs::write(&path, json.to_string()).expect("write");
        files.push(path);
    }
    let mut command = Command::new(python);
    command
        .args([
            "-c",
            VALIDATE,
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets/check.schema.json"),
        ])
        .args(&files);
    let out = run_bounded(command, Duration::from_secs(60));
    assert!(
        out.status.success(),
        "schema validation failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = format!("valid {}", scenarios.len());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&expected));
}
