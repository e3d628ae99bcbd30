//! Chinese text for search (design.md §7): Traditional folded to Simplified,
//! pinyin initials and syllables of names, and splitting a typed pinyin word
//! into syllables. Pure functions; the registry turns them into index keys.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// Readings kept per character: the common one and one alternative, so
/// polyphones like 行 (xing/hang) and 重 (zhong/chong) match either way
/// while the number of combined keys stays small.
const READINGS: usize = 2;

/// Han characters of a name that get pinyin keys; the rest of a long name
/// adds keys without making anyone's query more likely to find it.
const MAX_HAN: usize = 12;

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

pub fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

/// The Simplified form of a text (`東莞華信` → `东莞华信`); text without Han
/// characters is returned as is without touching the converter.
pub fn to_simplified(text: &str) -> String {
    if has_han(text) {
        zhconv::zhconv(text, zhconv::Variant::ZhHans)
    } else {
        text.to_string()
    }
}

/// Toneless readings of a Han character, `ü` written `v` as on keyboards,
/// the common reading first; empty for anything else.
pub fn readings(c: char) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let s = p.plain();
            if !out.contains(&s) {
                out.push(s);
            }
            if out.len() == READINGS {
                break;
            }
        }
    }
    out
}

/// `ü` as `v`: the crate spells 女 `nü`, people type `nv`.
fn keyboard(s: &str) -> String {
    s.replace('ü', "v")
}

/// Every toneless syllable of Mandarin (from the pinyin table itself), the
/// dictionary for splitting typed pinyin. Syllables without a vowel (`m`,
/// `ng`, `hm`) are left out: they would split ordinary words apart.
fn syllables() -> &'static HashSet<String> {
    static ALL: OnceLock<HashSet<String>> = OnceLock::new();
    ALL.get_or_init(|| {
        ('\u{4E00}'..='\u{9FFF}')
            .filter_map(|c| c.to_pinyin_multi())
            .flat_map(|m| m.into_iter().map(|p| keyboard(p.plain())))
            .filter(|s| s.chars().any(|c| "aeiouv".contains(c)))
            .collect()
    })
}

/// Split an all-letter word into pinyin syllables, longest syllable first
/// and backtracking when the rest cannot be split (`fangong` → fan gong);
/// `None` when it is not pinyin.
pub fn segment(word: &str) -> Option<Vec<String>> {
    fn go(rest: &str, all: &HashSet<String>, out: &mut Vec<String>) -> bool {
        if rest.is_empty() {
            return true;
        }
        for len in (1..=rest.len().min(6)).rev() {
            let head = &rest[..len];
            if all.contains(head) {
                out.push(head.to_string());
                if go(&rest[len..], all, out) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }
    let w = word.to_ascii_lowercase();
    if w.is_empty() || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut out = Vec::new();
    go(&w, syllables(), &mut out).then_some(out)
}

/// Words that name the legal form of a company (有限公司, 集团 …): they are
/// in nearly every customer's name, so their pinyin would only add keys.
fn strip_noise(text: &str) -> String {
    let mut s = text.to_string();
    for n in crate::dedupe::NOISE {
        if s.contains(n) {
            s = s.replace(n, "");
        }
    }
    s
}

/// A reading as typed; borrowed unless it has a `ü`.
fn typed(s: &'static str) -> Cow<'static, str> {
    if s.contains('ü') {
        Cow::Owned(keyboard(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// The readings of the first Han characters of a name (after the company
/// noise words), one list per character.
fn han_readings(text: &str) -> Vec<Vec<Cow<'static, str>>> {
    strip_noise(&to_simplified(text))
        .chars()
        .filter(|c| is_han(*c))
        .take(MAX_HAN)
        .map(|c| readings(c).into_iter().map(typed).collect::<Vec<_>>())
        .filter(|r| !r.is_empty())
        .collect()
}

/// Add `buf` followed by every combination of one reading per position,
/// joined by `sep`, to `out`. Keys are built in one buffer: a name makes
/// dozens of them, and an import makes them for every row.
fn combos_into<S: AsRef<str>>(
    out: &mut BTreeSet<String>,
    buf: &mut String,
    positions: &[Vec<S>],
    sep: &str,
) {
    let Some((alts, rest)) = positions.split_first() else {
        out.insert(buf.clone());
        return;
    };
    let len = buf.len();
    for r in alts {
        buf.push_str(r.as_ref());
        if !rest.is_empty() {
            buf.push_str(sep);
        }
        combos_into(out, buf, rest, sep);
        buf.truncate(len);
    }
}

/// Initials of each reading (`华` → `h`).
fn initials<'a>(positions: &'a [Vec<Cow<'static, str>>]) -> Vec<Vec<&'a str>> {
    positions
        .iter()
        .map(|alts| {
            let mut v: Vec<&str> = alts.iter().map(|r| &r[..1]).collect();
            v.dedup();
            v
        })
        .collect()
}

/// Pinyin keys of a text with Han characters, each with a prefix that no
/// ordinary bigram has:
/// - `pyi:` initials of every 2 and 3 adjacent characters (`hx`, `hxd`),
/// - `py:` each syllable (`hua`) and each pair of adjacent ones (`hua xin`).
///
/// Pairs and trigrams keep lookups selective on large tables; unigrams and
/// bigrams serve one-syllable and two-letter queries.
pub fn pinyin_keys(text: &str) -> BTreeSet<String> {
    let pos = han_readings(text);
    let ini = initials(&pos);
    let mut out = BTreeSet::new();
    let mut buf = String::with_capacity(32);
    for n in [2, 3] {
        for w in ini.windows(n) {
            buf.replace_range(.., "pyi:");
            combos_into(&mut out, &mut buf, w, "");
        }
    }
    for w in pos.windows(1).chain(pos.windows(2)) {
        buf.replace_range(.., "py:");
        combos_into(&mut out, &mut buf, w, " ");
    }
    out
}

/// What a typed all-letter word could mean in pinyin, as alternatives of
/// keys that must all be present: initials (`hxdz`) and full pinyin
/// (`huaxin`). Empty for anything else.
pub fn pinyin_query(word: &str) -> Vec<Vec<String>> {
    let w = word.to_ascii_lowercase();
    if w.len() < 2 || w.len() > 40 || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut alts = Vec::new();
    let chars: Vec<char> = w.chars().collect();
    let ini: Vec<String> = if chars.len() == 2 {
        vec![format!("pyi:{w}")]
    } else {
        chars
            .windows(3)
            .map(|t| format!("pyi:{}", t.iter().collect::<String>()))
            .collect()
    };
    if w.len() <= MAX_HAN {
        alts.push(dedup(ini));
    }
    if let Some(syl) = segment(&w) {
        let keys = if syl.len() == 1 {
            vec![format!("py:{}", syl[0])]
        } else {
            syl.windows(2)
                .map(|p| format!("py:{} {}", p[0], p[1]))
                .collect()
        };
        alts.push(dedup(keys));
    }
    alts
}

fn dedup(v: Vec<String>) -> Vec<String> {
    v.into_iter().collect::<BTreeSet<_>>().into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(
            to_simplified("東莞華信電子有限公司"),
            "东莞华信电子有限公司"
        );
        assert_eq!(to_simplified("东莞华信"), "东莞华信");
        assert_eq!(to_simplified("ACME 華為"), "ACME 华为");
        assert_eq!(to_simplified("wms-01"), "wms-01");
    }

    #[test]
    fn readings_and_polyphones() {
        assert_eq!(readings('华')[0], "hua");
        assert!(readings('行').contains(&"hang"), "{:?}", readings('行'));
        assert!(readings('行').contains(&"xing"));
        assert!(readings('重').contains(&"chong"));
        assert!(readings('a').is_empty());
        assert_eq!(keyboard(readings('女')[0]), "nv");
    }

    #[test]
    fn keys_of_a_company_name() {
        let k = pinyin_keys("东莞华信电子有限公司");
        for key in [
            "pyi:hx",
            "pyi:hxd",
            "pyi:xdz",
            "py:hua",
            "py:hua xin",
            "py:xin dian",
        ] {
            assert!(k.contains(key), "{key} in {k:?}");
        }
        // The legal form adds nothing.
        assert!(!k.iter().any(|x| x.contains("gong si") || x == "pyi:gs"));
        // Traditional input gives the same keys.
        assert_eq!(k, pinyin_keys("東莞華信電子有限公司"));
        // Polyphones match either reading: 银行 is yin hang.
        let bank = pinyin_keys("招商银行");
        assert!(bank.contains("py:yin hang") && bank.contains("pyi:syh"));
        assert!(pinyin_keys("ACME").is_empty());
        // Mixed text: only the Han part has pinyin.
        let mixed = pinyin_keys("TCL华星光电");
        assert!(mixed.contains("pyi:hxg") && !mixed.iter().any(|x| x.contains('t')));
    }

    #[test]
    fn keys_stay_bounded() {
        let long = "行".repeat(40);
        assert!(
            pinyin_keys(&long).len() < 40,
            "{}",
            pinyin_keys(&long).len()
        );
        let name = "重庆长安汽车股份有限公司";
        assert!(pinyin_keys(name).len() <= 80);
    }

    #[test]
    fn typed_pinyin_splits_into_syllables() {
        assert_eq!(segment("huaxin").unwrap(), ["hua", "xin"]);
        assert_eq!(segment("HuaWei").unwrap(), ["hua", "wei"]);
        assert_eq!(segment("zhuangshi").unwrap(), ["zhuang", "shi"]);
        assert_eq!(segment("fangong").unwrap(), ["fan", "gong"]);
        assert_eq!(segment("nvzhuang").unwrap(), ["nv", "zhuang"]);
        assert_eq!(segment("hxdz"), None);
        assert_eq!(segment("wms01"), None);
    }

    #[test]
    fn queries_cover_initials_and_full_pinyin() {
        assert_eq!(pinyin_query("hx"), vec![vec!["pyi:hx".to_string()]]);
        assert_eq!(
            pinyin_query("hxdz"),
            vec![vec!["pyi:hxd".to_string(), "pyi:xdz".to_string()]]
        );
        let q = pinyin_query("huaxin");
        assert!(q.contains(&vec!["py:hua xin".to_string()]), "{q:?}");
        assert_eq!(pinyin_query("hua")[1], vec!["py:hua".to_string()]);
        assert!(pinyin_query("华信").is_empty());
        assert!(pinyin_query("h").is_empty());
        assert!(pinyin_query("wms-01").is_empty());
        // What a query asks for, a matching name has.
        let keys = pinyin_keys("华为科技有限公司");
        for typed in ["hwkj", "huawei", "weike", "hw"] {
            let alts = pinyin_query(typed);
            assert!(
                alts.iter().any(|alt| alt.iter().all(|k| keys.contains(k))),
                "{typed}: {alts:?}"
            );
        }
    }
}
