//! The loopback AWS test world: moto's server and small stubs of our own, all
//! on `127.0.0.1`, started and stopped by tests with bounded waits.
//!
//! Reach it as `crate::support::world` (every test binary declares
//! `mod support;` once).
//!
//! * [`Moto`] (`moto.rs`): moto's real server with IAM users, access keys,
//!   roles and a bucket, and request authentication enforced.
//! * [`ImdsStub`] (`imds.rs`), [`ContainerStub`] (`container.rs`),
//!   [`StsStub`] (`sts.rs`), [`SilentServer`] (`silent.rs`),
//!   [`DrippingServer`] (`dripping.rs`): what moto lacks (IMDSv2 tokens, the
//!   container endpoint's auth header, `ExpiredToken`, a skewed `Date`, a
//!   server that never answers, one that answers a byte at a time),
//!   [`SsoPortalStub`] (`sso.rs`), [`SsoOidcStub`] (`sso_oidc.rs`, an SSO
//!   token refresh) and [`SigninStub`] (`signin.rs`,
//!   console-login refreshes), [`S3ErrorStub`] (`s3_error.rs`, any S3
//!   error code and message). They share the small HTTP
//!   server in `server.rs`, which records each [`RecordedRequest`].
//! * [`StaticKey`], [`StubCredentials`] (`credentials.rs`): keys whose
//!   `Debug` never shows a secret.
//! * [`sts_client`], [`http_call`]: clients that may only reach loopback.
//! * [`loopback_env`] / [`loopback_command`]: the environment every credwiz or
//!   SDK run in a test must get, so nothing can leave this machine.
//!
//! In CI (`CI=true`) a world that cannot start fails the test. Elsewhere a
//! missing venv makes [`Moto::start`] return `None` after a loud message.
//! Nothing here prints or panics with a secret key or session token.

mod container;
mod credentials;
mod dripping;
mod http_client;
mod imds;
mod moto;
mod recorded;
mod s3_error;
mod server;
mod signin;
mod silent;
mod sso;
mod sso_oidc;
mod sts;
mod sts_client;
mod time;

pub use super::env::{in_ci, loopback_command, loopback_env};
pub use super::loopback::{assert_loopback_url, refused_url};
pub use container::ContainerStub;
pub use credentials::{StaticKey, StubCredentials};
pub use dripping::DrippingServer;
pub use http_client::{http_call, xml_error_code, HttpReply};
pub use imds::{ImdsMode, ImdsStub};
pub use moto::{world_python, Moto, MotoUser, MOTO_START_TIMEOUT};
pub use recorded::RecordedRequest;
pub use s3_error::S3ErrorStub;
pub use server::STUB_READ_TIMEOUT;
pub use signin::{login_cache_file, SigninStub, TEST_DPOP_PEM};
pub use silent::SilentServer;
pub use sso::{sso_cache_file, SsoPortalStub};
pub use sso_oidc::SsoOidcStub;
pub use sts::{StsBehaviour, StsStub};
pub use sts_client::{sts_client, sts_client_with_timeout};
pub use time::{http_date, rfc3339};

use std::sync::atomic::{AtomicUsize, Ordering};

/// Region of the moto world and of [`sts_client`].
pub const WORLD_REGION: &str = "us-east-1";
/// Account id the stubs answer with (moto's default account too).
pub const STUB_ACCOUNT_ID: &str = "123456789012";

static UNIQUE: AtomicUsize = AtomicUsize::new(0);

/// A number no other call in this process got: tokens, request ids, keys.
fn unique() -> usize {
    UNIQUE.fetch_add(1, Ordering::SeqCst)
}
