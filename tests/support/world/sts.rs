//! An STS stub: what moto cannot do (`ExpiredToken`, a skewed `Date`,
//! any error code), in STS's own reply shapes.

use super::credentials::StubCredentials;
use super::recorded::RecordedRequest;
use super::server::{Handler, HttpStub, Reply};
use super::time::{http_date, offset_now, rfc3339};
use super::{unique, STUB_ACCOUNT_ID};
use std::sync::Arc;

/// STS's XML namespace. The stubs answer errors in AWS STS's shape,
/// `<ErrorResponse><Error>…</Error><RequestId>`, which aws-sdk-sts parses;
/// moto wraps the `<Error>` in `<Errors>`, which it does not (see
/// [`xml_error_code`](super::xml_error_code)).
const STS_XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

/// How [`StsStub`] answers.
#[derive(Clone, Debug)]
pub enum StsBehaviour {
    /// GetCallerIdentity and AssumeRole succeed.
    Success,
    /// Every call: HTTP 400 `ExpiredToken` ("The security token included in
    /// the request is expired"), as STS answers an expired session token.
    ExpiredToken,
    /// Every call: this error, in STS's `<ErrorResponse>` shape.
    Error {
        status: u16,
        code: String,
        message: String,
    },
}

/// An STS endpoint (query protocol: form-encoded POST with `Action=`).
/// Every reply carries a `Date` header, shifted by the clock offset if set.
pub struct StsStub {
    http: HttpStub,
    assumed: StubCredentials,
}

impl StsStub {
    pub fn start(behaviour: StsBehaviour) -> StsStub {
        Self::start_with_clock_offset(behaviour, 0)
    }

    /// Like [`StsStub::start`], with every `Date` header `offset_secs` off
    /// (positive: the server's clock is ahead).
    pub fn start_with_clock_offset(behaviour: StsBehaviour, offset_secs: i64) -> StsStub {
        let assumed = StubCredentials::fresh();
        let served = assumed.clone();
        let handler: Handler =
            Arc::new(move |request| sts_reply(request, &behaviour, &served, offset_secs));
        StsStub {
            http: HttpStub::start(handler),
            assumed,
        }
    }

    /// Every call fails with `ExpiredToken`.
    pub fn expired_token() -> StsStub {
        Self::start(StsBehaviour::ExpiredToken)
    }

    /// Calls succeed, but `Date` is `offset_secs` off (e.g. `20 * 60`).
    pub fn skewed_clock(offset_secs: i64) -> StsStub {
        Self::start_with_clock_offset(StsBehaviour::Success, offset_secs)
    }

    /// Every call fails with `code` and `message` at HTTP `status`.
    pub fn error(status: u16, code: &str, message: &str) -> StsStub {
        Self::start(StsBehaviour::Error {
            status,
            code: code.into(),
            message: message.into(),
        })
    }

    /// `http://127.0.0.1:<port>`; set it as `AWS_ENDPOINT_URL(_STS)`.
    pub fn url(&self) -> String {
        self.http.listener.url()
    }

    /// What a successful AssumeRole hands out.
    pub fn assumed_credentials(&self) -> &StubCredentials {
        &self.assumed
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }
}

fn sts_error(status: u16, code: &str, message: &str) -> Reply {
    let request_id = format!("credwiz-stub-{}", unique());
    let body = format!(
        "<ErrorResponse xmlns=\"{STS_XMLNS}\">\n  <Error>\n    <Type>Sender</Type>\n    \
         <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  \
         <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
        xml_escape(code),
        xml_escape(message)
    );
    Reply::new(status, "text/xml", body).header("x-amzn-RequestId", request_id)
}

fn sts_reply(
    request: &RecordedRequest,
    behaviour: &StsBehaviour,
    assumed: &StubCredentials,
    offset_secs: i64,
) -> Reply {
    let date = http_date(offset_now(offset_secs));
    let reply = match behaviour {
        StsBehaviour::ExpiredToken => sts_error(
            400,
            "ExpiredToken",
            "The security token included in the request is expired",
        ),
        StsBehaviour::Error {
            status,
            code,
            message,
        } => sts_error(*status, code, message),
        StsBehaviour::Success => sts_success(request, assumed),
    };
    reply.header("Date", date)
}

fn sts_success(request: &RecordedRequest, assumed: &StubCredentials) -> Reply {
    let form = request.form();
    let request_id = format!("credwiz-stub-{}", unique());
    let result = match form.get("Action").map(String::as_str) {
        Some("GetCallerIdentity") => format!(
            "<GetCallerIdentityResult>\n    <Arn>arn:aws:iam::{STUB_ACCOUNT_ID}:user/credwiz-stub-user</Arn>\n    \
             <UserId>AIDASTUBSTUBSTUBSTUB0</UserId>\n    <Account>{STUB_ACCOUNT_ID}</Account>\n  \
             </GetCallerIdentityResult>"
        ),
        Some(action @ ("AssumeRole" | "AssumeRoleWithWebIdentity")) => {
            let role_arn = form.get("RoleArn").cloned().unwrap_or_default();
            let session = form.get("RoleSessionName").cloned().unwrap_or_default();
            let role_name = role_arn.rsplit('/').next().unwrap_or("role");
            format!(
                "<{action}Result>\n    <Credentials>\n      <AccessKeyId>{}</AccessKeyId>\n      \
                 <SecretAccessKey>{}</SecretAccessKey>\n      <SessionToken>{}</SessionToken>\n      \
                 <Expiration>{}</Expiration>\n    </Credentials>\n    <AssumedRoleUser>\n      \
                 <AssumedRoleId>AROASTUBSTUBSTUBSTUB0:{}</AssumedRoleId>\n      \
                 <Arn>arn:aws:sts::{STUB_ACCOUNT_ID}:assumed-role/{}/{}</Arn>\n    </AssumedRoleUser>\n  \
                 </{action}Result>",
                xml_escape(&assumed.access_key_id),
                xml_escape(&assumed.secret_access_key),
                xml_escape(&assumed.token),
                rfc3339(assumed.expiration),
                xml_escape(&session),
                xml_escape(role_name),
                xml_escape(&session),
            )
        }
        other => {
            let action = other.unwrap_or("<none>");
            return sts_error(400, "InvalidAction", &format!("Could not find operation {action} for version 2011-06-15"));
        }
    };
    let action = form.get("Action").cloned().unwrap_or_default();
    let body = format!(
        "<{action}Response xmlns=\"{STS_XMLNS}\">\n  {result}\n  <ResponseMetadata>\n    \
         <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</{action}Response>\n"
    );
    Reply::new(200, "text/xml", body).header("x-amzn-RequestId", request_id)
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
