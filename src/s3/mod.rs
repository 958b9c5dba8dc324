//! S3 request analysis: endpoint classes, presigned and mixed authentication.
//!
//! `credwiz s3 inspect` looks at one request (a URL with headers, or a pasted
//! curl command) without sending it, for the S3 errors where the credential
//! chain is fine and the request is wrong: `CredentialsNotSupported` from a
//! website endpoint, mixed query and header authentication, expired or
//! wrong-region presigned URLs, keys sent to a server that is not AWS.
//!
//! The flow is one way: [`S3Request`] (parsed input) → [`inspect()`] →
//! [`S3Inspection`] (scrubbed, serializable) → [`report`].

pub mod auth;
pub mod curl;
mod custom;
pub mod endpoint;
pub mod inspect;
mod path;
pub mod presign;
pub mod report;
pub mod request;
mod rules;

pub use auth::AuthMode;
pub use endpoint::{Addressing, Endpoint, EndpointClass};
pub use inspect::{exit_code, inspect, S3Inspection};
pub use request::{S3Request, S3RequestError};
