//! Tests of the loopback AWS test world itself (tests/support/world/): each
//! server starts on 127.0.0.1, behaves as documented, and the facts the
//! scenario suite relies on (moto's error codes and bodies) are pinned here.

use crate::support::world;

use std::time::{Duration, Instant, SystemTime};

use aws_sdk_sts::error::ProvideErrorMetadata;
use world::*;

/// How a failed SDK call looked: the code the SDK parsed, the `<Code>` in
/// the raw body, and the HTTP status. Panics on success.
#[derive(Debug, PartialEq)]
struct Failure {
    sdk_code: Option<String>,
    body_code: Option<String>,
    status: Option<u16>,
}

fn failure<T, E>(result: Result<T, aws_sdk_sts::error::SdkError<E>>) -> Failure
where
    E: ProvideErrorMetadata + std::fmt::Debug,
{
    let Err(err) = result else {
        panic!("expected the call to fail")
    };
    let raw = err.raw_response();
    let body = raw
        .and_then(|r| r.body().bytes())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    Failure {
        sdk_code: err.code().map(str::to_string),
        body_code: xml_error_code(&body),
        status: raw.map(|r| r.status().as_u16()),
    }
}

/// moto's errors: the SDK cannot parse moto's `<ErrorResponse><Errors><Error>`
/// (it expects AWS's `<ErrorResponse><Error>`), so only the body has the code.
fn moto_failure(code: &str) -> Failure {
    Failure {
        sdk_code: None,
        body_code: Some(code.into()),
        status: Some(403),
    }
}

/// AWS-shaped errors (the stubs): the SDK parses the code.
fn aws_failure(code: &str, status: u16) -> Failure {
    Failure {
        sdk_code: Some(code.into()),
        body_code: Some(code.into()),
        status: Some(status),
    }
}

fn assert_no_secrets(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{what} leaks a secret");
    }
}

// --- moto ------------------------------------------------------------------

#[tokio::test]
async fn moto_enforces_auth_and_answers_like_sts() {
    let Some(moto) = Moto::start() else { return };
    assert!(
        moto.endpoint().starts_with("http://127.0.0.1:"),
        "{}",
        moto.endpoint()
    );
    assert_eq!(moto.account_id(), "123456789012");
    let admin = moto.admin();
    assert!(
        admin.key.access_key_id.starts_with("AKIA"),
        "{:?}",
        admin.key
    );

    // The good key works.
    let identity = sts_client(moto.endpoint(), &admin.key)
        .get_caller_identity()
        .send()
        .await
        .expect("GetCallerIdentity with the admin key");
    assert_eq!(identity.account(), Some(moto.account_id()));
    assert_eq!(identity.arn(), Some(admin.arn.as_str()));
    assert!(admin.arn.ends_with(":user/credwiz-admin"), "{}", admin.arn);

    // An unknown key id: auth really is enforced.
    let unknown = StaticKey::new("AKIAUNKNOWNUNKNOWN00", &admin.key.secret_access_key);
    let failed = failure(
        sts_client(moto.endpoint(), &unknown)
            .get_caller_identity()
            .send()
            .await,
    );
    assert_eq!(failed, moto_failure("InvalidClientTokenId"));

    // The right key id with a wrong secret.
    let wrong = StaticKey::new(
        &admin.key.access_key_id,
        "wrongSecretwrongSecretwrongSecretwrongSe",
    );
    let failed = failure(
        sts_client(moto.endpoint(), &wrong)
            .get_caller_identity()
            .send()
            .await,
    );
    assert_eq!(failed, moto_failure("SignatureDoesNotMatch"));

    // A long-term key sent with a session token.
    let with_token = admin.key.clone().with_token("NotARealSessionToken");
    let failed = failure(
        sts_client(moto.endpoint(), &with_token)
            .get_caller_identity()
            .send()
            .await,
    );
    assert_eq!(failed, moto_failure("InvalidClientTokenId"));

    // The second user gets an identity too (GetCallerIdentity needs no permission).
    let no_s3 = sts_client(moto.endpoint(), &moto.no_s3().key)
        .get_caller_identity()
        .send()
        .await
        .expect("GetCallerIdentity with the no-s3 key");
    assert_eq!(no_s3.arn(), Some(moto.no_s3().arn.as_str()));

    assert_no_secrets("moto Debug", &format!("{moto:?}"), &moto.secrets());
}

#[test]
fn moto_error_body_shape_is_pinned() {
    let Some(moto) = Moto::shared() else { return };
    // Signed with nothing valid: moto rejects the key id before the signature.
    let reply = http_call(
        "POST",
        &format!("{}/", moto.endpoint()),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAUNKNOWNUNKNOWN00/20260101/us-east-1/sts/aws4_request, \
                 SignedHeaders=host, Signature=00",
            ),
        ],
        "Action=GetCallerIdentity&Version=2011-06-15",
    );
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert!(
        reply.body.contains(
            "<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code>\
             <Message>The security token included in the request is invalid.</Message>\
             <Type>Sender</Type></Error></Errors></ErrorResponse>"
        ),
        "moto's error body changed: {}",
        reply.body
    );
}

#[tokio::test]
async fn moto_assume_role_chain_and_trust_policy() {
    let Some(moto) = Moto::shared() else { return };
    let sts = sts_client(moto.endpoint(), &moto.admin().key);
    let first = sts
        .assume_role()
        .role_arn(moto.role_arn())
        .role_session_name("credwiz-first")
        .send()
        .await
        .expect("admin may assume credwiz-role");
    let first = first.credentials().expect("credentials");
    assert!(first.access_key_id().starts_with("ASIA"));
    assert!(first.expiration().secs() > aws_smithy_types::DateTime::from(SystemTime::now()).secs());
    let first_key = StaticKey::new(first.access_key_id(), first.secret_access_key())
        .with_token(first.session_token());

    let as_role = sts_client(moto.endpoint(), &first_key)
        .get_caller_identity()
        .send()
        .await
        .expect("the assumed-role session works");
    assert_eq!(
        as_role.arn(),
        Some(
            format!(
                "arn:aws:sts::{}:assumed-role/credwiz-role/credwiz-first",
                moto.account_id()
            )
            .as_str()
        )
    );

    // A role session assumes the next role: a chain.
    let second = sts_client(moto.endpoint(), &first_key)
        .assume_role()
        .role_arn(moto.chained_role_arn())
        .role_session_name("credwiz-second")
        .send()
        .await
        .expect("a credwiz-role session may assume credwiz-chained-role");
    let second = second.credentials().expect("credentials");
    let second_key = StaticKey::new(second.access_key_id(), second.secret_access_key())
        .with_token(second.session_token());
    let chained = sts_client(moto.endpoint(), &second_key)
        .get_caller_identity()
        .send()
        .await
        .expect("the chained session works");
    assert!(
        chained
            .arn()
            .unwrap_or_default()
            .ends_with(":assumed-role/credwiz-chained-role/credwiz-second"),
        "{:?}",
        chained.arn()
    );

    // A session key with the wrong token.
    let bad_token =
        StaticKey::new(first.access_key_id(), first.secret_access_key()).with_token("WrongToken");
    let failed = failure(
        sts_client(moto.endpoint(), &bad_token)
            .get_caller_identity()
            .send()
            .await,
    );
    assert_eq!(failed, moto_failure("InvalidClientTokenId"));

    // The trust policy of credwiz-role names only the admin.
    let failed = failure(
        sts_client(moto.endpoint(), &moto.no_s3().key)
            .assume_role()
            .role_arn(moto.role_arn())
            .role_session_name("credwiz-denied")
            .send()
            .await,
    );
    assert_eq!(failed, moto_failure("AccessDenied"));
}

// --- IMDS --------------------------------------------------------------------

#[test]
fn imds_stub_speaks_imdsv2_and_requires_the_token() {
    let credentials = StubCredentials::fresh();
    let imds = ImdsStub::with_role("credwiz-instance-role", credentials.clone());
    let base = imds.url();

    let token = http_call(
        "PUT",
        &format!("{base}/latest/api/token"),
        &[("X-aws-ec2-metadata-token-ttl-seconds", "21600")],
        "",
    );
    assert_eq!(token.status, 200);
    assert_eq!(token.body, imds.token());
    assert_eq!(
        token.header("x-aws-ec2-metadata-token-ttl-seconds"),
        Some("21600")
    );

    let no_ttl = http_call("PUT", &format!("{base}/latest/api/token"), &[], "");
    assert_eq!(no_ttl.status, 400);

    let listing_url = format!("{base}/latest/meta-data/iam/security-credentials/");
    assert_eq!(
        http_call("GET", &listing_url, &[], "").status,
        401,
        "GET without a token"
    );
    assert_eq!(
        http_call(
            "GET",
            &listing_url,
            &[("X-aws-ec2-metadata-token", "stale")],
            ""
        )
        .status,
        401,
        "GET with a wrong token"
    );
    let auth = [("X-aws-ec2-metadata-token", imds.token())];
    let listing = http_call("GET", &listing_url, &auth, "");
    assert_eq!(
        (listing.status, listing.body.as_str()),
        (200, "credwiz-instance-role")
    );

    let role = http_call(
        "GET",
        &format!("{listing_url}credwiz-instance-role"),
        &auth,
        "",
    );
    assert_eq!(role.status, 200);
    let json: serde_json::Value = serde_json::from_str(&role.body).expect("credentials JSON");
    assert_eq!(json["Code"], "Success");
    assert_eq!(json["AccessKeyId"], credentials.access_key_id.as_str());
    assert_eq!(
        json["SecretAccessKey"],
        credentials.secret_access_key.as_str()
    );
    assert_eq!(json["Token"], credentials.token.as_str());
    let expiration = aws_smithy_types::DateTime::from_str(
        json["Expiration"].as_str().expect("Expiration"),
        aws_smithy_types::date_time::Format::DateTime,
    )
    .expect("RFC 3339 expiration");
    assert!(expiration.secs() > aws_smithy_types::DateTime::from(SystemTime::now()).secs());

    assert_eq!(
        http_call("GET", &format!("{listing_url}other-role"), &auth, "").status,
        404
    );
    assert!(imds.requests().iter().any(|r| r.method == "PUT"));
}

#[test]
fn imds_stub_without_a_role_answers_404() {
    let imds = ImdsStub::no_role();
    let auth = [("X-aws-ec2-metadata-token", imds.token())];
    let listing = http_call(
        "GET",
        &format!("{}/latest/meta-data/iam/security-credentials/", imds.url()),
        &auth,
        "",
    );
    assert_eq!(listing.status, 404);
}

#[tokio::test]
async fn aws_config_reads_credentials_from_the_imds_stub() {
    let credentials = StubCredentials::fresh();
    let imds = ImdsStub::with_role("credwiz-instance-role", credentials.clone());
    let client = aws_config::imds::Client::builder()
        .endpoint(imds.url())
        .expect("loopback IMDS endpoint")
        .max_attempts(1)
        .connect_timeout(Duration::from_secs(1))
        .read_timeout(Duration::from_secs(2))
        .build();
    // The SDK's own IMDSv2 client: token first, then the GETs with it.
    let role = client
        .get("/latest/meta-data/iam/security-credentials/")
        .await
        .expect("SDK IMDS client lists the role");
    assert_eq!(role.as_ref(), "credwiz-instance-role");
    let requests = imds.requests();
    assert_eq!(requests[0].method, "PUT", "{requests:?}");
    assert!(requests[0]
        .header("x-aws-ec2-metadata-token-ttl-seconds")
        .is_some());
    assert_eq!(
        requests[1].header("x-aws-ec2-metadata-token"),
        Some(imds.token())
    );
}

/// aws-config's whole default chain, in a child process whose environment is
/// exactly [`loopback_env`] with IMDS pointed at the stub, resolves the stub's
/// credentials. (The SDK reads the process environment, so a child is the
/// only way to give it a precise one.)
#[test]
fn default_chain_in_a_loopback_child_resolves_imds_stub_credentials() {
    if let Ok(expected_key_id) = std::env::var("CREDWIZ_WORLD_CHILD_EXPECT") {
        return resolve_in_child(&expected_key_id);
    }
    let credentials = StubCredentials::fresh();
    let imds = ImdsStub::with_role("credwiz-instance-role", credentials.clone());
    let home = tempfile::tempdir().expect("temp home");
    let mut command = loopback_command(
        std::env::current_exe().expect("test binary"),
        home.path(),
        &refused_url(),
    );
    command
        .env_remove("AWS_EC2_METADATA_DISABLED")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url())
        .env("CREDWIZ_WORLD_CHILD_EXPECT", &credentials.access_key_id)
        .args([
            "--exact",
            "world_smoke::default_chain_in_a_loopback_child_resolves_imds_stub_credentials",
            "--nocapture",
            "--test-threads=1",
        ]);
    let out = command.output().expect("run the test binary");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_secrets("child output", &printed, &credentials.secrets());
    assert!(out.status.success(), "child failed:\n{printed}");
    assert!(
        printed.contains("1 passed"),
        "the child ran the test:\n{printed}"
    );
    let paths: Vec<String> = imds
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        paths.contains(
            &"GET /latest/meta-data/iam/security-credentials/credwiz-instance-role".to_string()
        ),
        "{paths:?}"
    );
}

fn resolve_in_child(expected_key_id: &str) {
    use aws_credential_types::provider::ProvideCredentials;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let chain = aws_config::default_provider::credentials::DefaultCredentialsChain::builder()
            .build()
            .await;
        let resolved = tokio::time::timeout(Duration::from_secs(10), chain.provide_credentials())
            .await
            .expect("the chain finished within 10 s")
            .expect("the chain resolved credentials");
        assert_eq!(resolved.access_key_id(), expected_key_id);
        assert!(resolved.session_token().is_some());
    });
}

// --- container credentials -----------------------------------------------------

#[test]
fn container_stub_enforces_its_authorization_token() {
    let credentials = StubCredentials::fresh();
    let stub = ContainerStub::start(
        "/v2/credentials/credwiz",
        credentials.clone(),
        Some("Bearer credwiz-pod-token"),
    );
    assert!(stub.url().starts_with("http://127.0.0.1:"));
    assert!(stub.url().ends_with("/v2/credentials/credwiz"));

    assert_eq!(
        http_call("GET", &stub.url(), &[], "").status,
        401,
        "no Authorization"
    );
    assert_eq!(
        http_call("GET", &stub.url(), &[("Authorization", "Bearer wrong")], "").status,
        403,
        "wrong Authorization"
    );
    let ok = http_call(
        "GET",
        &stub.url(),
        &[("Authorization", "Bearer credwiz-pod-token")],
        "",
    );
    assert_eq!(ok.status, 200);
    let json: serde_json::Value = serde_json::from_str(&ok.body).expect("credentials JSON");
    assert_eq!(json["AccessKeyId"], credentials.access_key_id.as_str());
    assert_eq!(json["Token"], credentials.token.as_str());
    assert!(json["Expiration"]
        .as_str()
        .expect("Expiration")
        .ends_with('Z'));

    let wrong_path = http_call(
        "GET",
        &format!("{}/other", stub.base_url()),
        &[("Authorization", "Bearer credwiz-pod-token")],
        "",
    );
    assert_eq!(wrong_path.status, 404);
    assert_eq!(stub.requests().len(), 4);

    let open = ContainerStub::start("creds", StubCredentials::fresh(), None);
    assert_eq!(
        http_call("GET", &open.url(), &[], "").status,
        200,
        "no auth required"
    );
}

// --- STS stub --------------------------------------------------------------------

#[tokio::test]
async fn sts_stub_answers_expired_token_through_the_sdk() {
    let stub = StsStub::expired_token();
    let key = StubCredentials::fresh().key();
    let failed = failure(
        sts_client(&stub.url(), &key)
            .get_caller_identity()
            .send()
            .await,
    );
    assert_eq!(failed, aws_failure("ExpiredToken", 400));
    let request = &stub.requests()[0];
    assert_eq!(
        request.form().get("Action").map(String::as_str),
        Some("GetCallerIdentity")
    );
    assert!(request
        .header("authorization")
        .is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256")));
    assert_eq!(
        request.header("x-amz-security-token"),
        key.session_token.as_deref()
    );

    let raw = http_call(
        "POST",
        &stub.url(),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "Action=GetCallerIdentity&Version=2011-06-15",
    );
    assert_eq!(raw.status, 400);
    assert!(raw.body.contains(
        "<Error>\n    <Type>Sender</Type>\n    <Code>ExpiredToken</Code>\n    \
         <Message>The security token included in the request is expired</Message>\n  </Error>"
    ));
}

#[tokio::test]
async fn sts_stub_succeeds_with_a_skewed_date() {
    let stub = StsStub::skewed_clock(20 * 60);
    let key = StubCredentials::fresh().key();
    let identity = sts_client(&stub.url(), &key)
        .get_caller_identity()
        .send()
        .await
        .expect("GetCallerIdentity succeeds");
    assert_eq!(identity.account(), Some(STUB_ACCOUNT_ID));

    let raw = http_call(
        "POST",
        &stub.url(),
        &[],
        "Action=GetCallerIdentity&Version=2011-06-15",
    );
    assert_eq!(raw.status, 200);
    let date = aws_smithy_types::DateTime::from_str(
        raw.header("date").expect("Date header"),
        aws_smithy_types::date_time::Format::HttpDate,
    )
    .expect("HTTP date");
    let skew = date.secs() - aws_smithy_types::DateTime::from(SystemTime::now()).secs();
    assert!(
        (20 * 60 - 5..=20 * 60 + 5).contains(&skew),
        "Date is {skew} s off"
    );
}

#[tokio::test]
async fn sts_stub_assume_role_and_generic_errors() {
    let stub = StsStub::start(StsBehaviour::Success);
    let key = StubCredentials::fresh().key();
    let assumed = sts_client(&stub.url(), &key)
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/credwiz-target")
        .role_session_name("credwiz-session")
        .send()
        .await
        .expect("AssumeRole succeeds");
    let credentials = assumed.credentials().expect("credentials");
    assert_eq!(
        credentials.access_key_id(),
        stub.assumed_credentials().access_key_id
    );
    assert_eq!(
        assumed.assumed_role_user().map(|u| u.arn()),
        Some("arn:aws:sts::123456789012:assumed-role/credwiz-target/credwiz-session")
    );

    let denied = StsStub::error(
        403,
        "AccessDenied",
        "User is not authorized to perform: sts:AssumeRole",
    );
    let failed = failure(
        sts_client(&denied.url(), &key)
            .assume_role()
            .role_arn("arn:aws:iam::123456789012:role/credwiz-target")
            .role_session_name("s")
            .send()
            .await,
    );
    assert_eq!(failed, aws_failure("AccessDenied", 403));
}

// --- silent server and environment --------------------------------------------------

#[tokio::test]
async fn silent_server_makes_a_bounded_client_time_out() {
    let silent = SilentServer::start();
    let key = StubCredentials::fresh().key();
    let started = Instant::now();
    let result = sts_client_with_timeout(&silent.url(), &key, Duration::from_millis(300))
        .get_caller_identity()
        .send()
        .await;
    let elapsed = started.elapsed();
    let err = result.expect_err("a server that never answers cannot succeed");
    assert!(
        matches!(err, aws_sdk_sts::error::SdkError::TimeoutError(_)),
        "expected a timeout, got {err:?}"
    );
    assert!(
        elapsed >= Duration::from_millis(250),
        "gave up after {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert!(silent.connections() >= 1, "the client connected");
}

#[test]
fn loopback_env_is_the_whole_environment() {
    let home = tempfile::tempdir().expect("temp home");
    let silent = SilentServer::start();
    let env = loopback_env(home.path(), &silent.url());
    let get = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    assert_eq!(get("AWS_EC2_METADATA_DISABLED"), Some("true"));
    assert_eq!(get("AWS_ENDPOINT_URL"), Some(silent.url().as_str()));
    assert_eq!(get("HOME"), Some(home.path().to_str().expect("utf-8 home")));
    let aws: Vec<&str> = env
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| k.starts_with("AWS_"))
        .collect();
    assert_eq!(aws, ["AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL"]);

    let out = loopback_command("env", home.path(), &refused_url())
        .output()
        .expect("run env");
    let printed = String::from_utf8_lossy(&out.stdout);
    let aws: Vec<&str> = printed.lines().filter(|l| l.starts_with("AWS_")).collect();
    assert_eq!(aws.len(), 2, "only the two guard variables: {aws:?}");
}

#[test]
#[should_panic(expected = "must point at loopback")]
fn loopback_env_refuses_a_real_endpoint() {
    let home = tempfile::tempdir().expect("temp home");
    loopback_env(home.path(), "https://sts.amazonaws.com");
}

#[test]
fn keys_never_show_their_secrets_in_debug() {
    let credentials = StubCredentials::fresh();
    let key = credentials.key();
    assert_no_secrets("StaticKey Debug", &format!("{key:?}"), &key.secrets());
    assert_no_secrets(
        "StubCredentials Debug",
        &format!("{credentials:?}"),
        &credentials.secrets(),
    );
    assert!(format!("{key:?}").contains(&key.access_key_id));
}

#[test]
fn moto_s3_denies_the_no_s3_user() {
    let Some(moto) = Moto::shared() else { return };
    let python = world_python().expect("a running moto implies its python");
    let home = tempfile::tempdir().expect("temp home");
    let out = loopback_command(python, home.path(), moto.endpoint())
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/world/s3_probe.py"
        ))
        .env("CREDWIZ_WORLD_ENDPOINT", moto.endpoint())
        .env("CREDWIZ_WORLD_BUCKET", moto.bucket())
        .env("CREDWIZ_ADMIN_KEY_ID", &moto.admin().key.access_key_id)
        .env("CREDWIZ_ADMIN_SECRET", &moto.admin().key.secret_access_key)
        .env("CREDWIZ_NO_S3_KEY_ID", &moto.no_s3().key.access_key_id)
        .env("CREDWIZ_NO_S3_SECRET", &moto.no_s3().key.secret_access_key)
        .output()
        .expect("run s3_probe.py");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_secrets("s3_probe output", &printed, &moto.secrets());
    assert!(out.status.success(), "s3_probe.py failed:\n{printed}");
    let answers: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON answers");
    assert_eq!(
        answers,
        serde_json::json!({
            "admin_list_buckets": "ok",
            "admin_get_object": "ok",
            "no_s3_list_buckets": "AccessDenied",
            "no_s3_get_object": "AccessDenied",
            "unknown_key_list_buckets": "InvalidAccessKeyId",
            "wrong_secret_list_buckets": "SignatureDoesNotMatch",
        })
    );
}
