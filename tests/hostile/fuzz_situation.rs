//! A whole situation for the whole-program fuzzer: the environment, the AWS
//! files, the SSO cache, a credential_process helper and the command, all
//! generated at once. Values are bytes (the environment may hold invalid
//! UTF-8) with placeholders filled in when the situation is written out:
//! `{home}`, `{helper}` (the helper's command line), `{secret}` and
//! `{token}` (the planted secrets) and `{key_id}`.
//!
//! Hostile fragments always carry the word `PWN`, and forged lines start
//! with `FORGED`, so the oracle can tell text that came from the input from
//! credwiz's own (its `<bucket>`-style placeholders, for one).

use proptest::prelude::*;
use std::fmt;

/// Bytes from the input, shown escaped so a failing case can be pasted
/// into a regression test as `v(b"...")`.
#[derive(Clone, PartialEq, Eq)]
pub struct Value(pub Vec<u8>);

/// A [`Value`] from a byte string literal.
pub fn v(bytes: &[u8]) -> Value {
    Value(bytes.to_vec())
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = if self.0.len() > 200 {
            format!(
                "{}...[{} bytes]",
                self.0[..120].escape_ascii(),
                self.0.len()
            )
        } else {
            self.0.escape_ascii().to_string()
        };
        write!(f, "v(b\"{shown}\")")
    }
}

/// Everything credwiz reads, and how it is asked.
#[derive(Debug, Clone)]
pub struct Situation {
    pub env: Vec<(&'static str, Value)>,
    pub config: FileSpec,
    pub credentials: FileSpec,
    pub sso_cache: Option<Value>,
    pub helper: Option<Helper>,
    pub command: Cmd,
    pub profile_arg: Option<Value>,
    pub region_arg: Option<Value>,
    /// A loopback server for one endpoint, and what it answers.
    pub server: Option<Server>,
}

/// What a loopback endpoint answers (see `fuzz_server`).
#[derive(Debug, Clone)]
pub struct Server {
    pub role: ServerRole,
    pub status: u16,
    pub headers: Vec<Value>,
    /// For instance metadata: the role name it lists.
    pub role_body: Value,
    pub body: Value,
    pub timing: Timing,
}

/// Which endpoint the server stands in for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerRole {
    /// `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
    Container,
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, metadata switched on.
    Imds,
    /// `AWS_ENDPOINT_URL`: STS, SSO and S3.
    Sts,
}

/// When the answer comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    Now,
    /// One byte every 40 ms.
    Drip,
    /// Accepts and never answers.
    Silent,
    /// Closes without a byte.
    Close,
}

impl Situation {
    /// A situation with nothing in it but `command` (for regressions).
    #[allow(dead_code)]
    pub fn empty(command: Cmd) -> Self {
        Situation {
            env: Vec::new(),
            config: FileSpec::Absent,
            credentials: FileSpec::Absent,
            sso_cache: None,
            helper: None,
            command,
            profile_arg: None,
            region_arg: None,
            server: None,
        }
    }
}

/// What stands where an AWS file should be.
#[derive(Debug, Clone)]
pub enum FileSpec {
    Absent,
    Text {
        lines: Vec<Value>,
        encoding: Encoding,
        ending: Ending,
    },
    /// The lines after this many KiB of comment lines.
    Huge {
        lines: Vec<Value>,
        kib: usize,
    },
    Fifo,
    DanglingSymlink,
    Directory,
}

#[derive(Debug, Clone, Copy)]
pub enum Encoding {
    Utf8,
    Bom,
    Utf16Le,
    Latin1,
}

#[derive(Debug, Clone, Copy)]
pub enum Ending {
    Lf,
    CrLf,
    Cr,
}

/// A credential_process helper: what it prints, what it does, how it exits.
#[derive(Debug, Clone)]
pub struct Helper {
    pub prints: Prints,
    pub act: Act,
    pub exit: u8,
    /// The helper sits in a directory whose name has a space and `$(PWN)`.
    pub odd_dir: bool,
}

#[derive(Debug, Clone)]
pub enum Prints {
    /// Valid credentials JSON; `None` leaves `Expiration` out.
    Json {
        expiration: Option<String>,
    },
    Raw(Value),
    Nothing,
}

#[derive(Debug, Clone, Copy)]
pub enum Act {
    Nothing,
    /// `trap 'kill 0' EXIT`: signals its whole process group on the way out.
    TrapKill0,
    /// `kill -STOP 0` before printing: stops its whole process group.
    StopGroup,
    Sleep(u8),
    /// Reads its standard input to the end.
    ReadStdin,
    /// Leaves a background child running after it exits.
    Orphan,
}

/// The command line, without the global `--profile` / `--region`.
#[derive(Debug, Clone)]
pub enum Cmd {
    CheckOffline,
    CheckOnline,
    CheckVerbose,
    CheckJson {
        offline: bool,
    },
    CheckMarkdown {
        offline: bool,
    },
    Run {
        playbook: &'static str,
        error_text: Value,
        offline: bool,
    },
    S3Inspect(Value),
    /// `resolve --timeout N`: aws-config's own chain, as the user's
    /// program runs it.
    Resolve {
        timeout: &'static str,
    },
    /// `check --process-timeout N`, N a documented number at its edges.
    CheckTimeout(&'static str),
    /// `check --all-profiles`: every profile at once.
    AllProfiles,
}

/// Numbers for the documented time limits, their edges included.
const TIMEOUTS: &[&str] = &["2", "0", "18446744073709551615", "9223372036854775807"];

pub const PLAYBOOKS: &[&str] = &[
    "access-denied",
    "auth-failure",
    "credentials-not-supported",
    "expired-token",
    "no-credentials",
    "s3-invalid-credentials",
];

/// The variables a situation may set; never an endpoint or IMDS switch
/// (those stay on refused loopback, see `fuzz_world`).
pub const ENV_NAMES: &[&str] = &[
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_SDK_LOAD_CONFIG",
    "AWS_MAX_ATTEMPTS",
    "AWS_RETRY_MODE",
    "AWS_CA_BUNDLE",
    "HTTPS_PROXY",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
];

/// Names a profile or region might have, hostile ones included.
const NAMES: &[&str] = &[
    "default",
    "dev",
    "sso",
    "proc",
    "a b",
    "x;PWN",
    "$(PWN)",
    "`PWN`",
    "p|PWN",
    "q&PWN",
    "r>PWN",
    "s<PWN",
    "it's",
    "caf\u{e9}",
    "eu-west-1",
    "\u{202e}PWN",
];

/// Ways a value is dressed up around a base.
fn decorated(base: impl Strategy<Value = String>) -> impl Strategy<Value = Value> {
    (base, 0..24usize).prop_map(|(base, how)| {
        let b = base.as_bytes();
        let bytes: Vec<u8> = match how {
            0 => Vec::new(),
            1 => [b"  ", b, b" \t"].concat(),
            2 => [b"\"", b, b"\""].concat(),
            3 => [b"'", b, b"'"].concat(),
            4 => [b, b"\nFORGED: line".as_slice()].concat(),
            5 => [b, b"\rFORGED\x1b[2K".as_slice()].concat(),
            6 => [b"\x1b[31m", b, b"\x1b]0;PWN\x07\x01\x7f".as_slice()].concat(),
            7 => [b"\xff\xfe", b, b"\xc3"].concat(),
            8 if b.len() < 30 => b.repeat(20_000 / b.len().max(1)),
            9 => [b, b"\n# FORGED\n```sh\nFORGED\n```".as_slice()].concat(),
            _ => b.to_vec(),
        };
        Value(bytes)
    })
}

fn name() -> impl Strategy<Value = Value> {
    decorated(prop::sample::select(NAMES).prop_map(str::to_string))
}

/// A value for an environment variable.
fn env_value(name: &'static str) -> BoxedStrategy<Value> {
    let plain: BoxedStrategy<String> = match name {
        "AWS_SECRET_ACCESS_KEY" => Just("{secret}".to_string()).boxed(),
        "AWS_SESSION_TOKEN" => Just("{token}".to_string()).boxed(),
        "AWS_ACCESS_KEY_ID" => prop::sample::select(vec!["{key_id}", "AKIA PWN", "ASIA;PWN"])
            .prop_map(str::to_string)
            .boxed(),
        "AWS_CONFIG_FILE"
        | "AWS_SHARED_CREDENTIALS_FILE"
        | "AWS_WEB_IDENTITY_TOKEN_FILE"
        | "AWS_CA_BUNDLE" => prop::sample::select(vec![
            "{home}/.aws/config",
            "~/.aws/credentials",
            "{home}/no such/$(PWN)",
            "{home}/a;PWN",
            "~/`PWN`",
            "",
        ])
        .prop_map(str::to_string)
        .boxed(),
        "HTTPS_PROXY" => Just("http://user:{secret}@127.0.0.1:9".to_string()).boxed(),
        "AWS_ROLE_ARN" => Just("arn:aws:iam::123456789012:role/$(PWN)".to_string()).boxed(),
        "AWS_MAX_ATTEMPTS" => prop::sample::select(vec!["3", "0", "-1", "99999999999999999999"])
            .prop_map(str::to_string)
            .boxed(),
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" => Just("/v2/$(PWN)".to_string()).boxed(),
        _ => prop::sample::select(NAMES).prop_map(str::to_string).boxed(),
    };
    decorated(plain).boxed()
}

fn env() -> impl Strategy<Value = Vec<(&'static str, Value)>> {
    prop::collection::vec(
        prop::sample::select(ENV_NAMES).prop_flat_map(|n| (Just(n), env_value(n))),
        0..6,
    )
}

/// A line of an AWS file, valid and broken.
fn line() -> impl Strategy<Value = Value> {
    let key_value = (
        prop::sample::select(vec!["", "  ", "\t"]),
        prop::sample::select(vec![
            "region",
            "aws_access_key_id",
            "aws_secret_access_key",
            "aws_session_token",
            "credential_process",
            "source_profile",
            "role_arn",
            "sso_session",
            "output",
            "web_identity_token_file",
            "duration_seconds",
        ]),
        prop::sample::select(vec![" = ", "=", " =", ": "]),
    )
        .prop_flat_map(|(indent, key, eq)| {
            let value: BoxedStrategy<Value> = match key {
                "aws_access_key_id" => Just(v(b"{key_id}")).boxed(),
                "aws_secret_access_key" => decorated(Just("{secret}".to_string())).boxed(),
                "aws_session_token" => Just(v(b"{token}")).boxed(),
                "credential_process" => Just(v(b"{helper}")).boxed(),
                "duration_seconds" => prop::sample::select(vec!["900", "99999999999999999999"])
                    .prop_map(|s| v(s.as_bytes()))
                    .boxed(),
                _ => name().boxed(),
            };
            (Just(format!("{indent}{key}{eq}")), value)
        })
        .prop_map(|(head, value)| Value([head.as_bytes(), &value.0].concat()));
    let section = (
        prop::sample::select(vec![
            "[{}]",
            "[profile {}]",
            "[ profile {} ]",
            "[sso-session {}]",
            "[{}",
        ]),
        name(),
    )
        .prop_map(|(form, name)| {
            let (before, after) = form.split_once("{}").unwrap_or((form, ""));
            Value([before.as_bytes(), &name.0, after.as_bytes()].concat())
        });
    prop_oneof![
        3 => key_value,
        2 => section,
        1 => Just(v(b"[default]")),
        1 => Just(v(b"[profile sso]\nsso_session = fz\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session fz]\nsso_start_url = https://d-fz.awsapps.com/start\nsso_region = us-east-1")),
        1 => prop::sample::select(vec!["# comment $(PWN)", "; c", "", "garbage line PWN;"]).prop_map(|s| v(s.as_bytes())),
    ]
}

fn lines() -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec(line(), 0..14)
}

fn file_spec() -> impl Strategy<Value = FileSpec> {
    let encoding = prop::sample::select(vec![
        Encoding::Utf8,
        Encoding::Utf8,
        Encoding::Bom,
        Encoding::Utf16Le,
        Encoding::Latin1,
    ]);
    let ending = prop::sample::select(vec![Ending::Lf, Ending::Lf, Ending::CrLf, Ending::Cr]);
    prop_oneof![
        2 => Just(FileSpec::Absent),
        8 => (lines(), encoding, ending).prop_map(|(lines, encoding, ending)| FileSpec::Text { lines, encoding, ending }),
        1 => (lines(), prop::sample::select(vec![64usize, 2048, 6000])).prop_map(|(lines, kib)| FileSpec::Huge { lines, kib }),
        1 => Just(FileSpec::Fifo),
        1 => Just(FileSpec::DanglingSymlink),
        1 => Just(FileSpec::Directory),
    ]
}

/// Expiration spellings aws-config's credential_process provider accepts
/// (checked against it in `fuzz_regressions.rs`): credwiz must not call
/// them bad output.
pub const SDK_ACCEPTS: &[&str] = &[
    "2099-01-01T00:00:00Z",
    "2099-01-01T00:00:00+00:00",
    "2099-01-01T00:00:00.123456Z",
    "2099-01-01t00:00:00z",
    "2099-01-01T01:00:00+01:00",
    "2001-01-01T00:00:00Z",
];

impl Situation {
    /// The helper prints valid JSON with an Expiration the SDK accepts.
    pub fn helper_time_is_valid(&self) -> bool {
        matches!(
            &self.helper,
            Some(Helper { prints: Prints::Json { expiration: Some(e) }, .. })
                if SDK_ACCEPTS.contains(&e.as_str())
        )
    }
}

const EXPIRATIONS: &[&str] = &[
    "2099-01-01T00:00:00Z",
    "2099-01-01T00:00:00+00:00",
    "2099-01-01T00:00:00.123456Z",
    "2099-01-01t00:00:00z",
    "2099-01-01T01:00:00+01:00",
    "2001-01-01T00:00:00Z",
    "2099-01-01 00:00:00Z",
    "not a time $(PWN)",
    "",
];

fn helper() -> impl Strategy<Value = Helper> {
    let prints = prop_oneof![
        4 => prop::option::of(prop::sample::select(EXPIRATIONS).prop_map(str::to_string))
            .prop_map(|expiration| Prints::Json { expiration }),
        1 => prop::sample::select(vec![
            "{\"Version\": 1, \"AccessKeyId\": \"{key_id}\", \"SecretAccessKey\": \"{secret}\"",
            "{\"Version\": 2, \"AccessKeyId\": \"{key_id}\", \"SecretAccessKey\": \"{secret}\"}",
            "not json $(PWN)\n\x1b[31mFORGED\x07",
            "{\"Version\": 1, \"AccessKeyId\": \"AKIA\\u001b[2JPWN\", \"SecretAccessKey\": \"{secret}\"}",
        ]).prop_map(|s| Prints::Raw(v(s.as_bytes()))),
        1 => Just(Prints::Nothing),
    ];
    let act = prop_oneof![
        4 => Just(Act::Nothing),
        1 => Just(Act::TrapKill0),
        1 => Just(Act::StopGroup),
        1 => (1u8..4).prop_map(Act::Sleep),
        1 => Just(Act::ReadStdin),
        1 => Just(Act::Orphan),
    ];
    (
        prints,
        act,
        prop::sample::select(vec![0u8, 0, 1, 2, 255]),
        any::<bool>(),
    )
        .prop_map(|(prints, act, exit, odd_dir)| Helper {
            prints,
            act,
            exit,
            odd_dir,
        })
}

fn sso_cache() -> impl Strategy<Value = Option<Value>> {
    prop::option::of(
        prop::sample::select(vec![
            "{\"accessToken\": \"{token}\", \"expiresAt\": \"2099-01-01T00:00:00Z\", \"region\": \"us-east-1\", \"startUrl\": \"https://d-fz.awsapps.com/start\"}",
            "{\"accessToken\": \"{token}\", \"expiresAt\": \"2001-01-01T00:00:00+00:00\"}",
            "{\"accessToken\": \"{token}\", \"expiresAt\": \"2099-01-01t00:00:00.5z\"}",
            "\u{feff}{\"accessToken\": \"{token}\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}",
            "{\"accessToken\": \"{token}\"",
            "",
        ])
        .prop_map(|s| v(s.as_bytes())),
    )
}

fn error_text() -> impl Strategy<Value = Value> {
    decorated(
        prop::sample::select(vec![
            "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied for arn:aws:s3:::b$(PWN)/k",
            "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired",
            "Unable to locate credentials. You can configure credentials by running \"aws configure\".",
            "CredentialsProviderError: Could not load credentials from any providers",
            "InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records. profile x;PWN",
            "SignatureDoesNotMatch region `PWN` bucket b|PWN",
        ])
        .prop_map(str::to_string),
    )
}

fn s3_url() -> impl Strategy<Value = Value> {
    decorated(
        prop::sample::select(vec![
            "https://s3.eu-west-1.amazonaws.com/b%3BPWN%24%28PWN%29/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={key_id}%2F20200101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
            "https://b-PWN.s3.amazonaws.com/k%0AFORGED",
            "https://s3.$(PWN).amazonaws.com/b/k",
            "curl -H 'Authorization: AWS4-HMAC-SHA256 Credential={key_id}/20200101/us-east-1/s3/aws4_request' https://b.s3.amazonaws.com/k",
        ])
        .prop_map(str::to_string),
    )
}

fn command() -> impl Strategy<Value = Cmd> {
    prop_oneof![
        2 => Just(Cmd::CheckOffline),
        2 => Just(Cmd::CheckOnline),
        1 => Just(Cmd::CheckVerbose),
        1 => any::<bool>().prop_map(|offline| Cmd::CheckJson { offline }),
        1 => any::<bool>().prop_map(|offline| Cmd::CheckMarkdown { offline }),
        2 => (prop::sample::select(PLAYBOOKS), error_text(), any::<bool>())
            .prop_map(|(playbook, error_text, offline)| Cmd::Run { playbook, error_text, offline }),
        1 => s3_url().prop_map(Cmd::S3Inspect),
        1 => prop::sample::select(TIMEOUTS).prop_map(|timeout| Cmd::Resolve { timeout }),
        1 => prop::sample::select(TIMEOUTS).prop_map(Cmd::CheckTimeout),
        1 => Just(Cmd::AllProfiles),
    ]
}

/// Bodies an endpoint might send: credentials (planted secrets in them),
/// broken JSON, STS's XML with hostile text, control bytes, a huge body.
const BODIES: &[&str] = &[
    "{\"AccessKeyId\": \"{key_id}\", \"SecretAccessKey\": \"{secret}\", \"Token\": \"{token}\", \"Expiration\": \"2099-01-01T00:00:00Z\", \"Code\": \"Success\"}",
    "{\"AccessKeyId\": \"{key_id}\", \"SecretAccessKey\": \"{secret}\", \"Token\": \"{token}\", \"Expiration\": \"not a time $(PWN)\"}",
    "{\"AccessKeyId\": \"{key_id}\", \"SecretAccessKey\": \"{secret}\"",
    "{\"Code\": \"Failure\", \"Message\": \"denied {secret} \\u001b[2J$(PWN)\\nFORGED: line\"}",
    "<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>token {token} rejected \u{1b}[31m$(PWN)\nFORGED: line</Message></Error></ErrorResponse>",
    "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x\nFORGED: line $(PWN)</Arn><UserId>AIDA\u{1b}]0;PWN\u{7}</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>",
    "\u{1b}[31mFORGED\u{7} $(PWN) {secret}",
    "",
];

/// Role names instance metadata might list.
const ROLE_NAMES: &[&str] = &[
    "fuzz-role",
    "role with space",
    "r\nFORGED: line",
    "../../PWN",
    "r%0aFORGED",
    "r?x=$(PWN)#",
    "",
];

fn server() -> impl Strategy<Value = Server> {
    let headers = prop::collection::vec(
        prop::sample::select(vec![
            "Content-Type: application/json",
            "Content-Type: text/xml",
            "Content-Length: 99999",
            "Location: http://169.254.169.254/latest/meta-data/",
            "Location: http://127.0.0.1.example.com/PWN",
            "X-Amzn-RequestId: PWN\u{1b}[2J",
            "Set-Cookie: s={secret}",
        ])
        .prop_map(|s| v(s.as_bytes())),
        0..3,
    );
    let body = prop_oneof![
        8 => prop::sample::select(BODIES).prop_map(|s| v(s.as_bytes())),
        1 => Just(Value(b"A".repeat(2_000_000))),
    ];
    (
        prop::sample::select(vec![
            ServerRole::Container,
            ServerRole::Imds,
            ServerRole::Sts,
        ]),
        prop::sample::select(vec![200u16, 200, 200, 400, 403, 404, 500, 301, 204]),
        headers,
        prop::sample::select(ROLE_NAMES).prop_map(|s| v(s.as_bytes())),
        body,
        prop_oneof![
            5 => Just(Timing::Now),
            1 => Just(Timing::Drip),
            1 => Just(Timing::Silent),
            1 => Just(Timing::Close),
        ],
    )
        .prop_map(|(role, status, headers, role_body, body, timing)| Server {
            role,
            status,
            headers,
            role_body,
            body,
            timing,
        })
}

/// Whole situations.
pub fn situation() -> impl Strategy<Value = Situation> {
    (
        (
            env(),
            file_spec(),
            file_spec(),
            sso_cache(),
            prop::option::weighted(0.6, helper()),
        ),
        command(),
        prop::option::weighted(0.3, name()),
        prop::option::weighted(0.2, name()),
        prop::option::weighted(0.3, server()),
    )
        .prop_map(
            |(
                (env, config, credentials, sso_cache, helper),
                command,
                profile_arg,
                region_arg,
                server,
            )| {
                Situation {
                    env,
                    config,
                    credentials,
                    sso_cache,
                    helper,
                    command,
                    profile_arg,
                    region_arg,
                    server,
                }
            },
        )
}
