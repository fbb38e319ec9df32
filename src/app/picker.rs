//! A searchable combo box for long lists (entities, subjects, actions, concepts): the popup
//! has a search field, focused when it opens, that narrows the list as the user types.

/// What a picker offers: fixed entries first (`any`, `no named source`), then the names with
/// their claim counts.
pub struct Choices<'a> {
    /// Fixed entries: label and the value they stand for.
    pub fixed: &'a [(&'a str, Option<String>)],
    /// Names and their claim counts, most frequent first.
    pub names: &'a [(String, usize)],
}

/// What the user picked: a name, or the value of a fixed entry (`None` for "any").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick(pub Option<String>);

/// The most names listed at once (the rest are found by typing).
const MAX_SHOWN: usize = 200;

/// Draws the picker with `text` on its button and `hover` as its tooltip (and accessible
/// description); returns the entry chosen this frame.
pub fn picker_ui(
    ui: &mut egui::Ui,
    (id, text, hover): (&str, &str, &str),
    width: f32,
    choices: &Choices<'_>,
) -> Option<Pick> {
    let search_id = egui::Id::unique(("picker-search", id));
    let mut chosen = None;
    let inner = egui::ComboBox::from_id_salt(id)
        .selected_text(text)
        .width(width)
        .height(340.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let mut search: String = ui.data_mut(|d| d.get_temp(search_id).unwrap_or_default());
            let edit = ui.add(
                egui::TextEdit::singleline(&mut search)
                    .hint_text("Type to find…")
                    .desired_width(f32::INFINITY),
            );
            if !edit.has_focus() && search.is_empty() {
                edit.request_focus();
            }
            let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
            let fits = |name: &str| {
                let lower = name.to_lowercase();
                words.iter().all(|w| lower.contains(w.as_str()))
            };
            for (label, value) in choices.fixed {
                if fits(label) && ui.selectable_label(false, *label).clicked() {
                    chosen = Some(value.clone());
                }
            }
            let mut shown = 0;
            let mut more = 0;
            for (name, n) in choices.names {
                if !fits(name) {
                    continue;
                }
                if shown >= MAX_SHOWN {
                    more += 1;
                    continue;
                }
                shown += 1;
                if ui
                    .selectable_label(false, format!("{name} ({n})"))
                    .clicked()
                {
                    chosen = Some(Some(name.clone()));
                }
            }
            if more > 0 {
                ui.label(egui::RichText::new(format!("… {more} more: type to narrow")).weak());
            }
            if shown == 0 && !words.is_empty() {
                ui.label(egui::RichText::new("Nothing matches.").weak());
            }
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if enter && chosen.is_none() {
                // Enter takes the first match.
                chosen = choices
                    .fixed
                    .iter()
                    .find(|(l, _)| fits(l) && !words.is_empty())
                    .map(|(_, v)| v.clone())
                    .or_else(|| {
                        choices
                            .names
                            .iter()
                            .find(|(n, _)| fits(n))
                            .map(|(n, _)| Some(n.clone()))
                    });
            }
            ui.data_mut(|d| d.insert_temp(search_id, search));
        });
    if chosen.is_some() {
        ui.data_mut(|d| d.remove::<String>(search_id));
        egui::Popup::close_all(ui.ctx());
    }
    inner.response.on_hover_text(hover);
    chosen.map(Pick)
}
