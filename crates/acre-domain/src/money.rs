//! Amounts as Chinese contracts write them (大写金额).

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS: [&str; 4] = ["", "拾", "佰", "仟"];
const GROUPS: [&str; 4] = ["", "万", "亿", "万亿"];

/// An amount in fen written in capitals: 128000.00 → 人民币壹拾贰万捌仟元整,
/// 1005.30 → 人民币壹仟零伍元叁角. Negative amounts are prefixed 负.
pub fn in_words(fen: i64) -> String {
    let sign = if fen < 0 { "负" } else { "" };
    let fen = fen.unsigned_abs();
    let yuan = fen / 100;
    let (jiao, fen) = ((fen / 10) % 10, fen % 10);
    let mut out = format!("人民币{sign}");
    if yuan > 0 {
        out.push_str(&integer(yuan));
        out.push('元');
    }
    match (jiao, fen) {
        (0, 0) => out.push_str(if yuan == 0 { "零元整" } else { "整" }),
        _ => {
            if jiao > 0 {
                out.push(DIGITS[jiao as usize]);
                out.push('角');
            } else if yuan > 0 {
                out.push('零');
            }
            if fen > 0 {
                out.push(DIGITS[fen as usize]);
                out.push('分');
            }
        }
    }
    out
}

/// A whole number in capitals with 拾佰仟 and 万亿, zeros collapsed.
fn integer(mut n: u64) -> String {
    let mut groups = Vec::new();
    while n > 0 {
        groups.push(n % 10_000);
        n /= 10_000;
    }
    let mut out = String::new();
    let mut zero_pending = false;
    for (gi, g) in groups.iter().enumerate().rev() {
        if *g == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending || (!out.is_empty() && *g < 1000) {
            out.push('零');
        }
        zero_pending = false;
        let digits = [g / 1000, (g / 100) % 10, (g / 10) % 10, g % 10];
        let mut started = false;
        let mut zero = false;
        for (i, d) in digits.iter().enumerate() {
            if *d == 0 {
                zero = started;
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGITS[*d as usize]);
            out.push_str(UNITS[3 - i]);
            started = true;
        }
        out.push_str(GROUPS[gi.min(3)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::in_words;

    #[test]
    fn contracts_write_amounts_in_capitals() {
        assert_eq!(in_words(12_800_000), "人民币壹拾贰万捌仟元整");
        assert_eq!(in_words(100_530), "人民币壹仟零伍元叁角");
        assert_eq!(in_words(100_000_000), "人民币壹佰万元整");
        assert_eq!(in_words(1_000_500), "人民币壹万零伍元整");
        assert_eq!(in_words(10_000_000_000), "人民币壹亿元整");
        assert_eq!(in_words(3_660_012), "人民币叁万陆仟陆佰元壹角贰分");
        assert_eq!(in_words(5), "人民币伍分");
        assert_eq!(in_words(100_002), "人民币壹仟元零贰分");
        assert_eq!(in_words(0), "人民币零元整");
        assert_eq!(in_words(101_000_000), "人民币壹佰零壹万元整");
    }
}
