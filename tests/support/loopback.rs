//! The one loopback guard of the test suite: a URL is loopback only when it
//! is `http(s)://` to `127.0.0.1`, `[::1]` or `localhost`, written exactly so.
//!
//! The URL is parsed (so `127.0.0.1.example.com` and `127.0.0.1@evil.com` are
//! the hosts they really are), and the host must also appear verbatim after
//! the scheme: a parser turns `127.1`, `0x7f.0.0.1` or `2130706433` into
//! `127.0.0.1`, but the program under test may not read them the same way.

use std::net::TcpListener;

/// The only hosts a test may talk to, as `url::Url::host_str` writes them.
const LOOPBACK_HOSTS: &[&str] = &["127.0.0.1", "[::1]", "localhost"];

/// Variables that carry URLs; each must point at loopback. So must every
/// service's `AWS_ENDPOINT_URL_<SERVICE>` (see [`is_endpoint_variable`]).
pub const ENDPOINT_VARIABLES: &[&str] = &[
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SIGNIN",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
];

/// True for a variable an SDK reads an endpoint URL from.
pub fn is_endpoint_variable(name: &str) -> bool {
    ENDPOINT_VARIABLES.contains(&name) || name.starts_with("AWS_ENDPOINT_URL_")
}

/// Why `value` is not a loopback URL, or `None` when it is one.
pub fn loopback_refusal(value: &str) -> Option<String> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("it contains whitespace or control characters".into());
    }
    let url = match url::Url::parse(value) {
        Ok(url) => url,
        Err(e) => return Some(format!("it is not an absolute URL ({e})")),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Some(format!("its scheme {:?} is not http(s)", url.scheme()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Some("it carries user info, which hides the host".into());
    }
    let Some(host) = url.host_str() else {
        return Some("it names no host".into());
    };
    if !LOOPBACK_HOSTS.contains(&host) {
        return Some(format!(
            "its host {host:?} is not 127.0.0.1, [::1] or localhost"
        ));
    }
    let written_exactly = value
        .split_once("://")
        .and_then(|(_, rest)| rest.strip_prefix(host))
        .is_some_and(|tail| tail.is_empty() || tail.starts_with([':', '/', '?', '#']));
    if !written_exactly {
        return Some(format!("its host is not written as {host} exactly"));
    }
    None
}

/// True when `value` is a loopback URL (see the module documentation).
pub fn is_loopback_url(value: &str) -> bool {
    loopback_refusal(value).is_none()
}

/// Panics unless `url` is a loopback URL; `what` names where it came from.
pub fn assert_loopback_url(what: &str, url: &str) {
    if let Some(why) = loopback_refusal(url) {
        panic!("{what} must point at loopback, got {url:?}: {why}");
    }
}

/// Panics when an endpoint-like variable names anything but loopback, or when
/// IMDS is neither disabled nor pointed at loopback.
pub fn assert_loopback_only(env: &[(String, String)]) {
    let get = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    for (name, value) in env.iter().filter(|(name, _)| is_endpoint_variable(name)) {
        if let Some(why) = loopback_refusal(value) {
            panic!(
                "{name}={value} is not a loopback address ({why}); \
                 tests may only talk to 127.0.0.1"
            );
        }
    }
    let imds_disabled = get("AWS_EC2_METADATA_DISABLED") == Some("true");
    let imds_local = get("AWS_EC2_METADATA_SERVICE_ENDPOINT").is_some_and(is_loopback_url);
    assert!(
        imds_disabled || imds_local,
        "IMDS must be disabled or pointed at 127.0.0.1 in tests"
    );
    assert!(
        get("AWS_ENDPOINT_URL").is_some_and(is_loopback_url),
        "AWS_ENDPOINT_URL must point at a loopback server in tests"
    );
}

/// A loopback URL where nothing listens: connections are refused at once.
///
/// The port is held for the whole test process by a socket that is bound
/// but never listens (Linux answers a connection with a reset), so no
/// server another test starts can take it between the choice and the use,
/// which once made a real SDK read another test's answer. A refused port
/// holds no state, so every caller shares the one.
pub fn refused_url() -> String {
    static HELD: std::sync::OnceLock<(socket2::Socket, u16)> = std::sync::OnceLock::new();
    let (_, port) = HELD.get_or_init(|| {
        use socket2::{Domain, Socket, Type};
        let socket = Socket::new(Domain::IPV4, Type::STREAM, None).expect("a TCP socket");
        let any_port = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        socket.bind(&any_port.into()).expect("bind 127.0.0.1:0");
        let port = socket
            .local_addr()
            .ok()
            .and_then(|a| a.as_socket())
            .map(|a| a.port())
            .expect("the bound port");
        (socket, port)
    });
    format!("http://127.0.0.1:{port}")
}
