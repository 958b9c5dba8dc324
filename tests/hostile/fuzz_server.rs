//! The server-answer channel of the whole-program fuzzer: a loopback server
//! standing in for the container endpoint, instance metadata or STS, that
//! answers every request with a generated status, headers and body, on a
//! generated schedule (at once, a byte at a time, never, or by closing).
//! It stops when the case ends; every wait in it is bounded.

use crate::fuzz_situation::{Server, ServerRole, Timing, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest a connection is held open (a silent or dripping answer).
const HOLD_LIMIT: Duration = Duration::from_secs(25);

/// A running server; dropped, it stops and its threads end.
pub struct FuzzServer {
    pub url: String,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl FuzzServer {
    /// Starts a server answering as `spec` says, its placeholders filled.
    pub fn start(spec: &Server, fill: &dyn Fn(&Value) -> Vec<u8>) -> FuzzServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let stop = Arc::new(AtomicBool::new(false));
        let answer = Answer {
            role: spec.role,
            head: head(spec),
            role_body: fill(&spec.role_body),
            body: fill(&spec.body),
            timing: spec.timing,
        };
        let accept = {
            let stop = stop.clone();
            std::thread::spawn(move || accept_loop(&listener, &answer, &stop))
        };
        FuzzServer {
            url,
            stop,
            accept: Some(accept),
        }
    }
}

impl Drop for FuzzServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}

#[derive(Clone)]
struct Answer {
    role: ServerRole,
    head: Vec<u8>,
    role_body: Vec<u8>,
    body: Vec<u8>,
    timing: Timing,
}

fn head(spec: &Server) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {} Fuzz\r\n", spec.status).into_bytes();
    for header in &spec.headers {
        head.extend_from_slice(&header.0);
        head.extend_from_slice(b"\r\n");
    }
    head
}

fn accept_loop(listener: &TcpListener, answer: &Answer, stop: &Arc<AtomicBool>) {
    let started = Instant::now();
    let mut connections = Vec::new();
    while !stop.load(Ordering::SeqCst) && started.elapsed() < HOLD_LIMIT * 2 {
        match listener.accept() {
            Ok((stream, _)) => {
                let answer = answer.clone();
                let stop = stop.clone();
                connections.push(std::thread::spawn(move || serve(stream, &answer, &stop)));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    stop.store(true, Ordering::SeqCst);
    for connection in connections {
        let _ = connection.join();
    }
}

/// The request's path, from its first line (bounded read).
fn request_path(stream: &mut TcpStream) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while request.len() < 64 * 1024 && !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let line = String::from_utf8_lossy(&request);
    line.split_whitespace().nth(1).unwrap_or("/").to_string()
}

fn serve(mut stream: TcpStream, answer: &Answer, stop: &AtomicBool) {
    let path = request_path(&mut stream);
    let body: &[u8] = match answer.role {
        // IMDS: a session token first, then the role name, then its keys.
        ServerRole::Imds if path.ends_with("/api/token") => {
            let reply = b"HTTP/1.1 200 OK\r\nX-aws-ec2-metadata-token-ttl-seconds: 21600\r\nContent-Length: 10\r\nConnection: close\r\n\r\nAQAEAfuzzz";
            let _ = stream.write_all(reply);
            return;
        }
        ServerRole::Imds if path.ends_with("/security-credentials/") => &answer.role_body,
        _ => &answer.body,
    };
    let mut reply = answer.head.clone();
    let has_length = reply
        .windows(15)
        .any(|w| w.eq_ignore_ascii_case(b"content-length:"));
    if !has_length {
        reply.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
    }
    reply.extend_from_slice(b"Connection: close\r\n\r\n");
    reply.extend_from_slice(body);
    let held = Instant::now();
    let holding = || !stop.load(Ordering::SeqCst) && held.elapsed() < HOLD_LIMIT;
    match answer.timing {
        Timing::Now => {
            let _ = stream.write_all(&reply);
        }
        Timing::Close => {}
        Timing::Silent => {
            while holding() {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        Timing::Drip => {
            for byte in reply {
                if !holding() || stream.write_all(&[byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(40));
            }
        }
    }
}
