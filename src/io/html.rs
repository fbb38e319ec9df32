//! Reduces an HTML page to its article text: the `<article>` element when there is one,
//! else the `<body>`, without scripts, styles, navigation and markup, with entities decoded
//! and block elements turned into paragraph breaks.

/// Elements whose content is never article text.
const SKIPPED: [&str; 9] = [
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg",
];

/// Elements that end a paragraph.
const BLOCKS: [&str; 17] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "blockquote",
    "figcaption",
    "title",
    "hr",
];

/// The readable text of an HTML page.
#[must_use]
pub fn article_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let region = find_element(&lower, "article")
        .or_else(|| find_element(&lower, "body"))
        .unwrap_or(0..html.len());
    // Without an <h1> in the article, the page <title> stands in for the headline.
    let has_headline = find_element(&lower[region.clone()], "h1").is_some();
    let title = find_element(&lower, "title")
        .filter(|_| !has_headline)
        .map(|t| strip(&html[t]))
        .unwrap_or_default();
    let body = strip(&html[region]);
    let mut out = String::new();
    if !title.trim().is_empty() {
        out.push_str(title.trim());
        out.push_str("\n\n");
    }
    out.push_str(body.trim());
    out.push('\n');
    out
}

/// The publication date from `article:published_time`, `datePublished` or a `<time datetime>`.
#[must_use]
pub fn published_date(html: &str) -> Option<crate::model::ArticleDate> {
    let lower = html.to_ascii_lowercase();
    for key in ["article:published_time", "datepublished", "<time datetime"] {
        let Some(pos) = lower.find(key) else { continue };
        let mut end = html.len().min(pos + 300);
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        let tail = &html[pos..end];
        let digits = tail.find(|c: char| c.is_ascii_digit())?;
        let candidate: String = tail[digits..].chars().take(10).collect();
        for len in [10, 7, 4] {
            if let Some(d) = candidate
                .get(..len)
                .and_then(crate::model::ArticleDate::parse)
            {
                return Some(d);
            }
        }
    }
    None
}

/// The byte range of the content of the first `<name ...>...</name>` in lower-cased HTML.
fn find_element(lower: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(rel) = lower[from..].find(&open) {
        let start = from + rel;
        let after = lower.as_bytes().get(start + open.len()).copied();
        if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            let content_start = start + lower[start..].find('>')? + 1;
            let close = format!("</{name}");
            let end = lower[content_start..]
                .find(&close)
                .map_or(lower.len(), |e| content_start + e);
            return Some(content_start..end);
        }
        from = start + open.len();
    }
    None
}

/// Removes tags, skips non-text elements, decodes entities, and folds white space.
fn strip(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skip_until: Option<String> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                push_text(&mut out, rest);
            }
            break;
        };
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = rest[1..gt].trim().to_ascii_lowercase();
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if let Some(until) = &skip_until {
            if closing && &name == until {
                skip_until = None;
            }
            continue;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            skip_until = Some(name);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) && !out.ends_with("\n\n") {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push_str(if out.is_empty() { "" } else { "\n\n" });
        }
    }
    out
}

/// Appends text with entities decoded and runs of white space folded to one space.
fn push_text(out: &mut String, text: &str) {
    let decoded = decode_entities(text);
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !(out.is_empty() || out.ends_with(' ') || out.ends_with('\n')) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Decodes named and numeric character references.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        if let (Some(e), Some(c)) = (end, decoded) {
            out.push(c);
            rest = &rest[e + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "euro" => '€',
        "pound" => '£',
        "ndash" => '–',
        "mdash" => '—',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "eacute" => 'é',
        "egrave" => 'è',
        "shy" => '\u{ad}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_text_only() {
        let html = "<html><head><title>T</title><script>var x = 5;</script></head><body>\
            <nav>Menü 1 2 3</nav><article><h1>Polizei: 300 Festnahmen</h1>\
            <p>Rund 300 Menschen wurden &uuml;ber Nacht festgenommen.</p></article></body></html>";
        let text = article_text(html);
        assert!(text.contains("Polizei: 300 Festnahmen\n\nRund 300 Menschen wurden über Nacht"));
        assert!(!text.contains("var x"));
        assert!(!text.contains("Menü"));
    }

    #[test]
    fn reads_published_date() {
        let html = r#"<meta property="article:published_time" content="2022-01-12T10:00:00Z">"#;
        assert_eq!(published_date(html).unwrap().to_string(), "2022-01-12");
    }
}
