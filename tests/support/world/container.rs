//! A container credentials endpoint (ECS / EKS Pod Identity).

use super::credentials::StubCredentials;
use super::recorded::RecordedRequest;
use super::server::{Handler, HttpStub, Reply};
use super::time::rfc3339;
use super::STUB_ACCOUNT_ID;
use std::sync::Arc;

/// A container credentials endpoint serving `credentials` at one path. With a
/// required `Authorization` value, a request without the header gets 401 and
/// one with another value 403. Other paths get 404.
///
/// Point the SDK at it with `AWS_CONTAINER_CREDENTIALS_FULL_URI=<url()>`
/// (plus `AWS_CONTAINER_AUTHORIZATION_TOKEN` when auth is required).
pub struct ContainerStub {
    http: HttpStub,
    path: String,
}

impl ContainerStub {
    pub fn start(
        path: &str,
        credentials: StubCredentials,
        required_authorization: Option<&str>,
    ) -> ContainerStub {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        let served = path.clone();
        let required = required_authorization.map(str::to_string);
        let handler: Handler = Arc::new(move |request| {
            if request.method != "GET" {
                return Reply::new(
                    405,
                    "application/json",
                    r#"{"message":"method not allowed"}"#,
                );
            }
            if request.path != served {
                return Reply::new(404, "application/json", r#"{"message":"not found"}"#);
            }
            if let Some(required) = &required {
                match request.header("authorization") {
                    None => {
                        return Reply::new(
                            401,
                            "application/json",
                            r#"{"message":"missing authorization"}"#,
                        )
                    }
                    Some(given) if given != required => {
                        return Reply::new(
                            403,
                            "application/json",
                            r#"{"message":"bad authorization"}"#,
                        )
                    }
                    Some(_) => {}
                }
            }
            let body = serde_json::json!({
                "AccessKeyId": credentials.access_key_id,
                "SecretAccessKey": credentials.secret_access_key,
                "Token": credentials.token,
                "Expiration": rfc3339(credentials.expiration),
                "RoleArn": format!("arn:aws:iam::{STUB_ACCOUNT_ID}:role/credwiz-container-role"),
            });
            Reply::new(200, "application/json", body.to_string())
        });
        ContainerStub {
            http: HttpStub::start(handler),
            path,
        }
    }

    /// The full credentials URI: `http://127.0.0.1:<port><path>`.
    pub fn url(&self) -> String {
        format!("{}{}", self.http.listener.url(), self.path)
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        self.http.listener.url()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.http.requests()
    }
}
