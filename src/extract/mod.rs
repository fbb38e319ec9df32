//! Extraction: from a decoded article to its claims. A pipeline of pure stages over the text:
//! tokens ([`token`]) → sentences → numerals ([`numbers`]) → figures with kind, unit, subject
//! and action ([`figure`]) → sources and their scope ([`source`]) → entities ([`crate::extract::entity`]).
//! The word lists of each language are data ([`crate::extract::lexicon`]). Extraction never fails: odd
//! input yields fewer claims.

mod change;
pub mod concept;
pub(crate) mod ctx;
pub mod dateline;
pub(crate) mod entity;
pub mod explain;
pub(crate) mod figure;
pub mod lang;
pub(crate) mod lexicon;
pub(crate) mod numbers;
mod resolve;
mod sentence;
pub(crate) mod source;
pub(crate) mod token;

pub use entity::Aliases;
pub(crate) use sentence::split_sentences;

use std::rc::Rc;

use crate::extract::lexicon::sec;
use ctx::{Ctx, Sentence};
use source::Cue;

use crate::io::load::Document;
use crate::model::{Claim, DateFrom, ExtractedArticle, Lang, Source};

/// Extracts claims; holds the alias table (built-in plus the user's).
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    aliases: Aliases,
}

impl Extractor {
    /// An extractor with the built-in alias table.
    #[must_use]
    pub fn new() -> Self {
        Self {
            aliases: entity::builtin().clone(),
        }
    }

    /// An extractor with the built-in aliases plus the user's (which win).
    #[must_use]
    pub fn with_aliases(user: &Aliases) -> Self {
        let mut aliases = entity::builtin().clone();
        aliases.extend(user);
        Self { aliases }
    }

    /// Extracts the claims of a document, detecting its language.
    #[must_use]
    pub fn extract(&self, doc: &Document) -> ExtractedArticle {
        if doc.text.len().saturating_sub(doc.body_start) > CHUNK_BYTES {
            return self.extract_in_chunks(doc);
        }
        with_buffers(|prepared| {
            prepared.fill(&doc.text, doc.body_start);
            let lang = lang::detect_tokens(&prepared.lower, &prepared.toks);
            let (date, date_from) = article_date(doc);
            ExtractedArticle {
                path: doc.path.clone(),
                date,
                date_from,
                lang,
                claims: self.claims_prepared(&doc.text, prepared, lang),
                extras: Vec::new(),
            }
        })
    }

    /// A very long article is extracted piece by piece (cut at paragraph breaks, else at
    /// sentence ends, else at white space), so that memory stays proportional to a piece,
    /// not the article; each piece is read in its own language, the article's is that of the
    /// first. Only sources carried over
    /// from a sentence in the piece before are lost at the cuts.
    fn extract_in_chunks(&self, doc: &Document) -> ExtractedArticle {
        let text = doc.text.as_str();
        let start = if text.is_char_boundary(doc.body_start) {
            doc.body_start
        } else {
            0
        };
        let mut lang = None;
        let mut claims = Vec::new();
        for (a, b) in chunks(text, start, CHUNK_BYTES) {
            let piece = &text[a..b];
            // Each piece in its own language (a huge file may join articles of both).
            let piece_lang = with_buffers(|prepared| {
                prepared.fill(piece, 0);
                lang::detect_tokens(&prepared.lower, &prepared.toks)
            });
            lang.get_or_insert(piece_lang);
            for mut claim in self.claims(piece, 0, piece_lang) {
                claim.number = shift(claim.number, a);
                claim.sentence = shift(claim.sentence, a);
                if let Some(source) = &mut claim.source {
                    source.span = shift(source.span, a);
                }
                claims.push(claim);
            }
        }
        let (date, date_from) = article_date(doc);
        ExtractedArticle {
            path: doc.path.clone(),
            date,
            date_from,
            lang: lang.unwrap_or_default(),
            claims,
            extras: Vec::new(),
        }
    }

    /// The claims of `text[body_start..]`, with spans into the whole `text`.
    #[must_use]
    pub fn claims(&self, text: &str, body_start: usize, lang: Lang) -> Vec<Claim> {
        with_buffers(|prepared| {
            prepared.fill(text, body_start);
            self.claims_prepared(text, prepared, lang)
        })
    }

    /// The claims of a text already tokenized.
    fn claims_prepared(&self, text: &str, prepared: &mut Prepared, lang: Lang) -> Vec<Claim> {
        let cx = prepared.ctx(text, lang::get(lang));
        let sentences = split_sentences(&cx);
        // The figures first: what follows the last sentence with one is read only as far as
        // the sources of the figures before need it.
        let mut figures_of: Vec<Vec<figure::Figure>> = sentences
            .iter()
            .map(|s| figure::figures_in(&cx, *s))
            .collect();
        let Some(last) = figures_of.iter().rposition(|f| !f.is_empty()) else {
            return Vec::new();
        };
        let (cues, governed, end) = cues_needed(&cx, &sentences, last);
        let mut last_subject: Option<String> = None;
        let mut discourse = resolve::Discourse::new(&cx, &sentences);
        // The source each sentence passes on to a continuing sentence.
        // Shared, so that passing a source on from sentence to sentence copies no strings.
        let mut carried: Vec<Option<Rc<Source>>> = Vec::with_capacity(end);
        let mut quote_source: Vec<Option<Rc<Source>>> = vec![None; governed.len()];
        // Claims inside a quotation whose cue comes later: (claim, quotation).
        let mut pending: Vec<(usize, usize)> = Vec::new();
        let mut claims = Vec::new();
        for (si, s) in sentences.iter().enumerate().take(end) {
            let figures = std::mem::take(&mut figures_of[si]);
            // Sources are resolved where figures need them, the sentence's own for carry-over,
            // and the cues that govern a quotation.
            let picked = pick_for_sentence(&cues[si]);
            let governs = |k: usize| governed.iter().any(|(_, g)| *g == Some((si, k)));
            self.note_opener(&cx, *s, &cues[si], &mut discourse);
            let resolved: Vec<Option<Rc<Source>>> = cues[si]
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    (!figures.is_empty() || Some(k) == picked || governs(k))
                        .then(|| self.source_of(&cx, c, &mut discourse))
                        .map(Rc::new)
                })
                .collect();
            for (q, (_, g)) in governed.iter().enumerate() {
                if let Some((gs, k)) = *g
                    && gs == si
                {
                    quote_source[q].clone_from(&resolved[k]);
                }
            }
            // The governed quotation a token lies in.
            let quote_at = |k: usize| {
                governed
                    .iter()
                    .position(|(quote, g)| g.is_some() && quote.holds(k))
            };
            let own = picked.and_then(|k| resolved[k].clone());
            let in_quote = quote_at(s.first).and_then(|q| quote_source[q].clone());
            let inherited = if own.is_some() || names_nobody(&cx, *s) {
                None
            } else if in_quote.is_some() {
                in_quote
            } else if si > 0
                && cx.is_punct(sentences[si - 1].end - 1, ":")
                && carried[si - 1].is_some()
                && (sentences[si - 1].first..sentences[si - 1].end)
                    .any(|k| cx.in_sec(k, sec::SPEECH_VERB) || cx.in_sec(k, sec::SPEECH_LEAD))
            {
                // "Eine Analyse hat folgende Werte ergeben:" and the list after it (not a
                // heading such as "Ergebnisse:").
                carried[si - 1].clone()
            } else if si > 0 && source::continues_speech(&cx, *s) {
                // The sentence before, or with "demnach" the last source a little further back.
                // A subjunctive of the list (sei, habe, werde) carries past one sentence in the
                // indicative; a weaker sign (könnte, a verb in second place) only from the
                // sentence right before.
                let reach = if source::says_demnach(&cx, *s) {
                    3
                } else if source::carries_past_indicative(&cx, *s) {
                    2
                } else {
                    1
                };
                // "Inzwischen sind Vorwürfe bekannt geworden. Demnach ...": the report or actor
                // that opens the sentence before; for a subjunctive, only when nothing is
                // carried ("Die Kriminalpolizei bittet um Mithilfe. Der Mann sei 1,80 groß.").
                let demnach = source::says_demnach(&cx, *s);
                let opener = || {
                    let c = source::reported_subject(&cx, sentences[si - 1])?;
                    Some(self.source_aside(&cx, &c, &discourse))
                };
                let further = || (2..=reach.min(si)).find_map(|back| carried[si - back].clone());
                carried[si - 1].clone().or_else(|| {
                    if demnach {
                        opener().or_else(further)
                    } else if source::carries_past_indicative(&cx, *s) {
                        further().or_else(opener)
                    } else {
                        further()
                    }
                })
            } else if let Some(j) = pointed_back_from(&cx, &sentences, &cues, si) {
                let next = &cues[j];
                pick_for_sentence(next).map(|k| self.source_aside(&cx, &next[k], &discourse))
            } else {
                None
            };
            // A sentence whose only cues are verbs of stance still continues reported speech
            // for its other figures.
            let lead_inherited = if own.is_some()
                && cues[si].iter().all(|c| c.complement.is_some())
                && si > 0
                && source::continues_speech(&cx, *s)
            {
                carried[si - 1].clone()
            } else {
                None
            };
            // A reportive "soll" sentence states nothing itself, but continued speech runs
            // through it to the next subjunctive sentence.
            let reportive = own.is_none() && si > 0 && source::is_reportive(&cx, *s);
            let passed = if reportive {
                carried[si - 1].clone()
            } else {
                None
            };
            carried.push(own.clone().or_else(|| inherited.clone()).or(passed));
            self.note_sentence(&cx, *s, !cues[si].is_empty(), &mut discourse);
            if figures.is_empty() {
                continue;
            }
            let sentence_span = cx.span(s.first, s.end);
            for mut fig in figures {
                // "weitere 700 folgen": the subject of the figure before.
                if fig.subject.is_none()
                    && fig.num.first > 0
                    && cx.in_sec(fig.expr_first.saturating_sub(1), sec::MORE_OF_SAME)
                {
                    fig.subject = last_subject.clone().map(figure::Subject::carried);
                }
                // "schätzt die Zahl auf 120.000", "im Juni waren es 9.800": the thing counted before.
                if fig.subject.is_none()
                    && (s.first..fig.num.first).any(|k| cx.in_sec(k, sec::COUNTED_BEFORE))
                {
                    fig.subject = last_subject.clone().map(figure::Subject::carried);
                }
                if let Some(subject) = &fig.subject {
                    last_subject = Some(subject.text.clone());
                }
                let source = pick_for_figure(&cx, &cues[si], &fig)
                    .and_then(|k| resolved[k].clone())
                    .or_else(|| {
                        // No cue, or only verbs of stance that govern other clauses ("Sie
                        // habe ihm 10.000 Dollar versprochen" after reported speech).
                        if cues[si].iter().all(|c| c.complement.is_some()) {
                            inherited.clone().or_else(|| lead_inherited.clone())
                        } else {
                            None
                        }
                    })
                    .map(|shared| Source::clone(&shared));
                // A quotation is governed as a whole by its cue, not by cues inside it.
                let source = match quote_at(fig.num.first) {
                    Some(q) => {
                        if quote_source[q].is_none() {
                            pending.push((claims.len(), q));
                        }
                        quote_source[q].as_deref().cloned()
                    }
                    None => source,
                };
                let number = cx.span(fig.num.first, fig.num.end);
                let concept = concept::of(
                    fig.subject.as_ref().map(|s| s.text.as_str()),
                    fig.unit.as_deref(),
                    lang,
                );
                claims.push(Claim {
                    number,
                    text: number.slice(text).to_string(),
                    value: fig.num.value,
                    high: fig.num.high,
                    qualifier: fig.qualifier,
                    kind: fig.kind,
                    unit: fig.unit,
                    concept,
                    subject: fig.subject.map(|s| s.text),
                    action: fig.action,
                    is_change: fig.is_change,
                    sentence: sentence_span,
                    source,
                });
            }
        }
        for (c, q) in pending {
            claims[c].source = quote_source[q].as_deref().cloned();
        }
        claims
    }
}

/// The article's date: the document's (header or HTML metadata), else one its text states
/// near the top ([`dateline`]).
fn article_date(doc: &Document) -> (Option<crate::model::ArticleDate>, Option<DateFrom>) {
    if doc.date.is_some() {
        return (doc.date, doc.date_from);
    }
    match dateline::date_in_text(&doc.text, doc.body_start) {
        Some(d) => (Some(d), Some(DateFrom::Text)),
        None => (None, None),
    }
}

/// A text's lower-cased twin, tokens and their lexicon flags. The buffers are kept per thread
/// and reused from article to article, so that extracting many articles does not allocate
/// (and fault in) fresh memory for each.
/// Articles longer than this are extracted in pieces of about this size.
pub const CHUNK_BYTES: usize = 1 << 20;

fn shift(span: crate::model::Span, by: usize) -> crate::model::Span {
    crate::model::Span::new(span.start + by, span.end + by)
}

/// Cuts `text[start..]` into pieces of about `size` bytes: `(start, end)` byte ranges on
/// character boundaries, covering it without gaps, cut after a paragraph break where there
/// is one in the second half of a piece, else after a sentence end, else at white space.
#[must_use]
pub fn chunks(text: &str, start: usize, size: usize) -> Vec<(usize, usize)> {
    let size = size.max(16);
    let mut out = Vec::new();
    let mut a = start.min(text.len());
    while a < text.len() {
        if text.len() - a <= size {
            out.push((a, text.len()));
            break;
        }
        let mut limit = a + size;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let mut half = a + size / 2;
        while !text.is_char_boundary(half) {
            half -= 1;
        }
        let window = &text[half..limit];
        let cut = window
            .rfind("\n\n")
            .map(|i| half + i + 2)
            .or_else(|| {
                [". ", "! ", "? ", ".\n"]
                    .iter()
                    .filter_map(|end| window.rfind(end))
                    .max()
                    .map(|i| half + i + 2)
            })
            .or_else(|| window.rfind(char::is_whitespace).map(|i| half + i + 1))
            .unwrap_or(limit);
        let mut cut = if cut > a { cut } else { limit.max(a + 1) };
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.push((a, cut));
        a = cut;
    }
    out
}

#[derive(Default)]
pub(crate) struct Prepared {
    lower: String,
    toks: Vec<token::Token>,
    flags: Vec<&'static crate::extract::lexicon::TokenFlags>,
}

impl Prepared {
    pub(crate) fn fill(&mut self, text: &str, body_start: usize) {
        let body_start = if text.is_char_boundary(body_start) {
            body_start
        } else {
            0
        };
        token::lower_text_into(text, &mut self.lower);
        token::tokenize_into(text, body_start, &mut self.toks);
    }

    /// The view of `text` (already [`Prepared::fill`]ed) that the stages read, in `language`.
    pub(crate) fn ctx<'a>(
        &'a mut self,
        text: &'a str,
        language: &'static dyn lang::Language,
    ) -> Ctx<'a> {
        let lex = language.lexicon();
        ctx::token_flags_into(&self.lower, &self.toks, lex, &mut self.flags);
        Ctx {
            text,
            lower: &self.lower,
            toks: &self.toks,
            lex,
            language,
            flags: &self.flags,
            states_named: std::cell::RefCell::default(),
            titles: std::cell::RefCell::default(),
            name_pairs: std::cell::OnceCell::new(),
        }
    }
}

/// Runs `work` with this thread's reusable buffers.
pub(crate) fn with_buffers<R>(work: impl FnOnce(&mut Prepared) -> R) -> R {
    thread_local! {
        static BUFFERS: std::cell::RefCell<Prepared> = std::cell::RefCell::default();
    }
    BUFFERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffers) => {
            let result = work(&mut buffers);
            // Do not keep the memory of one huge article for ever.
            if buffers.lower.capacity() > 8 << 20 {
                *buffers = Prepared::default();
            }
            result
        }
        // Re-entered on this thread (not done today): use fresh buffers.
        Err(_) => work(&mut Prepared::default()),
    })
}

/// The cue that stands for a whole sentence: `unter Berufung auf` first, else the last one.
fn pick_for_sentence(cues: &[Cue]) -> Option<usize> {
    cues.iter()
        .position(|c| c.priority)
        .or_else(|| cues.iter().rposition(|c| !c.unnamed))
        .or_else(|| cues.len().checked_sub(1))
}

/// The cue for one figure: `unter Berufung auf` first, else the nearest cue whose own phrase
/// does not hold the figure.
fn pick_for_figure(cx: &Ctx, cues: &[Cue], fig: &figure::Figure) -> Option<usize> {
    let toll_nouns = cx.lex.sec(sec::TOLL_NOUN);
    let at = fig.num.first;
    // A figure inside a speaker's own phrase ("ein Verband mit 1.500 Mitgliedern teilte mit",
    // "X, which has 500,000 members, said") describes the speaker: nobody states it.
    if cues
        .iter()
        .any(|c| c.phrase.0 <= at && at < c.phrase.1 && !c.unnamed)
    {
        return None;
    }
    // A named cue wins over an unnamed one ("nach Erkenntnissen" beside "die Polizei registrierte").
    // A cue may state the figure: it is not in the cue's own phrase, and a verb of stance
    // governs it.
    // Only where a toll verb is among the cues: the subject's lower case costs an allocation.
    let toll = cues.iter().any(|c| c.toll)
        && (matches!(fig.action.as_deref(), Some("killed" | "injured"))
            || fig
                .subject
                .as_ref()
                .is_some_and(|subject| toll_nouns.contains(subject.text.to_lowercase().as_str())));
    let may_state = |c: &Cue| {
        !(c.phrase.0 <= at && at < c.phrase.1
            || c.complement.is_some_and(|from| at < from)
            || c.toll && toll)
    };
    let named = cues.iter().any(|c| !c.unnamed && may_state(c));
    let usable = |c: &Cue| may_state(c) && !(named && c.unnamed && !c.priority);
    if let Some(k) = cues.iter().position(|c| c.priority && usable(c)) {
        return Some(k);
    }
    let across = |c: &Cue| (c.at.min(at)..c.at.max(at)).any(|k| cx.is_punct(k, ";"));
    let verb_on_side = cues
        .iter()
        .any(|c| usable(c) && !across(c) && cx.in_sec(c.at, sec::SPEECH_VERB));
    cues.iter()
        .enumerate()
        .filter(|(_, c)| usable(c))
        // "Police estimated the crowd at 10,000; organisers said 50,000 attended": a cue
        // beyond a semicolon only when no speech verb stands on the figure's side of it.
        .min_by_key(|(_, c)| (across(c) && verb_on_side, c.at.abs_diff(at)))
        .map(|(k, _)| k)
}

/// The later sentence that points back to sentence `si` and names its source: the next one
/// ("Dies teilte die Polizei mit."), or, for a summary of several sentences ("Diese Ergebnisse
/// stellte das Amt am Dienstag vor."), one a few sentences on in the same paragraph with no
/// other cue between.
fn pointed_back_from(
    cx: &Ctx,
    sentences: &[Sentence],
    cues: &[Vec<Cue>],
    si: usize,
) -> Option<usize> {
    if si + 1 < sentences.len() && source::points_back(cx, sentences[si + 1]) {
        return Some(si + 1);
    }
    for j in si + 1..sentences.len().min(si + 5) {
        if cx.tok(sentences[j].first).is_some_and(|t| t.newlines > 0) {
            return None;
        }
        if !cues[j].is_empty() {
            return source::sums_up(cx, sentences[j]).then_some(j);
        }
    }
    None
}

/// Quotations, each with the cue that governs it (sentence, cue) if one does.
type Governed = Vec<(source::Quote, Option<(usize, usize)>)>;

/// The cues of the sentences that the claims of sentences `..=last` can depend on, the
/// quotations that can matter with the cue governing each, and the number of sentences to
/// read in order (`end`). Reading sentence by sentence stops after the last one with a
/// figure, or after the cue of a quotation holding one if that comes later; the cues are
/// found up to four sentences past the last one read (a sentence can point back to an
/// earlier one's figures) and in the sentences that can govern a quotation opened up to
/// sentence `end` (the one before it opens, the one it opens in, the one it closes in),
/// since such a quotation's cue can be in a sentence that is read. Sentences
/// left out have no cues in the list; nothing read looks at them, so the claims are the
/// same as when every sentence is read.
fn cues_needed(cx: &Ctx, sentences: &[Sentence], last: usize) -> (Vec<Vec<Cue>>, Governed, usize) {
    let n = sentences.len();
    let mut cues: Vec<Vec<Cue>> = vec![Vec::new(); n];
    let mut found = vec![false; n];
    let mut ensure = |cues: &mut Vec<Vec<Cue>>, j: usize| {
        if j < n && !found[j] {
            found[j] = true;
            cues[j] = source::cues_in(cx, sentences[j]);
        }
    };
    let quotes = match (sentences.first(), sentences.last()) {
        (Some(a), Some(b)) => source::quotations(cx, a.first, b.end),
        _ => Vec::new(),
    };
    let sentence_of = |k: usize| sentences.partition_point(|s| s.end <= k);
    // The quotations opened in sentences `..=upto`, their cues found.
    let mut governed_upto = |cues: &mut Vec<Vec<Cue>>, upto: usize| {
        for j in 0..n.min(upto + 5) {
            ensure(cues, j);
        }
        let opened: Vec<source::Quote> = quotes
            .iter()
            .filter(|q| sentence_of(q.open) <= upto)
            .copied()
            .collect();
        for q in &opened {
            let (a, b) = (sentence_of(q.open), sentence_of(q.close));
            for j in [a.saturating_sub(1), a, b] {
                ensure(cues, j);
            }
        }
        source::governors(cx, &opened, sentences, cues)
    };
    let holding = governed_upto(&mut cues, last);
    let end = holding
        .iter()
        .filter_map(|(_, g)| g.map(|(gs, _)| gs))
        .fold(last, usize::max)
        + 1;
    let governed = governed_upto(&mut cues, end);
    (cues, governed, end.min(n))
}

/// Whether the sentence says "hieß es" with nobody named: its figures have no source.
fn names_nobody(cx: &Ctx, s: Sentence) -> bool {
    (s.first..s.end)
        .any(|k| cx.in_sec(k, sec::IMPERSONAL_CUE) && cx.in_sec(k + 1, sec::IMPERSONAL_SUBJECT))
}

/// Extracts the claims of plain text (no header) in a given language: for tests and tools.
#[must_use]
pub fn claims_of(text: &str, lang: Lang) -> Vec<Claim> {
    Extractor::new().claims(text, 0, lang)
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_on_char_boundaries() {
        let text =
            "Erster Absatz über 300 Soldaten.\n\nZweiter Absatz: Ärger über 20 Panzer. ".repeat(50);
        for size in [16, 40, 100, 1000] {
            let cuts = chunks(&text, 3, size);
            assert_eq!(cuts.first().map(|c| c.0), Some(3));
            assert_eq!(cuts.last().map(|c| c.1), Some(text.len()));
            for w in cuts.windows(2) {
                assert_eq!(w[0].1, w[1].0);
            }
            for (a, b) in &cuts {
                assert!(a < b && text.is_char_boundary(*a) && text.is_char_boundary(*b));
            }
        }
        let one_line = "ü".repeat(5000);
        let cuts = chunks(&one_line, 0, 100);
        assert_eq!(cuts.last().map(|c| c.1), Some(one_line.len()));
    }

    #[test]
    fn a_long_article_in_pieces_finds_the_same_claims() {
        let para = "Nach Angaben der Polizei wurden rund 300 Menschen festgenommen. Die Regierung sagte, mehr als 12 Schulen seien geschlossen.\n\n";
        let text = format!(" date 2023-05\n{}", para.repeat(20_000));
        let doc = Document::from_text("big.txt", text.clone());
        assert!(text.len() > CHUNK_BYTES);
        let big = Extractor::new().extract(&doc);
        assert_eq!(big.claims.len(), 40_000);
        for c in &big.claims {
            assert!(matches!(c.text.as_str(), "300" | "12"));
            assert_eq!(c.number.slice(&text), c.text);
            assert!(c.sentence.contains(c.number));
        }
        assert!(big.claims.iter().all(|c| c.source.is_some()));
    }
}
