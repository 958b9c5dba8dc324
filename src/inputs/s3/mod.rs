//! An S3 request the user gave (a URL with headers, or a pasted curl command),
//! parsed: endpoint class, addressing, bucket, key, region and authentication.
//! Nothing here sends the request.

pub mod auth;
mod aws_host;
pub mod classify;
pub mod curl;
mod custom;
pub mod endpoint;
pub mod in_text;
mod path;
pub mod presign;
pub mod request;

pub use auth::AuthMode;
pub use endpoint::{Addressing, Endpoint, EndpointClass};
pub use request::{S3Request, S3RequestError};
