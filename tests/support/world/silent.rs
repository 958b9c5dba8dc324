//! A server that never answers.

use super::server::Listener;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

/// Accepts TCP connections and never answers, keeping them open until drop:
/// the shape of a firewalled or hung endpoint. Clients need their own timeout.
pub struct SilentServer {
    listener: Listener,
    connections: Arc<Mutex<Vec<TcpStream>>>,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        let connections = Arc::new(Mutex::new(Vec::new()));
        let held = Arc::clone(&connections);
        let listener = Listener::start(move |stream| {
            held.lock().unwrap_or_else(|e| e.into_inner()).push(stream);
        });
        SilentServer {
            listener,
            connections,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.listener.url()
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.connections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}
