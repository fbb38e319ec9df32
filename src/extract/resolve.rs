//! Entity resolution: the stage after attribution. Turns each cue into a source with the
//! actor it stands for (`entity`), the side a person speaks for (`affiliation`), and whether
//! the entity is only a generic noun whose owner the article never names (`unresolved`),
//! reading the article's discourse: people and organisations named before, the state an
//! organ belongs to, and the alias table.

use crate::extract::Extractor;
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::entity;
use crate::extract::lexicon::sec;
use crate::extract::source::{self, Cue};
use crate::model::Source;
use std::rc::Rc;

/// What the article has said so far that later sources refer back to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Discourse {
    /// Full names of the people named so far, with the side each speaks for.
    people: Vec<(String, Option<String>)>,
    last_person: Option<String>,
    /// The last organisation named as a source or subject: what "it" or "der Konzern"
    /// refers to.
    last_org: Option<String>,
    /// The last organisation named that is neither a state nor a local body: what "der
    /// Konzern", "die Zeitung" or "dem Bericht" refers to.
    last_named: Option<String>,
    /// The last news agency or medium named: what "die Zeitung" refers to.
    last_media: Option<String>,
    /// Whether the last source was an organisation rather than a person: what "sie" and
    /// "they" refer to.
    org_spoke_last: bool,
    /// The place of the article's dateline (`Leipzig – Die Polizei ...`), for local bodies.
    place: Option<String>,
}

impl Discourse {
    /// A discourse for an article, with the place its dateline names.
    pub(crate) fn new(cx: &Ctx, sentences: &[Sentence]) -> Self {
        Self {
            place: dateline_place(cx, sentences),
            ..Self::default()
        }
    }

    fn person(&mut self, name: String, side: Option<String>) {
        match self.people.iter_mut().find(|(p, _)| *p == name) {
            Some((_, known)) => {
                if known.is_none() {
                    *known = side;
                }
            }
            None => self.people.push((name.clone(), side)),
        }
        self.last_person = Some(name);
    }

    /// The people a sentence names with a title (`Ministerin Anna Berg`).
    pub(crate) fn note_people(&mut self, cx: &Ctx, s: Sentence) {
        for name in source::people_in(cx, s) {
            self.person(name, None);
        }
    }

    fn full_name(&self, surname: &str) -> Option<&(String, Option<String>)> {
        self.people.iter().find(|(p, _)| ends_with_word(p, surname))
    }

    /// An organisation named as a source or subject.
    fn organisation(&mut self, cx: &Ctx, org: Option<String>, body_or_organ: bool) {
        if let Some(name) = &org
            && !body_or_organ
            && entity::states().lookup(name).is_none()
        {
            let lower = name.to_lowercase();
            let is_media = |w: &str| {
                is_media_word(cx, w) || w.strip_suffix('s').is_some_and(|b| is_media_word(cx, b))
            };
            if lower.split(' ').any(is_media) {
                self.last_media = Some(name.clone());
            } else {
                self.last_named = Some(name.clone());
            }
        }
        self.last_org = org;
    }

    /// What a definite generic noun or document at token `k` refers back to: a medium for
    /// `die Zeitung`, another organisation for `der Konzern`.
    fn referent(&self, cx: &Ctx, k: usize) -> Option<&String> {
        if cx.in_sec(k, sec::MEDIA) {
            // No medium named: unresolved rather than another organisation.
            self.last_media.as_ref()
        } else {
            self.last_named
                .as_ref()
                .or(self.last_media.as_ref())
                .or(self.last_org.as_ref())
        }
    }

    fn is_person(&self, entity: &str) -> bool {
        self.people.iter().any(|(p, _)| p == entity)
    }
}

impl Extractor {
    /// Turns a cue into a source with its entity, affiliation and whether the entity is
    /// unresolved, and updates the discourse.
    pub(crate) fn source_of(&self, cx: &Ctx, cue: &Cue, d: &mut Discourse) -> Source {
        let source = self.resolve(cx, cue, d);
        Self::refer_to_organisation(cx, cue, source, d)
    }

    /// Resolves a cue of another sentence (one pointed back to, or the opener `demnach`
    /// refers to) on a copy of the discourse, which it leaves as it was.
    pub(crate) fn source_aside(&self, cx: &Ctx, cue: &Cue, d: &Discourse) -> Rc<Source> {
        Rc::new(self.source_of(cx, cue, &mut d.clone()))
    }

    fn resolve(&self, cx: &Ctx, cue: &Cue, d: &mut Discourse) -> Source {
        let text = cue.span.slice(cx.text).to_string();
        let mut affiliation = None;
        let mut unresolved = false;
        let entity = if cue.unnamed {
            // "dem Bericht", "the report": a definite document of the owner named before.
            definite_document(cx, cue)
                .then(|| d.referent(cx, cue.head.0).cloned())
                .flatten()
        } else if cue.head.1 == cue.head.0 + 1 && cx.in_sec(cue.head.0, sec::DOCUMENT_NOUN) {
            // "Der Einigung zufolge": a document is no one.
            None
        } else if cue.pronoun {
            d.last_person.clone()
        } else if (cue.person || is_named_person(cx, cue))
            && self.lookup(cue.span.slice(cx.lower)).is_none()
            && !is_state_organ(cx, cue)
        {
            let (full, side) = match d.full_name(&text) {
                Some((full, side)) => (full.clone(), side.clone()),
                None => (
                    full_name_in_text(cx, cue).unwrap_or_else(|| text.clone()),
                    None,
                ),
            };
            affiliation = self.side_in_phrase(cx, cue).or(side);
            d.person(full.clone(), affiliation.clone());
            Some(full)
        } else if let Some((full, side)) = d.full_name(&text).cloned() {
            // A surname seen before with its first name.
            affiliation = side;
            d.last_person = Some(full.clone());
            Some(full)
        } else if let Some(full) = surname_alone(cx, cue)
            .then(|| full_name_in_text(cx, cue))
            .flatten()
        {
            // "sagte Feldmoser": the name the article gives in full elsewhere.
            d.person(full.clone(), None);
            Some(full)
        } else {
            let found = Self::local_body(cx, cue, d)
                .or_else(|| self.organisation_entity(cx, cue))
                .or_else(|| state_of_organ(cx, cue));
            unresolved = found.is_none() && is_generic(cx, cue);
            // "ein Medienbericht": a compound's owner that is itself no one.
            found
                .filter(|e| {
                    !cx.lex
                        .sec(sec::UNNAMED_SOURCE)
                        .contains(e.to_lowercase().as_str())
                })
                .or_else(|| Some(uninflected(cx, cue, &text)))
                .filter(|e| {
                    !cx.lex
                        .sec(sec::UNNAMED_SOURCE)
                        .contains(e.to_lowercase().as_str())
                })
        };
        Source {
            span: cue.span,
            text,
            entity,
            affiliation,
            unresolved,
        }
    }

    /// "It said", "its estimate": the pronoun stands for the last organisation named as a
    /// source or subject, not the last person; "der Konzern", "the company": the organisation
    /// named before; any other organisation source becomes the one they refer to next.
    fn refer_to_organisation(cx: &Ctx, cue: &Cue, mut source: Source, d: &mut Discourse) -> Source {
        if cue.pronoun {
            // With no organisation named yet, the last person as before. "Sie", "they": the
            // organisation when it spoke last ("die Forscher des Instituts ... Sie gehen von
            // ... aus").
            let all = |section| (cue.head.0..cue.head.1).all(|k| cx.in_sec(k, section));
            if d.last_org.is_some()
                && (all(sec::NEUTER_PRONOUN) || all(sec::GROUP_PRONOUN) && d.org_spoke_last)
            {
                source.entity.clone_from(&d.last_org);
            }
        } else if is_anaphoric(cx, cue)
            && let Some(referent) = d.referent(cx, cue.head.0)
            && (source.unresolved || source.entity.as_deref() == Some(source.text.as_str()))
        {
            // "Shell ... The company said": the organisation named before.
            source.entity = Some(referent.clone());
            source.unresolved = false;
        } else if (!cue.person || is_state_organ(cx, cue)) && !cue.unnamed && !source.unresolved {
            // A surname seen before is a person, not an organisation.
            if !source.entity.as_ref().is_some_and(|e| d.is_person(e)) {
                let body = is_state_organ(cx, cue) || is_local_body(cx, cue);
                d.organisation(cx, source.entity.clone(), body);
            }
        }
        if !cue.pronoun && !cue.unnamed {
            let person = source.entity.as_ref().is_some_and(|e| d.is_person(e));
            d.org_spoke_last = !person && (!cue.person || is_state_organ(cx, cue));
        }
        source
    }

    /// Notes what a sentence says that later sources refer back to: the people it names
    /// with a title, and the organisation it names last ("Der Technologieriese Halbrand will
    /// ...", "das Bundesamt für Migration (BAMF) hat ..."), or that opens it as its subject.
    pub(crate) fn note_sentence(&self, cx: &Ctx, s: Sentence, has_cues: bool, d: &mut Discourse) {
        d.note_people(cx, s);
        if let Some(org) = self.organisation_named_in(cx, s) {
            d.organisation(cx, Some(org), false);
        } else if !has_cues && let Some(org) = self.organisation_subject(cx, s) {
            d.organisation(cx, Some(org), false);
        }
    }

    /// "Carmaker Rover is to cut 1,100 jobs, the company has announced": the name that opens
    /// a sentence with an anaphoric cue is what "the company" stands for.
    pub(crate) fn note_opener(&self, cx: &Ctx, s: Sentence, cues: &[Cue], d: &mut Discourse) {
        if cues.iter().any(|c| is_anaphoric(cx, c))
            && let Some(np) = source::np_forward(cx, s.first, s.end)
            && cx.upper(np.head_first)
            && !cx.in_sec(np.head_first, sec::PRONOUN)
            && !cues.iter().any(|c| c.head.0 == np.head_first)
            && !cx.in_sec(np.head_first, sec::ANAPHORIC_NOUN)
            // German nouns are capitalised: one word opens as a name only when it is an
            // acronym or in the alias table ("Der Vorstand" is none).
            && (!cx.language.capitalises_nouns()
                || np.head_end > np.head_first + 1
                || source::is_acronym(cx, np.head_first)
                || self.lookup(cx.lower_at(np.head_first)).is_some())
            // Where only names are capitalised, one word the article also writes in lower
            // case is a common noun that opens the sentence ("Units pulled back").
            && !(np.head_end == np.head_first + 1
                && !source::is_acronym(cx, np.head_first)
                && (written_lower(cx, np.head_first)
                    || cx.lower_at(np.head_first).ends_with('s')
                        && !named_inside_a_sentence(cx, np.head_first)))
        {
            let text = cx.span(np.head_first, np.head_end).slice(cx.text);
            let name = cx
                .span(np.head_first, np.head_end)
                .slice(cx.lower)
                .rsplit(' ')
                .find_map(|w| self.lookup(w))
                .unwrap_or_else(|| text.to_string());
            d.organisation(cx, Some(name), false);
        }
    }

    /// The organisation a sentence opens with as its subject ("The National Audit Office
    /// has ..."): a capitalised name that is no person, or a name in the alias table.
    pub(crate) fn organisation_subject(&self, cx: &Ctx, s: Sentence) -> Option<String> {
        // "Russia denies targeting civilians": where only names are capitalised, a name in the
        // alias table that opens the sentence, before a verb the phrase would run into.
        if !cx.language.capitalises_nouns() {
            let mut end = s.first;
            while end < s.end && end < s.first + 4 && cx.is_word(end) && cx.upper(end) {
                end += 1;
            }
            if end > s.first
                && !cx.upper(end)
                && let Some(e) = self.lookup(cx.span(s.first, end).slice(cx.lower))
            {
                return Some(e);
            }
        }
        let np = source::np_forward(cx, s.first, s.end)?;
        let cue = source::cue(
            cx,
            (np.head_first, np.head_end),
            (np.start, np.end),
            s.first,
            np.person,
        );
        if np.person || cue.pronoun || cue.unnamed || !cx.upper(np.head_first) {
            return None;
        }
        let org = (np.head_first..np.head_end).any(|k| cx.in_sec(k, sec::ORG_NOUN))
            || source::is_acronym(cx, np.head_first)
            || self.lookup(cue.span.slice(cx.lower)).is_some();
        org.then(|| {
            self.organisation_entity(cx, &cue)
                .unwrap_or_else(|| cue.span.slice(cx.text).to_string())
        })
    }

    /// The entity of an organisation: its name, a part of a compound, or a place word in its
    /// phrase (`Verteidigungsministerium in Moskau`, `das russische Ministerium`). A place
    /// word never makes an organisation with a name of its own that place (`der deutsche
    /// Verband Digitakt`, `Asian Development Bank`).
    fn organisation_entity(&self, cx: &Ctx, cue: &Cue) -> Option<String> {
        // Lower-case text: the alias table is folded, so no allocation per lookup.
        let text = cue.span.slice(cx.lower);
        if let Some(e) = self.lookup(text) {
            return Some(e);
        }
        // "die Deutsche Bank": a capitalised adjective after the article is part of the name.
        let (h0, h1) = cue.head;
        if cx.language.capitalises_nouns()
            && h0 > 1
            && cx.is_word(h0 - 1)
            && cx.upper(h0 - 1)
            && cx.inflected(cx.lower_at(h0 - 1))
            && source::is_determiner(cx, h0 - 2)
        {
            let name = cx.span(h0 - 1, h1);
            return Some(
                self.lookup(name.slice(cx.lower))
                    .unwrap_or_else(|| name.slice(cx.text).to_string()),
            );
        }
        let named = descriptor_name(cx, cue.head.0, cue.head.1);
        if let Some((a, b)) = named {
            let name = cx.span(a, b);
            return Some(
                self.lookup(name.slice(cx.lower))
                    .unwrap_or_else(|| name.slice(cx.text).to_string()),
            );
        }
        // A name of its own: capitalised words only ("Deutsche Bank", "Asian Development
        // Bank"), not an organ or a generic noun ("US officials", "die russische Armee").
        let own_name = cue.head.1 > cue.head.0 + 1
            && (cue.head.0..cue.head.1)
                .all(|k| !cx.is_word(k) || cx.upper(k) || cx.in_sec(k, sec::NAME_JOINER))
            && cx.upper(cue.head.1 - 1)
            && !is_state_organ(cx, cue);
        let states = entity::states();
        // "das Ostland-Institut", "der Kalvar-Konzern": a place before an organisation's noun
        // in a compound names no state (unlike "US-Regierung" or "Kreml-Sprecher").
        let org_compound = text
            .rsplit_once('-')
            .is_some_and(|(_, last)| cx.lex.sec(sec::ANAPHORIC_NOUN).contains(last))
            && !is_state_organ(cx, cue);
        for part in text.split(['-', ' ']) {
            if let Some(e) = self.lookup(part)
                && !((own_name || org_compound) && states.lookup(&e).is_some())
            {
                return Some(e);
            }
        }
        let lo = cue.phrase.0.min(cue.head.0).saturating_sub(2);
        let hi = cue.phrase.1.max(cue.head.1);
        // Words inside an own name name no state ("Kalvar Institute"); before it they may
        // ("Ukraine's General Staff").
        let in_name = |k: usize| own_name && (cue.head.0..cue.head.1).contains(&k);
        (lo..hi)
            .find_map(|k| {
                name_at(cx, k, hi, |w| self.lookup(w))
                    .filter(|e| !(in_name(k) && states.lookup(e).is_some()))
            })
            .or_else(|| owner_in_phrase(cx, cue))
    }

    /// The organisation a sentence names last with a descriptor (`der Technologieriese
    /// Halbrand`, `carmaker Rover`) or with its acronym in brackets (`das Bundesamt für
    /// Migration (BAMF)`): the acronym where there is one.
    fn organisation_named_in(&self, cx: &Ctx, s: Sentence) -> Option<String> {
        let states = entity::states();
        let mut found = None;
        let mut k = s.first;
        while k < s.end {
            // "LONDON (NPA) -": the agency of a dateline names no organisation referred to.
            if cx.is_punct(k, "(")
                && !["-", "–", "—"].iter().any(|d| cx.is_punct(k + 3, d))
                && k > s.first
                && k + 2 < s.end
                && cx.is_punct(k + 2, ")")
                && cx.upper(k - 1)
                && source::is_acronym(cx, k + 1)
                && states.lookup(cx.lower_at(k + 1)).is_none()
            {
                let acronym = cx.lower_at(k + 1);
                found = Some(
                    self.lookup(acronym)
                        .unwrap_or_else(|| cx.text_at(k + 1).to_string()),
                );
                k += 3;
                continue;
            }
            if let Some((a, b)) = descriptor_name(cx, k, s.end) {
                let name = cx.span(a, b);
                found = Some(
                    self.lookup(name.slice(cx.lower))
                        .unwrap_or_else(|| name.slice(cx.text).to_string()),
                );
                k = b;
                continue;
            }
            k += 1;
        }
        found
    }

    /// Looks a lower-case alias up as written, then without a possessive or genitive ending.
    pub(crate) fn lookup(&self, lower: &str) -> Option<String> {
        self.aliases.lookup_inflected(lower).map(str::to_string)
    }
}

/// The organisation a spokesperson speaks for, named in their phrase: "a spokesman for Network
/// Rail", "a Home Office spokeswoman", "Oxfam's spokesman" (where nouns are not capitalised).
fn owner_in_phrase(cx: &Ctx, cue: &Cue) -> Option<String> {
    let (h0, h1) = cue.head;
    if cx.language.capitalises_nouns() || h1 != h0 + 1 || !cx.in_sec(h0, sec::SPEAKS_FOR_OWNER) {
        return None;
    }
    let name = |k: usize| cx.is_word(k) && cx.upper(k) && !source::is_determiner(cx, k);
    let (lo, hi) = (cue.phrase.0.min(h0), cue.phrase.1.max(h1));
    let first = (lo..hi).find(|&k| k != h0 && name(k))?;
    let mut end = first + 1;
    // "a spokesman for the Department of Health": "of/for" inside the name.
    while end < hi
        && end != h0
        && (name(end)
            || cx.in_sec(end, sec::NAME_JOINER)
                && !cx.in_sec(end, sec::COORDINATION)
                && end + 1 < hi
                && end + 1 != h0
                && name(end + 1))
    {
        end += 1;
    }
    let owner = cx.span(first, end).slice(cx.text);
    let owner = owner
        .strip_suffix("'s")
        .or_else(|| owner.strip_suffix("’s"))
        .unwrap_or(owner);
    Some(owner.to_string())
}

/// Whether a cue is a generic noun for an organisation after a definite article ("the
/// company"), which stands for the organisation named before.
fn is_anaphoric(cx: &Ctx, cue: &Cue) -> bool {
    !cue.person
        && !cue.unnamed
        && !is_state_organ(cx, cue)
        && cue.head.1 == cue.head.0 + 1
        && cue.head.0 > 0
        && cx.in_sec(cue.head.0, sec::ANAPHORIC_NOUN)
        && (cx.in_sec(cue.head.0 - 1, sec::ANAPHORIC_DETERMINER)
            || modified_after_article(cx, cue.head.0))
}

/// "the think tank", "der Münchner Konzern", "the state-owned company": one modifier
/// between the article and the generic noun at `k`.
fn modified_after_article(cx: &Ctx, k: usize) -> bool {
    k > 1
        && cx.in_sec(k - 2, sec::ANAPHORIC_DETERMINER)
        && cx.is_word(k - 1)
        && if cx.language.capitalises_nouns() {
            cx.inflected(cx.lower_at(k - 1))
        } else {
            !cx.upper(k - 1)
        }
}

/// Whether `name` ends with the word(s) `last` after a space: "Julianne Smith" and "Smith".
fn ends_with_word(name: &str, last: &str) -> bool {
    name.len() > last.len()
        && name.ends_with(last)
        && name.as_bytes().get(name.len() - last.len() - 1) == Some(&b' ')
}

/// The name at word `k` in a table: two words first ("Roten Kreuz", "Den Haag"), within
/// `hi`, then the word alone.
fn name_at<'a, T>(
    cx: &Ctx<'a>,
    k: usize,
    hi: usize,
    mut lookup: impl FnMut(&'a str) -> Option<T>,
) -> Option<T> {
    if !cx.is_word(k) {
        return None;
    }
    let pair = (k + 1 < hi && cx.is_word(k + 1))
        .then(|| lookup(cx.span(k, k + 2).slice(cx.lower)))
        .flatten();
    pair.or_else(|| lookup(cx.lower_at(k)))
}

/// Whether a cue's head is an organ of a state (`Gesundheitsministerium`, `government`), not
/// a local or regional one (`die Landesregierung`, `the provincial government`).
fn is_state_organ(cx: &Ctx, cue: &Cue) -> bool {
    let Some(head) = cue.head.1.checked_sub(1) else {
        return false;
    };
    let word = cx.lower_at(head);
    let local_part = cx
        .lex
        .sec(sec::LOCAL_ORGAN)
        .prefixes_of(word)
        .any(|p| word.len() > p.len() + 3);
    // "the central bank": an organ of two words.
    let pair = || {
        head > 0
            && cx
                .lex
                .sec(sec::STATE_ORGAN)
                .contains(cx.span(head - 1, head + 1).slice(cx.lower))
    };
    (cx.ends_with_any(word, sec::STATE_ORGAN) || pair())
        && !local_part
        && !(head > 0 && cx.in_sec(head - 1, sec::LOCAL_ORGAN))
}

/// The state an organ of a state stands for (`die spanische Regierung`, `das
/// Gesundheitsministerium` in an article about Belgium, `the Indian Government`): a state
/// named in its phrase, else the state the article named last before it.
fn state_of_organ(cx: &Ctx, cue: &Cue) -> Option<String> {
    if !is_state_organ(cx, cue) {
        return None;
    }
    let lo = cue.phrase.0.min(cue.head.0).saturating_sub(2);
    let hi = (cue.phrase.1.max(cue.head.1) + 2).min(cx.toks.len());
    // The first state named in the phrase, else the last one in the 2000 tokens before it.
    (lo..hi)
        .find_map(|k| state_named_at(cx, k))
        .or_else(|| (0..lo).rev().take(2000).find_map(|k| state_named_at(cx, k)))
        .map(str::to_string)
}

/// The state token `k` names (as [`name_at`] finds it), looked up once per token of an
/// article: organ after organ scans back over the same tokens.
fn state_named_at(cx: &Ctx, k: usize) -> Option<&'static str> {
    use crate::extract::ctx::StateAt;
    let mut memo = cx.states_named.borrow_mut();
    if memo.len() != cx.toks.len() {
        *memo = vec![StateAt::Unasked; cx.toks.len()];
    }
    let slot = memo.get_mut(k)?;
    if let StateAt::Unasked = slot {
        let states = entity::states();
        // The two words from `k` open with the word at `k`: one test refuses both.
        *slot = match (!states.refuses_opening(cx.lower_at(k)))
            .then(|| name_at(cx, k, cx.toks.len(), |w| states.lookup(w)))
            .flatten()
        {
            Some(state) => StateAt::State(state),
            None => StateAt::Nothing,
        };
    }
    match slot {
        StateAt::State(state) => Some(state),
        _ => None,
    }
}

/// Whether a cue's head is a name of two or more capitalised words opening with a given name
/// (`Julia Schmied`, `Hans-Werner Kornblum`).
fn is_named_person(cx: &Ctx, cue: &Cue) -> bool {
    let (h0, h1) = cue.head;
    h1 >= h0 + 2
        && (h0..h1).all(|k| cx.is_word(k) && cx.upper(k) && !source::is_acronym(cx, k))
        && entity::first_names().contains(cx.lower_at(h0))
}

/// Whether a cue is one capitalised word that may be a surname: no title, organ, body or
/// generic noun of the lexicon.
fn surname_alone(cx: &Ctx, cue: &Cue) -> bool {
    let (h0, h1) = cue.head;
    h1 == h0 + 1
        && cx.is_word(h0)
        && cx.upper(h0)
        && !source::is_acronym(cx, h0)
        && !source::is_title(cx, h0)
        && !cx.in_sec(h0, sec::ANAPHORIC_NOUN)
        && !cx.in_sec(h0, sec::ORG_NOUN)
        && !cx.ends_with_any(cx.lower_at(h0), sec::STATE_ORGAN)
        && !cx.ends_with_any(cx.lower_at(h0), sec::LOCAL_BODY)
}

/// The full name the article gives a surname in, at its first mention with a given name
/// before it (`des Ökonomen Bernhard Feldmoser` for `sagte Feldmoser`).
fn full_name_in_text(cx: &Ctx, cue: &Cue) -> Option<String> {
    let (h0, h1) = cue.head;
    if h1 != h0 + 1 {
        return None;
    }
    let surname = cx.lower_at(h0);
    let names = entity::first_names();
    // The capitalised words after a capitalised word, found once per article; a surname of
    // another length is passed over before its text is read.
    let pairs = cx.name_pairs.get_or_init(|| {
        (1..cx.toks.len())
            .filter(|&k| cx.upper(k) && cx.is_word(k - 1) && cx.upper(k - 1) && !cx.glued(k))
            .collect()
    });
    pairs.iter().find_map(|&k| {
        (cx.tok(k).is_some_and(|t| t.end - t.start == surname.len())
            && k != h0
            && cx.lower_at(k) == surname
            && names.contains(cx.lower_at(k - 1)))
        .then(|| format!("{} {}", cx.text_at(k - 1), cx.text_at(h0)))
    })
}

/// Whether a cue is a generic noun (`der Sprecher`, `the ministry`, `die Polizei`): with no
/// owner found, its entity is the noun, marked as unresolved.
fn is_generic(cx: &Ctx, cue: &Cue) -> bool {
    let (h0, h1) = cue.head;
    if h1 != h0 + 1 || !cx.is_word(h0) || source::is_acronym(cx, h0) {
        return false;
    }
    let w = cx.lower_at(h0);
    // "Ostland-Institut", "Siemens-Sprecher": a compound that names its owner.
    if cx.has_hyphen(h0) {
        return false;
    }
    if !cx.language.capitalises_nouns() {
        return !cx.upper(h0) || cx.in_sec(h0, sec::ANAPHORIC_NOUN);
    }
    source::is_title(cx, h0)
        || cx.in_sec(h0, sec::ANAPHORIC_NOUN)
        || cx.ends_with_any(w, sec::STATE_ORGAN)
        || cx.ends_with_any(w, sec::LOCAL_BODY)
}

/// Whether an unnamed cue is a document after a definite article or a possessive (`dem
/// Bericht`, `its latest report`), which stands for the owner named before; an indefinite
/// one (`einem Bericht`) has none.
fn definite_document(cx: &Ctx, cue: &Cue) -> bool {
    let (h0, h1) = cue.head;
    if h1 != h0 + 1 || !cx.in_sec(h0, sec::DOCUMENT_NOUN) {
        return false;
    }
    // Adjectives between: "its latest bi-annual report", "der neuen Prognose".
    article_before(cx, h0, 4, |k| cx.in_sec(k, sec::ANAPHORIC_DETERMINER))
}

/// Whether an article (`is_article`) stands within `reach` words before word `k`, with only
/// lower-case words (adjectives) between.
fn article_before(cx: &Ctx, k: usize, reach: usize, is_article: impl Fn(usize) -> bool) -> bool {
    (k.saturating_sub(reach)..k)
        .rev()
        .take_while(|&j| cx.is_word(j) && (!cx.upper(j) || is_article(j)))
        .any(&is_article)
}

/// The place a dateline opens the article with (`Leipzig – Die Polizei ...`, `LEEDS (Reuters)
/// -`), among the first sentences.
fn dateline_place(cx: &Ctx, sentences: &[Sentence]) -> Option<String> {
    sentences.iter().take(8).find_map(|s| {
        let k = s.first;
        let mut end = k;
        while end < s.end && end < k + 3 && cx.is_word(end) && cx.upper(end) {
            end += 1;
        }
        if end == k {
            return None;
        }
        let mut dash = end;
        // "(dpa)", "(Reuters)".
        if cx.is_punct(dash, "(") && cx.is_punct(dash + 2, ")") {
            dash += 3;
        }
        let is_dash = ["–", "-", "—"].iter().any(|d| cx.is_punct(dash, d));
        (is_dash && dash + 1 < s.end && cx.upper(dash + 1)).then(|| {
            let place = cx.span(k, end).slice(cx.text);
            if place
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            {
                // "LEEDS" -> "Leeds".
                let mut out = String::new();
                for (i, word) in place.split(' ').enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    let mut chars = word.chars();
                    if let Some(c) = chars.next() {
                        out.push(c);
                        out.extend(chars.flat_map(char::to_lowercase));
                    }
                }
                out
            } else {
                place.to_string()
            }
        })
    })
}

impl Extractor {
    /// The side a person speaks for, named in their phrase: a state (`Russlands
    /// Vize-Außenminister`, `US-Botschafterin`, `Russia's deputy foreign minister`) or an
    /// organisation (`bei der Nato`, `Siemens-Chef`), before the name or in an apposition
    /// after it.
    fn side_in_phrase(&self, cx: &Ctx, cue: &Cue) -> Option<String> {
        let (h0, h1) = cue.head;
        let before = cue.phrase.0.min(h0)..h0;
        let after = if cx.is_punct(h1, ",") {
            let end = (h1 + 1..(h1 + 10).min(cx.toks.len()))
                .find(|&k| cx.is_any_punct(k))
                .unwrap_or(h1 + 1);
            h1 + 1..end
        } else {
            h1..h1
        };
        let states = entity::states();
        before.chain(after).find_map(|k| {
            if !cx.is_word(k) {
                return None;
            }
            let w = cx.lower_at(k);
            let first = w.split_once(['-', '\u{2011}']).map(|(f, _)| f);
            if let Some(state) = states
                .lookup(w)
                .or_else(|| first.and_then(|f| states.lookup(f)))
            {
                return Some(state.to_string());
            }
            if !cx.upper(k) {
                return None;
            }
            if let Some(org) = self
                .lookup(w)
                .or_else(|| first.and_then(|f| self.lookup(f)))
            {
                return Some(org);
            }
            // "Siemens-Chef", "Verdi-Sprecherin": the name before a title.
            let text = cx.text_at(k);
            match text.split_once(['-', '\u{2011}']) {
                Some((name, _))
                    if name.chars().next().is_some_and(char::is_uppercase)
                        && name.chars().count() > 1
                        && source::is_title(cx, k) =>
                {
                    Some(name.to_string())
                }
                _ => None,
            }
        })
    }

    /// A local body with its place (`Polizei Leipzig` for `die Polizei in Leipzig`, `die
    /// Leipziger Polizei`, or `die Polizei` in an article datelined Leipzig); a national one
    /// (`die norwegische Polizei`) stands for its state.
    fn local_body(cx: &Ctx, cue: &Cue, d: &Discourse) -> Option<String> {
        let (h0, h1) = cue.head;
        let body = local_body_word(cx, cue)?;
        let states = entity::states();
        let german = cx.language.capitalises_nouns();
        // An official name ("Zentrale Staatsanwaltschaft zur Verfolgung von ...") is its own.
        let tail = cue.phrase.1.max(h1);
        if (body + 1..tail).any(|k| cx.is_word(k) && !cx.upper(k) && !cx.in_sec(k, sec::PLACE_LINK))
            || cx.is_word(tail)
                && !cx.upper(tail)
                && !cx.in_sec(tail, sec::PLACE_LINK)
                && cx.is_word(tail + 1)
                && cx.upper(tail + 1)
        {
            return None;
        }
        let lo = cue.phrase.0.min(h0);
        let hi = (cue.phrase.1.max(h1) + 2).min(cx.toks.len());
        // "Deutschlandweit habe die Polizei", "nationwide, police": the state's police.
        if let Some(state) = (lo.saturating_sub(4)..hi).find_map(|k| {
            let w = cx.lower_at(k);
            let stem = w.strip_suffix("weit").or_else(|| w.strip_suffix("wide"))?;
            states.lookup(stem)
        }) {
            return Some(state.to_string());
        }
        let mut place: Option<String> = None;
        for k in lo..hi {
            if k == body || !cx.is_word(k) {
                continue;
            }
            let w = cx.lower_at(k);
            if !cx.upper(k) {
                // "die norwegische Polizei": the state's police.
                if german && let Some(state) = states.lookup(w) {
                    return Some(state.to_string());
                }
                continue;
            }
            if !german
                && k < body
                && let Some(state) = states
                    .lookup(w)
                    .filter(|_| w.ends_with("ian") || w.ends_with("ish") || w.ends_with("ese"))
            {
                return Some(state.to_string());
            }
            let after_link = k > 0 && cx.in_sec(k - 1, sec::PLACE_LINK) || k == body + 1;
            if german
                && k < body
                && w.ends_with("er")
                && w.len() > 4
                && !cx.ends_with_any(w, sec::ADJECTIVE_ENDING_NOT_PLACE)
            {
                // "die Leipziger Polizei".
                place = Some(place_of_adjective(cx, cx.text_at(k)));
            } else if !german && k < body || after_link && k > body {
                place = Some(cx.text_at(k).to_string());
            }
            if place.is_some() {
                break;
            }
        }
        let place = place.or_else(|| d.place.clone())?;
        let body = cx.text_at(body);
        Some(if german {
            format!("{body} {place}")
        } else {
            format!("{place} {}", body.to_lowercase())
        })
    }
}

/// The place a German place adjective names: `Leipziger` -> `Leipzig`, `Münchner` ->
/// `München`; a capitalised word of the article that the stem begins (`Bremer` -> `Bremen`).
fn place_of_adjective(cx: &Ctx, adjective: &str) -> String {
    let stem = adjective.strip_suffix("er").unwrap_or(adjective);
    if let Some(k) = (0..cx.toks.len()).find(|&k| {
        let t = cx.text_at(k);
        cx.upper(k)
            && t.len() > stem.len()
            && t.len() <= stem.len() + 2
            && t.starts_with(stem)
            && !t.ends_with("er")
    }) {
        return cx.text_at(k).to_string();
    }
    // "Münchn" -> "München", "Dresdn" -> "Dresden".
    match stem.strip_suffix('n') {
        Some(s) if s.ends_with(|c: char| !"aeiouäöü".contains(c)) => format!("{s}en"),
        _ => stem.to_string(),
    }
}

/// The name after a descriptor of an organisation at word `k` (`Technologieriese Halbrand`,
/// `US-Autohersteller Nordwerk Motors (NWM)`, `carmaker Rover`): up to three capitalised words
/// before `limit`, or the acronym in brackets after them.
#[inline]
fn descriptor_name(cx: &Ctx, k: usize, limit: usize) -> Option<(usize, usize)> {
    // A capitalised word must follow (the first word of the name): tested where the call is
    // inlined, before the rest.
    if !cx.is_word(k) || k + 1 >= limit || !cx.upper(k + 1) || !cx.is_word(k + 1) {
        return None;
    }
    descriptor_name_before(cx, k, limit)
}

/// [`descriptor_name`] once a capitalised word follows word `k`.
fn descriptor_name_before(cx: &Ctx, k: usize, limit: usize) -> Option<(usize, usize)> {
    // In German an article must come before ("der deutsche Technologieriese Halbrand", after
    // an article and adjectives): tested first, it is cheap.
    if cx.language.capitalises_nouns()
        && !article_before(cx, k, 3, |j| source::is_determiner(cx, j))
        || !cx.ends_with_any(cx.lower_at(k), sec::ANAPHORIC_NOUN)
    {
        return None;
    }
    let states = entity::states();
    let name_word = |j: usize| {
        j < limit
            && cx.is_word(j)
            && cx.upper(j)
            && !source::is_title(cx, j)
            && !cx.in_sec(j, sec::STOP)
            && !cx.in_sec(j, sec::DETERMINER)
            && !cx.in_sec(j, sec::PRONOUN)
            && !cx.in_sec(j, sec::ANAPHORIC_NOUN)
            && !cx.in_sec(j, sec::SPEECH_VERB)
    };
    let on_line = |j: usize| cx.tok(j).is_some_and(|t| t.newlines == 0);
    let mut end = k + 1;
    while end < k + 4 && name_word(end) && on_line(end) {
        end += 1;
    }
    if end == k + 1 || states.lookup(cx.lower_at(k + 1)).is_some() {
        return None;
    }
    // German nouns are capitalised: a name after a descriptor is not one of them when a
    // lower-case word, punctuation or the sentence's end follows.
    if cx.language.capitalises_nouns() && end < limit && cx.is_word(end) && cx.upper(end) {
        return None;
    }
    if cx.is_punct(end, "(")
        && end + 2 < limit
        && cx.is_punct(end + 2, ")")
        && source::is_acronym(cx, end + 1)
    {
        return Some((end + 1, end + 2));
    }
    Some((k + 1, end))
}

/// Whether a cue's head holds a local body (`Polizei`, `police`).
fn is_local_body(cx: &Ctx, cue: &Cue) -> bool {
    local_body_word(cx, cue).is_some()
}

/// The word of a cue's head that names a local body (`Polizei`, `Kantonspolizei`, `police`).
fn local_body_word(cx: &Ctx, cue: &Cue) -> Option<usize> {
    (cue.head.0..cue.head.1)
        .find(|&k| cx.is_word(k) && cx.ends_with_any(cx.lower_at(k), sec::LOCAL_BODY))
}

/// A German name after `des` without its genitive `-s` where the article writes it so
/// elsewhere (`des Berliner Tagesspiegels` -> `Berliner Tagesspiegel`).
fn uninflected(cx: &Ctx, cue: &Cue, text: &str) -> String {
    let (h0, h1) = cue.head;
    let last = h1.saturating_sub(1);
    if !cx.language.capitalises_nouns()
        || h0 == 0
        || !cx.in_sec(h0 - 1, sec::GENITIVE_ARTICLE)
        || !cx.upper(last)
    {
        return text.to_string();
    }
    let word = cx.text_at(last);
    let Some(bare) = word
        .strip_suffix('s')
        .filter(|b| !b.ends_with('s') && b.len() > 2)
    else {
        return text.to_string();
    };
    let bare_lower = bare.to_lowercase();
    let org_noun = bare_lower
        .rsplit_once('-')
        .map_or(bare_lower.as_str(), |(_, last)| last);
    if is_media_word(cx, &bare_lower)
        || cx.lex.sec(sec::ANAPHORIC_NOUN).contains(org_noun)
        || (0..cx.toks.len()).any(|k| k != last && cx.text_at(k) == bare)
    {
        let cut = text.len() - 1;
        if text.is_char_boundary(cut) && text.ends_with('s') {
            return text[..cut].to_string();
        }
    }
    text.to_string()
}

/// Whether a lower-case word names a medium (`reuters`) or ends with a media noun
/// (`tagesblatt`).
fn is_media_word(cx: &Ctx, w: &str) -> bool {
    let media = cx.lex.sec(sec::MEDIA);
    media.contains(w)
        || media
            .suffixes_of(w)
            .any(|m| m.len() >= 5 && w.len() > m.len())
}

/// Whether the article writes the word at `k` in lower case somewhere (`units` for `Units`).
fn written_lower(cx: &Ctx, k: usize) -> bool {
    let lower = cx.lower_at(k);
    (0..cx.toks.len()).any(|j| j != k && cx.is_word(j) && !cx.upper(j) && cx.lower_at(j) == lower)
}

/// Whether the word at `k` stands capitalised inside a sentence somewhere, after another
/// word: a name, not a plural that opens a sentence.
fn named_inside_a_sentence(cx: &Ctx, k: usize) -> bool {
    let lower = cx.lower_at(k);
    (1..cx.toks.len()).any(|j| {
        j != k
            && cx.upper(j)
            && cx.is_word(j - 1)
            && !cx.is_any_punct(j - 1)
            && cx.lower_at(j) == lower
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::claims_of;
    use crate::model::Lang;

    fn sources(text: &str, lang: Lang) -> Vec<(String, Option<String>, Option<String>, bool)> {
        claims_of(text, lang)
            .into_iter()
            .filter_map(|c| c.source)
            .map(|s| (s.text, s.entity, s.affiliation, s.unresolved))
            .collect()
    }

    #[test]
    fn a_person_speaks_for_the_side_their_phrase_names() {
        let de = sources(
            "Russlands Vize-Außenminister Sergej Rjabow sagte, 300 Soldaten seien verlegt worden. \
             Julia Schmied, US-Botschafterin bei der Nato, sagte, es seien 100.000. \
             Rjabow sagte später, 40 Panzer seien zurückgekehrt.",
            Lang::De,
        );
        assert_eq!(de[0].1.as_deref(), Some("Sergej Rjabow"));
        assert_eq!(de[0].2.as_deref(), Some("Russia"));
        assert_eq!(de[1].2.as_deref(), Some("USA"));
        // The side is remembered with the person.
        assert_eq!(de[2].1.as_deref(), Some("Sergej Rjabow"));
        assert_eq!(de[2].2.as_deref(), Some("Russia"));
        let en = sources(
            "Russia's deputy foreign minister Sergei Ryabov said 300 troops had moved. \
             Julianne Smith, the US ambassador to Nato, said there were 100,000.",
            Lang::En,
        );
        assert_eq!(en[0].2.as_deref(), Some("Russia"));
        assert_eq!(en[1].2.as_deref(), Some("USA"));
    }

    #[test]
    fn a_generic_noun_without_an_owner_is_unresolved() {
        let de = sources(
            "Der Sprecher sagte, 15 Menschen seien verletzt worden.",
            Lang::De,
        );
        assert_eq!(de[0].1.as_deref(), Some("Sprecher"));
        assert!(de[0].3);
        let en = sources("The spokesman said 15 people were hurt.", Lang::En);
        assert!(en[0].3);
        // A name is resolved.
        let named = sources(
            "Die Polizei Leipzig teilte mit, 12 Menschen seien verletzt worden.",
            Lang::De,
        );
        assert!(!named[0].3);
    }
}
