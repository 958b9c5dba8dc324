//! Terminal events as messages. crossterm's blocking reader runs on its own
//! thread (the `event-stream` feature is not enabled) and feeds a channel the
//! UI loop selects on; the thread ends when the loop drops the receiver.

use crate::tui::update::Msg;
use crossterm::event::{self, Event};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// Stops the reader thread when dropped.
pub struct EventReader {
    stop: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
}

impl EventReader {
    /// Stops (or resumes) reading keys, while a command credwiz runs in
    /// the foreground owns the terminal.
    pub fn pause(&self, on: bool) {
        self.paused.store(on, Ordering::Relaxed);
    }
}

impl Drop for EventReader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Starts reading terminal events into `sender`.
pub fn spawn_reader(sender: UnboundedSender<Msg>) -> EventReader {
    let stop = Arc::new(AtomicBool::new(false));
    let paused = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let hold = paused.clone();
    std::thread::spawn(move || {
        // Poll with a timeout so that the thread notices `stop` soon after
        // the wizard ends, instead of waiting for one more key press.
        while !flag.load(Ordering::Relaxed) {
            if hold.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
            match event::poll(Duration::from_millis(100)) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => break,
            }
            let msg = match event::read() {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => break,
            };
            if sender.send(msg).is_err() {
                break;
            }
        }
    });
    EventReader { stop, paused }
}
