//! `scan --format json`: the view as pretty-printed JSON, the shape of `docs/design.md`.

use super::view::ScanView;

pub fn render(view: &ScanView) -> String {
    // The view holds only strings, numbers and plain enums: serialising cannot fail.
    let mut json = serde_json::to_string_pretty(view).unwrap_or_default();
    json.push('\n');
    json
}
