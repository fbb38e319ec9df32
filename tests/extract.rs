//! Table-driven extraction tests from `tests/fixtures/extract/*.txt` (format in
//! `tests/fixtures/README.md`): every case's text against its complete list of expected claims,
//! spans included.

use std::fmt::Write as _;
use std::path::Path;

use claimtrack::extract::claims_of;
use claimtrack::extract::lang::detect;
use claimtrack::model::{Claim, Lang, Span};

/// One fixture case.
#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    text: String,
    claims: Vec<Vec<String>>,
    none: bool,
    /// The numbers (as in a claim's first field) of the claims that state a change; with a
    /// `change:` line every other claim must be a level. `None`: not checked.
    changes: Option<Vec<String>>,
    /// Expected concepts: number (as in a claim's first field) and concept.
    concepts: Vec<(String, String)>,
    xfail: Option<String>,
}

fn parse_file(path: &Path) -> Vec<Case> {
    let content = std::fs::read_to_string(path).expect("fixture file is readable UTF-8");
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    let mut cases = Vec::new();
    let mut current: Option<Case> = None;
    let mut texts: Vec<String> = Vec::new();
    let finish = |current: &mut Option<Case>, texts: &mut Vec<String>, cases: &mut Vec<Case>| {
        if let Some(mut case) = current.take() {
            case.text = texts.join("\n");
            texts.clear();
            cases.push(case);
        }
    };
    for (n, line) in content.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            finish(&mut current, &mut texts, &mut cases);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let case = current.get_or_insert_with(|| Case {
            file: file.clone(),
            line: n + 1,
            text: String::new(),
            claims: Vec::new(),
            none: false,
            changes: None,
            concepts: Vec::new(),
            xfail: None,
        });
        if let Some(t) = line.strip_prefix("text:") {
            texts.push(t.trim().to_string());
        } else if let Some(c) = line.strip_prefix("claim:") {
            let fields: Vec<String> = c.split('|').map(|f| f.trim().to_string()).collect();
            assert_eq!(fields.len(), 9, "{file}:{}: a claim has 9 fields", n + 1);
            case.claims.push(fields);
        } else if line.trim() == "claims: none" {
            case.none = true;
        } else if let Some(c) = line.strip_prefix("change:") {
            let list = case.changes.get_or_insert_with(Vec::new);
            if c.trim() != "none" {
                list.extend(c.split('|').map(|n| n.trim().to_string()));
            }
        } else if let Some(c) = line.strip_prefix("concept:") {
            let (number, concept) = c
                .split_once(" = ")
                .unwrap_or_else(|| panic!("{file}:{}: `concept: NUMBER = CONCEPT`", n + 1));
            case.concepts
                .push((number.trim().to_string(), concept.trim().to_string()));
        } else if let Some(r) = line.strip_prefix("xfail:") {
            case.xfail = Some(r.trim().to_string());
        } else {
            panic!("{file}:{}: unknown line {line:?}", n + 1);
        }
    }
    finish(&mut current, &mut texts, &mut cases);
    cases
}

/// The span of the N-th occurrence of `needle` (written `text@N`; `\n` stands for the line
/// break between two `text:` lines) in `text`.
fn find_span(text: &str, spec: &str) -> Option<Span> {
    let spec = spec.replace("\\n", "\n");
    let (needle, nth) = match spec.rsplit_once('@') {
        Some((n, k)) if k.parse::<usize>().is_ok() => (n, k.parse::<usize>().ok()?),
        _ => (spec.as_str(), 1),
    };
    let mut from = 0;
    let mut found = None;
    for _ in 0..nth {
        let pos = text[from..].find(needle)? + from;
        found = Some(Span::new(pos, pos + needle.len()));
        from = pos + needle.len().max(1);
    }
    found
}

fn parse_value(s: &str) -> (f64, Option<f64>) {
    match s.split_once("..") {
        Some((lo, hi)) => (lo.parse().unwrap(), Some(hi.parse().unwrap())),
        None => (s.parse().unwrap(), None),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Compares one claim with its expected fields; returns the differences.
fn compare(text: &str, got: &Claim, want: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let field = |k: usize| want[k].as_str();
    if field(0) != "*" {
        match find_span(text, field(0)) {
            Some(span) if span == got.number => {}
            Some(span) => problems.push(format!(
                "number {:?} at {:?}, expected {:?} at {span:?}",
                got.text,
                got.number,
                field(0)
            )),
            None => problems.push(format!("fixture number {:?} not in text", field(0))),
        }
    }
    if field(1) != "*" {
        let (v, h) = parse_value(field(1));
        let high_ok = match (h, got.high) {
            (None, None) => true,
            (Some(a), Some(b)) => close(a, b),
            _ => false,
        };
        if !close(v, got.value) || !high_ok {
            problems.push(format!(
                "value {}..{:?}, expected {}",
                got.value,
                got.high,
                field(1)
            ));
        }
    }
    let checks: [(usize, &str, Option<String>); 4] = [
        (2, "qualifier", Some(got.qualifier.to_string())),
        (3, "kind", Some(got.kind.to_string())),
        (4, "unit", got.unit.clone()),
        (6, "action", got.action.clone()),
    ];
    for (k, name, value) in checks {
        let expected = field(k);
        if expected == "*" {
            continue;
        }
        let expected = (expected != "-").then(|| expected.to_string());
        if expected != value {
            problems.push(format!("{name} {value:?}, expected {expected:?}"));
        }
    }
    if field(5) != "*" {
        let expected = (field(5) != "-").then(|| field(5).to_lowercase());
        if expected != got.subject.as_ref().map(|s| s.to_lowercase()) {
            problems.push(format!(
                "subject {:?}, expected {:?}",
                got.subject,
                field(5)
            ));
        }
    }
    match (field(7), &got.source) {
        ("*", _) | ("-", None) => {}
        ("-", Some(s)) => problems.push(format!("source {:?}, expected none", s.text)),
        (want, None) => problems.push(format!("no source, expected {want:?}")),
        (want, Some(s)) => match find_span(text, want) {
            Some(span) if span == s.span => {}
            _ => problems.push(format!(
                "source {:?} at {:?}, expected {want:?}",
                s.text, s.span
            )),
        },
    }
    if field(8) != "*" {
        let expected = (field(8) != "-").then(|| field(8).to_string());
        let got_entity = got.source.as_ref().and_then(|s| s.entity.clone());
        if expected != got_entity {
            problems.push(format!("entity {got_entity:?}, expected {expected:?}"));
        }
    }
    problems
}

fn run_case(case: &Case, lang: Lang) -> Option<String> {
    let claims = claims_of(&case.text, lang);
    let mut report = String::new();
    for c in &claims {
        assert!(
            case.text.is_char_boundary(c.number.start) && case.text.is_char_boundary(c.number.end)
        );
        assert!(
            c.sentence.contains(c.number),
            "number span inside its sentence"
        );
    }
    if claims.len() != case.claims.len() {
        let got: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
        let want: Vec<&str> = case.claims.iter().map(|c| c[0].as_str()).collect();
        let _ = write!(report, "found {got:?}, expected {want:?}");
        return Some(report);
    }
    for (got, want) in claims.iter().zip(&case.claims) {
        let problems = compare(&case.text, got, want);
        if !problems.is_empty() {
            let _ = write!(report, "[{}] {}; ", want[0], problems.join("; "));
        }
    }
    let claim_at = |number: &str| {
        let span = find_span(&case.text, number)?;
        claims.iter().find(|c| c.number == span)
    };
    if let Some(changes) = &case.changes {
        for number in changes {
            if claim_at(number).is_none() {
                let _ = write!(report, "change {number:?} is no claim; ");
            }
        }
        for c in &claims {
            let listed = changes
                .iter()
                .any(|n| find_span(&case.text, n) == Some(c.number));
            if c.is_change != listed {
                let _ = write!(
                    report,
                    "[{}] is_change {}, expected {listed}; ",
                    c.text, c.is_change
                );
            }
        }
    }
    for (number, concept) in &case.concepts {
        match claim_at(number) {
            Some(c) if c.concept.as_deref() == Some(concept.as_str()) => {}
            Some(c) => {
                let _ = write!(
                    report,
                    "[{number}] concept {:?}, expected {concept:?}; ",
                    c.concept
                );
            }
            None => {
                let _ = write!(report, "concept of {number:?}: no such claim; ");
            }
        }
    }
    (!report.is_empty()).then_some(report)
}

#[test]
fn extraction_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let (mut total, mut failed, mut gaps, mut fixed) = (0, Vec::new(), Vec::new(), Vec::new());
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // The file name's prefix names the language: `de_numbers.txt`.
        let prefix = name.split('_').next().unwrap_or_default();
        let Some(lang) = Lang::from_code(prefix) else {
            panic!(
                "{name}: unknown language prefix {prefix:?} (expected one of {:?})",
                Lang::ALL.map(Lang::code)
            );
        };
        let cases = parse_file(path);
        // The cases, read together, are detected as the file's language.
        let all: Vec<&str> = cases.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            detect(&all.join("\n\n")),
            lang,
            "{name}: its texts are not detected as {}",
            lang.code()
        );
        for case in cases {
            assert!(
                case.none || !case.claims.is_empty(),
                "{}:{}: no claims listed",
                case.file,
                case.line
            );
            total += 1;
            let outcome = run_case(&case, lang);
            let place = format!("{}:{}: {}", case.file, case.line, case.text);
            match (outcome, &case.xfail) {
                (None, None) => {}
                (None, Some(_)) => fixed.push(place),
                (Some(why), None) => failed.push(format!("{place}\n    {why}")),
                (Some(why), Some(reason)) => {
                    gaps.push(format!("{place}\n    {why} (known gap: {reason})"));
                }
            }
        }
    }
    println!(
        "{total} fixture cases: {} failed, {} known gaps",
        failed.len(),
        gaps.len()
    );
    if std::env::var_os("FIXTURE_VERBOSE").is_some() {
        for g in &gaps {
            println!("GAP {g}");
        }
    }
    for f in &fixed {
        println!("now passes, remove its xfail: {f}");
    }
    assert!(total >= 200, "at least 200 fixture cases");
    assert!(
        failed.is_empty(),
        "{} fixture cases failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
