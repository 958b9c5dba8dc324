//! Drawing: a pure function of the model. Layout: the screen's main pane with
//! the credential-chain panel beside it, a status line, and the key footer.

pub mod file_fix;
pub mod help;
pub mod input;
pub mod panel;
pub mod profiles;
pub mod safe_cells;
pub mod start;
pub mod step;
mod step_end;
pub mod survey;
pub mod wrap;

use crate::tui::app::{Model, Screen};
use crate::tui::keymap::{Action, BINDINGS};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

/// The smallest screen the wizard draws on.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Draws the whole screen, then makes any control character in it inert.
pub fn view(model: &Model, frame: &mut Frame) {
    draw_screen(model, frame);
    safe_cells::make_inert(frame.buffer_mut());
}

fn draw_screen(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    // The block `c` copied, for selecting by hand: at most a third of the screen.
    let copied_rows = model.copied.as_ref().map_or(0, |lines| {
        u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height / 3)
    });
    let [body, copied, status, footer] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(copied_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let panel_width = panel::width_for(body.width);
    let [main, side] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(panel_width)]).areas(body);
    match &model.screen {
        Screen::Start(start) => start::draw(frame, main, model, start),
        Screen::Walk(walk) => step::draw(frame, main, model, walk),
        Screen::Survey(survey) => survey::draw(frame, main, model, survey),
        Screen::Profiles(sweep) => profiles::draw(frame, main, model, sweep),
    }
    let context = panel::PanelContext {
        running: model.diagnosing,
        program: model.error_facts.program,
        theme: &model.theme,
    };
    panel::draw(frame, side, model.shown_diagnosis(), &context);
    if let Some(lines) = &model.copied {
        draw_copied(frame, copied, model, lines);
    }
    draw_status(frame, status, model);
    draw_footer(frame, footer, model);
    file_fix::draw(frame, body, model);
    if model.help {
        help::draw(frame, area, &model.theme, model.help_scroll);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Please enlarge the terminal (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}).",
        area.width, area.height
    );
    let top = area.height.saturating_sub(1) / 2;
    let centre = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        centre,
    );
}

/// The longest the network probes of one diagnosis can take, in whole
/// seconds: the profile slot, both metadata probes, STS and the S3 probe,
/// each at credwiz's own bound (`probes::bounds`).
pub fn network_bound_secs() -> u64 {
    use crate::probes::bounds::*;
    (PROFILE_SLOT_TOTAL + METADATA_TOTAL * 2 + STS_OPERATION * 2).as_secs()
}

/// The copied lines, exactly as they went to the clipboard.
fn draw_copied(frame: &mut Frame, area: Rect, model: &Model, lines: &[String]) {
    let theme = &model.theme;
    let text: Vec<Line> = lines
        .iter()
        .map(|l| Line::from(Span::styled(l.clone(), theme.command())))
        .collect();
    frame.render_widget(
        Paragraph::new(text).block(
            ratatui::widgets::Block::default()
                .borders(ratatui::widgets::Borders::ALL)
                .title(Span::styled(
                    " Copied (select it here if it did not arrive) ",
                    theme.dim(),
                )),
        ),
        area,
    );
}

fn draw_status(frame: &mut Frame, area: Rect, model: &Model) {
    let line = match &model.status {
        Some(status) => Line::from(Span::raw(status.clone())),
        None if model.diagnosing => Line::from(Span::styled(
            format!(
                "{} Asking the default chain and STS ({} s so far, at most {} s)…",
                model.spinner(),
                model.waited_secs(),
                network_bound_secs()
            ),
            model.theme.dim(),
        )),
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The footer: the footer bindings in keymap order; when they do not all
/// fit, `?` and `q` are kept first and the others while there is room.
fn draw_footer(frame: &mut Frame, area: Rect, model: &Model) {
    let theme = &model.theme;
    // At a typed answer, letters type: only these keys do something else.
    let typing = matches!(&model.screen, Screen::Walk(walk)
        if matches!(walk.session.current_node(), crate::playbook::model::Node::Input(_)));
    if typing {
        let keys = [("Enter", "submit"), ("Esc", "back"), ("Ctrl-C", "quit")];
        let spans: Vec<Span> = keys
            .iter()
            .flat_map(|(key, hint)| {
                [
                    Span::styled(*key, theme.command()),
                    Span::styled(format!(" {hint}  "), theme.dim()),
                ]
            })
            .collect();
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let short = |keys: &'static str| keys.split('/').next().unwrap_or(keys);
    let width = |b: &crate::tui::keymap::Binding| {
        short(b.keys).chars().count() + b.hint.chars().count() + 3
    };
    // Copy and skip show only where they act, and then they matter most.
    let essential = |b: &crate::tui::keymap::Binding| {
        matches!(
            b.action,
            Action::Help | Action::Quit | Action::CopyFix | Action::Skip
        )
    };
    let footer: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.in_footer && crate::tui::update::available(model, b.action))
        .collect();
    let mut used: usize = footer
        .iter()
        .filter(|b| essential(b))
        .map(|b| width(b))
        .sum();
    let mut shown = vec![false; footer.len()];
    for (i, binding) in footer.iter().enumerate() {
        if essential(binding) {
            shown[i] = true;
        } else if used + width(binding) <= area.width as usize {
            used += width(binding);
            shown[i] = true;
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    for (binding, _) in footer.iter().zip(&shown).filter(|(_, s)| **s) {
        spans.push(Span::styled(
            short(binding.keys).to_string(),
            theme.command(),
        ));
        spans.push(Span::styled(format!(" {}  ", binding.hint), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Keeps the tail of a text that is too long for `width`, with a leading `…`.
///
/// Looks only at the end of the text, so a 100 kB paste box costs the same
/// to draw as a short one (it is drawn after every key).
pub fn tail(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    if text.char_indices().rev().nth(width).is_none() {
        return text.to_string();
    }
    let start = match width {
        1 => text.len(),
        _ => text
            .char_indices()
            .rev()
            .nth(width - 2)
            .map_or(0, |(i, _)| i),
    };
    format!("…{}", &text[start..])
}

#[cfg(test)]
mod tail_tests {
    use super::tail;

    #[test]
    fn keeps_the_last_characters_behind_an_ellipsis() {
        assert_eq!(tail("abcdef", 6), "abcdef");
        assert_eq!(tail("abcdef", 4), "…def");
        assert_eq!(tail("äöüß", 3), "…üß");
        assert_eq!(tail("abc", 1), "…");
        assert_eq!(tail("", 0), "");
    }
}
