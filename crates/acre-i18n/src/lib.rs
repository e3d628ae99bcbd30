//! Translations and locale-aware formatting. The locale is always passed in
//! (per request, per user): there is no process-wide current locale.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "zh-CN",
        // Bidi isolation marks would end up in HTML attributes and exports.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The interface languages Acre offers.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Locale {
    /// 简体中文, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// 繁體中文.
    #[serde(rename = "zh-TW")]
    ZhTw,
    /// English.
    #[serde(rename = "en")]
    En,
}

static ZH_CN: LanguageIdentifier = langid!("zh-CN");
static ZH_TW: LanguageIdentifier = langid!("zh-TW");
static EN: LanguageIdentifier = langid!("en");

/// Display times in China Standard Time (UTC+8), the users' time zone.
fn display_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

    /// BCP 47 tag, as stored on the user and used in `lang=` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "简体中文",
            Locale::ZhTw => "繁體中文",
            Locale::En => "English",
        }
    }

    /// Parse a tag loosely (`zh-cn`, `zh_TW`, `zh-Hant`, `en-US`…).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let t = tag.trim().to_ascii_lowercase().replace('_', "-");
        if t.starts_with("zh-tw")
            || t.starts_with("zh-hk")
            || t.starts_with("zh-mo")
            || t.starts_with("zh-hant")
        {
            Some(Locale::ZhTw)
        } else if t.starts_with("zh") {
            Some(Locale::ZhCn)
        } else if t.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Pick from an `Accept-Language` header by quality; zh-CN when nothing fits.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(f32, Locale)> = None;
        for part in accept_language.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("");
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(l) = Locale::from_tag(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }

    /// The message for `key`; the key itself when it is missing everywhere
    /// (a test makes sure that never ships).
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message for `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
            .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &map)
            .unwrap_or_else(|| key.to_string())
    }

    /// Date and time of a Unix-millisecond timestamp, in the users' time zone.
    pub fn datetime(self, ms: i64) -> String {
        let Some(dt) = DateTime::<Utc>::from_timestamp_millis(ms) else {
            return String::new();
        };
        let dt = dt.with_timezone(&display_offset());
        match self {
            Locale::ZhCn | Locale::ZhTw => dt.format("%Y-%m-%d %H:%M").to_string(),
            Locale::En => dt.format("%d %b %Y %H:%M").to_string(),
        }
    }

    /// Date only.
    pub fn date(self, ms: i64) -> String {
        let Some(dt) = DateTime::<Utc>::from_timestamp_millis(ms) else {
            return String::new();
        };
        let dt = dt.with_timezone(&display_offset());
        match self {
            Locale::ZhCn | Locale::ZhTw => dt.format("%Y年%-m月%-d日").to_string(),
            Locale::En => dt.format("%d %b %Y").to_string(),
        }
    }

    /// An integer with thousands separators.
    pub fn number(self, n: i64) -> String {
        group_thousands(n.unsigned_abs(), if n < 0 { "-" } else { "" })
    }

    /// Money in fen (1/100 yuan) as `¥1,234.50` (`NT$` is not implied: amounts are RMB).
    pub fn money(self, fen: i64) -> String {
        let sign = if fen < 0 { "-" } else { "" };
        let abs = fen.unsigned_abs();
        format!("{sign}¥{}.{:02}", group_thousands(abs / 100, ""), abs % 100)
    }
}

fn group_thousands(n: u64, sign: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every file of one locale, one after the other, for the completeness test.
macro_rules! locale_files {
    ($dir:literal) => {
        concat!(
            include_str!(concat!("../locales/", $dir, "/main.ftl")),
            "\n",
            include_str!(concat!("../locales/", $dir, "/kb.ftl")),
            "\n",
            include_str!(concat!("../locales/", $dir, "/customers.ftl")),
            "\n",
            include_str!(concat!("../locales/", $dir, "/pool.ftl")),
            "\n",
            include_str!(concat!("../locales/", $dir, "/grading.ftl")),
            "\n",
            include_str!(concat!("../locales/", $dir, "/search.ftl")),
            "\n",
            include_str!(concat!("../locales/", $dir, "/pipeline.ftl"))
        )
    };
}

/// The keys defined in each locale's files, for the completeness test.
pub fn keys_by_locale() -> Vec<(Locale, Vec<String>)> {
    let files: [(Locale, &str); 3] = [
        (Locale::ZhCn, locale_files!("zh-CN")),
        (Locale::ZhTw, locale_files!("zh-TW")),
        (Locale::En, locale_files!("en")),
    ];
    files
        .iter()
        .map(|(l, src)| {
            let keys = src
                .lines()
                .filter(|line| !line.starts_with([' ', '#', '\t']) && line.contains(" ="))
                .filter_map(|line| line.split(" =").next())
                .map(|k| k.trim().to_string())
                .collect();
            (*l, keys)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_exists_in_every_locale() {
        let all = keys_by_locale();
        let union: BTreeSet<String> = all.iter().flat_map(|(_, k)| k.iter().cloned()).collect();
        for (locale, keys) in &all {
            let have: BTreeSet<String> = keys.iter().cloned().collect();
            let missing: Vec<_> = union.difference(&have).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.tag());
            assert_eq!(
                have.len(),
                keys.len(),
                "{} defines a key twice",
                locale.tag()
            );
        }
    }

    #[test]
    fn negotiates_accept_language() {
        assert_eq!(Locale::negotiate("en-US,en;q=0.9"), Locale::En);
        assert_eq!(Locale::negotiate("zh-TW,zh;q=0.9,en;q=0.8"), Locale::ZhTw);
        assert_eq!(Locale::negotiate("fr-FR, en;q=0.5"), Locale::En);
        assert_eq!(Locale::negotiate("de"), Locale::ZhCn);
        assert_eq!(Locale::negotiate("en;q=0.3, zh-Hant;q=0.8"), Locale::ZhTw);
    }

    #[test]
    fn formats_per_locale() {
        assert_eq!(Locale::En.number(1234567), "1,234,567");
        assert_eq!(Locale::ZhCn.money(123456789), "¥1,234,567.89");
        assert_eq!(Locale::ZhCn.money(-5), "-¥0.05");
        // 2026-11-27 00:30 UTC is 08:30 in Beijing.
        let ms = 1_795_739_400_000;
        assert_eq!(Locale::ZhCn.datetime(ms), "2026-11-27 08:30");
        assert_eq!(Locale::En.date(ms), "27 Nov 2026");
        assert_eq!(Locale::ZhTw.date(ms), "2026年11月27日");
    }

    #[test]
    fn translates() {
        assert_eq!(Locale::ZhCn.t("app-name"), "一亩");
        assert_eq!(Locale::En.t("app-name"), "Acre");
    }
}
