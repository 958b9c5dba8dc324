//! A tiny HTTP/1.1 server for the stubs: a loopback listener with an accept
//! thread, one thread per connection, every request recorded.

use super::recorded::RecordedRequest;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a stub waits for a request's bytes before giving up on a client.
pub const STUB_READ_TIMEOUT: Duration = Duration::from_secs(2);

pub(super) struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// Never answer: hold the connection open for [`SILENT_HOLD`].
    silent: bool,
}

/// How long a silent reply holds its connection before dropping it.
const SILENT_HOLD: Duration = Duration::from_secs(5);

impl Reply {
    pub(super) fn new(status: u16, content_type: &str, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            silent: false,
        }
    }

    /// No answer at all, as when a reply is dropped one network hop away.
    pub(super) fn silent() -> Reply {
        Reply {
            silent: true,
            ..Reply::new(0, "text/plain", "")
        }
    }

    pub(super) fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

pub(super) type Handler = Arc<dyn Fn(&RecordedRequest) -> Reply + Send + Sync>;

/// A listener on 127.0.0.1:0 with an accept thread; stopped on drop.
/// Ready as soon as it exists: the socket listens before `bind` returns.
pub(super) struct Listener {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept_thread: Option<JoinHandle<()>>,
}

impl Listener {
    pub(super) fn start(on_connection: impl Fn(TcpStream) + Send + 'static) -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let accept_thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    on_connection(stream);
                }
            }
        });
        Listener {
            addr,
            stop,
            accept_thread: Some(accept_thread),
        }
    }

    pub(super) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the thread sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.accept_thread.take() {
            let _ = thread.join();
        }
    }
}

/// An HTTP server answering each request with `handler`, one thread per
/// connection, `Connection: close` after every reply.
pub(super) struct HttpStub {
    pub(super) listener: Listener,
    requests: Arc<Mutex<Vec<RecordedRequest>>>,
}

impl HttpStub {
    pub(super) fn start(handler: Handler) -> HttpStub {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        let listener = Listener::start(move |stream| {
            let handler = Arc::clone(&handler);
            let log = Arc::clone(&log);
            std::thread::spawn(move || serve_one(stream, &handler, &log));
        });
        HttpStub { listener, requests }
    }

    pub(super) fn requests(&self) -> Vec<RecordedRequest> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn serve_one(mut stream: TcpStream, handler: &Handler, log: &Mutex<Vec<RecordedRequest>>) {
    let _ = stream.set_read_timeout(Some(STUB_READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(STUB_READ_TIMEOUT));
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(request.clone());
    let reply = handler(&request);
    if reply.silent {
        std::thread::sleep(SILENT_HOLD);
        return;
    }
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.body.len()
    ));
    let _ = stream.write_all(head.as_bytes());
    if request.method != "HEAD" {
        let _ = stream.write_all(reply.body.as_bytes());
    }
    let _ = stream.flush();
}

fn read_request(stream: &mut TcpStream) -> Option<RecordedRequest> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    Some(RecordedRequest {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
