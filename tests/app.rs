//! The app's flows, driven through `egui_kittest` as a user would: load, filter, select and
//! scroll, compare, correct and reload, add, merge entities, export, drop files, and a
//! damaged workspace. No GPU is needed: the UI runs and is queried, not rendered.

use std::path::{Path, PathBuf};

use claimtrack::analysis::series::SeriesKey;
use claimtrack::app::{App, ChartFormat, Config, DataFormat, Request, Tab};
use claimtrack::corpus::Status;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The app started with its own home folder (so nothing touches the user's files), after the
/// bundled samples have loaded.
fn started(home: &Path) -> Harness<'static, App> {
    let app = App::start(
        &Config {
            home: Some(home.to_path_buf()),
        },
        &[],
    );
    settle(harness(app))
}

fn settle(mut h: Harness<'static, App>) -> Harness<'static, App> {
    h.run_steps(2);
    h.state_mut().wait();
    h.run_steps(3);
    h
}

fn row_with(h: &Harness<'static, App>, pred: impl Fn(&claimtrack::corpus::Row) -> bool) -> usize {
    h.state()
        .corpus
        .rows
        .iter()
        .position(pred)
        .expect("a matching claim in the samples")
}

#[test]
fn first_start_loads_the_samples_and_saves_a_workspace() {
    let home = tempfile::tempdir().unwrap();
    let h = started(home.path());
    let app = h.state();
    assert_eq!(app.corpus.articles.len(), 12);
    assert!(app.corpus.rows.len() > 100, "{}", app.corpus.rows.len());
    let total = app.corpus.rows.len();
    h.get_by_label_contains(&format!("of {total} claims"));
    // The first claim is selected and its article shown.
    assert!(app.selected.is_some());
    h.get_by_label("✏ Edit");
    assert!(home.path().join("workspace.json").exists());
}

#[test]
fn filter_by_text_and_entity_narrows_the_table() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    let total = h.state().corpus.rows.len();
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .unwrap()
        .focus();
    h.run_steps(1);
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .unwrap()
        .type_text("Soldaten");
    h.run_steps(3);
    let shown = h.state_mut().visible_rows().len();
    assert!(
        shown > 0 && shown < total,
        "{shown} of {total} for {:?}",
        h.state().filter.text
    );
    h.get_by_label_contains(&format!("Showing {shown} of"));
    for &r in &h.state_mut().visible_rows().to_vec() {
        let app = h.state();
        let row = &app.corpus.rows[r];
        let sentence = app.corpus.sentence(row).to_lowercase();
        assert!(
            sentence.contains("soldaten")
                || row
                    .claim
                    .subject
                    .as_deref()
                    .is_some_and(|s| s.to_lowercase().contains("soldaten")),
            "{sentence}"
        );
    }
    h.get_by_label("Clear filters").click();
    h.run_steps(3);
    assert_eq!(h.state_mut().visible_rows().len(), total);
    let entity = h.state().corpus.entities[0].name.clone();
    h.state_mut().filter.entity = Some(entity.clone());
    h.run_steps(2);
    let rows = h.state_mut().visible_rows().to_vec();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|&r| h.state().corpus.rows[r].entity() == Some(entity.as_str()))
    );
}

#[test]
fn sorting_by_value_orders_the_rows() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Value")
        .click();
    h.run_steps(2);
    let rows = h.state_mut().visible_rows().to_vec();
    let values: Vec<f64> = rows
        .iter()
        .map(|&r| h.state().corpus.rows[r].claim.value)
        .collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]));
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Value ⏶")
        .click();
    h.run_steps(2);
    let rows = h.state_mut().visible_rows().to_vec();
    assert!(
        h.state().corpus.rows[rows[0]].claim.value
            >= h.state().corpus.rows[rows[rows.len() - 1]].claim.value
    );
}

#[test]
fn selecting_a_claim_shows_and_scrolls_to_it() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    // Keyboard: the down arrow moves to the next row of the table.
    let first = h.state().selected;
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(2);
    assert_ne!(h.state().selected, first);
    // Selecting a claim far down the table scrolls the table and the article to it.
    let last = *h.state_mut().visible_rows().last().unwrap();
    h.state_mut().select(last);
    h.run_steps(3);
    let row = &h.state().corpus.rows[last];
    let (short, value) = (
        claimtrack::analysis::query::format_value_short(&row.claim),
        claimtrack::analysis::query::format_value(&row.claim),
    );
    let cells = h.query_all_by_label(&short).count() + h.query_all_by_label(&value).count();
    assert!(
        cells >= 2,
        "the table row and the details show {short} / {value}"
    );
    assert!(!h.state().scroll_to_selected);
    // Clicking a row in the table selects it.
    let rows = h.state_mut().visible_rows().to_vec();
    let target = rows[rows.len() - 2];
    let label =
        claimtrack::analysis::query::format_value_short(&h.state().corpus.rows[target].claim);
    h.get_all_by_label(&label).next().unwrap().click();
    h.run_steps(2);
    let sel = h.state().selected_row().unwrap();
    assert_eq!(
        claimtrack::analysis::query::format_value_short(&h.state().corpus.rows[sel].claim),
        claimtrack::analysis::query::format_value_short(&h.state().corpus.rows[target].claim)
    );
}

fn series_key(concept: &str, action: &str) -> SeriesKey {
    SeriesKey {
        concept: Some(concept.into()),
        action: Some(action.into()),
        kind: claimtrack::model::Kind::Count,
        unit: None,
        change: false,
    }
}

fn rows_of(h: &Harness<'static, App>, key: &SeriesKey) -> Vec<usize> {
    (0..h.state().corpus.rows.len())
        .filter(|&r| SeriesKey::of(&h.state().corpus.rows[r].claim) == *key)
        .collect()
}

#[test]
fn compare_names_the_disagreement_of_a_series_and_says_why_others_are_not_compared() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    // In the samples, Varenia's "more than 12.000 pulled back" and the institute's "fewer
    // than 5,000 withdrawn" of October cannot both hold; a claim of troops massed is of
    // another action and is not compared with them.
    let mut rows = rows_of(&h, &series_key("soldiers", "returning"));
    assert!(rows.len() >= 2, "{rows:?}");
    let massed = rows_of(&h, &series_key("soldiers", "massed"));
    rows.push(massed[0]);
    for &r in &rows {
        h.state_mut().select(r);
        h.run_steps(1);
        h.key_press(egui::Key::C);
        h.run_steps(1);
    }
    assert_eq!(h.state().picked.len(), rows.len());
    h.get_by_label(&format!("Compare ({})", rows.len())).click();
    h.run_steps(3);
    assert_eq!(h.state().tab, Tab::Compare);
    assert!(
        h.get_all_by_label_contains("1 disagreement")
            .next()
            .is_some()
    );
    assert!(
        h.get_all_by_label_contains("soldiers · returning, 2023-10")
            .next()
            .is_some()
    );
    h.get_by_label_contains("other action (returning, massed)");
    assert_eq!(h.get_all_by_label("Remove").count(), rows.len());
    h.get_all_by_label("Remove").next().unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().picked.len(), rows.len() - 1);
}

#[test]
fn picking_a_whole_series_in_compare_picks_only_its_claims() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_label("Compare").click();
    h.run_steps(2);
    h.get_by_value("All claims of a series…").click();
    h.run_steps(2);
    let key = series_key("soldiers", "returning");
    h.get_by_label_contains(&format!("{} (", key.label()))
        .click();
    h.run_steps(3);
    let picked = h.state().picked_rows();
    assert_eq!(picked, rows_of(&h, &key));
}

#[test]
fn corrections_are_saved_and_reapplied_on_reload() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    let target = row_with(&h, |r| r.claim.value >= 1000.0 && r.claim.source.is_some());
    h.state_mut().select(target);
    h.run_steps(2);
    h.get_by_label("✏ Edit").click();
    h.run_steps(2);
    assert!(h.state().editor.is_some());
    h.state_mut().editor.as_mut().unwrap().value = "123.456".into();
    h.state_mut().editor.as_mut().unwrap().subject = "Panzer".into();
    h.get_by_label("Save correction").click();
    h.run_steps(2);
    assert!(h.state().editor.is_none());
    let key = h.state().selected.unwrap();
    let row = h.state().row_of(key).unwrap();
    assert!((h.state().corpus.rows[row].claim.value - 123_456.0).abs() < 1e-9);
    assert_eq!(h.state().corpus.rows[row].status, Status::Corrected);
    // Reject another claim with the Delete key.
    let other = row_with(&h, |r| r.status == Status::Extracted);
    h.state_mut().select(other);
    h.run_steps(1);
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    let other_key = h.state().key_of(other);
    h.state_mut().wait();
    drop(h);

    // A new start reopens the workspace: same articles, the corrections applied.
    let h = started(home.path());
    let app = h.state();
    let row = app.row_of(key).unwrap();
    assert!((app.corpus.rows[row].claim.value - 123_456.0).abs() < 1e-9);
    assert_eq!(
        app.corpus.rows[row].claim.subject.as_deref(),
        Some("Panzer")
    );
    assert_eq!(
        app.corpus.rows[app.row_of(other_key).unwrap()].status,
        Status::Rejected
    );
    h.get_by_label_contains("2 changed by you");
}

#[test]
fn undo_takes_back_a_rejection() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    let row = h.state().selected_row().unwrap();
    assert_eq!(h.state().corpus.rows[row].status, Status::Rejected);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    let row = h.state().selected_row().unwrap();
    assert_eq!(h.state().corpus.rows[row].status, Status::Extracted);
}

#[test]
fn a_claim_is_added_from_selected_text() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    let row = h.state().selected_row().unwrap();
    let article = h.state().corpus.rows[row].article;
    // Select a word of the article that is not a claim (as a mouse drag would).
    let text = h.state().corpus.articles[article].text.clone();
    let at = text.find("Grenze").or_else(|| text.find("border")).unwrap();
    let span = claimtrack::model::Span::new(at, at + 6);
    h.state_mut().article_selection = Some((article, span));
    h.get_by_label("➕ Add claim from selection").click();
    h.run_steps(2);
    {
        let editor = h.state_mut().editor.as_mut().expect("editor open");
        assert!(editor.new);
        editor.value = "42".into();
        editor.subject = "Grenzposten".into();
        editor.source = "Reuters".into();
        editor.entity = "Reuters".into();
    }
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Add claim")
        .click();
    h.run_steps(2);
    let added = h
        .state()
        .corpus
        .rows
        .iter()
        .find(|r| r.status == Status::Added)
        .expect("an added claim");
    assert!((added.claim.value - 42.0).abs() < 1e-9);
    assert_eq!(added.claim.number, span);
    assert!(added.claim.sentence.contains(span));
}

#[test]
fn merging_entities_applies_everywhere_and_persists() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_label("Sources").click();
    h.run_steps(2);
    let entities = h.state().corpus.entities.clone();
    assert!(entities.len() >= 2);
    let (a, b) = (entities[1].name.clone(), entities[0].name.clone());
    let total = entities[0].claims + entities[1].claims;
    // The first node of that name is the list's row (a side of the same name may follow).
    h.get_all_by_label(&a).next().unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().sources.selected.as_deref(), Some(a.as_str()));
    h.state_mut().sources.merge_into = Some(b.clone());
    h.run_steps(1);
    h.get_by_label("Merge").click();
    h.run_steps(2);
    let app = h.state();
    assert!(app.corpus.entities.iter().all(|e| e.name != a));
    let merged = app.corpus.entities.iter().find(|e| e.name == b).unwrap();
    assert_eq!(merged.claims, total);
    // Rename the merged entity through the text field (the first; the affiliation's follows).
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .unwrap()
        .focus();
    h.run_steps(1);
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .unwrap()
        .type_text("Renamed Entity");
    h.run_steps(1);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Rename")
        .click();
    h.run_steps(2);
    assert_eq!(
        h.state()
            .corpus
            .entities
            .iter()
            .find(|e| e.name == "Renamed Entity")
            .map(|e| e.claims),
        Some(total)
    );
    h.state_mut().wait();
    drop(h);
    let h = started(home.path());
    assert!(
        h.state()
            .corpus
            .entities
            .iter()
            .any(|e| e.name == "Renamed Entity" && e.claims == total)
    );
}

#[test]
fn an_affiliation_is_set_in_the_sources_view_saved_and_cleared() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_label("Sources").click();
    h.run_steps(2);
    assert_eq!(
        h.get_all_by_label("Speaks for").count(),
        2,
        "a column and a section"
    );
    let name = h.state().corpus.entities[1].name.clone();
    h.get_all_by_label(&name).next().unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().sources.selected.as_deref(), Some(name.as_str()));
    let field = || egui::accesskit::Role::TextInput;
    h.get_all_by_role(field()).nth(1).unwrap().focus();
    h.run_steps(1);
    h.get_all_by_role(field())
        .nth(1)
        .unwrap()
        .type_text("Testland");
    h.run_steps(1);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Set")
        .click();
    h.run_steps(2);
    let stat = |h: &Harness<'static, App>| {
        h.state()
            .corpus
            .entities
            .iter()
            .find(|e| e.name == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(stat(&h).affiliation.as_deref(), Some("Testland"));
    assert!(
        h.state()
            .corpus
            .rows
            .iter()
            .filter(|r| r.entity() == Some(name.as_str()))
            .all(|r| r.side() == Some("Testland"))
    );
    // The list and the panel show it.
    assert!(h.get_all_by_label("Testland").count() >= 2);
    h.state_mut().wait();
    drop(h);
    let mut h = started(home.path());
    assert_eq!(stat(&h).affiliation.as_deref(), Some("Testland"), "saved");
    h.get_by_label("Sources").click();
    h.run_steps(2);
    h.get_all_by_label(&name).next().unwrap().click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Clear")
        .click();
    h.run_steps(2);
    assert_eq!(stat(&h).affiliation, None);
    assert_eq!(
        h.state()
            .workspace
            .entities
            .affiliations
            .get(&name)
            .map(String::as_str),
        Some(""),
        "cleared, not forgotten"
    );
}

#[test]
fn unresolved_entities_are_marked_and_listed_last() {
    use claimtrack::corpus::{Article, Corpus};
    let text = " date 2023-05\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen. Ein Sprecher sagte, 12 Schulen seien geschlossen.";
    let doc = claimtrack::io::load::Document::from_text("a.txt", text.to_string());
    let mut extracted = claimtrack::extract::Extractor::new().extract(&doc);
    assert_eq!(extracted.claims.len(), 2);
    for (claim, (who, unresolved)) in extracted
        .claims
        .iter_mut()
        .zip([("Sprecher", true), ("Polizei", false)])
    {
        claim.source = Some(claimtrack::model::Source {
            span: claimtrack::model::Span::new(0, 1),
            text: who.into(),
            entity: Some(who.into()),
            affiliation: None,
            unresolved,
        });
    }
    let mut corpus = Corpus::default();
    corpus.add([Article::new(doc, extracted)]);
    let mut h = harness(App::with_corpus(corpus));
    h.run_steps(2);
    h.get_by_label("Sources").click();
    h.run_steps(2);
    let marked = h.get_by_label("Sprecher (unresolved)");
    // Listed after the resolved entity, though cited as often.
    assert!(marked.rect().top() > h.get_all_by_label("Polizei").next().unwrap().rect().top());
    h.get_by_label_contains("only unresolved (1)").click();
    h.run_steps(2);
    assert!(h.state().sources.only_unresolved);
    h.get_by_label("Sprecher (unresolved)");
    assert!(
        h.query_by_label("Polizei").is_none()
            || h.state().sources.selected.as_deref() == Some("Polizei"),
        "the resolved one is filtered out of the list"
    );
    // Renaming assigns it.
    h.state_mut().push(claimtrack::app::Command::RenameEntity {
        from: "Sprecher".into(),
        to: "Sprecher der Polizei".into(),
    });
    h.run_steps(2);
    assert!(h.state().corpus.entities.iter().all(|e| !e.unresolved));
}

#[test]
fn an_old_workspace_keeps_working_and_says_what_moved() {
    // A workspace of an older claimtrack (no affiliations), whose extractor gave
    // "Bundesregierung" as its own entity (now: Germany), with a rename that matches nothing.
    let home = tempfile::tempdir().unwrap();
    let articles: Vec<String> = claimtrack::io::origin::Origin::samples()
        .iter()
        .map(claimtrack::io::origin::Origin::stored)
        .collect();
    let old = serde_json::json!({
        "version": 1,
        "articles": articles,
        "corrections": [],
        "entities": {
            "renames": { "Bundesregierung": "Berliner Regierung", "Feuerwehr": "Brandschutz" },
            "aliases": {}
        }
    });
    std::fs::write(
        home.path().join("workspace.json"),
        serde_json::to_string_pretty(&old).unwrap(),
    )
    .unwrap();
    let mut h = started(home.path());
    let app = h.state();
    assert_eq!(app.corpus.articles.len(), 12);
    let rows: Vec<_> = app
        .corpus
        .rows
        .iter()
        .filter(|r| r.source_text() == Some("Bundesregierung"))
        .collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.entity() == Some("Berliner Regierung"))
    );
    assert_eq!(
        app.workspace
            .entities
            .aliases
            .get("Bundesregierung")
            .map(String::as_str),
        Some("Berliner Regierung")
    );
    assert!(
        app.workspace.entities.renames.contains_key("Feuerwehr"),
        "kept"
    );
    let notes: Vec<&String> = app
        .problems
        .iter()
        .filter(|p| p.starts_with("Workspace:"))
        .collect();
    assert_eq!(
        notes,
        [
            &"Workspace: the rename 'Bundesregierung' → 'Berliner Regierung' now applies to the source text 'Bundesregierung' (2 claims), since the extractor now names its entity 'Germany'".to_string(),
            &"Workspace: the rename 'Feuerwehr' → 'Brandschutz' matches no source of the open articles now; it is kept in the workspace".to_string(),
        ]
    );
    // Said once: loading more does not repeat it.
    h.state_mut().apply(claimtrack::app::Command::OpenSamples);
    h.state_mut().wait();
    let again = h
        .state()
        .problems
        .iter()
        .filter(|p| p.starts_with("Workspace:"))
        .count();
    assert_eq!(again, 2);
    // The moved alias was saved.
    h.state_mut().wait();
    let saved = std::fs::read_to_string(home.path().join("workspace.json")).unwrap();
    assert!(saved.contains("\"affiliations\""), "{saved}");
    assert!(saved.contains("\"Bundesregierung\": \"Berliner Regierung\""));
}

#[test]
fn grouping_by_side_reads_a_persons_claims_with_its_side() {
    use claimtrack::analysis::series::GroupBy;
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_label("Timeline").click();
    h.run_steps(3);
    let timeline = h.state_mut().timeline();
    let entity = timeline
        .series
        .iter()
        .find_map(|s| s.entity.clone())
        .expect("a named line");
    // The entity speaks for a side (as the extractor will say of a person).
    h.state_mut()
        .push(claimtrack::app::Command::SetAffiliation {
            entity: entity.clone(),
            affiliation: "Testland".into(),
        });
    h.run_steps(2);
    assert_eq!(h.state().group_by, GroupBy::Entity);
    assert!(
        h.state_mut()
            .timeline()
            .series
            .iter()
            .all(|s| s.name != "Testland")
    );
    h.get_by_label("Side").click();
    h.run_steps(3);
    assert_eq!(h.state().group_by, GroupBy::Side);
    let timeline = h.state_mut().timeline();
    let line = timeline
        .series
        .iter()
        .find(|s| s.name == "Testland")
        .expect("a line for the side");
    let corpus = &h.state().corpus;
    for line in &timeline.series {
        for &p in &line.points {
            let row = &corpus.rows[timeline.points[p].row];
            assert_eq!(row.side(), line.entity.as_deref(), "a line is one side's");
        }
    }
    assert!(
        line.points
            .iter()
            .all(|&p| { corpus.rows[timeline.points[p].row].entity() == Some(entity.as_str()) })
    );
    // Compare shares the choice.
    h.get_by_label("Compare these").click();
    h.run_steps(3);
    assert_eq!(h.state().tab, Tab::Compare);
    assert_eq!(h.state_mut().comparison().group_by, GroupBy::Side);
    h.get_by_label("Entity").click();
    h.run_steps(2);
    assert_eq!(h.state().group_by, GroupBy::Entity);
    assert_eq!(h.state_mut().comparison().group_by, GroupBy::Entity);
}

#[test]
fn exports_write_valid_files() {
    let home = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    // The menu asks for a file name (here, without a shell, in the app's own dialog).
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export claims").hover();
    h.run_steps(2);
    h.get_by_label("All claims as CSV…").click();
    h.run_steps(2);
    assert_eq!(
        h.state().file_dialog.as_ref().map(|d| d.request),
        Some(Request::ExportClaims {
            format: DataFormat::Csv,
            filtered: false
        })
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    let total = h.state().corpus.rows.len();
    let csv = out.path().join("claims.csv");
    let json = out.path().join("claims.json");
    let png = out.path().join("chart.png");
    let svg = out.path().join("chart.svg");
    let app = h.state_mut();
    app.on_paths_chosen(
        Request::ExportClaims {
            format: DataFormat::Csv,
            filtered: false,
        },
        Some(vec![csv.clone()]),
    );
    app.filter.text = "Soldaten".into();
    app.on_paths_chosen(
        Request::ExportClaims {
            format: DataFormat::Json,
            filtered: true,
        },
        Some(vec![json.clone()]),
    );
    app.on_paths_chosen(
        Request::ExportChart {
            format: ChartFormat::Png,
        },
        Some(vec![png.clone()]),
    );
    app.on_paths_chosen(
        Request::ExportChart {
            format: ChartFormat::Svg,
        },
        Some(vec![svg.clone()]),
    );
    let shown = app.visible_rows().len();
    app.wait();
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(csv_text.lines().count(), total + 1);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let claims: usize = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["claims"].as_array().unwrap().len())
        .sum();
    assert_eq!(claims, shown);
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
}

#[test]
fn timeline_draws_and_compares_its_claims() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_label("Timeline").click();
    h.run_steps(3);
    let timeline = h.state_mut().timeline();
    assert!(!timeline.points.is_empty());
    assert_eq!(timeline.chosen.len(), 1, "the biggest series by default");
    h.get_by_label("Log scale").click();
    h.run_steps(2);
    assert!(h.state().plot.log_y);
    h.get_by_label("Compare these").click();
    h.run_steps(2);
    assert_eq!(h.state().tab, Tab::Compare);
    assert_eq!(h.state().picked.len(), timeline.points.len());
}

#[test]
fn the_timeline_draws_chosen_series_and_joins_only_one_sources_claims_of_one_series() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_label("Timeline").click();
    h.run_steps(3);
    let returning = series_key("soldiers", "returning");
    let massed = series_key("soldiers", "massed");
    for key in [&returning, &massed] {
        if !h.state().plot.series.contains(key) {
            h.get_by_label_contains(&format!("{} (", key.label()))
                .click();
            h.run_steps(2);
        }
    }
    assert!(h.state().plot.series.contains(&returning));
    assert!(h.state().plot.series.contains(&massed));
    let timeline = h.state_mut().timeline();
    let corpus = &h.state().corpus;
    assert!(timeline.points.len() >= 4);
    for line in &timeline.series {
        let key = &timeline.chosen[line.chosen];
        for &p in &line.points {
            let row = &corpus.rows[timeline.points[p].row];
            assert_eq!(
                &SeriesKey::of(&row.claim),
                key,
                "a line stays in its series"
            );
            assert_eq!(row.entity(), line.entity.as_deref(), "and with one source");
        }
        assert_eq!(
            line.joined,
            line.entity.is_some() && key.action.is_some(),
            "unnamed claims and claims with no action are never joined"
        );
    }
    // Unchoosing a series takes its claims off.
    h.get_by_label_contains(&format!("{} (", massed.label()))
        .click();
    h.run_steps(2);
    assert!(!h.state().plot.series.contains(&massed));
}

#[test]
fn setting_an_article_date_puts_its_claims_on_the_timeline_and_is_saved() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("undated.txt");
    std::fs::write(
        &path,
        "Die Polizei zählte nach eigenen Angaben rund 300 Demonstranten, die festgenommen wurden.\n",
    )
    .unwrap();
    let mut h = started(home.path());
    h.state_mut().open([path.clone()], false);
    let mut h = settle(h);
    let article = h
        .state()
        .corpus
        .articles
        .iter()
        .position(|a| a.path.ends_with("undated.txt"))
        .unwrap();
    assert!(h.state().corpus.articles[article].date.is_none());
    let row = h.state().corpus.rows_of(article).start;
    let key = SeriesKey::of(&h.state().corpus.rows[row].claim);
    h.state_mut().plot.series = vec![key];
    h.get_by_label("Timeline").click();
    h.run_steps(3);
    h.get_by_label_contains("1 claim not shown: 1 article has no date.");
    h.get_by_label("Set date…").click();
    h.run_steps(3);
    assert!(h.state().show_dates);
    h.state_mut()
        .date_inputs
        .insert(article, "2023-05-04".into());
    h.run_steps(2);
    h.get_all_by_label("Set").next().unwrap().click();
    h.run_steps(3);
    let a = &h.state().corpus.articles[article];
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2023-05-04"));
    assert_eq!(a.date_from, Some(claimtrack::model::DateFrom::User));
    assert_eq!(h.state_mut().timeline().undated, 0);
    h.state_mut().wait();
    // Saved in the workspace: a new start dates the article again.
    drop(h);
    let h = started(home.path());
    let a = h
        .state()
        .corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("undated.txt"))
        .unwrap();
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2023-05-04"));
}

/// The view of the timeline's plot, as `egui_plot` keeps it.
fn plot_bounds(h: &Harness<'static, App>) -> Option<egui_plot::PlotBounds> {
    egui_plot::PlotMemory::load(&h.ctx, egui::Id::unique(claimtrack::app::PLOT_ID))
        .map(|m| *m.bounds())
}

#[test]
fn timeline_fit_button_shows_all_claims_again() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.get_by_label("Timeline").click();
    h.run_steps(3);
    h.get_by_label_contains("double-click or Fit");
    let fitted = plot_bounds(&h).expect("the plot keeps its view");
    assert!(fitted.min()[1] >= 0.0, "counts start at zero: {fitted:?}");
    // Drag the plot up and to the left: it pans, but never below zero.
    let (from, to) = (egui::pos2(700.0, 400.0), egui::pos2(600.0, 200.0));
    h.hover_at(from);
    h.drag_at(from);
    h.run_steps(1);
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(3);
    let panned = plot_bounds(&h).unwrap();
    assert!(
        (panned.min()[0] - fitted.min()[0]).abs() > 1.0,
        "dragging pans the dates: {panned:?}"
    );
    assert!(panned.min()[1] >= 0.0, "panned below zero: {panned:?}");
    h.get_by_label("Fit").click();
    h.run_steps(3);
    assert_eq!(plot_bounds(&h), Some(fitted), "Fit shows all claims again");
    assert_eq!(h.state().tab, Tab::Timeline);
}

/// A file dropped onto the window, as the windowing integration hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropped_files_open_and_bad_ones_are_listed() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let good = files.path().join("neu.txt");
    std::fs::write(
        &good,
        " date 2024-02-03\nDie Polizei sagte, 250 Menschen seien festgenommen worden.",
    )
    .unwrap();
    let bad = files.path().join("bild.txt");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0binary").unwrap();
    let mut h = started(home.path());
    let before = h.state().corpus.articles.len();
    for path in [&good, &bad] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path.clone())));
    }
    let h = settle(h);
    assert_eq!(h.state().corpus.articles.len(), before + 1);
    assert!(
        h.state().problems.iter().any(|p| p.contains("bild.txt")),
        "{:?}",
        h.state().problems
    );
    h.get_by_label_contains("Problems (1)");
    assert_eq!(
        h.state().session.recent.first().map(PathBuf::as_path),
        Some(bad.as_path())
    );
}

#[test]
fn a_damaged_workspace_is_kept_and_the_app_starts() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("workspace.json"),
        "{\"version\": 1, \"articles\": [",
    )
    .unwrap();
    let h = started(home.path());
    assert!(home.path().join("workspace.json.damaged").exists());
    assert!(h.state().problems.iter().any(|p| p.contains("damaged")));
}

#[test]
fn opening_paths_replaces_the_samples() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let good = files.path().join("a.txt");
    std::fs::write(&good, "Laut Polizei kamen rund 3000 Menschen.").unwrap();
    let app = App::start(
        &Config {
            home: Some(home.path().to_path_buf()),
        },
        std::slice::from_ref(&good),
    );
    let h = settle(harness(app));
    assert_eq!(h.state().corpus.articles.len(), 1);
    assert_eq!(h.state().corpus.rows.len(), 1);
}

#[test]
fn save_workspace_as_then_open_it_again() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    let rejected = h.state().selected.unwrap();
    let path = elsewhere.path().join("story.json");
    h.state_mut()
        .on_paths_chosen(Request::SaveWorkspaceAs, Some(vec![path.clone()]));
    h.state_mut().wait();
    assert!(path.exists());
    // Work goes on in another file; the saved copy keeps the rejection.
    let other = elsewhere.path().join("other.json");
    h.state_mut()
        .on_paths_chosen(Request::SaveWorkspaceAs, Some(vec![other]));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    h.state_mut().wait();
    h.state_mut()
        .on_paths_chosen(Request::OpenWorkspace, Some(vec![path.clone()]));
    let h = settle(h);
    let app = h.state();
    assert_eq!(app.workspace_path.as_deref(), Some(path.as_path()));
    assert_eq!(
        app.corpus.rows[app.row_of(rejected).unwrap()].status,
        Status::Rejected
    );
    // The next start reopens the workspace opened last.
    drop(h);
    let h = started(home.path());
    assert_eq!(h.state().workspace_path.as_deref(), Some(path.as_path()));
}

#[test]
fn loading_can_be_cancelled_and_keeps_what_loaded() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    for i in 0..400 {
        std::fs::write(
            files.path().join(format!("{i:04}.txt")),
            format!(
                "Die Polizei sagte, {} Menschen seien gekommen. Artikel {i}.",
                100 + i
            ),
        )
        .unwrap();
    }
    let mut h = started(home.path());
    h.state_mut().open_paths(&[files.path().to_path_buf()]);
    h.run_steps(1);
    assert!(h.state().is_loading());
    h.get_by_label("Cancel").click();
    let h = settle(h);
    let app = h.state();
    assert!(!app.is_loading());
    assert!(app.corpus.articles.len() >= 12, "the samples stay open");
    assert!(app.corpus.articles.len() <= 12 + 400);
}

#[test]
fn a_long_article_shows_a_window_around_the_selected_claim() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let para = "Nach Angaben der Polizei wurden rund 300 Menschen festgenommen. Die Stadt sagte, 12 Schulen seien zu.\n\n";
    let path = files.path().join("long.txt");
    std::fs::write(&path, para.repeat(20_000)).unwrap();
    let app = App::start(
        &Config {
            home: Some(home.path().to_path_buf()),
        },
        &[path],
    );
    let mut h = settle(harness(app));
    let last = h.state().corpus.rows.len() - 1;
    assert!(last > 30_000);
    h.state_mut().select(last);
    h.run_steps(3);
    h.get_by_label_contains("A long article: showing");
    // Clicking into the window still maps to the right place: the selection is kept.
    assert_eq!(h.state().selected_row(), Some(last));
}

#[test]
fn pasted_text_becomes_an_article_with_its_date_confirmed_and_is_kept() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    let before = h.state().corpus.articles.len();
    h.event(egui::Event::Paste(
        "Nato: Russland verstärkt Truppen\n\nBrüssel, 14. Februar 2022 (dpa) - Russland hat nach Nato-Angaben rund 130.000 Soldaten an der Grenze zusammengezogen.".into(),
    ));
    h.run_steps(3);
    let draft = h
        .state()
        .paste
        .clone()
        .expect("the paste is proposed as an article");
    assert_eq!(draft.date, "2022-02-14", "the text's own date is proposed");
    h.get_by_label_contains("the text says 2022-02-14");
    h.get_by_label("Add article").click();
    h.run_steps(2);
    h.state_mut().wait();
    let mut h = settle(h);
    assert!(h.state().paste.is_none());
    assert_eq!(h.state().corpus.articles.len(), before + 1);
    let a = h.state().corpus.articles.last().unwrap().clone();
    assert!(a.path.starts_with("pasted:"), "{}", a.path);
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2022-02-14"));
    let row = h.state().corpus.rows_of(before).start;
    assert_eq!(h.state().corpus.rows[row].claim.text, "130.000");
    h.state_mut().wait();
    drop(h);
    // Kept in the workspace: a new start opens it again, text and all.
    let h = started(home.path());
    assert!(
        h.state()
            .corpus
            .articles
            .iter()
            .any(|x| x.path == a.path && x.text == a.text)
    );
}

#[test]
fn pasting_can_be_cancelled() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    let before = h.state().corpus.articles.len();
    h.event(egui::Event::Paste("Rund 300 Menschen kamen.".into()));
    h.run_steps(2);
    assert!(h.state().paste.is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().paste.is_none());
    assert_eq!(h.state().corpus.articles.len(), before);
}

#[test]
fn pickers_find_by_typing_and_the_editor_makes_no_second_entity_by_accident() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    // The entity filter: open it, type part of a name, Enter takes the first match.
    h.get_by_value("Entity: any").click();
    h.run_steps(2);
    h.get_by_value("Entity: any").type_text("");
    let search = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(egui_kittest::Node::is_focused)
        .expect("the picker's search field has the focus");
    search.type_text("Varen");
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().filter.entity.as_deref(), Some("Varenia"));
    // The editor: a typed name that is no entity needs "new entity" ticked.
    let row = row_with(&h, |r| r.claim.source.is_some());
    h.state_mut().select(row);
    h.run_steps(2);
    h.get_by_label("✏ Edit").click();
    h.run_steps(2);
    h.state_mut().editor.as_mut().unwrap().entity = "Russland".into();
    h.run_steps(2);
    h.get_by_label("Save correction").click();
    h.run_steps(2);
    let error = h
        .state()
        .editor
        .as_ref()
        .unwrap()
        .error
        .clone()
        .unwrap_or_default();
    assert!(
        error.contains("“Russland” is no entity yet (it stands for Russia)"),
        "{error}"
    );
    h.get_by_label("new entity");
    h.state_mut().editor.as_mut().unwrap().new_entity = true;
    h.run_steps(2);
    h.get_by_label("Save correction").click();
    h.run_steps(2);
    assert!(
        h.state().editor.is_none(),
        "saved once the user chose a new entity: {:?}",
        h.state()
            .editor
            .as_ref()
            .map(|e| (e.new_entity, e.error.clone()))
    );
}

#[test]
fn entity_colours_are_distinct_and_kept_from_session_to_session() {
    let home = tempfile::tempdir().unwrap();
    let h = started(home.path());
    let names: Vec<String> = h
        .state()
        .corpus
        .entities
        .iter()
        .map(|e| e.name.clone())
        .collect();
    let colours: Vec<Option<usize>> = names
        .iter()
        .map(|n| h.state().corpus.color_index(Some(n)))
        .collect();
    let mut distinct = colours.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), colours.len(), "{colours:?}");
    let mut h = h;
    h.state_mut().wait();
    drop(h);
    let h = started(home.path());
    for (n, c) in names.iter().zip(&colours) {
        assert_eq!(h.state().corpus.color_index(Some(n)), *c, "{n}");
    }
}
