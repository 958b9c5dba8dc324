//! STS GetCallerIdentity with the resolved credentials: one attempt, short
//! explicit timeouts, the endpoint the user's SDK would use, and the server's
//! clock read from the HTTP response whether the call succeeds or not.

use crate::inputs::environment::EnvSnapshot;
use crate::probes::clients::{service_config, CallBounds};
use crate::text::key_bytes::{unsendable, Unsendable};
use aws_credential_types::Credentials;
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use serde::Serialize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Connect bound for STS: a reachable endpoint answers the handshake well within it.
pub const STS_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Whole-call bound for the single attempt.
pub const STS_CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// Who the credentials belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

/// What STS answered, or why it could not be asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StsError {
    /// The service's error code (from the parsed error, or from the raw body
    /// when the SDK could not parse one), or `Unreachable` / `Timeout`.
    pub code: String,
    pub message: String,
    /// True when no HTTP answer came back at all.
    #[serde(skip)]
    pub unreachable: bool,
    /// Set when the call was never made because the credentials hold a
    /// character no signer can put in a header.
    #[serde(skip)]
    pub not_sent: Option<Unsendable>,
}

impl StsError {
    /// The call was not made: the key cannot be sent.
    pub(crate) fn not_sent(bad: Unsendable) -> StsError {
        StsError {
            code: "NotCalled".into(),
            message: format!(
                "not called: the key cannot be sent (the {} holds {})",
                bad.part.label(),
                bad.where_text()
            ),
            unreachable: false,
            not_sent: Some(bad),
        }
    }
}

/// The outcome of one GetCallerIdentity call.
#[derive(Debug, Clone)]
pub struct StsOutcome {
    pub result: Result<Identity, StsError>,
    /// How far the server's `Date` header is from the local clock
    /// (positive: the server is ahead).
    pub server_clock_offset: Option<i64>,
    /// The endpoint the call went to.
    pub endpoint: String,
}

/// Bounds and target of the call.
#[derive(Debug, Clone)]
pub struct StsOptions {
    pub region: Option<String>,
    pub connect_timeout: Duration,
    pub call_timeout: Duration,
}

impl Default for StsOptions {
    fn default() -> Self {
        StsOptions {
            region: None,
            connect_timeout: STS_CONNECT_TIMEOUT,
            call_timeout: STS_CALL_TIMEOUT,
        }
    }
}

/// The endpoint override the SDK would use for STS, if any
/// (`AWS_ENDPOINT_URL_STS`, then `AWS_ENDPOINT_URL`).
pub fn endpoint_override(env: &EnvSnapshot) -> Option<String> {
    env.endpoint_override("STS")
}

/// Calls GetCallerIdentity once with these credentials.
pub async fn caller_identity(
    credentials: Credentials,
    env: &EnvSnapshot,
    options: &StsOptions,
) -> StsOutcome {
    let region = options
        .region
        .clone()
        .unwrap_or_else(|| "us-east-1".to_string());
    let endpoint = endpoint_override(env);
    if let Some(bad) = unsendable(&credentials) {
        // aws-sigv4 panics on such a header value; never hand it over.
        return StsOutcome {
            result: Err(StsError::not_sent(bad)),
            server_clock_offset: None,
            endpoint: endpoint.unwrap_or_else(|| format!("https://sts.{region}.amazonaws.com")),
        };
    }
    let clock = ServerClock::default();
    let bounds = CallBounds {
        connect: options.connect_timeout,
        total: options.call_timeout,
    };
    let shared = service_config(credentials, &region, endpoint.as_deref(), bounds);
    let config = aws_sdk_sts::config::Builder::from(&shared).interceptor(clock.clone());
    let client = aws_sdk_sts::Client::from_conf(config.build());
    let result = client.get_caller_identity().send().await;
    let shown_endpoint = endpoint.unwrap_or_else(|| format!("https://sts.{region}.amazonaws.com"));
    let result = match result {
        Ok(out) => Ok(Identity {
            account: out.account().unwrap_or_default().to_string(),
            arn: out.arn().unwrap_or_default().to_string(),
            user_id: out.user_id().unwrap_or_default().to_string(),
        }),
        Err(err) => Err(classify(&err)),
    };
    StsOutcome {
        result,
        server_clock_offset: clock.offset_seconds(),
        endpoint: shown_endpoint,
    }
}

fn classify(err: &SdkError<GetCallerIdentityError, HttpResponse>) -> StsError {
    match err {
        SdkError::ServiceError(service) => {
            let meta = service.err();
            let raw_body = service_raw_body(err);
            let status = service.raw().status().as_u16();
            // An answer without an error code or message still says something:
            // its HTTP status and how much it held.
            let code = meta
                .code()
                .map(str::to_string)
                .or_else(|| raw_body.as_deref().and_then(|b| xml_tag(b, "Code")))
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| format!("HTTP {status}"));
            let message = meta
                .message()
                .map(str::to_string)
                .or_else(|| raw_body.as_deref().and_then(|b| xml_tag(b, "Message")))
                .filter(|m| !m.trim().is_empty())
                .unwrap_or_else(|| {
                    let size = raw_body.as_deref().map_or(0, str::len);
                    format!("the answer named no error (HTTP {status}, {size} bytes of body)")
                });
            StsError {
                code,
                message,
                unreachable: false,
                not_sent: None,
            }
        }
        SdkError::TimeoutError(_) => StsError {
            code: "Timeout".into(),
            message: "no answer within the time limit".into(),
            unreachable: true,
            not_sent: None,
        },
        SdkError::DispatchFailure(failure) => StsError {
            code: if failure.is_timeout() {
                "Timeout".into()
            } else {
                "Unreachable".into()
            },
            message: crate::text::mask::concise_error(&format!(
                "{}",
                aws_smithy_types::error::display::DisplayErrorContext(err)
            )),
            unreachable: true,
            not_sent: None,
        },
        other => {
            let text = crate::text::mask::concise_error(&format!(
                "{}",
                aws_smithy_types::error::display::DisplayErrorContext(other)
            ));
            // A response that did not parse still carries the code in its raw body.
            let code = service_raw_body(other)
                .and_then(|b| xml_tag(&b, "Code"))
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| "an unreadable answer".to_string());
            let message = if text.trim().is_empty() {
                "the answer could not be read as an STS response".to_string()
            } else {
                text
            };
            StsError {
                code,
                message,
                unreachable: false,
                not_sent: None,
            }
        }
    }
}

/// The raw response body of an error, as text.
fn service_raw_body(err: &SdkError<GetCallerIdentityError, HttpResponse>) -> Option<String> {
    let bytes = err.raw_response()?.body().bytes()?;
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// The text of the first `<tag>…</tag>` in an XML error body. moto and
/// some proxies wrap errors as `<ErrorResponse><Errors><Error>…`, which the
/// SDK does not parse into a code; the tag is there either way.
pub fn xml_tag(body: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&close)? + start;
    Some(body[start..end].trim().to_string())
}

/// Captures the `Date` header of the last HTTP response.
#[derive(Debug, Clone, Default)]
struct ServerClock {
    offset: Arc<Mutex<Option<i64>>>,
}

impl ServerClock {
    fn offset_seconds(&self) -> Option<i64> {
        self.offset.lock().ok().and_then(|guard| *guard)
    }
}

impl Intercept for ServerClock {
    fn name(&self) -> &'static str {
        "credwiz::ServerClock"
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let date = context.response().headers().get("date").map(str::to_string);
        if let Some(server) = date.and_then(|d| parse_http_date(&d)) {
            let local = SystemTime::now();
            let offset = match server.duration_since(local) {
                Ok(ahead) => ahead.as_secs() as i64,
                Err(behind) => -(behind.duration().as_secs() as i64),
            };
            if let Ok(mut slot) = self.offset.lock() {
                *slot = Some(offset);
            }
        }
        Ok(())
    }
}

fn parse_http_date(text: &str) -> Option<SystemTime> {
    aws_smithy_types::DateTime::from_str(text.trim(), aws_smithy_types::date_time::Format::HttpDate)
        .ok()
        .and_then(|t| SystemTime::try_from(t).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_from_both_error_body_shapes() {
        let moto = "<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>bad</Message></Error></Errors></ErrorResponse>";
        assert_eq!(
            xml_tag(moto, "Code").as_deref(),
            Some("InvalidClientTokenId")
        );
        let aws = "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code></Error></ErrorResponse>";
        assert_eq!(xml_tag(aws, "Code").as_deref(), Some("ExpiredToken"));
        assert_eq!(xml_tag("<x>", "Code"), None);
    }

    /// An endpoint that is not a URL fails before anything is sent; the SDK's
    /// message quotes the whole request's Debug form, which never shows.
    #[tokio::test]
    async fn a_malformed_endpoint_is_explained_without_a_debug_dump() {
        let env = EnvSnapshot::from_pairs([
            ("AWS_ENDPOINT_URL_STS", "not a url"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ]);
        let credentials = Credentials::new(
            "AKIAZ7VQXJ4PLM2RTW5Y",
            "s3cretS3cretS3cret0123",
            None,
            None,
            "test",
        );
        let outcome = caller_identity(credentials, &env, &StsOptions::default()).await;
        let Err(error) = outcome.result else {
            panic!("a malformed endpoint cannot answer");
        };
        assert!(
            error.message.contains("not a valid URI"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("(details omitted)"),
            "{}",
            error.message
        );
        assert!(!error.message.contains("Request {"), "{}", error.message);
        assert!(!error.message.contains("Some("), "{}", error.message);
    }

    #[test]
    fn parses_http_dates() {
        assert!(parse_http_date("Mon, 23 Nov 2026 07:38:20 GMT").is_some());
        assert!(parse_http_date("yesterday").is_none());
    }

    #[test]
    fn endpoint_override_prefers_the_service_variable() {
        let env = EnvSnapshot::from_pairs([
            ("AWS_ENDPOINT_URL", "http://a"),
            ("AWS_ENDPOINT_URL_STS", "http://b"),
        ]);
        assert_eq!(endpoint_override(&env).as_deref(), Some("http://b"));
        let ignored = EnvSnapshot::from_pairs([
            ("AWS_ENDPOINT_URL", "http://a"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ]);
        assert_eq!(endpoint_override(&ignored), None);
    }
}
