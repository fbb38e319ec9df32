//! The correction editor: a window to fix a claim's value, qualifier, kind, unit, subject,
//! action and source, to reject it, or to add a claim from text selected in the article.

use egui::{Key, RichText};

use super::App;
use super::command::Command;
use crate::corpus::{Corpus, Status};
use crate::io::workspace::{Change, ClaimFields};
use crate::model::{Claim, Kind, Qualifier, Source, Span};

/// The editor's fields, as text while the user types.
#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each flag is one checkbox of the form"
)]
pub struct Editor {
    /// The article the claim is in.
    pub article: usize,
    /// The claim's number span (for a new claim: the selected text).
    pub number: Span,
    /// The sentence around it.
    pub sentence: Span,
    /// Whether this adds a new claim.
    pub new: bool,
    /// The figure as written.
    pub text: String,
    /// The value.
    pub value: String,
    /// The upper bound of a range.
    pub high: String,
    /// The qualifier.
    pub qualifier: Qualifier,
    /// The kind.
    pub kind: Kind,
    /// The unit.
    pub unit: String,
    /// The subject.
    pub subject: String,
    /// The action.
    pub action: String,
    /// The concept (empty: from the subject).
    pub concept: String,
    /// Whether the figure states a change rather than a level.
    pub is_change: bool,
    /// The source as written.
    pub source: String,
    /// The entity the source stands for.
    pub entity: String,
    /// What is wrong with the input.
    pub error: Option<String>,
    /// The user chose to make a new entity of what they typed (not an existing one).
    pub new_entity: bool,
    /// The user chose to make a new action of what they typed.
    pub new_action: bool,
    /// The original source span (kept when the source text is unchanged).
    source_span: Option<Span>,
    /// The subject and concept the editor opened with: a concept left as it was follows a
    /// changed subject.
    opened_with: (String, String),
    focus: bool,
}

fn opt(s: Option<&str>) -> String {
    s.unwrap_or_default().to_string()
}

fn none_if_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The entities of the open claims, most cited first.
fn entity_names(corpus: &Corpus) -> Vec<(String, usize)> {
    corpus
        .entities
        .iter()
        .map(|e| (e.name.clone(), e.claims))
        .collect()
}

/// The actions of the open claims and the built-in categories.
fn action_names(corpus: &Corpus) -> Vec<(String, usize)> {
    let mut list = corpus.actions();
    for a in [
        "massed",
        "moved",
        "returning",
        "killed",
        "injured",
        "displaced",
        "arrested",
        "spent",
        "rose",
        "fell",
    ] {
        if !list.iter().any(|(n, _)| n == a) {
            list.push((a.to_string(), 0));
        }
    }
    list
}

/// The typed name when it is none of `known` and the user did not choose to make it new.
fn unknown(typed: &str, known: &[(String, usize)], new: bool) -> Option<String> {
    let t = typed.trim();
    (!t.is_empty() && !new && !known.iter().any(|(n, _)| n == t)).then(|| t.to_string())
}

/// Reads a number as a user types it: `100.000` and `100,000` (groups of three) are
/// thousands, `2,5` and `2.5` decimals, spaces and apostrophes ignored.
#[must_use]
pub fn parse_number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'' | '\u{a0}' | '\u{202f}' | '’'))
        .collect();
    if t.is_empty() {
        return None;
    }
    let last_dot = t.rfind('.');
    let last_comma = t.rfind(',');
    let normalised = match (last_dot, last_comma) {
        (Some(d), Some(c)) => {
            let (group, decimal) = if d > c { (',', '.') } else { ('.', ',') };
            t.replace(group, "").replace(decimal, ".")
        }
        (Some(_), None) | (None, Some(_)) => {
            let sep = if last_dot.is_some() { '.' } else { ',' };
            let parts: Vec<&str> = t.split(sep).collect();
            let grouped = parts.len() > 2
                || (parts.len() == 2
                    && parts[1].len() == 3
                    && !parts[0].is_empty()
                    && parts[0] != "0");
            if grouped && parts[1..].iter().all(|p| p.len() == 3) {
                t.replace(sep, "")
            } else {
                t.replace(sep, ".")
            }
        }
        (None, None) => t,
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The sentence around `span`: back to the last sentence end or paragraph break, forward to
/// the next. A sentence ends at `.`, `!` or `?` followed by white space (so `14.30 Uhr` and
/// `4.8` are not cut), or at a line break.
fn sentence_around(text: &str, span: Span) -> Span {
    let ends_at = |i: usize, c: char| {
        c == '\n'
            || (matches!(c, '.' | '!' | '?')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace))
    };
    let before = text.get(..span.start).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_at(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let start = start + text[start..].len() - text[start..].trim_start().len();
    let end = text
        .get(span.end..)
        .unwrap_or("")
        .char_indices()
        .find(|&(i, c)| ends_at(span.end + i, c))
        .map_or(text.len(), |(i, c)| span.end + i + c.len_utf8());
    Span::new(start.min(span.start), end.max(span.end).min(text.len()))
}

impl Editor {
    /// An editor on an existing claim.
    #[must_use]
    pub fn for_row(corpus: &Corpus, row: usize) -> Self {
        let r = &corpus.rows[row];
        let c = &r.claim;
        Self {
            article: r.article,
            number: c.number,
            sentence: c.sentence,
            new: false,
            text: c.text.clone(),
            value: crate::analysis::query::format_number(c.value),
            high: c
                .high
                .map(crate::analysis::query::format_number)
                .unwrap_or_default(),
            qualifier: c.qualifier,
            kind: c.kind,
            unit: opt(c.unit.as_deref()),
            subject: opt(c.subject.as_deref()),
            action: opt(c.action.as_deref()),
            concept: opt(c.concept.as_deref()),
            is_change: c.is_change,
            opened_with: (opt(c.subject.as_deref()), opt(c.concept.as_deref())),
            source: c
                .source
                .as_ref()
                .map(|s| s.text.clone())
                .unwrap_or_default(),
            entity: opt(c.source.as_ref().and_then(|s| s.entity.as_deref())),
            error: None,
            new_entity: false,
            new_action: false,
            source_span: c.source.as_ref().map(|s| s.span),
            focus: true,
        }
    }

    /// An editor for a new claim on the text `span` of an article.
    #[must_use]
    pub fn for_new(corpus: &Corpus, article: usize, span: Span) -> Self {
        let text = &corpus.articles[article].text;
        let figure = span.slice(text).trim().to_string();
        let digits: String = figure
            .chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\''))
            .collect();
        Self {
            article,
            number: span,
            sentence: sentence_around(text, span),
            new: true,
            value: parse_number(&digits)
                .map(crate::analysis::query::format_number)
                .unwrap_or_default(),
            text: figure,
            high: String::new(),
            qualifier: Qualifier::Exact,
            kind: Kind::Count,
            unit: String::new(),
            subject: String::new(),
            action: String::new(),
            concept: String::new(),
            is_change: false,
            opened_with: (String::new(), String::new()),
            source: String::new(),
            entity: String::new(),
            error: None,
            new_entity: false,
            new_action: false,
            source_span: None,
            focus: true,
        }
    }

    /// The claim as edited, or what is wrong with the input.
    ///
    /// # Errors
    /// A message for the user.
    pub fn claim(&self, corpus: &Corpus) -> Result<Claim, String> {
        let value = parse_number(&self.value).ok_or("The value is not a number.")?;
        let high = if self.high.trim().is_empty() {
            None
        } else {
            Some(parse_number(&self.high).ok_or("The upper value is not a number.")?)
        };
        if let Some(h) = high
            && h < value
        {
            return Err("The upper value is below the value.".into());
        }
        if self.qualifier == Qualifier::Range && high.is_none() {
            return Err("A range needs an upper value.".into());
        }
        if let Some(e) = unknown(&self.entity, &entity_names(corpus), self.new_entity) {
            let hint = crate::extract::entity::builtin()
                .lookup(&e.to_lowercase())
                .map_or(String::new(), |known| format!(" (it stands for {known})"));
            return Err(format!(
                "“{e}” is no entity yet{hint}: pick one from the list, or tick “new entity”."
            ));
        }
        if let Some(a) = unknown(&self.action, &action_names(corpus), self.new_action) {
            return Err(format!(
                "“{a}” is no action yet: pick one from the list, or tick “new action”."
            ));
        }
        let text = &corpus.articles[self.article].text;
        let source = none_if_empty(&self.source).map(|source_text| {
            let span = self
                .source_span
                .filter(|s| s.slice(text) == source_text)
                .or_else(|| {
                    let sentence = self.sentence.slice(text);
                    sentence.find(&source_text).map(|i| {
                        Span::new(
                            self.sentence.start + i,
                            self.sentence.start + i + source_text.len(),
                        )
                    })
                })
                .unwrap_or(Span::new(self.sentence.start, self.sentence.start));
            Source {
                span,
                text: source_text,
                entity: none_if_empty(&self.entity),
                affiliation: None,
                unresolved: false,
            }
        });
        let subject = none_if_empty(&self.subject);
        let unit = none_if_empty(&self.unit);
        let follows_subject = self.concept.trim().is_empty()
            || (self.concept == self.opened_with.1 && self.subject != self.opened_with.0);
        let concept = if follows_subject {
            crate::extract::concept::of(
                subject.as_deref(),
                unit.as_deref(),
                corpus.articles[self.article].lang,
            )
        } else {
            none_if_empty(&self.concept)
        };
        Ok(Claim {
            number: self.number,
            text: self.number.slice(text).to_string(),
            value,
            high,
            qualifier: self.qualifier,
            kind: self.kind,
            unit,
            subject,
            action: none_if_empty(&self.action),
            concept,
            is_change: self.is_change,
            sentence: self.sentence,
            source,
        })
    }
}

impl App {
    /// Saves the editor's claim as a correction (or a new claim) and closes it.
    pub fn commit_editor(&mut self) {
        let Some(editor) = self.state.editor.take() else {
            return;
        };
        let claim = match editor.claim(&self.state.corpus) {
            Ok(c) => c,
            Err(e) => {
                self.state.editor = Some(Editor {
                    error: Some(e),
                    ..editor
                });
                return;
            }
        };
        let key = self.state.corpus.articles[editor.article].key.clone();
        let number = editor.number;
        if editor.new {
            self.change_workspace(|w| w.set_correction(&key, number, Change::Add { claim }));
            self.state.status = "Claim added.".into();
        } else {
            let original = self
                .state
                .corpus
                .find(editor.article, number)
                .and_then(|r| {
                    let row = &self.state.corpus.rows[r];
                    row.original
                        .map(|i| &self.state.corpus.articles[row.article].extracted[i])
                        .map(|c| (row.status, ClaimFields::of(c)))
                });
            let fields = ClaimFields::of(&claim);
            match original {
                // Back to what was extracted: drop the correction.
                Some((_, orig)) if same_fields(&orig, &fields) => {
                    self.change_workspace(|w| {
                        w.remove_correction(&key, number);
                    });
                }
                Some(_) => {
                    self.change_workspace(|w| {
                        w.set_correction(&key, number, Change::Edit { fields });
                    });
                }
                None => {
                    // An added claim edited again.
                    self.change_workspace(|w| {
                        w.set_correction(&key, number, Change::Add { claim });
                    });
                }
            }
            self.state.status = "Correction saved.".into();
        }
        self.state.selected = Some(super::ClaimKey {
            article: editor.article,
            number,
        });
    }

    /// Drops the correction of the editor's claim (back to the extracted claim).
    pub fn revert_editor(&mut self) {
        let Some(editor) = self.state.editor.take() else {
            return;
        };
        let key = self.state.corpus.articles[editor.article].key.clone();
        self.change_workspace(|w| {
            w.remove_correction(&key, editor.number);
        });
        self.state.status = "Back to the extracted claim.".into();
    }
}

/// Entities are compared after the user's renames, so an unchanged source counts as unchanged.
fn same_fields(original: &ClaimFields, edited: &ClaimFields) -> bool {
    let strip = |f: &ClaimFields| ClaimFields {
        source: f.source.as_ref().map(|s| Source {
            entity: None,
            ..s.clone()
        }),
        ..f.clone()
    };
    strip(original) == strip(edited)
}

/// Draws the editor window; its fields edit `editor`, its buttons (and Enter, Esc) push
/// commands.
pub fn editor_ui(
    ctx: &egui::Context,
    editor: &mut Editor,
    corpus: &Corpus,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    let mut action = None;
    let status = if editor.new {
        None
    } else {
        corpus
            .find(editor.article, editor.number)
            .map(|r| corpus.rows[r].status)
    };
    egui::Window::new(if editor.new {
        "Add claim"
    } else {
        "Edit claim"
    })
    .open(&mut open)
    .collapsible(false)
    .resizable(false)
    .default_width(420.0)
    .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
    .show(ctx, |ui| {
        let sentence = editor.sentence.slice(&corpus.articles[editor.article].text);
        ui.label(RichText::new(sentence.trim()).italics());
        ui.separator();
        egui::Grid::new("editor-grid")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label("Figure as written");
                ui.label(RichText::new(&editor.text).monospace());
                ui.end_row();
                ui.label("Value");
                let value =
                    ui.add(egui::TextEdit::singleline(&mut editor.value).desired_width(160.0));
                if editor.focus {
                    value.request_focus();
                    editor.focus = false;
                }
                value.on_hover_text(
                    "100.000 or 100,000 or 2,5 — the lower end for ranges and vague figures",
                );
                ui.end_row();
                ui.label("Upper value");
                ui.add(
                    egui::TextEdit::singleline(&mut editor.high)
                        .desired_width(160.0)
                        .hint_text("ranges only"),
                );
                ui.end_row();
                ui.label("Qualifier");
                egui::ComboBox::from_id_salt("ed-qualifier")
                    .selected_text(editor.qualifier.as_str())
                    .show_ui(ui, |ui| {
                        for q in Qualifier::ALL {
                            ui.selectable_value(&mut editor.qualifier, q, q.as_str());
                        }
                    });
                ui.end_row();
                ui.label("Kind");
                egui::ComboBox::from_id_salt("ed-kind")
                    .selected_text(editor.kind.as_str())
                    .show_ui(ui, |ui| {
                        for k in Kind::ALL {
                            ui.selectable_value(&mut editor.kind, k, k.as_str());
                        }
                    });
                ui.end_row();
                for (label, field, hint) in [
                    ("Unit", &mut editor.unit, "EUR, %, km …"),
                    ("Subject", &mut editor.subject, "what is counted"),
                    (
                        "Concept",
                        &mut editor.concept,
                        "what is counted, for series (empty: from the subject)",
                    ),
                    ("Source", &mut editor.source, "who says so, as written"),
                ] {
                    ui.label(label);
                    ui.add(
                        egui::TextEdit::singleline(field)
                            .desired_width(240.0)
                            .hint_text(hint),
                    );
                    ui.end_row();
                }
                let entities = entity_names(corpus);
                let actions = action_names(corpus);
                named_field_ui(
                    ui,
                    ("Entity", "ed-entity", "the actor the source stands for"),
                    &mut editor.entity,
                    &mut editor.new_entity,
                    &entities,
                );
                named_field_ui(
                    ui,
                    ("Action", "ed-action", "what happens to it"),
                    &mut editor.action,
                    &mut editor.new_action,
                    &actions,
                );
                ui.label("Change");
                ui.checkbox(
                    &mut editor.is_change,
                    "states a change or difference, not a level",
                )
                .on_hover_text(
                    "“15.000 mehr als im März”, “rose by 5%”: never compared with levels",
                );
                ui.end_row();
            });
        if let Some(e) = &editor.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui
                .button(if editor.new {
                    "Add claim"
                } else {
                    "Save correction"
                })
                .on_hover_text("Enter")
                .clicked()
            {
                action = Some("save");
            }
            if !editor.new
                && status == Some(Status::Corrected)
                && ui
                    .button("Restore extracted")
                    .on_hover_text("Undo your corrections of this claim")
                    .clicked()
            {
                action = Some("revert");
            }
            if ui.button("Cancel").on_hover_text("Esc").clicked() {
                action = Some("cancel");
            }
        });
    });
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)) {
        action = Some("cancel");
    }
    if action.is_none() && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter)) {
        action = Some("save");
    }
    if !open {
        action = Some("cancel");
    }
    match action {
        Some("save") => commands.push(Command::CommitEditor),
        Some("revert") => commands.push(Command::RevertEditor),
        Some("cancel") => commands.push(Command::CloseEditor),
        _ => {}
    }
}

/// A field naming an entity or an action: typed, or picked from the existing ones; a name
/// that is none of them needs the "new" box ticked, so that typing `Russland` does not make
/// a second Russia.
fn named_field_ui(
    ui: &mut egui::Ui,
    (label, id, hint): (&str, &str, &str),
    value: &mut String,
    new: &mut bool,
    known: &[(String, usize)],
) {
    ui.label(label);
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(value)
                .desired_width(200.0)
                .hint_text(hint),
        );
        let hover = format!("Pick an existing {}", label.to_lowercase());
        let picked = super::picker::picker_ui(
            ui,
            (id, "pick", &hover),
            44.0,
            &super::picker::Choices {
                fixed: &[("(none)", None)],
                names: known,
            },
        );
        if let Some(super::picker::Pick(choice)) = picked {
            *value = choice.unwrap_or_default();
            *new = false;
        }
        let t = value.trim();
        if !t.is_empty() && !known.iter().any(|(n, _)| n == t) {
            ui.checkbox(new, format!("new {}", label.to_lowercase()))
                .on_hover_text(format!("Make “{t}” a new {}", label.to_lowercase()));
        }
    });
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(parse_number("100.000"), Some(100_000.0));
        assert_eq!(parse_number("100,000"), Some(100_000.0));
        assert_eq!(parse_number("2,5"), Some(2.5));
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("1.234.567,8"), Some(1_234_567.8));
        assert_eq!(parse_number("1,234,567.8"), Some(1_234_567.8));
        assert_eq!(parse_number("10'000"), Some(10_000.0));
        assert_eq!(parse_number("0,125"), Some(0.125));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn the_sentence_around_a_figure_is_not_cut_at_a_time_or_a_decimal() {
        let text = "Vorher. Um 14.30 Uhr kamen 4.8 Millionen Menschen. Danach nicht.";
        let at = text.find("4.8").unwrap();
        let s = sentence_around(text, Span::new(at, at + 3));
        assert_eq!(s.slice(text), "Um 14.30 Uhr kamen 4.8 Millionen Menschen.");
    }
}
