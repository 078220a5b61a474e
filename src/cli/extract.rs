//! HTML input: find the article in the page, then cut its prose into blocks of text.
//!
//! Finding the article is Readability's job (`dom_smoothie`, a port of Mozilla's
//! readability.js, the algorithm behind Firefox's Reader View): it drops navigation,
//! asides, comments and boilerplate and returns the article's HTML. That HTML is then
//! parsed (`scraper`) and walked once: every block element (paragraph, heading, list
//! item, quote, table cell, ...) starts a new block, inline elements (links,
//! emphasis, spans) are joined into the text around them, white space is collapsed
//! as a browser would, and `<br>` becomes a line break inside the block (two of them in
//! a row end it). This is the same cut the extension makes on a live page, so both read
//! the same blocks.
//!
//! Of those blocks only the article's prose is analysed, as in the extension: captions
//! and credits, bylines, datelines, subheadings, link lists, labels, calls to action and
//! teaser cards are left out (`prose`), and the page's title goes first, as its headline.
//!
//! The walk is iterative: a page nested thousands of elements deep must not
//! overflow the stack.

mod prose;

use dom_smoothie::{Config, Readability};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use self::prose::{Kind, Tally};
use super::document::Document;
use super::Failure;

/// Elements that start and end a block of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "button", "select", "textarea", "input", "iframe",
    "object", "embed", "canvas", "audio", "video",
];

/// The fewest words a block needs to count as running text (a sentence, not a menu).
const MIN_PROSE_WORDS: usize = 8;
/// The same for text written without spaces between words (Chinese, Japanese): characters.
const MIN_PROSE_CHARS_UNSPACED: usize = 20;
/// The extension's test of a page that holds something but no article (extension/article.js):
/// mostly teasers (MIN_TEASERS cards or more, holding more prose than the rest), or a video's
/// page with less than VIDEO_PAGE_PROSE of prose. (The extension also wants 250 characters of
/// prose before it paints anything; the tool reads the shortest brief it is handed.)
const MIN_TEASERS: usize = 5;
const VIDEO_PAGE_PROSE: usize = 1500;
/// A teaser card: a container holding a linked label (its heading) and at most this much
/// prose, in at most two blocks, among at most TEASER_MAX_BLOCKS (as in the extension).
const TEASER_PROSE_CHARS: usize = 400;
const TEASER_MAX_BLOCKS: usize = 6;
const TEASER_LABEL_CHARS: usize = 240;

/// The deepest nesting of elements read. Chromium's HTML parser stops nesting at
/// 512 too; Readability's time grows with depth × size (a page 5,000 deep takes
/// it minutes), so deeper pages are refused rather than left to hang.
const MAX_DEPTH: usize = 512;

/// Extracts the article of an HTML page as a [`Document`] of blocks, the title first.
///
/// # Errors
/// When Readability finds no article, or what it finds holds no text.
pub fn article(html: &str, name: &str) -> Result<Document, Failure> {
    let no_article = || {
        Failure::input(format!(
            "found no article in the HTML page {name} (only menus, forms, short lines, teasers or a video's description)"
        ))
    };
    let page = Html::parse_document(html);
    let depth = nesting_depth(&page);
    if depth > MAX_DEPTH {
        return Err(Failure::input(format!(
            "{name} nests its elements {depth} deep; this tool reads pages nested at most {MAX_DEPTH} deep"
        )));
    }
    // Classes kept: they say which of the article's elements are captions or bylines.
    let config = Config { keep_classes: true, ..Config::default() };
    let mut readability = Readability::new(html, None, Some(config))
        .map_err(|e| Failure::input(format!("{name} could not be read as HTML: {e}")))?;
    let article = readability.parse().map_err(|_| no_article())?;

    let Prose { mut blocks, heading, teasers, teaser_chars } = prose_in(&Html::parse_fragment(&article.content));
    if !is_article(&blocks, teasers, teaser_chars, || is_video_page(&page)) {
        return Err(no_article());
    }
    // The article starts with its headline, read like any headline (not a claim): the
    // heading the article's content opens with, when Readability left one in (headings are
    // not prose, so it is not among the blocks; Readability makes an <h1> an <h2>), else the
    // title Readability read, as the extension does.
    let title = collapse_space(&article.title);
    let headline = heading.unwrap_or_else(|| title.clone());
    if !headline.is_empty() && blocks.first() != Some(&headline) {
        blocks.insert(0, headline.clone());
    }
    // Readability always returns its best candidate, even on a sign-in form or a
    // menu; an article has at least one block of running text beside its headline.
    if !blocks.iter().any(|block| block != &headline && is_running_text(block)) {
        return Err(no_article());
    }
    let mut document = Document::from_blocks(blocks, (!title.is_empty()).then_some(title));
    document.declared_lang = article.lang;
    Ok(document)
}

/// Whether the prose of a page makes an article, by the extension's test (`isArticle` in
/// extension/article.js) less its minimum length: not mostly teasers, not a video's description.
fn is_article(blocks: &[String], teasers: usize, teaser_chars: usize, video_page: impl FnOnce() -> bool) -> bool {
    // A character of a script written without spaces carries about a word's share of a
    // sentence: it counts twice.
    let chars: usize = blocks.iter().map(|b| prose::visible_length(b) + b.chars().filter(|&c| is_unspaced_script(c)).count()).sum();
    !(teasers >= MIN_TEASERS && teaser_chars > chars) && (chars >= VIDEO_PAGE_PROSE || !video_page())
}

/// Whether the page says it is a video's page: Open Graph type `video.*`, or a JSON-LD
/// `VideoObject` and no article type.
fn is_video_page(page: &Html) -> bool {
    let selector = |s: &str| Selector::parse(s).expect("a valid selector");
    let og_type = page.select(&selector(r#"meta[property="og:type"]"#)).next().and_then(|m| m.value().attr("content"));
    if let Some(kind) = og_type {
        if kind.to_ascii_lowercase().starts_with("video") {
            return true;
        }
        if kind.to_ascii_lowercase().contains("article") {
            return false;
        }
    }
    let mut video = false;
    for script in page.select(&selector(r#"script[type="application/ld+json"]"#)) {
        let text: String = script.text().collect::<String>().split_whitespace().collect();
        let typed = |name: &str| text.contains(&format!("\"@type\":\"{name}\""));
        let article = ["Article", "NewsArticle", "BlogArticle", "ReportageArticle", "AnalysisArticle", "OpinionArticle", "BlogPosting"];
        if article.iter().any(|name| typed(name)) {
            return false;
        }
        video |= typed("VideoObject");
    }
    video
}

/// Whether a block is running text: eight words, or, in a script written without spaces
/// between words (Chinese, Japanese: two pages of the benchmark were refused for that),
/// twenty of its characters.
fn is_running_text(block: &str) -> bool {
    block.split_whitespace().count() >= MIN_PROSE_WORDS
        || block.chars().filter(|&c| is_unspaced_script(c)).count() >= MIN_PROSE_CHARS_UNSPACED
}

/// Han, kana, Hangul, Thai and the other scripts that do not put spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x17FF      // Khmer
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF      // Han, extension A
        | 0x4E00..=0x9FFF      // Han
        | 0xAC00..=0xD7AF      // Hangul
        | 0xF900..=0xFAFF      // Han compatibility
        | 0x20000..=0x3134F)   // Han, supplementary planes
}

/// A list of other stories: an element that opens with, or follows, a heading such as
/// "More on this story" (as the extension's `isRelatedList`).
fn is_related_list(node: ElementRef<'_>) -> bool {
    let is_heading = |element: ElementRef<'_>| {
        matches!(element.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "b" | "strong")
            || element.value().attr("role") == Some("heading")
    };
    let related = |element: Option<ElementRef<'_>>| {
        element.is_some_and(|e| is_heading(e) && prose::is_related_heading(&e.text().collect::<String>()))
    };
    let first_child = node.children().find_map(ElementRef::wrap);
    let previous = node.prev_siblings().find_map(ElementRef::wrap);
    let own_heading = is_heading(node);
    related(first_child) || (!own_heading && related(previous))
}

/// What the walk knows of an element it is inside.
#[derive(Clone, Copy)]
struct Context {
    link: bool,
    bold: bool,
    kind: Option<Kind>,
    /// Where the element's blocks start, for the teaser test when it closes.
    first_block: usize,
    is_block: bool,
}

/// What the prose walk found in an article's HTML.
struct Prose {
    /// The prose blocks, in order (see [`prose`]).
    blocks: Vec<String>,
    /// The heading the article opens with, if it opens with one.
    heading: Option<String>,
    /// Teaser cards' prose blocks, and their characters (left out of `blocks`).
    teasers: usize,
    teaser_chars: usize,
}

/// The prose of a parsed article.
fn prose_in(parsed: &Html) -> Prose {
    let article_chars = prose::visible_length(&parsed.root_element().text().collect::<String>());
    let mut collector = Collector { prose_walk: true, ..Collector::default() };
    let mut contexts = vec![Context { link: false, bold: false, kind: None, first_block: 0, is_block: true }];
    walk(parsed, |node, closing| match node.value() {
        Node::Element(element) => {
            let tag = element.name();
            if closing {
                if tag == "pre" {
                    collector.preformatted -= 1;
                }
                let context = contexts.pop().expect("a context for every open element");
                if context.is_block {
                    collector.end_block();
                    // Not the article's outermost element: the article is no teaser.
                    if contexts.len() > 1 {
                        collector.close_container(context.first_block);
                    }
                }
                return false;
            }
            if SKIPPED_ELEMENTS.contains(&tag) {
                return false;
            }
            if tag == "br" {
                collector.line_break();
                return false;
            }
            if ElementRef::wrap(node).is_some_and(is_related_list) {
                return false;
            }
            let words = prose::class_words(element);
            // Chrome left in the article, unless it is the article's own wrapper.
            if prose::is_chrome(&words) {
                let inside = ElementRef::wrap(node).map_or(0, |e| prose::visible_length(&e.text().collect::<String>()));
                if inside * 2 < article_chars {
                    return false;
                }
            }
            collector.breaks = 0;
            let parent = *contexts.last().expect("the root context");
            let is_block = BLOCK_ELEMENTS.contains(&tag);
            if is_block {
                collector.end_block();
            }
            if tag == "pre" {
                collector.preformatted += 1;
            }
            contexts.push(Context {
                link: parent.link || tag == "a",
                bold: parent.bold || tag == "b" || tag == "strong",
                kind: parent.kind.or_else(|| prose::own_kind(tag, &words, element.attr("role"))),
                first_block: collector.blocks.len(),
                is_block,
            });
            true
        }
        Node::Text(text) => {
            if !text.trim().is_empty() {
                collector.breaks = 0;
            }
            collector.tallied_text(text, contexts.last().expect("the root context"));
            false
        }
        Node::Document | Node::Fragment => true,
        _ => false,
    });
    collector.end_block();
    let heading = collector.opening_heading();
    let (teasers, teaser_chars) = collector.teasers();
    Prose { blocks: collector.prose(), heading, teasers, teaser_chars }
}

/// The text of `html`'s block elements, in document order, each trimmed, none empty.
#[cfg(test)]
pub fn blocks_of(html: &str) -> Vec<String> {
    blocks_in(&Html::parse_fragment(html))
}

/// The text of the block elements of a parsed page or fragment, as [`blocks_of`].
pub fn blocks_in(parsed: &Html) -> Vec<String> {
    let mut collector = Collector::default();
    walk(parsed, |node, closing| match node.value() {
        Node::Element(element) => {
            let tag = element.name();
            if closing {
                if tag == "pre" {
                    collector.preformatted -= 1;
                }
                if BLOCK_ELEMENTS.contains(&tag) {
                    collector.end_block();
                }
                return false;
            }
            if SKIPPED_ELEMENTS.contains(&tag) {
                return false;
            }
            if tag == "br" {
                collector.line_break();
                return false;
            }
            if BLOCK_ELEMENTS.contains(&tag) {
                collector.end_block();
            }
            if tag == "pre" {
                collector.preformatted += 1;
            }
            true
        }
        Node::Text(text) => {
            collector.text(text);
            false
        }
        Node::Document | Node::Fragment => true,
        _ => false,
    });
    collector.end_block();
    collector.blocks
}

/// Visits the nodes of `parsed` in document order without recursion (a page
/// may nest deeper than the stack allows): `visit(node, false)` when a node is
/// met, and for an element whose children it went into, `visit(node, true)`
/// after them. `visit` answers, when a node is met, whether to go into it.
fn walk<'a>(parsed: &'a Html, mut visit: impl FnMut(NodeRef<'a, Node>, bool) -> bool) {
    let mut stack = vec![(parsed.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        if visit(node, closing) && !closing {
            if node.value().is_element() {
                stack.push((node, true));
            }
            stack.extend(node.children().rev().map(|child| (child, false)));
        }
    }
}

/// How deep elements nest in `page`, counted without recursion.
pub fn nesting_depth(page: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(page.tree.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(node.children().filter(|child| child.value().is_element()).map(|child| (child, depth + 1)));
    }
    deepest
}

#[derive(Default)]
struct Collector {
    blocks: Vec<String>,
    current: String,
    /// How many `<pre>` elements we are inside: there, white space is kept.
    preformatted: usize,
    /// For the prose walk: each block's kind, whether it is a teaser's and whether it is
    /// mostly a link, and the characters of the current block under each kind of element.
    kinds: Vec<(Kind, bool, bool)>,
    tally: Tally,
    /// `<br>`s in a row: two end the block (the prose walk only).
    breaks: usize,
    /// Whether blocks are classed as they end ([`prose_in`]), or only cut ([`blocks_in`]).
    prose_walk: bool,
}

impl Collector {
    /// Text under `context` (the prose walk): counted for the block's kind.
    fn tallied_text(&mut self, text: &str, context: &Context) {
        self.text(text);
        let chars = prose::visible_length(text);
        if context.link {
            self.tally.link += chars;
        }
        if context.bold {
            self.tally.bold += chars;
        }
        match context.kind {
            Some(Kind::Heading) => self.tally.heading += chars,
            Some(Kind::Caption) => self.tally.caption += chars,
            Some(Kind::Meta) => self.tally.meta += chars,
            _ => {}
        }
    }

    /// A container closed: if it is a teaser card (a linked label and a line or two of
    /// prose), its prose summarises another page.
    fn close_container(&mut self, first: usize) {
        let count = self.kinds.len() - first;
        if !(2..=TEASER_MAX_BLOCKS).contains(&count) {
            return;
        }
        let mut label = false;
        let (mut prose, mut chars) = (0, 0);
        for (block, &(kind, teaser, linked)) in self.blocks[first..].iter().zip(&self.kinds[first..]) {
            if teaser {
                return;
            }
            match kind {
                // The card's heading: a short line that is mostly a link (a linked <h3> or not).
                _ if linked && prose::visible_length(block) < TEASER_LABEL_CHARS => label = true,
                Kind::Prose => {
                    prose += 1;
                    chars += prose::visible_length(block);
                }
                _ => {}
            }
        }
        if label && (1..=2).contains(&prose) && chars <= TEASER_PROSE_CHARS {
            for entry in &mut self.kinds[first..] {
                entry.1 |= entry.0 == Kind::Prose;
            }
        }
    }

    /// The heading the article opens with: its first block, when that is a heading and
    /// not a link (a live page's first post heading comes after the post's time: no).
    fn opening_heading(&self) -> Option<String> {
        match self.kinds.first() {
            Some(&(Kind::Heading, _, false)) => Some(collapse_space(&self.blocks[0])),
            _ => None,
        }
    }

    /// How many prose blocks are teasers', and their characters.
    fn teasers(&self) -> (usize, usize) {
        self.blocks.iter().zip(&self.kinds).filter(|(_, (kind, teaser, _))| *kind == Kind::Prose && *teaser).fold((0, 0), |(n, chars), (block, _)| (n + 1, chars + prose::visible_length(block)))
    }

    /// The prose blocks, teasers left out.
    fn prose(self) -> Vec<String> {
        self.blocks.into_iter().zip(self.kinds).filter(|(_, (kind, teaser, _))| *kind == Kind::Prose && !teaser).map(|(b, _)| b).collect()
    }

    fn text(&mut self, text: &str) {
        if self.preformatted > 0 {
            self.current.push_str(text);
            return;
        }
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        // Two line breaks in a row end a paragraph set without <p>s (the prose walk).
        if self.prose_walk {
            self.breaks += 1;
            if self.breaks >= 2 {
                self.end_block();
                return;
            }
        }
        let kept = self.current.trim_end_matches(' ').len();
        self.current.truncate(kept);
        if !self.current.is_empty() {
            self.current.push('\n');
        }
    }

    fn end_block(&mut self) {
        let block = self.current.trim();
        if !block.is_empty() {
            if self.prose_walk {
                let linked = self.tally.link * 2 > prose::visible_length(block);
                self.kinds.push((prose::classify(block, &self.tally), false, linked));
            }
            self.blocks.push(block.to_string());
        }
        self.current.clear();
        self.tally = Tally::default();
    }
}

fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_elements_split_and_inline_elements_join() {
        let blocks = blocks_of(
            "<div><h2>Port  reopens</h2><p>The <a href=#>harbour</a> opened <em>again</em>, said\n  <b>Ada</b>.</p>\
             <ul><li>One</li><li>Two</li></ul><blockquote><p>Quoted.</p></blockquote></div>",
        );
        assert_eq!(blocks, ["Port reopens", "The harbour opened again, said Ada.", "One", "Two", "Quoted."]);
    }

    #[test]
    fn line_breaks_stay_inside_their_block() {
        assert_eq!(blocks_of("<p>First line <br> second line</p>"), ["First line\nsecond line"]);
    }

    #[test]
    fn scripts_styles_and_forms_are_not_text() {
        let blocks =
            blocks_of("<p>Kept.<script>var x = '<p>no</p>';</script><style>p{}</style><button>Share</button></p>");
        assert_eq!(blocks, ["Kept."]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            blocks_of("<p>Fish &amp; chips &lt;3 &quot;yes&quot; &#8212; ok</p>"),
            ["Fish & chips <3 \"yes\" — ok"]
        );
    }

    #[test]
    fn preformatted_text_keeps_its_spaces() {
        assert_eq!(blocks_of("<pre>a  b\n  c</pre>"), ["a  b\n  c"]);
    }

    #[test]
    fn measures_nesting_depth() {
        let page = Html::parse_document(&format!("<p>{}x{}</p>", "<b>".repeat(600), "</b>".repeat(600)));
        // html, body, p, then the 600 b elements.
        assert_eq!(nesting_depth(&page), 603);
        let failure =
            article(&format!("<p>{}x{}</p>", "<b>".repeat(600), "</b>".repeat(600)), "deep.html").unwrap_err();
        assert!(failure.message.contains("nests its elements 603 deep"), "{}", failure.message);
    }

    #[test]
    fn finds_no_article_in_a_menu_and_a_form() {
        let page = "<html><head><title>Sign in</title></head><body><nav><a href=/>Home</a> <a href=/x>Help</a></nav>\
                    <form><input name=u><button>Go</button></form></body></html>";
        let failure = article(page, "login.html").unwrap_err();
        assert!(failure.message.contains("found no article"), "{}", failure.message);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        // Spans, not divs: the HTML parser's own block-scope checks make deep divs slow
        // (quadratic) without telling anything more about this walk.
        let depth = 50_000;
        let html = format!("<p>{}Deep text.{}</p>", "<span>".repeat(depth), "</span>".repeat(depth));
        assert_eq!(blocks_of(&html), ["Deep text."]);
    }

    proptest::proptest! {
        /// Any markup at all, well-formed or not, gives trimmed non-empty blocks.
        #[test]
        fn any_markup_gives_clean_blocks(html in "(<(/?)(p|div|b|br|pre|script|li|h1)( x=\"y\")?>|&[a-z#0-9]{0,6};?|\\PC| |\n){0,80}") {
            for block in blocks_of(&html) {
                proptest::prop_assert!(!block.is_empty());
                proptest::prop_assert_eq!(block.trim(), block.as_str());
            }
        }
    }
}
