//! `credwiz s3 probe` against moto with authentication enforced.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;
use world::*;

fn probe(moto: &Moto, key: &StaticKey, region: &str, args: &[&str]) -> (serde_json::Value, String) {
    let sandbox = Sandbox::new()
        .var("AWS_ENDPOINT_URL", moto.endpoint())
        .var("AWS_ACCESS_KEY_ID", &key.access_key_id)
        .var("AWS_SECRET_ACCESS_KEY", &key.secret_access_key)
        .var("AWS_REGION", region);
    let mut json_args = vec!["s3", "probe", "--json"];
    json_args.extend_from_slice(args);
    let out = sandbox.credwiz(&json_args);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let mut human_args = vec!["s3", "probe"];
    human_args.extend_from_slice(args);
    let human = String::from_utf8_lossy(&sandbox.credwiz(&human_args).stdout).into_owned();
    for secret in key.secrets() {
        assert!(
            !json.to_string().contains(secret) && !human.contains(secret),
            "secret leaked"
        );
    }
    (json, human)
}

#[test]
fn valid_credentials_reach_the_bucket_and_the_object() {
    let Some(moto) = Moto::shared() else { return };
    let (json, human) = probe(
        moto,
        &moto.admin().key,
        "us-east-1",
        &["--bucket", moto.bucket(), "--key", "hello.txt"],
    );
    let calls = json["calls"].as_array().expect("calls");
    let names: Vec<&str> = calls
        .iter()
        .filter_map(|c| c["operation"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "ListBuckets",
            "HeadBucket",
            "GetBucketLocation",
            "HeadObject"
        ],
        "{json:#}"
    );
    assert!(calls.iter().all(|c| c["ok"] == true), "{json:#}");
    assert_eq!(
        finding_ids(&json),
        vec!["s3.custom_endpoint".to_string()],
        "{json:#}"
    );
    assert!(human.contains("[✓] HeadObject"), "{human}");
}

#[test]
fn an_unknown_key_id_is_invalid_access_key_id() {
    let Some(moto) = Moto::shared() else { return };
    let key = StaticKey::new("AKIAZZZZZZZZZZZZZZZZ", &moto.admin().key.secret_access_key);
    let (json, human) = probe(moto, &key, "us-east-1", &[]);
    assert!(
        finding_ids(&json).contains(&"s3.invalid_access_key_id".into()),
        "{json:#}"
    );
    assert!(
        human.contains("S3 does not know the access key id AKIA************ZZZZ"),
        "{human}"
    );
}

#[test]
fn a_wrong_secret_is_signature_mismatch() {
    let Some(moto) = Moto::shared() else { return };
    let key = StaticKey::new(
        &moto.admin().key.access_key_id,
        "wrongSecretwrongSecretwrongSecret0123456",
    );
    let (json, human) = probe(moto, &key, "us-east-1", &[]);
    assert!(
        finding_ids(&json).contains(&"s3.signature_mismatch".into()),
        "{json:#}"
    );
    assert!(human.contains("re-enter the secret"), "{human}");
}

#[test]
fn a_policy_deny_is_access_denied() {
    let Some(moto) = Moto::shared() else { return };
    let (json, human) = probe(
        moto,
        &moto.no_s3().key,
        "us-east-1",
        &["--bucket", moto.bucket()],
    );
    assert!(
        finding_ids(&json).contains(&"s3.access_denied".into()),
        "{json:#}"
    );
    assert!(human.contains("AuthZ, not AuthN"), "{human}");
}

#[test]
fn a_missing_bucket_is_no_such_bucket() {
    let Some(moto) = Moto::shared() else { return };
    let (json, human) = probe(
        moto,
        &moto.admin().key,
        "us-east-1",
        &["--bucket", "credwiz-no-such-bucket"],
    );
    assert!(
        finding_ids(&json).contains(&"s3.no_such_bucket".into()),
        "{json:#}"
    );
    assert!(
        human.contains("there is no bucket named credwiz-no-such-bucket"),
        "{human}"
    );
}

#[test]
fn a_bucket_in_another_region_is_wrong_region() {
    let Some(moto) = Moto::shared() else { return };
    let (json, human) = probe(
        moto,
        &moto.admin().key,
        "eu-west-1",
        &["--bucket", moto.bucket()],
    );
    assert!(
        finding_ids(&json).contains(&"s3.wrong_region".into()),
        "{json:#}"
    );
    assert!(human.contains("export AWS_REGION=us-east-1"), "{human}");
}

#[test]
fn the_s3_playbook_walks_to_the_wrong_region_with_a_live_probe() {
    let Some(moto) = Moto::shared() else { return };
    let key = &moto.admin().key;
    let sandbox = Sandbox::new()
        .var("AWS_ENDPOINT_URL", moto.endpoint())
        .var("AWS_ACCESS_KEY_ID", &key.access_key_id)
        .var("AWS_SECRET_ACCESS_KEY", &key.secret_access_key)
        .var("AWS_REGION", "eu-west-1");
    let out = sandbox.credwiz(&[
        "run",
        "s3-invalid-credentials",
        "--answer",
        "code=signature_does_not_match",
        "--s3-bucket",
        moto.bucket(),
        "--markdown",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("What does S3 itself say to these credentials?"),
        "{text}"
    );
    assert!(
        text.contains("## Diagnosis: The bucket lives in another region than the client signs for"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "aws s3api get-bucket-location --bucket {}",
            moto.bucket()
        )),
        "{text}"
    );
    for secret in key.secrets() {
        assert!(!text.contains(secret));
    }
}

/// The bucket named in the pasted error is the one the live probe asks about:
/// with --accept-detected the walk answers the code and the bucket from the
/// error and ends where the probe leads.
#[test]
fn the_bucket_of_the_pasted_error_is_probed_live() {
    let Some(moto) = Moto::shared() else { return };
    let key = &moto.admin().key;
    let sandbox = Sandbox::new()
        .var("AWS_ENDPOINT_URL", moto.endpoint())
        .var("AWS_ACCESS_KEY_ID", &key.access_key_id)
        .var("AWS_SECRET_ACCESS_KEY", &key.secret_access_key)
        .var("AWS_REGION", "eu-west-1");
    let error = format!(
        "boto3.exceptions.S3UploadFailedError: Failed to upload r.csv to {}/2026/r.csv: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match",
        moto.bucket()
    );
    let out = sandbox.credwiz(&[
        "run",
        "s3-invalid-credentials",
        "--error-text",
        &error,
        "--accept-detected",
        "--markdown",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("→ \"{}\" (from your error)", moto.bucket())),
        "{text}"
    );
    assert!(
        text.contains("## Diagnosis: The bucket lives in another region than the client signs for"),
        "the probe ran on the pasted bucket:\n{text}"
    );
    // The same bucket typed as an answer instead.
    let out = sandbox.credwiz(&[
        "run",
        "s3-invalid-credentials",
        "--answer",
        "code=signature_does_not_match",
        "--answer",
        &format!("bucket={}", moto.bucket()),
        "--markdown",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("## Diagnosis: The bucket lives in another region than the client signs for"),
        "the probe ran on the typed bucket:\n{text}"
    );
    for secret in key.secrets() {
        assert!(!text.contains(secret));
    }
}
