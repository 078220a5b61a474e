//! HTML input: find the article in the page, then cut it into blocks of text.
//!
//! Finding the article is Readability's job (`dom_smoothie`, a port of Mozilla's
//! readability.js, the algorithm behind Firefox's Reader View): it drops navigation,
//! asides, comments and boilerplate and returns the article's HTML. That HTML is then
//! parsed (`scraper`) and walked once: every block element (paragraph, heading, list
//! item, quote, table cell, ...) starts a new block, inline elements (links,
//! emphasis, spans) are joined into the text around them, white space is collapsed
//! as a browser would, and `<br>` becomes a line break inside the block. This is
//! the same cut the extension makes on a live page, so both read the same blocks.
//!
//! The walk is iterative: a page nested thousands of elements deep must not
//! overflow the stack.

use dom_smoothie::{Config, Readability};
use scraper::{Html, Node};

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

/// The deepest nesting of elements read. Chromium's HTML parser stops nesting at
/// 512 too; Readability's time grows with depth × size (a page 5,000 deep takes
/// it minutes), so deeper pages are refused rather than left to hang.
const MAX_DEPTH: usize = 512;

/// Extracts the article of an HTML page as a [`Document`] of blocks, the title first.
///
/// # Errors
/// When Readability finds no article, or what it finds holds no text.
pub fn article(html: &str, name: &str) -> Result<Document, Failure> {
    let no_article =
        || Failure::input(format!("found no article in the HTML page {name} (only menus, forms or short lines)"));
    let depth = nesting_depth(&Html::parse_document(html));
    if depth > MAX_DEPTH {
        return Err(Failure::input(format!(
            "{name} nests its elements {depth} deep; this tool reads pages nested at most {MAX_DEPTH} deep"
        )));
    }
    let mut readability = Readability::new(html, None, Some(Config::default()))
        .map_err(|e| Failure::input(format!("{name} could not be read as HTML: {e}")))?;
    let article = readability.parse().map_err(|_| no_article())?;

    let mut blocks = blocks_of(&article.content);
    let title = collapse_space(&article.title);
    // Readability usually leaves the headline out of the content; the article
    // starts with it, and it is read like any headline (not a claim).
    if !title.is_empty() && blocks.first() != Some(&title) {
        blocks.insert(0, title.clone());
    }
    // Readability always returns its best candidate, even on a sign-in form or a
    // menu; an article has at least one block of running text beside its title.
    if !blocks.iter().any(|block| block != &title && block.split_whitespace().count() >= MIN_PROSE_WORDS) {
        return Err(no_article());
    }
    let mut document = Document::from_blocks(blocks, (!title.is_empty()).then_some(title));
    document.declared_lang = article.lang;
    Ok(document)
}

/// The text of `html`'s block elements, in document order, each trimmed, none empty.
pub fn blocks_of(html: &str) -> Vec<String> {
    blocks_in(&Html::parse_fragment(html))
}

/// The text of the block elements of a parsed page or fragment, as [`blocks_of`].
pub fn blocks_in(parsed: &Html) -> Vec<String> {
    let mut collector = Collector::default();
    // (node, closing): a node is pushed twice, to open it and, after its children, to close it.
    let mut stack = vec![(parsed.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(element) => {
                let tag = element.name();
                if closing {
                    if tag == "pre" {
                        collector.preformatted -= 1;
                    }
                    if BLOCK_ELEMENTS.contains(&tag) {
                        collector.end_block();
                    }
                    continue;
                }
                if SKIPPED_ELEMENTS.contains(&tag) {
                    continue;
                }
                if tag == "br" {
                    collector.line_break();
                    continue;
                }
                if BLOCK_ELEMENTS.contains(&tag) {
                    collector.end_block();
                }
                if tag == "pre" {
                    collector.preformatted += 1;
                }
                stack.push((node, true));
            }
            Node::Text(text) if !closing => collector.text(text),
            Node::Document | Node::Fragment if !closing => {}
            _ => continue,
        }
        if !closing {
            stack.extend(node.children().rev().map(|child| (child, false)));
        }
    }
    collector.end_block();
    collector.blocks
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
}

impl Collector {
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
        let kept = self.current.trim_end_matches(' ').len();
        self.current.truncate(kept);
        if !self.current.is_empty() {
            self.current.push('\n');
        }
    }

    fn end_block(&mut self) {
        let block = self.current.trim();
        if !block.is_empty() {
            self.blocks.push(block.to_string());
        }
        self.current.clear();
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
