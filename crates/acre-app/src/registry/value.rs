//! Parsing typed input into stored values, and showing stored values, per kind.

use acre_i18n::Locale;
use acre_store::Value;
use chrono::{NaiveDate, NaiveDateTime, TimeZone};

use super::field::{Field, Kind};

/// China Standard Time: what people type and read.
fn cst() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// Today's date in China (UTC+8), `YYYY-MM-DD`.
pub fn today() -> String {
    chrono::Utc::now()
        .with_timezone(&cst())
        .format("%Y-%m-%d")
        .to_string()
}

/// The NULL of a kind's column type.
pub fn null_of(kind: Kind) -> Value {
    match kind {
        Kind::Integer | Kind::Money | Kind::DateTime | Kind::Link | Kind::User | Kind::File => {
            Value::Int(None)
        }
        Kind::Decimal | Kind::Percent => Value::Float(None),
        Kind::Bool => Value::Bool(None),
        _ => Value::Text(None),
    }
}

/// Parse what a person typed (or an API/import value as text) into the stored
/// value. Empty input is NULL (the caller checks `required`). The error is a
/// message key.
pub fn parse(field: &Field, raw: &str) -> Result<Value, &'static str> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(null_of(field.kind));
    }
    if s.chars().count() > field.max_len as usize {
        return Err("err-too-long");
    }
    match field.kind {
        Kind::Text | Kind::LongText => {
            if field.kind == Kind::Text && s.contains(['\n', '\r']) {
                return Err("err-single-line");
            }
            Ok(Value::from(if field.kind == Kind::LongText {
                raw.trim_end()
            } else {
                s
            }))
        }
        Kind::Integer => parse_number(s)
            .filter(|n| n.fract() == 0.0 && n.abs() < 9e15)
            .map(|n| Value::from(n as i64))
            .ok_or("err-integer"),
        Kind::Decimal => parse_number(s).map(Value::from).ok_or("err-number"),
        Kind::Percent => parse_number(s.trim_end_matches(['%', '％']))
            .map(Value::from)
            .ok_or("err-number"),
        Kind::Money => parse_money(s).map(Value::from).ok_or("err-money"),
        Kind::Date => parse_date(s)
            .map(|d| Value::from(d.format("%Y-%m-%d").to_string()))
            .ok_or("err-date"),
        Kind::DateTime => parse_datetime(s).map(Value::from).ok_or("err-datetime"),
        Kind::Enum => field
            .options
            .iter()
            .find(|o| **o == s)
            .map(|o| Value::from(*o))
            .ok_or("err-option"),
        Kind::MultiEnum => {
            let mut picked: Vec<&str> = Vec::new();
            for part in s
                .split([',', '，', '、', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let Some(o) = field.options.iter().find(|o| **o == part) else {
                    return Err("err-option");
                };
                if !picked.contains(o) {
                    picked.push(o);
                }
            }
            // Kept in declaration order so equal sets store equally.
            picked.sort_by_key(|p| field.options.iter().position(|o| o == p));
            Ok(Value::from(format!(",{},", picked.join(","))))
        }
        Kind::Link | Kind::User | Kind::File => s
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(Value::from)
            .ok_or("err-no-such-record"),
        Kind::Bool => match s.to_lowercase().as_str() {
            "true" | "1" | "on" | "yes" | "y" | "是" | "t" => Ok(Value::from(true)),
            "false" | "0" | "off" | "no" | "n" | "否" | "f" => Ok(Value::from(false)),
            _ => Err("err-bool"),
        },
        Kind::Phone => {
            let ok = s
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()转#".contains(c))
                && s.chars().filter(char::is_ascii_digit).count() >= 3;
            if ok {
                Ok(Value::from(s))
            } else {
                Err("err-phone")
            }
        }
        Kind::Email => {
            let ok = s.len() <= 254
                && s.split_once('@').is_some_and(|(a, b)| {
                    !a.is_empty()
                        && b.contains('.')
                        && !b.starts_with('.')
                        && !s.contains(char::is_whitespace)
                });
            if ok {
                Ok(Value::from(s))
            } else {
                Err("err-email")
            }
        }
        Kind::Url => {
            let lower = s.to_ascii_lowercase();
            let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
                && !s.contains(char::is_whitespace);
            if ok {
                Ok(Value::from(s))
            } else {
                Err("err-url")
            }
        }
    }
}

fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// "1,234.5", "¥1234.50", "-3" → fen. At most two decimals.
pub fn parse_money(s: &str) -> Option<i64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥' | '元'))
        .collect();
    let (neg, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && frac.is_empty()
        || frac.len() > 2
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    let fen = whole.checked_mul(100)?.checked_add(frac)?;
    Some(if neg { -fen } else { fen })
}

/// `2026-11-27`, `2026/11/27`, `2026.11.27`, `2026年11月27日`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let norm: String = s.replace(['/', '.', '年', '月'], "-").replace('日', "");
    let part = norm.split([' ', 'T']).next().unwrap_or("");
    NaiveDate::parse_from_str(part, "%Y-%m-%d").ok()
}

/// `2026-11-27 08:30[:ss]` or `2026-11-27T08:30` in China Standard Time → ms.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let norm = s.replace('T', " ").replace('/', "-");
    let naive = NaiveDateTime::parse_from_str(&norm, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(&norm, "%Y-%m-%d %H:%M"))
        .ok()
        .or_else(|| parse_date(s).and_then(|d| d.and_hms_opt(0, 0, 0)))?;
    cst()
        .from_local_datetime(&naive)
        .single()
        .map(|d| d.timestamp_millis())
}

/// Money in fen as `1234.50` (forms, API, import round trips).
pub fn money_plain(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:02}",
        fen.unsigned_abs() / 100,
        fen.unsigned_abs() % 100
    )
}

/// A number without a trailing `.0`.
pub fn number_plain(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The value as it goes back into a form field (round-trips through `parse`).
pub fn to_input(field: &Field, v: &Value) -> String {
    match (field.kind, v) {
        (_, v) if v.is_null() => String::new(),
        (Kind::Money, Value::Int(Some(f))) => money_plain(*f),
        (Kind::Decimal | Kind::Percent, Value::Float(Some(n))) => number_plain(*n),
        (Kind::DateTime, Value::Int(Some(ms))) => chrono::DateTime::from_timestamp_millis(*ms)
            .map(|d| d.with_timezone(&cst()).format("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default(),
        (Kind::MultiEnum, Value::Text(Some(s))) => s.trim_matches(',').to_string(),
        (Kind::Bool, v) => {
            if bool_of(v) {
                "true".into()
            } else {
                "false".into()
            }
        }
        (_, v) => v.to_text().unwrap_or_default(),
    }
}

pub fn bool_of(v: &Value) -> bool {
    match v {
        Value::Bool(Some(b)) => *b,
        Value::Int(Some(i)) => *i != 0,
        _ => false,
    }
}

/// The options of a multi-enum value.
pub fn multi_parts(v: &Value) -> Vec<String> {
    v.to_text()
        .map(|s| {
            s.split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Human display of a stored value. Links and users show `title` (resolved by
/// the query); enums their translated labels via `option_label`.
pub fn display(
    field: &Field,
    v: &Value,
    title: Option<&str>,
    locale: Locale,
    option_label: &dyn Fn(&str) -> String,
) -> String {
    if v.is_null() {
        return String::new();
    }
    match (field.kind, v) {
        (Kind::Money, Value::Int(Some(f))) => locale.money(*f),
        (Kind::Integer, Value::Int(Some(n))) => locale.number(*n),
        (Kind::Decimal, Value::Float(Some(n))) => number_plain(*n),
        (Kind::Percent, Value::Float(Some(n))) => format!("{}%", number_plain(*n)),
        (Kind::DateTime, Value::Int(Some(ms))) => locale.datetime(*ms),
        (Kind::Enum, Value::Text(Some(s))) => option_label(s),
        (Kind::MultiEnum, v) => multi_parts(v)
            .iter()
            .map(|p| option_label(p))
            .collect::<Vec<_>>()
            .join("、"),
        (Kind::Bool, v) => locale.t(if bool_of(v) { "value-yes" } else { "value-no" }),
        (Kind::Link | Kind::User | Kind::File, _) => title.unwrap_or("").to_string(),
        (_, v) => v.to_text().unwrap_or_default(),
    }
}

/// The value in the JSON API: money as a `"1234.50"` string, multi-enums as
/// arrays, links and users as ids.
pub fn to_json(field: &Field, v: &Value) -> serde_json::Value {
    use serde_json::json;
    if v.is_null() {
        return if field.kind == Kind::MultiEnum {
            json!([])
        } else {
            serde_json::Value::Null
        };
    }
    match (field.kind, v) {
        (Kind::Money, Value::Int(Some(f))) => json!(money_plain(*f)),
        (Kind::MultiEnum, v) => json!(multi_parts(v)),
        (Kind::Bool, v) => json!(bool_of(v)),
        (_, Value::Int(Some(i))) => json!(i),
        (_, Value::Float(Some(f))) => json!(f),
        (_, Value::Bool(Some(b))) => json!(b),
        (_, v) => json!(v.to_text()),
    }
}

/// A JSON API value as the text `parse` accepts.
pub fn from_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(from_json).collect::<Vec<_>>().join(",")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        assert_eq!(parse_money("1,234.5"), Some(123_450));
        assert_eq!(parse_money("¥1234.56"), Some(123_456));
        assert_eq!(parse_money("-3"), Some(-300));
        assert_eq!(parse_money("1.234"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(money_plain(123_450), "1234.50");
    }

    #[test]
    fn dates_in_chinese_forms() {
        assert_eq!(
            parse_date("2026年11月7日").unwrap().to_string(),
            "2026-11-07"
        );
        assert_eq!(parse_date("2026/2/30"), None);
        let ms = parse_datetime("2026-11-27T08:30").unwrap();
        assert_eq!(Locale::ZhCn.datetime(ms), "2026-11-27 08:30");
    }

    #[test]
    fn kinds_validate() {
        let f = Field::choices("tags", &["a", "b", "c"]);
        assert_eq!(parse(&f, "c, a").unwrap(), Value::from(",a,c,"));
        assert_eq!(parse(&f, "z"), Err("err-option"));
        assert_eq!(parse(&Field::email("e"), "x@y"), Err("err-email"));
        assert_eq!(
            parse(&Field::url("u"), "javascript:alert(1)"),
            Err("err-url")
        );
        assert_eq!(
            parse(&Field::text("t").max(3), "四个字啊"),
            Err("err-too-long")
        );
        assert_eq!(parse(&Field::integer("n"), "1.5"), Err("err-integer"));
        assert_eq!(
            parse(&Field::percent("p"), "12.5%").unwrap(),
            Value::from(12.5)
        );
        assert!(parse(&Field::text("t"), "  ").unwrap().is_null());
    }
}
