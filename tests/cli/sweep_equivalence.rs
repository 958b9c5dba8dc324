//! The sweep's answer for every profile equals a separate `check --profile P`.
//!
//! A sweep hands aws-config's profile provider each profile's closure of the
//! files in memory (`src/sweep/closure.rs`); a single check lets the provider
//! read the files from disk as a program would. Over a few hundred generated
//! profiles of every kind (static keys, role chains, SSO sessions valid and
//! expired, legacy SSO, credential_process, console logins, web identity,
//! credential_source, and broken ones), both must give the same JSON report
//! but for `profile.source` and the file findings the sweep lists once.

use crate::support::env::with_process_env;
use crate::support::sandbox::*;
use credwiz::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use credwiz::inputs::environment::EnvSnapshot;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

fn sso_token(expires_at: &str) -> String {
    format!(
        "{{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", \
         \"accessToken\": \"{PLANTED_TOKEN}\", \"expiresAt\": \"{expires_at}\"}}"
    )
}

fn sha1_hex(text: &str) -> String {
    use sha1::{Digest, Sha1};
    Sha1::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `count` profiles of mixed kinds, each kind by its index modulo 16.
fn mixed_files(count: usize) -> (String, String) {
    let mut config = String::from(
        "# generated\n[default]\nregion = eu-west-1\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\
         [sso-session old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n\
         [services local]\nsts =\n  endpoint_url = http://127.0.0.1:9\n",
    );
    let mut credentials = format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SLASH_SECRET}\n"
    );
    for i in 0..count {
        let p = format!("p{i:03}");
        let _ = match i % 16 {
            0 | 1 => write!(
                credentials,
                "[{p}]\naws_access_key_id = AKIAZ7VQXJ4P{i:08}\naws_secret_access_key = {}{i:08}\n",
                &PLANTED_SECRET[..32]
            ),
            2 => write!(
                config,
                "[profile {p}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = p{:03}\n",
                i - 2
            ),
            3 => write!(
                config,
                "[profile {p}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = p{:03}\nregion = us-west-2\nservices = local\n",
                i - 1
            ),
            4 => write!(
                config,
                "[profile {p}]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n"
            ),
            5 => write!(
                config,
                "[profile {p}]\nsso_session = old\nsso_account_id = 123456789012\nsso_role_name = Dev\n"
            ),
            6 => write!(
                config,
                "[profile {p}]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n"
            ),
            7 => write!(
                config,
                "[profile {p}]\ncredential_process = /bin/false\nregion = eu-west-1\n"
            ),
            8 => write!(
                config,
                "[profile {p}]\nlogin_session = arn:aws:iam::123456789012:user/u{i}\nregion = eu-west-1\n"
            ),
            9 => write!(config, "[profile {p}]\nrole_arn = arn:aws:iam::123456789012:role/lone\n"),
            10 => write!(
                config,
                "[profile {p}]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = gone{i}\n"
            ),
            11 => write!(credentials, "[{p}]\naws_access_key_id = AKIAZ7VQXJ4P{i:08}\n"),
            12 => write!(
                config,
                "[profile {p}]\nrole_arn = arn:aws:iam::123456789012:role/w\nweb_identity_token_file = /nonexistent/token\n"
            ),
            13 => write!(
                config,
                "[profile {p}]\nrole_arn = arn:aws:iam::123456789012:role/c\ncredential_source = Environment\n"
            ),
            14 => write!(
                config,
                "[{p}]\nregion = eu-west-1\n[profile {p}]\nregion = eu-central-1\n"
            ),
            _ => write!(
                credentials,
                "[{p}]\naws_access_key_id = AKIAZ7VQXJ4P{i:08}\naws_secret_access_key = \"{}{i:08}\"\n",
                &PLANTED_SECRET[..32]
            ),
        };
    }
    (config, credentials)
}

/// The report without what legitimately differs.
fn comparable(report: &serde_json::Value, file_ids: &BTreeSet<String>) -> serde_json::Value {
    // Texts name how the profile was selected: "(--all-profiles)" or "(--profile)".
    let text = report
        .to_string()
        .replace("(--all-profiles)", "(--profile)");
    let mut report: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    report["profile"]["source"] = serde_json::Value::Null;
    if let Some(findings) = report["findings"].as_array_mut() {
        findings.retain(|f| !file_ids.contains(f["id"].as_str().unwrap_or("")));
    }
    report
}

#[test]
fn every_profile_of_the_sweep_answers_as_its_own_check() {
    let (config, credentials) = mixed_files(224);
    let sandbox = Sandbox::new()
        .config(&config)
        .credentials(&credentials)
        .file(
            &format!(".aws/sso/cache/{}.json", sha1_hex("corp")),
            &sso_token("2099-01-01T00:00:00Z"),
        )
        .file(
            &format!(".aws/sso/cache/{}.json", sha1_hex("old")),
            &sso_token("2020-01-01T00:00:00Z"),
        )
        .file(
            &format!(
                ".aws/sso/cache/{}.json",
                sha1_hex("https://corp.awsapps.com/start")
            ),
            &sso_token("2099-01-01T00:00:00Z"),
        );
    let env = sandbox.env();
    let request = DiagnoseRequest {
        offline: true,
        ..DiagnoseRequest::default()
    };
    let (swept, file_ids, single) = with_process_env(&env, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let options = credwiz::sweep::SweepOptions {
                request: request.clone(),
                jobs: 4,
                profile_timeout: std::time::Duration::from_secs(30),
            };
            let mut swept = BTreeMap::new();
            let report = credwiz::sweep::Sweep::prepare(EnvSnapshot::capture(), &options)
                .await
                .run(std::sync::Arc::new(|_, _| {}), false, |result| {
                    let json = serde_json::to_value(&result.diagnosis).unwrap_or_default();
                    swept.insert(result.profile.clone(), json);
                })
                .await;
            let file_ids: BTreeSet<String> = report
                .file_findings
                .iter()
                .map(|f| f.id.as_str().to_string())
                .collect();
            // The ordinary single-profile path: the SDK reads the files itself.
            let mut single = BTreeMap::new();
            for name in swept.keys() {
                let inputs = Inputs::gather(EnvSnapshot::capture(), Some(name));
                let request = DiagnoseRequest {
                    profile: Some(name.clone()),
                    ..request.clone()
                };
                let diagnosis = diagnose(&request, &inputs).await;
                single.insert(
                    name.clone(),
                    serde_json::to_value(&diagnosis).unwrap_or_default(),
                );
            }
            (swept, file_ids, single)
        })
    });
    assert!(swept.len() > 224, "{} profiles swept", swept.len());
    let mut providers = BTreeSet::new();
    let mut differ = Vec::new();
    for (name, report) in &swept {
        let alone = comparable(&single[name], &file_ids);
        let in_sweep = comparable(report, &file_ids);
        providers.insert(in_sweep["chain"][1]["status"].to_string());
        if alone != in_sweep {
            differ.push(format!("{name}:\n  sweep  {in_sweep}\n  single {alone}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
    // The mix reaches resolved, failed, not configured and not tried slots.
    assert!(providers.len() >= 3, "{providers:?}");
    let text = serde_json::to_string(&swept).unwrap_or_default();
    assert!(!text.contains(PLANTED_SECRET) && !text.contains(PLANTED_SLASH_SECRET));
}
