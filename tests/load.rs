//! Loading: headers, encodings, HTML, folders and files that must be refused.

use claimtrack::io::load::{self, Document, ErrorKind};

#[test]
fn date_header_on_same_or_next_line() {
    let same = Document::from_text("a", " date 2021-12 Der Termin steht.".into());
    assert_eq!(same.date.unwrap().to_string(), "2021-12");
    assert_eq!(&same.text[same.body_start..], "Der Termin steht.");
    let next = Document::from_text("b", "date 2022-01-05\n\nText".into());
    assert_eq!(next.date.unwrap().to_string(), "2022-01-05");
    assert_eq!(&next.text[next.body_start..], "Text");
    let year = Document::from_text("c", "date 2020\nText".into());
    assert_eq!(year.date.unwrap().to_string(), "2020");
    let none = Document::from_text("d", "Ohne Kopf 2020".into());
    assert!(none.date.is_none());
    assert_eq!(none.body_start, 0);
}

#[test]
fn encodings_decode_to_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = "date 2023-01\n\nÜber 300 Menschen flohen aus Köln.";
    let mut utf16 = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_be_bytes());
    }
    let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    let variants: [(&str, Vec<u8>); 4] = [
        ("utf8.txt", text.as_bytes().to_vec()),
        (
            "bom.txt",
            [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
        ),
        ("utf16.txt", utf16),
        ("latin1.txt", latin1),
    ];
    for (name, bytes) in variants {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let doc = load::load_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.text, text, "{name} ({})", doc.encoding);
        assert_eq!(doc.date.unwrap().to_string(), "2023-01");
    }
}

#[test]
fn crlf_line_endings_are_normalised() {
    let doc = load::document_from_bytes(
        "x",
        b"date 2023-01\r\n\r\nZeile eins.\r\nZeile zwei.",
        false,
    )
    .unwrap();
    assert_eq!(doc.text, "date 2023-01\n\nZeile eins.\nZeile zwei.");
}

#[test]
fn html_is_reduced_to_article_text() {
    let html = br#"<!DOCTYPE html><html><head><meta property="article:published_time" content="2023-06-02T08:00:00Z"><title>Seite</title></head>
<body><nav>Start | Politik</nav><article><h1>UNHCR: 30.000 Menschen auf der Flucht</h1><p>Rund 30.000 Menschen sind nach Angaben des UNHCR geflohen.</p></article><footer>(c) 2023</footer></body></html>"#;
    let doc = load::document_from_bytes("page.html", html, true).unwrap();
    assert_eq!(doc.date.unwrap().to_string(), "2023-06-02");
    let body = &doc.text[doc.body_start..];
    assert!(
        body.starts_with("UNHCR: 30.000 Menschen auf der Flucht\n\nRund 30.000"),
        "{body}"
    );
    assert!(!body.contains("Politik") && !body.contains("(c)"));
}

#[test]
fn binary_and_empty_files_are_refused_with_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.txt");
    std::fs::write(&path, b"\xff\xd8\xff\xe0\0\x10JFIF\0").unwrap();
    let err = load::load_file(&path).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Binary(_)));
    assert!(err.to_string().contains("photo.txt"));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        load::load_file(&empty).unwrap_err().kind,
        ErrorKind::Empty
    ));
    let missing = dir.path().join("gone.txt");
    let err = load::load_file(&missing).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::NotFound));
    assert!(err.to_string().ends_with("gone.txt"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_end() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), "Zwei Menschen starben.").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let (files, errors) = load::expand_paths(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(errors.is_empty());
}
