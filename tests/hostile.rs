//! Hostile and odd input files, through the loader, the pipeline and the real binary: each
//! gives a result or a clear error naming the file, nothing panics or hangs, and the good
//! files beside them still load.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimtrack::bench;
use claimtrack::extract::Extractor;
use claimtrack::io::origin::Origin;
use claimtrack::io::pipeline;

const GOOD: &str = " date 2023-04\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen.";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn load_all(paths: &[PathBuf]) -> pipeline::Loaded {
    let origins: Vec<Origin> = paths.iter().cloned().map(Origin::File).collect();
    pipeline::load_articles(
        &origins,
        &Extractor::new(),
        &pipeline::LoadOptions::default(),
    )
}

/// The peak resident memory (kB) of the binary run on `args`, read from /proc while it runs.
fn peak_memory_kb(args: &[&str]) -> (u64, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            for line in status.lines() {
                if let Some(v) = line.strip_prefix("VmHWM:") {
                    let kb: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    peak = peak.max(kb);
                }
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            return (peak, status.success());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_60_mb_article_stays_under_ten_times_its_size_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(" date 2024-01\n\n");
    for doc in bench::corpus(60_000_000) {
        text.push_str(&doc.text[doc.body_start..]);
        text.push_str("\n\n");
    }
    let size = text.len() as u64;
    let path = write(dir.path(), "huge.txt", text.as_bytes());
    drop(text);
    let (peak_kb, ok) = peak_memory_kb(&["extract", "--threads", "1", &path.to_string_lossy()]);
    assert!(ok);
    let peak = peak_kb * 1024;
    assert!(
        peak < 10 * size,
        "peak {} MB for a {} MB article",
        peak >> 20,
        size >> 20
    );
}

#[test]
fn very_long_lines_and_single_tokens_finish() {
    let dir = tempfile::tempdir().unwrap();
    // 8 MB of words without a full stop, and 8 MB of one "word".
    let words = "rund 300 Soldaten und zwölf Panzer ".repeat(240_000);
    let blob = "x".repeat(8 << 20);
    let files = [
        write(dir.path(), "line.txt", words.as_bytes()),
        write(dir.path(), "blob.txt", blob.as_bytes()),
    ];
    let started = Instant::now();
    let loaded = load_all(&files);
    assert!(loaded.errors.is_empty());
    assert_eq!(loaded.articles.len(), 2);
    assert!(loaded.articles[0].extracted.len() > 400_000);
    assert!(
        started.elapsed() < Duration::from_mins(1),
        "no quadratic step"
    );
}

#[test]
fn odd_files_give_results_or_errors_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(d, "good.txt", GOOD.as_bytes());
    let nul = write(
        d,
        "nul.txt",
        b"Die Polizei sagte, 300\0 Menschen seien gekommen.",
    );
    let bad_utf8 = write(
        d,
        "bad-utf8.txt",
        b"Laut Polizei kamen \xff\xfe rund 300 Menschen \xc3 nach M\xfcnchen.",
    );
    let mixed = write(
        d,
        "mixed.txt",
        b"date 2023-05\r\nDie Polizei sagte,\r 300 Menschen\n seien gekommen.\r\n",
    );
    let no_header = write(
        d,
        "no-header.txt",
        b"Die Polizei sagte, 300 Menschen seien gekommen.",
    );
    let binary = write(
        d,
        "photo.txt",
        &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0],
    );
    let empty = write(d, "empty.txt", b"");
    let missing = d.join("missing.txt");
    let folder_as_file = d.join("sub");
    std::fs::create_dir(&folder_as_file).unwrap();
    write(&folder_as_file, "inner.txt", GOOD.as_bytes());
    // A file name that is not UTF-8.
    let odd_name = d.join(OsString::from_vec(b"caf\xe9-\xff.txt".to_vec()));
    std::fs::write(&odd_name, "Laut Polizei kamen 40 Menschen.").unwrap();
    // A named pipe: reading it would block for ever.
    let fifo = d.join("pipe.txt");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());

    let mut paths = vec![
        good.clone(),
        nul,
        bad_utf8,
        mixed,
        no_header,
        binary.clone(),
        empty.clone(),
        missing.clone(),
        folder_as_file,
        odd_name,
    ];
    if made_fifo {
        paths.push(fifo.clone());
    }
    let loaded = load_all(&paths);
    let names: Vec<String> = loaded.articles.iter().map(|a| a.path.clone()).collect();
    for want in [
        "good.txt",
        "bad-utf8.txt",
        "mixed.txt",
        "no-header.txt",
        "inner.txt",
        "caf",
    ] {
        assert!(
            names.iter().any(|n| n.contains(want)),
            "{want} loads: {names:?}"
        );
    }
    let errors: Vec<String> = loaded.errors.iter().map(ToString::to_string).collect();
    for refused in [&binary, &empty, &missing] {
        let name = refused.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            errors.iter().any(|e| e.contains(&name)),
            "{name} refused: {errors:?}"
        );
    }
    if made_fifo {
        assert!(errors.iter().any(|e| e.contains("pipe.txt")), "{errors:?}");
    }
    // The NUL file is binary by our rule (a NUL byte) and named, or text: either way no panic.
    let mixed_article = loaded
        .articles
        .iter()
        .find(|a| a.path.contains("mixed.txt"))
        .unwrap();
    assert!(!mixed_article.text.contains('\r'));
    assert_eq!(
        mixed_article.date.map(|d| d.to_string()).as_deref(),
        Some("2023-05")
    );
    let no_header = loaded
        .articles
        .iter()
        .find(|a| a.path.contains("no-header"))
        .unwrap();
    assert!(no_header.date.is_none());
    assert_eq!(no_header.extracted.len(), 1);
}

#[test]
fn an_unreadable_file_is_named_and_the_rest_load() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", GOOD.as_bytes());
    let locked = write(dir.path(), "locked.txt", GOOD.as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        return;
    }
    let loaded = load_all(&[good, locked]);
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(loaded.errors.len(), 1);
    let error = loaded.errors[0].to_string();
    assert!(
        error.contains("locked.txt") && error.contains("cannot read"),
        "{error}"
    );
}

#[test]
fn a_folder_with_thousands_of_files_loads_them_all() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        write(
            dir.path(),
            &format!("{i:04}.txt"),
            format!("Die Polizei sagte, {} Menschen seien gekommen.", 10 + i).as_bytes(),
        );
    }
    write(dir.path(), "broken.txt", b"\0\0\0\0");
    let loaded = load_all(&[dir.path().to_path_buf()]);
    assert_eq!(loaded.articles.len(), 3000);
    assert_eq!(loaded.errors.len(), 1);
    assert!(loaded.errors[0].to_string().contains("broken.txt"));
}

#[test]
fn the_command_line_writes_whole_documents_and_names_each_failure() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(d, "good.txt", GOOD.as_bytes());
    let binary = write(
        d,
        "photo.txt",
        &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0],
    );
    let empty = write(d, "empty.txt", b"");
    let odd_name = d.join(OsString::from_vec(b"caf\xe9.txt".to_vec()));
    std::fs::write(&odd_name, b"\0\0binary").unwrap();
    for format in ["json", "csv"] {
        let out = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
            .arg("extract")
            .args(["--format", format])
            .arg(&good)
            .arg(&binary)
            .arg(&empty)
            .arg(&odd_name)
            .arg(d.join("missing.txt"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 4, "{stderr}");
        for name in ["photo.txt", "empty.txt", "caf", "missing.txt"] {
            assert!(stderr.contains(name), "{name}: {stderr}");
        }
        if format == "json" {
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(json["articles"].as_array().unwrap().len(), 1);
        } else {
            assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
        }
    }
    // Nothing but failures: an empty document, still whole.
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["extract"])
        .arg(&binary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["articles"].as_array().unwrap().is_empty());
}
