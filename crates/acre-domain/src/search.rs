//! Search keys for Chinese text (design.md §7): `LIKE '%…%'` is a full scan
//! and trigram indexes cannot serve two-character terms, which most Chinese
//! queries are. So each searchable text is indexed by its character bigrams;
//! a query term's bigrams find candidates, and a substring check confirms them.
//! Text is folded to Simplified first, so Traditional and Simplified spellings
//! share their keys; names with Han characters also get pinyin keys
//! (`crate::chinese`) and phone fields keys of their normalised number.

use std::collections::BTreeSet;

/// Characters that count as part of a word: letters, digits and CJK.
fn wordy(c: char) -> bool {
    c.is_alphanumeric()
}

/// Lower-case, fold full-width ASCII to half-width and Traditional to
/// Simplified, so `ＷＭＳ` finds `wms` and `東莞` finds `东莞`.
pub fn normalise(text: &str) -> String {
    crate::chinese::to_simplified(text)
        .chars()
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

/// Prefix of the key of a whole normalised phone number.
const PHONE: &str = "tel:";
/// Prefix of the key of a phone's last four digits.
const PHONE_TAIL: &str = "tel4:";

/// Keys of a phone field: each number in it (`0769-2233 4455 / 138…`)
/// normalised by `dedupe::phone_key`, and its last four digits.
pub fn phone_keys(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for part in text.split(['/', ',', ';', '、', '，', '；']) {
        if let Some(k) = crate::dedupe::phone_key(part) {
            out.insert(format!("{PHONE_TAIL}{}", &k[k.len() - 4..]));
            out.insert(format!("{PHONE}{k}"));
        }
    }
    out
}

/// The key a whole search term asks for when it is a phone number in any
/// format (`+86 138-0013-8000`), or exactly four digits (a number's end).
pub fn phone_term(term: &str) -> Option<String> {
    let t = normalise(term);
    let phoney = t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if !phoney {
        return None;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 4 && digits.len() == t.trim().len() {
        return Some(format!("{PHONE_TAIL}{digits}"));
    }
    crate::dedupe::phone_key(&t).map(|k| format!("{PHONE}{k}"))
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
        assert_eq!(grams("東莞"), grams("东莞"));
    }

    #[test]
    fn phones_in_any_format_share_a_key() {
        let stored = phone_keys("+86 138-0013-8000");
        assert!(stored.contains("tel:13800138000") && stored.contains("tel4:8000"));
        for typed in [
            "+86 138-0013-8000",
            "138 0013 8000",
            "13800138000",
            "0086 13800138000",
        ] {
            let k = phone_term(typed).unwrap();
            assert!(stored.contains(&k), "{typed}");
        }
        assert_eq!(phone_term("8000").as_deref(), Some("tel4:8000"));
        assert_eq!(phone_term("华信"), None);
        assert_eq!(phone_term("12345"), None);
        let two = phone_keys("0769-2233 4455 / 13800138000");
        assert!(two.contains("tel:76922334455") && two.contains("tel:13800138000"));
        assert!(phone_keys("n/a").is_empty());
    }
}
