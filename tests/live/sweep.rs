//! `credwiz check --all-profiles`: every profile of a HOME that mixes static
//! keys, a credential_process, SSO sessions (valid and expired), assume-role
//! chains and broken profiles, against the loopback world. Each profile's
//! verdict and top finding are asserted, and so is the sharing: the stubs
//! count the requests they receive.

use crate::support::sandbox;
use crate::support::world;

use sandbox::*;
use std::collections::BTreeMap;
use std::time::Duration;
use world::*;

const SECRET_A: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYaaaaaaaaaa";
const SECRET_B: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYbbbbbbbbbb";
const SECRET_P: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYpppppppppp";

fn sso_token(expires_at: &str) -> String {
    format!(
        "{{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", \
         \"accessToken\": \"{PLANTED_TOKEN}\", \"expiresAt\": \"{expires_at}\"}}"
    )
}

const LOGIN_ARN: &str = "arn:aws:iam::123456789012:user/console-user";
const LOGIN_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYllllllllll";
const LOGIN_REFRESH: &str = "PlantedRefreshTokenAQoDYXdzEJrSweep012345";

fn login_cache_name() -> String {
    crate::support::world::login_cache_file(LOGIN_ARN)
}

/// A console login (`aws login`) valid for two more hours.
fn login_cache() -> String {
    let expires = rfc3339(std::time::SystemTime::now() + Duration::from_secs(7200));
    serde_json::json!({
        "accessToken": {
            "accessKeyId": "ASIAZ7VQXJ4PLM2RTLGN",
            "secretAccessKey": LOGIN_SECRET,
            "sessionToken": PLANTED_TOKEN,
            "accountId": "123456789012",
            "expiresAt": expires,
        },
        "tokenType": "aws_sigv4",
        "refreshToken": LOGIN_REFRESH,
        "idToken": "eyJhbGciOiJSUzI1NiJ9.SweepIdTokenPayload.SweepIdTokenSig",
        "clientId": "arn:aws:signin:::devtools/same-device",
        "dpopKey": crate::support::world::TEST_DPOP_PEM,
    })
    .to_string()
}

/// The mixed HOME: which profile is which is in each name.
fn mixed_home(sts: &StsStub, portal: &SsoPortalStub) -> Sandbox {
    let sandbox = Sandbox::new();
    let script = sandbox.home_path().join("creds.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho '{{\"Version\": 1, \"AccessKeyId\": \"AKIAZ7VQXJ4PLM2RTPRC\", \"SecretAccessKey\": \"{SECRET_P}\"}}'\n"
        ),
    )
    .expect("write script");
    let script = script.display().to_string();
    let config = format!(
        "[profile static-a]\n[profile static-a-again]\n[profile static-b]\n\
         [profile process]\ncredential_process = sh {script}\n\
         [profile process-broken]\ncredential_process = sh -c 'exit 3'\n\
         [profile role-one]\nrole_arn = arn:aws:iam::123456789012:role/one\nsource_profile = static-a\n\
         [profile role-two]\nrole_arn = arn:aws:iam::123456789012:role/two\nsource_profile = static-a\n\
         [profile sso-dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Dev\n\
         [profile sso-ops]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Ops\n\
         [profile sso-expired]\nsso_session = old\nsso_account_id = 333333333333\nsso_role_name = Dev\n\
         [profile orphan]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = ghost\n\
         [profile lone-role]\nrole_arn = arn:aws:iam::123456789012:role/y\n\
         [profile empty]\noutput = json\n\
         [profile login-a]\nlogin_session = {LOGIN_ARN}\n\
         [profile login-b]\nlogin_session = {LOGIN_ARN}\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\
         [sso-session old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n"
    );
    sandbox
        .config(&config)
        .credentials(&format!(
            "[static-a]\naws_access_key_id = AKIAZ7VQXJ4PLM2RTAAA\naws_secret_access_key = {SECRET_A}\n\
             [static-a-again]\naws_access_key_id = AKIAZ7VQXJ4PLM2RTAAA\naws_secret_access_key = {SECRET_A}\n\
             [static-b]\naws_access_key_id = AKIAZ7VQXJ4PLM2RTBBB\naws_secret_access_key = {SECRET_B}\n"
        ))
        .file(
            &world::sso_cache_file("corp"),
            &sso_token("2099-01-01T00:00:00Z"),
        )
        .file(
            &world::sso_cache_file("old"),
            &sso_token("2020-01-01T00:00:00Z"),
        )
        .file(&login_cache_name(), &login_cache())
        .var("AWS_REGION", "us-east-1")
        .var("AWS_ENDPOINT_URL_STS", &sts.url())
        .var("AWS_ENDPOINT_URL_SSO", &portal.url())
}

fn sweep(sandbox: &Sandbox, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_credwiz"));
    command
        .args(["check", "--all-profiles"])
        .args(args)
        .env_clear()
        .envs(sandbox.env());
    run_bounded(command, Duration::from_secs(90))
}

/// Each JSON line by profile name: (verdict, top finding id or "").
fn verdicts(stdout: &[u8]) -> BTreeMap<String, (String, String)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| {
            let json: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            let name = json["profile"]["name"].as_str().unwrap_or("?").to_string();
            let top = json["findings"]
                .as_array()
                .and_then(|f| f.iter().find(|f| f["severity"] != "info"))
                .and_then(|f| f["id"].as_str())
                .unwrap_or("")
                .to_string();
            let verdict = json["verdict"].as_str().unwrap_or("?").to_string();
            (name, (verdict, top))
        })
        .collect()
}

fn count(requests: &[RecordedRequest], action: &str) -> usize {
    requests
        .iter()
        .filter(|r| r.form().get("Action").map(String::as_str) == Some(action))
        .count()
}

#[test]
fn every_profile_gets_its_verdict_and_shared_work_happens_once() {
    let sts = StsStub::start(StsBehaviour::Success);
    let portal = SsoPortalStub::start();
    let sandbox = mixed_home(&sts, &portal);
    let out = sweep(&sandbox, &["--json", "--jobs", "4"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "broken profiles make the sweep exit 1"
    );
    let got = verdicts(&out.stdout);
    let expected: BTreeMap<String, (String, String)> = [
        ("static-a", "ok", ""),
        ("static-a-again", "ok", ""),
        ("static-b", "ok", ""),
        ("process", "ok", ""),
        ("process-broken", "problem", "process.failed"),
        ("role-one", "ok", ""),
        ("role-two", "ok", ""),
        ("sso-dev", "ok", ""),
        ("sso-ops", "ok", ""),
        ("sso-expired", "problem", "sso.token_expired"),
        ("orphan", "problem", "profile.source_profile_missing"),
        ("lone-role", "problem", "profile.role_without_source"),
        ("empty", "problem", "chain.provider_failed"),
        ("login-a", "ok", ""),
        ("login-b", "ok", ""),
    ]
    .into_iter()
    .map(|(p, v, f)| (p.to_string(), (v.to_string(), f.to_string())))
    .collect();
    assert_eq!(
        got,
        expected,
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // JSON Lines stream as profiles finish, in profile (name) order.
    let order: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|j| j["profile"]["name"].as_str().unwrap_or("?").to_string())
        .collect();
    let names: Vec<String> = expected.keys().cloned().collect();
    assert_eq!(order, names);

    // AssumeRole only for the two role profiles; GetCallerIdentity once per
    // distinct credential: key A (shared by two profiles), key B, the
    // process's key, the one session the stub hands every AssumeRole, the
    // two SSO role sessions and the one cached console login.
    let requests = sts.requests();
    assert_eq!(count(&requests, "AssumeRole"), 2, "{requests:#?}");
    assert_eq!(count(&requests, "GetCallerIdentity"), 7, "{requests:#?}");
    // One GetRoleCredentials per SSO profile with a valid token; none for the expired one.
    let portal_calls = portal.requests();
    assert_eq!(portal_calls.len(), 2, "{portal_calls:#?}");
    let accounts: Vec<bool> = ["111111111111", "222222222222"]
        .iter()
        .map(|a| portal_calls.iter().any(|r| r.path.contains(a)))
        .collect();
    assert_eq!(accounts, vec![true, true]);

    let mut leaks = vec![
        SECRET_A,
        SECRET_B,
        SECRET_P,
        PLANTED_TOKEN,
        LOGIN_SECRET,
        LOGIN_REFRESH,
    ];
    let served = portal.served();
    leaks.extend(served.iter().flat_map(|c| c.secrets()));
    leaks.extend(sts.assumed_credentials().secrets());
    for secret in leaks {
        for stream in [&out.stdout, &out.stderr] {
            assert!(
                !String::from_utf8_lossy(stream).contains(secret),
                "a secret leaked"
            );
        }
    }
}

#[test]
fn the_table_puts_problems_first_and_says_what_was_shared() {
    let sts = StsStub::start(StsBehaviour::Success);
    let portal = SsoPortalStub::start();
    let sandbox = mixed_home(&sts, &portal);
    // One profile that works with a warning (login_session hides its keys),
    // named so that it finishes before most problems: only the summary's
    // order can put it after them.
    let config = sandbox.home_path().join(".aws/config");
    let mut text = std::fs::read_to_string(&config).expect("read config");
    text.push_str(&format!(
        "[profile login-hides]\nlogin_session = {LOGIN_ARN}\n"
    ));
    text.push_str(&format!(
        "aws_access_key_id = AKIAZ7VQXJ4PLM2RTBBB\naws_secret_access_key = {SECRET_B}\n"
    ));
    std::fs::write(&config, text).expect("write config");
    let out = sweep(&sandbox, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text.lines().skip(1).take(16).collect();
    // Rows stream in profile order as they finish; after the table, the
    // summary names every problem row, grouped by cause, before any other.
    let marked = |mark: char| -> Vec<String> {
        rows.iter()
            .filter(|r| r.starts_with(mark))
            .filter_map(|r| r.split_whitespace().nth(1).map(str::to_string))
            .collect()
    };
    let problems = marked('✗');
    assert_eq!(problems.len(), 5, "{text}");
    assert_eq!(marked('!'), ["login-hides"], "{text}");
    assert_eq!(marked('✓').len(), 10, "{text}");
    let (table, causes) = text
        .split_once("Needs attention, by cause (problems first):")
        .expect("a summary by cause after the table");
    assert!(rows.iter().all(|r| table.contains(r)), "{text}");
    let causes: Vec<&str> = causes
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim_start)
        .collect();
    let lead = causes.iter().take_while(|l| l.starts_with('✗')).count();
    assert_eq!(
        lead,
        problems.len(),
        "problems lead the summary: {causes:#?}"
    );
    for name in &problems {
        let named = format!("1 profile ({name})");
        assert!(
            causes[..lead].iter().any(|l| l.contains(&named)),
            "{name} not among the leading problems: {causes:#?}"
        );
    }
    assert!(
        causes[lead..]
            .iter()
            .any(|l| l.starts_with('!') && l.contains("(login-hides)")),
        "{causes:#?}"
    );
    let sso_dev = rows
        .iter()
        .find(|r| r.contains("sso-dev"))
        .copied()
        .unwrap_or("");
    assert!(
        sso_dev.contains("SSO") && sso_dev.contains("123456789012"),
        "{sso_dev}"
    );
    let role = rows
        .iter()
        .find(|r| r.contains("role-one"))
        .copied()
        .unwrap_or("");
    assert!(role.contains("assume-role → static"), "{role}");
    let expired = rows
        .iter()
        .find(|r| r.contains("sso-expired"))
        .copied()
        .unwrap_or("");
    assert!(expired.contains("sso.token_expired"), "{expired}");
    assert!(
        text.contains("16 profiles") && text.contains("5 ✗ problems"),
        "{text}"
    );
    assert!(
        text.contains("STS GetCallerIdentity: 7 calls")
            && text.contains("SSO token caches read: 2")
            && text.contains("login caches read: 1"),
        "{text}"
    );
    // Not a terminal: no progress line on stderr.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("checking profiles"));

    let markdown = sweep(&sandbox, &["--markdown"]);
    let md = String::from_utf8_lossy(&markdown.stdout);
    assert!(md.contains("| ✗ | empty |"), "{md}");
    assert!(md.contains("| ✓ | static-b | static |"), "{md}");
}

#[test]
fn offline_sweeps_touch_no_server() {
    let sts = StsStub::start(StsBehaviour::Success);
    let portal = SsoPortalStub::start();
    let sandbox = mixed_home(&sts, &portal);
    let out = sweep(&sandbox, &["--offline", "--json"]);
    let got = verdicts(&out.stdout);
    assert_eq!(got.get("static-a").map(|v| v.0.as_str()), Some("ok"));
    assert_eq!(
        got.get("role-one").map(|v| v.0.as_str()),
        Some("unverified")
    );
    assert_eq!(got.get("sso-dev").map(|v| v.0.as_str()), Some("unverified"));
    assert_eq!(got.get("process").map(|v| v.0.as_str()), Some("unverified"));
    assert_eq!(got.get("login-a").map(|v| v.0.as_str()), Some("ok"));
    assert_eq!(got.len(), 15);
    assert_eq!(sts.requests().len(), 0);
    assert_eq!(portal.requests().len(), 0);
}

/// The same sweep against moto: who each profile is, and a key moto does not know.
#[test]
fn against_moto_each_profile_is_named_by_its_arn() {
    let Some(moto) = Moto::shared() else { return };
    let admin = &moto.admin().key;
    let no_s3 = &moto.no_s3().key;
    let sandbox = Sandbox::new()
        .var("AWS_ENDPOINT_URL", moto.endpoint())
        .var("AWS_REGION", moto.region())
        .credentials(&format!(
            "[admin]\naws_access_key_id = {}\naws_secret_access_key = {}\n\
             [no-s3]\naws_access_key_id = {}\naws_secret_access_key = {}\n\
             [unknown]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = {}\n",
            admin.access_key_id,
            admin.secret_access_key,
            no_s3.access_key_id,
            no_s3.secret_access_key,
            admin.secret_access_key
        ))
        .config(&format!(
            "[profile role]\nrole_arn = {}\nsource_profile = admin\n\
             [profile chained]\nrole_arn = {}\nsource_profile = role\n",
            moto.role_arn(),
            moto.chained_role_arn()
        ));
    let out = sweep(&sandbox, &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: BTreeMap<String, serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|j| (j["profile"]["name"].as_str().unwrap_or("?").to_string(), j))
        .collect();
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert_eq!(lines["admin"]["identity"]["arn"], moto.admin().arn.as_str());
    assert_eq!(lines["no-s3"]["identity"]["arn"], moto.no_s3().arn.as_str());
    let role_arn = lines["role"]["identity"]["arn"].as_str().unwrap_or("");
    assert!(
        role_arn.contains(":assumed-role/credwiz-role/"),
        "{role_arn}"
    );
    let chained_arn = lines["chained"]["identity"]["arn"].as_str().unwrap_or("");
    assert!(
        chained_arn.contains(":assumed-role/credwiz-chained-role/"),
        "{chained_arn}"
    );
    assert_eq!(lines["chained"]["source_kind"]["role_hops"], 2);
    assert_eq!(lines["unknown"]["verdict"], "problem");
    let ids: Vec<&str> = lines["unknown"]["findings"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(ids.contains(&"sts.invalid_client_token_id"), "{ids:?}");
    let mut secrets = moto.secrets();
    secrets.extend(admin.secrets());
    for secret in secrets {
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains(secret),
            "a secret leaked"
        );
    }
}
/// A profile whose helper never answers is cut off at --profile-timeout and
/// says so; the other profiles are not held up by it.
#[test]
fn a_profile_that_hangs_is_cut_off_at_its_time_limit() {
    let sts = StsStub::start(StsBehaviour::Success);
    let sandbox = Sandbox::new()
        .var("AWS_REGION", "us-east-1")
        .var("AWS_ENDPOINT_URL_STS", &sts.url())
        .config("[profile slow]\ncredential_process = sleep 60\n")
        .credentials(&format!(
            "[fine]\naws_access_key_id = AKIAZ7VQXJ4PLM2RTAAA\naws_secret_access_key = {SECRET_A}\n"
        ));
    let started = std::time::Instant::now();
    let out = sweep(
        &sandbox,
        &[
            "--json",
            "--profile-timeout",
            "1",
            "--process-timeout",
            "60",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let got = verdicts(&out.stdout);
    assert_eq!(
        got.get("slow"),
        Some(&("problem".to_string(), "sweep.profile_timed_out".to_string())),
        "{got:?}"
    );
    assert_eq!(got.get("fine").map(|v| v.0.as_str()), Some("ok"), "{got:?}");
}
