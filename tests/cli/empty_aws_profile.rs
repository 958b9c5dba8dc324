//! AWS_PROFILE set to an empty string: the SDK looks for the profile named
//! "" (see the chain_truth scenario), and credwiz must report that name.

use crate::support::sandbox;

use sandbox::*;

#[test]
fn an_empty_aws_profile_is_reported_as_the_empty_name_the_sdk_looks_for() {
    let sandbox = Sandbox::new().var("AWS_PROFILE", "").credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
    ));
    let (out, json) = sandbox.check_json(&["--offline"]);
    assert_eq!(out.status.code(), Some(1), "{json:#}");
    assert_eq!(json["profile"]["name"], "", "{json:#}");
    assert_eq!(json["profile"]["source"], "AWS_PROFILE", "{json:#}");
    let fix = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "chain.no_credentials")
        .map(|f| f["fix"].to_string());
    assert!(fix.is_some_and(|f| f.contains("--profile ''")), "{json:#}");
}
