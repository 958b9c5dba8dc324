//! Every network wait is bounded end to end: a server that accepts and never
//! answers, and one that drips a byte every 0.2 s, each in the place of the
//! container endpoint, IMDS, STS (GetCallerIdentity, AssumeRole inside a
//! profile, AssumeRoleWithWebIdentity) and the SSO portal. The bounds are
//! the README's.

use crate::harness::run_hostile;
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::support::world::{sso_cache_file, DrippingServer, SilentServer};
use std::time::Duration;

/// The longest a whole `credwiz check` may take against one stuck server.
const CHECK_BOUND: Duration = Duration::from_secs(12);

/// A stuck server of each kind, by name, with its URL.
fn stuck_servers() -> Vec<(&'static str, String, Box<dyn std::any::Any>)> {
    let silent = SilentServer::start();
    let dripping = DrippingServer::start(Duration::from_millis(200));
    vec![
        ("silent", silent.url(), Box::new(silent)),
        ("dripping", dripping.url(), Box::new(dripping)),
    ]
}

fn keys() -> String {
    format!("aws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n")
}

fn assert_bounded(label: &str, sandbox: &Sandbox, args: &[&str], bound: Duration) -> String {
    let run = run_hostile(label, sandbox, args, bound + Duration::from_secs(20));
    assert!(
        run.took < bound,
        "{label}: took {:?}, bound {bound:?}",
        run.took
    );
    run.all()
}

#[test]
fn a_stuck_container_endpoint_costs_at_most_the_probe_bound() {
    for (kind, url, _server) in stuck_servers() {
        let sandbox = Sandbox::new()
            .credentials(&format!("[other]\n{}", keys()))
            .var(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                &format!("{url}/creds"),
            );
        let label = format!("{kind} container endpoint");
        assert_bounded(&label, &sandbox, &["check"], Duration::from_secs(3));
        assert_bounded(
            &label,
            &sandbox,
            &["resolve", "--timeout", "3"],
            Duration::from_secs(5),
        );
    }
}

#[test]
fn a_stuck_imds_costs_at_most_the_probe_bound() {
    for (kind, url, _server) in stuck_servers() {
        let sandbox = Sandbox::new()
            .credentials(&format!("[other]\n{}", keys()))
            .unset("AWS_EC2_METADATA_DISABLED")
            .var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url);
        let label = format!("{kind} IMDS");
        assert_bounded(&label, &sandbox, &["check"], Duration::from_secs(3));
        assert_bounded(
            &label,
            &sandbox,
            &["resolve", "--timeout", "3"],
            Duration::from_secs(5),
        );
    }
}

#[test]
fn a_stuck_sts_for_get_caller_identity_is_bounded() {
    for (kind, url, _server) in stuck_servers() {
        let sandbox = Sandbox::new()
            .credentials(&format!("[default]\n{}", keys()))
            .var("AWS_REGION", "eu-west-1")
            .var("AWS_ENDPOINT_URL", &url);
        let label = format!("{kind} STS GetCallerIdentity");
        let out = assert_bounded(&label, &sandbox, &["check"], CHECK_BOUND);
        assert!(out.contains("sts.unreachable"), "{label}: {out}");
    }
}

#[test]
fn a_stuck_sts_during_assume_role_is_bounded() {
    for (kind, url, _server) in stuck_servers() {
        let sandbox = Sandbox::new()
            .credentials(&format!("[base]\n{}", keys()))
            .config(
                "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\nregion = eu-west-1\n",
            )
            .var("AWS_ENDPOINT_URL", &url);
        let label = format!("{kind} STS AssumeRole");
        assert_bounded(
            &label,
            &sandbox,
            &["check", "--profile", "role"],
            CHECK_BOUND,
        );
        assert_bounded(
            &label,
            &sandbox,
            &["resolve", "--timeout", "3", "--profile", "role"],
            Duration::from_secs(5),
        );
    }
}

#[test]
fn a_stuck_sts_during_web_identity_is_bounded() {
    for (kind, url, _server) in stuck_servers() {
        let sandbox = Sandbox::new()
            .file("token", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
            .var("AWS_WEB_IDENTITY_TOKEN_FILE", "{home}/token")
            .var("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web")
            .var("AWS_REGION", "eu-west-1")
            .var("AWS_ENDPOINT_URL", &url);
        let label = format!("{kind} STS AssumeRoleWithWebIdentity");
        assert_bounded(&label, &sandbox, &["check"], CHECK_BOUND);
        assert_bounded(
            &label,
            &sandbox,
            &["resolve", "--timeout", "3"],
            Duration::from_secs(5),
        );
    }
}

#[test]
fn a_stuck_sso_portal_is_bounded() {
    for (kind, url, _server) in stuck_servers() {
        let sandbox = Sandbox::new()
            .config(
                "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = dev\nregion = eu-west-1\n\n\
                 [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
            )
            .var("AWS_ENDPOINT_URL", &url);
        let expires = "2999-01-01T00:00:00Z";
        let sandbox = sandbox.file(
            &sso_cache_file("corp"),
            &format!(
                r#"{{"accessToken":"{PLANTED_SECRET}","expiresAt":"{expires}","region":"eu-west-1","startUrl":"https://corp.awsapps.com/start"}}"#
            ),
        );
        let label = format!("{kind} SSO portal");
        assert_bounded(
            &label,
            &sandbox,
            &["check", "--profile", "sso"],
            CHECK_BOUND,
        );
        assert_bounded(
            &label,
            &sandbox,
            &["resolve", "--timeout", "3", "--profile", "sso"],
            Duration::from_secs(5),
        );
    }
}

#[test]
fn a_stuck_sign_in_service_is_bounded_when_a_login_refresh_is_allowed() {
    const ARN: &str = "arn:aws:iam::123456789012:user/Admin";
    let cache_name = crate::support::world::login_cache_file(ARN);
    // Expired ten minutes ago: the SDK refreshes at the sign-in service.
    let expired =
        crate::support::world::rfc3339(std::time::SystemTime::now() - Duration::from_secs(600));
    let cache = serde_json::json!({
        "accessToken": {
            "accessKeyId": KEY_ID,
            "secretAccessKey": PLANTED_SECRET,
            "sessionToken": "PlantedLoginSessionToken0123456789abcdef",
            "accountId": "123456789012",
            "expiresAt": expired,
        },
        "tokenType": "aws_sigv4",
        "refreshToken": "PlantedLoginRefreshToken0123456789abcdef",
        "idToken": "eyJhbGciOiJSUzI1NiJ9.PlantedIdTokenPayload.PlantedIdTokenSig",
        "clientId": "arn:aws:signin:::devtools/same-device",
        "dpopKey": crate::support::world::TEST_DPOP_PEM,
    })
    .to_string();
    let silent = SilentServer::start();
    let dripping = DrippingServer::start(Duration::from_millis(200));
    for (kind, url) in [("silent", silent.url()), ("dripping", dripping.url())] {
        let sandbox = Sandbox::new()
            .config(&format!(
                "[profile dev]\nregion = us-east-1\nlogin_session = {ARN}\n"
            ))
            .file(&cache_name, &cache)
            .var("AWS_ENDPOINT_URL_SIGNIN", &url);
        let backup = sandbox
            .home_path()
            .join(format!("{cache_name}.credwiz-backup"));
        let label = format!("{kind} sign-in service");
        let run = crate::harness::run_hostile_allowing(
            &label,
            &sandbox,
            &["check", "--profile", "dev", "--allow-refresh"],
            CHECK_BOUND + Duration::from_secs(20),
            &[backup.as_path()],
        );
        assert!(
            run.took < CHECK_BOUND,
            "{label}: took {:?}, bound {CHECK_BOUND:?}",
            run.took
        );
    }
    assert!(
        silent.connections() > 0,
        "the SDK never tried the sign-in service, so nothing was bounded"
    );
}
