//! The sources met so far in an article, and what pronouns and roles refer back to.
//!
//! A source read by [`crate::sources::classify`] is remembered here as a
//! [`Classified`]; a later "she", "they", "the company" or "the source" is
//! resolved against what was met before it, newest first. Person names met
//! anywhere in the text are kept too, so that "Halek" completes to "Teodor
//! Halek" and a "she" after a named person is not taken for an earlier
//! anonymous one.

use std::rc::Rc;

use crate::lexicon::{BodyKind, PronounKind, WordClass};
use crate::sentence::SourceKind;
use crate::tokens::{PageMap, Reading};

/// A source as the rules read it. Its texts are shared rather than copied:
/// the [`Memory`] keeps every source met, and a pronoun or a role referring
/// back is handed its antecedent again (copying them was a sixth of the
/// allocations of a call).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classified {
    pub kind: SourceKind,
    /// The name it resolves to, for a named source; the phrase itself for an anonymous one.
    pub name: Option<Rc<str>>,
    /// Head word, lower case: what a later "the `<head>`" refers back to.
    pub head: Rc<str>,
    pub plural: bool,
    /// Stands for one person (named or not): what "he" or "she" can refer to.
    pub person: bool,
    /// The kind of body it is, when a word of its name or phrase says
    /// ("union", "company"): what "the union" or "the company" refers back to.
    pub body: Option<BodyKind>,
}

impl Classified {
    /// A source the phrase `r.tokens[start..end]` describes without naming it
    /// ("a senior official", "critics"): its name is the phrase itself.
    pub fn unidentified(r: &Reading, start: usize, end: usize, kind: SourceKind, head: &str) -> Classified {
        let person = kind == SourceKind::Anonymous && (head == "one" || r.lex.classes(head).is(WordClass::ANONYMOUS_ROLE));
        Classified { kind, name: Some(r.phrase(start, end).into()), head: head.into(), plural: kind == SourceKind::VagueGroup, person, body: None }
    }

    pub fn is_anonymous(&self) -> bool {
        self.kind.is_anonymous()
    }
}

/// One source met so far in the article.
#[derive(Clone, Debug)]
struct Entity {
    class: Classified,
    /// How many names had been mentioned when it was met.
    mentions: usize,
}

/// The sources met so far, newest last, for pronouns and roles to refer back to.
#[derive(Default)]
pub struct Memory {
    entities: Vec<Entity>,
    /// Full names of people mentioned anywhere so far ("Teodor Halek"), for "Halek".
    names: Vec<String>,
    /// The same names by their last word, the latest kept (keys from the page).
    by_surname: PageMap<String, String>,
    /// How many person names were mentioned so far, and the last one.
    mentions: usize,
    last_mention: Option<String>,
    /// Where a sentence's names are written while they are compared with the
    /// known ones: copied out only when new.
    name_buffer: String,
}

impl Memory {
    /// Remembers a classified source.
    pub fn remember(&mut self, class: &Classified) {
        self.entities.push(Entity { class: class.clone(), mentions: self.mentions });
        if self.entities.len() > 64 {
            self.entities.remove(0);
        }
    }

    /// Remembers the multi-word names of a sentence (two or more capitalised words).
    pub fn remember_names(&mut self, r: &Reading) {
        // A known person named again by surname ("Halek") is a mention too.
        for i in 0..r.len() {
            if r.is_proper(i) {
                if let Some(full) = self.by_surname.get(r.text(i)) {
                    self.mentions += 1;
                    set_if_changed(&mut self.last_mention, full);
                }
            }
        }
        let mut i = 0;
        while i < r.len() {
            if r.is_proper(i) && !r.is(i, WordClass::TITLE) {
                let start = i;
                while i < r.len() && r.is_proper(i) {
                    i += 1;
                }
                if i - start >= 2 && i - start <= 4 {
                    let mut name = std::mem::take(&mut self.name_buffer);
                    r.write_words(start, i, &mut name);
                    let person = i - start <= 3
                        && !(start..i).any(|k| {
                            r.is(k, WordClass::ORGANISATION | WordClass::OUTLET | WordClass::COMMON) || r.text(k).chars().all(|c| !c.is_lowercase())
                        })
                        && !(start > 0 && r.lw(start - 1) == "the");
                    if person {
                        self.mentions += 1;
                        set_if_changed(&mut self.last_mention, &name);
                    }
                    // Names come back often: copied only when new.
                    if let Some(last) = name.rsplit(' ').next() {
                        match self.by_surname.get_mut(last) {
                            Some(full) if *full == name => {}
                            Some(full) => full.clone_from(&name),
                            None => {
                                self.by_surname.insert(last.to_string(), name.clone());
                            }
                        }
                    }
                    if !self.names.contains(&name) {
                        self.names.push(name.clone());
                    }
                    self.name_buffer = name;
                }
            } else {
                i += 1;
            }
        }
        if self.names.len() > 64 {
            self.names.remove(0);
        }
    }

    /// The full name a surname stands for ("Halek" → "Teodor Halek").
    pub fn full_name(&self, name: &str) -> Option<&String> {
        let last = name.rsplit(' ').next()?;
        self.names.iter().rev().find(|full| full.len() > name.len() && full.rsplit(' ').next() == Some(last))
    }

    /// The person an interview's answers come from: the last named person
    /// met as a source, else the last person named anywhere so far.
    pub fn interviewee(&self) -> Option<Classified> {
        if let Some(person) = self.last(|e| e.kind == SourceKind::Person && e.person && !e.is_anonymous() && e.name.is_some()) {
            return Some(person.clone());
        }
        let name = self.last_mention.as_deref()?;
        let name = self.full_name(name).map_or(name, String::as_str);
        Some(Classified { kind: SourceKind::Person, name: Some(name.into()), head: "interviewee".into(), plural: false, person: true, body: None })
    }

    /// The newest source met that `fits`.
    pub fn last(&self, fits: impl Fn(&Classified) -> bool) -> Option<&Classified> {
        self.entities.iter().rev().map(|e| &e.class).find(|c| fits(c))
    }

    /// What a pronoun of `kind` ("she", "they", "it") stands for: the last
    /// fitting source, or an unresolved one.
    pub fn resolve_pronoun(&self, kind: PronounKind, pronoun: &str) -> Classified {
        if kind == PronounKind::Person {
            // A "she" right after a body spoke, with no person named since,
            // is the body's voice: "..., assures the company. ..., she added"
            // (a spokeswoman, or a translation's "elle" for "l'entreprise").
            if let Some(last) = self.entities.last().filter(|e| e.class.kind == SourceKind::Organisation && e.class.name.is_some() && !e.class.is_anonymous()) {
                if last.mentions == self.mentions {
                    return last.class.clone();
                }
            }
            let entity = self.entities.iter().rev().find(|e| e.class.person && !e.class.plural);
            // A person named since the last anonymous source is the likelier antecedent.
            let named_since = |e: &Entity| self.mentions > e.mentions;
            match entity {
                Some(e) if !(e.class.is_anonymous() && named_since(e)) => return e.class.clone(),
                _ => {
                    if let Some(name) = &self.last_mention {
                        let name = self.full_name(name).unwrap_or(name).as_str();
                        return Classified { kind: SourceKind::Person, name: Some(name.into()), head: pronoun.into(), plural: false, person: true, body: None };
                    }
                }
            }
        }
        let found = match kind {
            PronounKind::Person => self.last(|e| e.person && !e.plural),
            PronounKind::Group => self.last(|e| e.plural || matches!(e.kind, SourceKind::Organisation | SourceKind::Outlet)),
            PronounKind::Thing => self.last(|e| matches!(e.kind, SourceKind::Organisation | SourceKind::Outlet | SourceKind::Document | SourceKind::UnnamedDocument)),
            PronounKind::SelfRef => None,
        };
        match found {
            Some(antecedent) => antecedent.clone(),
            None => Classified {
                kind: if kind == PronounKind::Thing { SourceKind::Organisation } else { SourceKind::Person },
                name: None,
                head: pronoun.into(),
                plural: kind == PronounKind::Group,
                person: kind == PronounKind::Person,
                body: None,
            },
        }
    }
}

/// Sets `held` to `value`, copying it only when it differs, into the
/// string already held if there is one.
fn set_if_changed(held: &mut Option<String>, value: &str) {
    match held {
        Some(held) if held == value => {}
        Some(held) => {
            held.clear();
            held.push_str(value);
        }
        None => *held = Some(value.to_string()),
    }
}
