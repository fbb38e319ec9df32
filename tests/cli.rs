//! Tests that run the real binary: output formats, exit codes, errors naming files.

use std::path::Path;
use std::process::{Command, Output};

fn claimtrack(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().to_string()
}

#[test]
fn extract_writes_json_for_good_files_and_names_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.txt",
        " date 2023-04 Nach Angaben der Polizei wurden rund 300 Menschen festgenommen.".as_bytes(),
    );
    let latin1 = write(
        dir.path(),
        "latin1.txt",
        b"date 2023-05\n\nLaut Stadtverwaltung fl\xfcchteten \xfcber 1.200 Menschen aus M\xfcnchen.",
    );
    let binary = write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let empty = write(dir.path(), "empty.txt", b"");
    let missing = dir.path().join("missing.txt").to_string_lossy().to_string();
    let out = claimtrack(&["extract", &good, &binary, &latin1, &empty, &missing]);
    assert_eq!(out.status.code(), Some(1), "some files failed");
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["date"], "2023-04");
    let claim = &articles[0]["claims"][0];
    assert_eq!(claim["value"], 300.0);
    assert_eq!(claim["qualifier"], "approx");
    assert_eq!(claim["source"]["text"], "Polizei");
    assert_eq!(articles[1]["claims"][0]["value"], 1200.0);
    assert_eq!(articles[1]["claims"][0]["qualifier"], "over");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line per bad file: {stderr}");
    assert!(stderr.contains(&binary) && stderr.contains("not a text file"));
    assert!(stderr.contains(&empty) && stderr.contains("empty"));
    assert!(stderr.contains(&missing) && stderr.contains("no such file"));
}

#[test]
fn extract_writes_csv_with_header() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "a.txt",
        "The ministry said about 3,000 troops had been withdrawn, a \"first step\".".as_bytes(),
    );
    let out = claimtrack(&["extract", "--format", "csv", &file]);
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        claimtrack::io::export::CSV_HEADER.join(",")
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains(",3000,") && row.contains(",approx,count,,troops,returning,soldiers,false,"),
        "{row}"
    );
    assert!(lines.next().is_none());
}

#[test]
fn extract_writes_the_date_from_the_text_and_changes_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "a.txt",
        "Berlin, 3. März 2021 (dpa) - Die Preise sind um 4 Prozent gestiegen.".as_bytes(),
    );
    let out = claimtrack(&["extract", "--format", "csv", &file]);
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let field = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(field("date"), "2021-03-03");
    assert_eq!(field("date_from"), "text");
    assert_eq!(field("value"), "4");
    assert_eq!(field("concept"), "percent");
    assert_eq!(field("is_change"), "true");
    let out = claimtrack(&["extract", "--format", "json", &file]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"][0]["date_from"], "text");
    assert_eq!(json["articles"][0]["claims"][0]["is_change"], true);
}

#[test]
fn folders_expand_to_article_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    write(
        dir.path(),
        "a.txt",
        "Mehr als 40 Menschen wurden verletzt.".as_bytes(),
    );
    write(
        &dir.path().join("sub"),
        "b.html",
        b"<html><body><p>Rund 12 Menschen starben.</p></body></html>",
    );
    write(dir.path(), "notes.bin", b"\0\0\0");
    let out = claimtrack(&["extract", &dir.path().to_string_lossy()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1]["claims"][0]["value"], 12.0);
}

#[test]
fn user_aliases_name_entities() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "a.txt",
        "Nach Angaben der Stadtwerke fielen 2.000 Haushalte ohne Strom aus.".as_bytes(),
    );
    let aliases = write(
        dir.path(),
        "aliases.txt",
        "# mine\nStadtwerke = City of Kalvar\n".as_bytes(),
    );
    let out = claimtrack(&["extract", "--aliases", &aliases, &file]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["articles"][0]["claims"][0]["source"]["entity"],
        "City of Kalvar"
    );
    let bad = write(dir.path(), "bad.txt", b"no equals sign here\n");
    let out = claimtrack(&["extract", "--aliases", &bad, &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(claimtrack(&["extract"]).status.code(), Some(2));
    assert_eq!(
        claimtrack(&["extract", "--format", "xml", "x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(claimtrack(&["nonsense"]).status.code(), Some(2));
    assert_eq!(claimtrack(&["--help"]).status.code(), Some(0));
}

#[test]
fn bundled_samples_extract_cleanly() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let out = claimtrack(&["extract", &samples.to_string_lossy()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert!(articles.len() >= 10);
    let langs: Vec<&str> = articles
        .iter()
        .map(|a| a["lang"].as_str().unwrap())
        .collect();
    assert!(langs.contains(&"de") && langs.contains(&"en"));
    assert!(articles.iter().all(|a| a["date"].is_string()));
    let claims: usize = articles
        .iter()
        .map(|a| a["claims"].as_array().unwrap().len())
        .sum();
    assert!(claims >= 100, "{claims} claims");
}

#[test]
fn chart_writes_svg_and_png_and_names_bad_files() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let samples = samples.to_string_lossy();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("soldaten.svg");
    let png = dir.path().join("chart.PNG");
    let out = claimtrack(&[
        "chart",
        "--subject",
        "Soldaten",
        "--out",
        &svg.to_string_lossy(),
        &samples,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("Soldaten"));
    let bad = write(dir.path(), "bad.txt", b"\x00\x01\x02binary");
    let out = claimtrack(&[
        "chart",
        "--log",
        "--out",
        &png.to_string_lossy(),
        &samples,
        &bad,
    ]);
    assert_eq!(out.status.code(), Some(1), "a file failed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt"));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    // Usage errors: no --out, an unknown image format.
    assert_eq!(claimtrack(&["chart", &samples]).status.code(), Some(2));
    assert_eq!(
        claimtrack(&["chart", "--out", "x.gif", &samples])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn extract_applies_a_workspace_of_corrections() {
    use claimtrack::io::workspace::{Change, Workspace, content_key};
    let dir = tempfile::tempdir().unwrap();
    let text = " date 2023-04\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen. Die Stadt sagte, 12 Schulen seien zu.";
    let article = write(dir.path(), "a.txt", text.as_bytes());
    let plain = claimtrack(&["extract", &article]);
    let json: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let claims = json["articles"][0]["claims"].as_array().unwrap().clone();
    assert_eq!(claims.len(), 2);
    let start = claims[1]["number"][0].as_u64().unwrap() as usize;
    let end = claims[1]["number"][1].as_u64().unwrap() as usize;
    let mut ws = Workspace::default();
    ws.set_correction(
        &content_key(text),
        claimtrack::model::Span::new(start, end),
        Change::Reject,
    );
    ws.entities.rename("Polizei", "Police");
    let ws_path = dir.path().join("w.json");
    ws.save(&ws_path).unwrap();
    let out = claimtrack(&[
        "extract",
        "--workspace",
        &ws_path.to_string_lossy(),
        &article,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = json["articles"][0]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "the rejected claim is gone");
    assert_eq!(claims[0]["source"]["entity"], "Police");
    // The same on one thread: --threads goes through the same load pipeline.
    let one = claimtrack(&[
        "extract",
        "--workspace",
        &ws_path.to_string_lossy(),
        "--threads",
        "1",
        &article,
    ]);
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, out.stdout);
    // A damaged workspace is a usage error naming it.
    std::fs::write(&ws_path, "{").unwrap();
    let out = claimtrack(&[
        "extract",
        "--workspace",
        &ws_path.to_string_lossy(),
        &article,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("w.json"));
}

/// Troops massed in one month from four sources, a later figure of one of them, and a
/// change figure; written for this test, in both languages.
const STORY: [(&str, &str); 7] = [
    (
        "a.txt",
        " date 2022-02-03\nKyiv (NPA) - Russia has massed about 120,000 troops near the border, Ukraine's defence ministry said on Thursday.",
    ),
    (
        "b.txt",
        " date 2022-02-10\nBrussels (NPA) - Russia has massed around 85,000 troops near Ukraine, NATO said on Thursday.",
    ),
    (
        "c.txt",
        " date 2022-02-14\nWashington (NPA) - Russia has massed some 90,000 troops along the border, the Pentagon said.",
    ),
    (
        "d.txt",
        " date 2022-02-20\nMoskau (npa) – Nach Angaben des russischen Verteidigungsministeriums sind rund 20.000 Soldaten an der Grenze zusammengezogen worden.",
    ),
    (
        "e.txt",
        " date 2022-03-05\nKyiv (NPA) - Russia has now massed about 175,000 troops near the border, Ukraine's defence ministry said.",
    ),
    (
        "f.txt",
        " date 2022-03-08\nKiew (npa) – Russland hat nach Angaben des ukrainischen Verteidigungsministeriums 55.000 Soldaten mehr als im Februar zusammengezogen.",
    ),
    (
        "g.txt",
        " date 2022-03-09\nKiew (npa) – Die Zahl der Panzer an der Grenze stieg nach Angaben der Regierung in Kiew um 300.",
    ),
];

#[test]
fn compare_finds_the_one_disagreement_and_the_revision_and_leaves_changes_out() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in STORY {
        write(dir.path(), name, text.as_bytes());
    }
    let folder = dir.path().to_string_lossy().to_string();
    let out = claimtrack(&["compare", "--format", "json", &folder]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let disagreements = json["disagreements"].as_array().unwrap();
    assert_eq!(disagreements.len(), 1, "{disagreements:#?}");
    let d = &disagreements[0];
    assert_eq!(d["concept"], "soldiers");
    assert_eq!(d["action"], "massed");
    assert_eq!(d["period"], "2022-02");
    let mut entities: Vec<&str> = d["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["entity"].as_str().unwrap())
        .collect();
    entities.sort_unstable();
    assert_eq!(entities, ["NATO", "Russia", "USA", "Ukraine"]);
    assert!(d["why"].as_str().unwrap().contains("Ukraine"));
    let revisions = json["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 1, "{revisions:#?}");
    let r = &revisions[0];
    assert_eq!(r["entity"], "Ukraine");
    assert_eq!(r["from"]["value"], 120_000.0);
    assert_eq!(r["to"]["value"], 175_000.0);
    assert_eq!(r["to"]["date"], "2022-03-05");
    assert!(r["from"]["path"].as_str().unwrap().ends_with("a.txt"));
    // The change figures are in no series, disagreement or revision.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("55000"), "the change figure is left out");
    assert!(json["left_out"]["changes"].as_u64().unwrap() >= 1);
    for s in json["series"].as_array().unwrap() {
        for c in s["claims"].as_array().unwrap() {
            assert_ne!(c["value"], 55_000.0);
        }
    }
    // Text: one readable line each; narrowing by subject and action.
    let out = claimtrack(&[
        "compare",
        "--subject",
        "Truppen",
        "--action",
        "massed",
        &folder,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("soldiers · massed, 2022-02: Ukraine ~120.000, NATO ~85.000, USA ~90.000, Russia ~20.000"),
        "{text}"
    );
    assert!(
        text.contains("Ukraine, soldiers · massed: ~120.000 (2022-02-03) -> ~175.000 (2022-03-05)"),
        "{text}"
    );
    assert!(!text.contains("tanks"), "{text}");
    // A window of 3 days around each date: the February claims are too far apart to
    // speak of the same time.
    let out = claimtrack(&["compare", "--window", "3", "--format", "json", &folder]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["disagreements"].as_array().unwrap().len(), 0);
    // Usage errors.
    assert_eq!(claimtrack(&["compare"]).status.code(), Some(2));
    assert_eq!(
        claimtrack(&["compare", "--window", "0", &folder])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        claimtrack(&["compare", "--format", "xml", &folder])
            .status
            .code(),
        Some(2)
    );
}

/// The text of every `<text>` element of an SVG, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_string())
        })
        .collect()
}

#[test]
fn chart_of_the_seed_story_is_fit_to_publish() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("seeds.svg");
    let out = claimtrack(&[
        "chart",
        "--out",
        &svg.to_string_lossy(),
        &seeds.to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    // German articles: a German chart.
    assert!(
        text.contains("<title>Zusammengezogene Soldaten, nach Quelle</title>"),
        "{}",
        &text[..text.len().min(600)]
    );
    let desc = &text[text.find("<desc>").unwrap()..text.find("</desc>").unwrap()];
    assert!(desc.contains("USA: etwa 100.000 (Januar 2022)"), "{desc}");
    let texts = svg_texts(&text);
    assert!(
        texts.iter().any(|t| t == "Soldaten"),
        "the value axis: {texts:?}"
    );
    assert!(!texts.iter().any(|t| t == "count"));
    let source = texts
        .iter()
        .find(|t| t.starts_with("Quelle: ") || t.starts_with("Quellen: "))
        .unwrap_or_else(|| panic!("no source line: {texts:?}"));
    assert!(
        source.contains("USA") && source.contains("Dezember 2021"),
        "{source}"
    );
    // English by choice, with options; a PNG of twice the size.
    let png = dir.path().join("seeds.png");
    let out = claimtrack(&[
        "chart",
        "--lang",
        "en",
        "--labels",
        "--width",
        "800",
        "--height",
        "500",
        "--title",
        "Troops at the border",
        "--credit",
        "Graphic: desk",
        "--out",
        &png.to_string_lossy(),
        &seeds.to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    assert_eq!((be(16), be(20)), (1600, 1000));
}

#[test]
fn compare_finds_no_disagreement_in_the_seed_story() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.exists() {
        return;
    }
    let out = claimtrack(&["compare", "--format", "json", &seeds.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["disagreements"].as_array().unwrap().len(), 0);
}
