//! A server that answers one byte at a time.

use super::server::Listener;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Accepts TCP connections, reads the request, then sends a valid-looking
/// HTTP response one byte every `interval`, never finishing: the shape of a
/// server that defeats a read timeout (each read gets a byte in time) and
/// only a bound on the whole operation stops.
pub struct DrippingServer {
    listener: Listener,
    stop: Arc<AtomicBool>,
}

impl DrippingServer {
    pub fn start(interval: Duration) -> DrippingServer {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let listener = Listener::start(move |stream| {
            let stopping = Arc::clone(&stopping);
            std::thread::spawn(move || drip(stream, interval, &stopping));
        });
        DrippingServer { listener, stop }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.listener.url()
    }
}

fn drip(mut stream: TcpStream, interval: Duration, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut buffer = [0u8; 4096];
    let _ = stream.read(&mut buffer);
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";
    let body = std::iter::repeat(b' ');
    for byte in head.bytes().chain(body) {
        if stop.load(Ordering::SeqCst) || stream.write_all(&[byte]).is_err() {
            return;
        }
        std::thread::sleep(interval);
    }
}

impl Drop for DrippingServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}
