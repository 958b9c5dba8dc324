//! Colours and marks. With NO_COLOR everything is plain.

use crate::checks::registry::Mark;
use ratatui::style::{Color, Modifier, Style};

/// The styles the views use.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set (to anything non-empty).
    pub fn from_env() -> Self {
        Theme {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.colour {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.colour {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn selected(&self) -> Style {
        if self.colour {
            Style::default().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red)
    }

    pub fn command(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The style of an evidence mark.
    pub fn status(&self, status: Mark) -> Style {
        match status {
            Mark::Ok => self.ok(),
            Mark::Attention => self.warn(),
            Mark::Problem => self.error(),
            Mark::Info => self.dim(),
        }
    }
}
