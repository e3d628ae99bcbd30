//! Search keys for Chinese text (design.md §7): `LIKE '%…%'` is a full scan
//! and trigram indexes cannot serve two-character terms, which most Chinese
//! queries are. So each searchable text is indexed by its character bigrams;
//! a query term's bigrams find candidates, and a substring check confirms them.

use std::collections::BTreeSet;

/// Characters that count as part of a word: letters, digits and CJK.
fn wordy(c: char) -> bool {
    c.is_alphanumeric()
}

/// Lower-case and fold full-width ASCII to half-width, so `ＷＭＳ` finds `wms`.
pub fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The index keys of a text: every bigram within each run of word characters,
/// and a run of a single character as itself.
pub fn grams(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for run in normalise(text)
        .split(|c: char| !wordy(c))
        .filter(|r| !r.is_empty())
    {
        let chars: Vec<char> = run.chars().collect();
        if chars.len() == 1 {
            out.insert(chars[0].to_string());
        }
        for w in chars.windows(2) {
            out.insert(w.iter().collect());
        }
    }
    out
}

/// The keys a search term needs, or `None` when the term is too short to use
/// the index (one character): the caller falls back to a scan.
pub fn term_grams(term: &str) -> Option<Vec<String>> {
    let g = grams(term);
    let long_enough = normalise(term).chars().filter(|c| wordy(*c)).count() >= 2;
    (long_enough && !g.is_empty()).then(|| g.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_of_chinese_and_codes() {
        let g = grams("智能传感器 WMS-01");
        for k in ["智能", "能传", "传感", "感器", "wm", "ms", "01"] {
            assert!(g.contains(k), "{k}");
        }
        assert!(
            !g.contains("器w"),
            "runs are split at punctuation and spaces"
        );
        assert_eq!(term_grams("传感"), Some(vec!["传感".to_string()]));
        assert_eq!(term_grams("传"), None);
        assert_eq!(term_grams("ＷＭＳ"), Some(vec!["ms".into(), "wm".into()]));
    }
}
