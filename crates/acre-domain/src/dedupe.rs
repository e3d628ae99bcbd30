//! Keys that tell when two customers are the same company (CU17): a rep must
//! never chase a customer a colleague already owns without knowing.

/// Fold full-width ASCII to half-width and drop spaces.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Legal-form and branch words that do not tell companies apart, longest first.
pub const NOISE: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "集團公司",
    "分公司",
    "办事处",
    "辦事處",
    "(中国)",
    "(中國)",
    "中国区",
    "集团",
    "集團",
    "股份",
    "公司",
    "co.,ltd.",
    "co.,ltd",
    "co.ltd",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
];

/// Traditional characters common in company names, to their Simplified forms.
const T2S: &[(char, char)] = &[
    ('東', '东'),
    ('華', '华'),
    ('電', '电'),
    ('機', '机'),
    ('產', '产'),
    ('業', '业'),
    ('貿', '贸'),
    ('實', '实'),
    ('興', '兴'),
    ('發', '发'),
    ('廣', '广'),
    ('達', '达'),
    ('聯', '联'),
    ('億', '亿'),
    ('豐', '丰'),
    ('門', '门'),
    ('灣', '湾'),
    ('臺', '台'),
    ('銀', '银'),
    ('團', '团'),
    ('國', '国'),
    ('際', '际'),
    ('貨', '货'),
    ('運', '运'),
    ('車', '车'),
    ('鋼', '钢'),
    ('鐵', '铁'),
    ('紡', '纺'),
    ('織', '织'),
    ('裝', '装'),
    ('飾', '饰'),
    ('藥', '药'),
    ('農', '农'),
    ('醫', '医'),
    ('療', '疗'),
    ('網', '网'),
    ('絡', '络'),
    ('軟', '软'),
    ('體', '体'),
    ('創', '创'),
    ('設', '设'),
    ('計', '计'),
    ('環', '环'),
    ('寶', '宝'),
    ('嶺', '岭'),
    ('滬', '沪'),
    ('蘇', '苏'),
    ('區', '区'),
    ('廠', '厂'),
    ('長', '长'),
    ('萬', '万'),
    ('開', '开'),
    ('新', '新'),
    ('進', '进'),
    ('為', '为'),
    ('愛', '爱'),
    ('學', '学'),
    ('雲', '云'),
    ('龍', '龙'),
    ('鳳', '凤'),
    ('陽', '阳'),
    ('園', '园'),
    ('匯', '汇'),
    ('號', '号'),
    ('訊', '讯'),
    ('資', '资'),
    ('貝', '贝'),
    ('潤', '润'),
    ('聖', '圣'),
    ('濟', '济'),
    ('輝', '辉'),
    ('嘉', '嘉'),
];

/// The comparable form of a company name: full-width folded, case and spaces
/// ignored, Traditional characters as Simplified, brackets unified, and
/// legal-form and branch words removed. `None` when nothing distinctive is left.
pub fn company_key(name: &str) -> Option<String> {
    let mut s: String = fold(name)
        .chars()
        .map(|c| {
            T2S.iter()
                .find(|(t, _)| *t == c)
                .map(|(_, s)| *s)
                .unwrap_or(c)
        })
        .map(|c| match c {
            '（' | '【' | '[' => '(',
            '）' | '】' | ']' => ')',
            c => c,
        })
        .collect();
    for n in NOISE {
        s = s.replace(n, "");
    }
    let s = s.replace("()", "");
    (s.chars().filter(|c| c.is_alphanumeric()).count() >= 2).then_some(s)
}

/// A phone number's digits without the country code (+86 / 0086), the
/// domestic trunk 0 of area codes, or separators: `+86 750-3311 2200` and
/// `0750 33112200` are the same line.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = fold(phone).chars().filter(char::is_ascii_digit).collect();
    let d = digits
        .strip_prefix("0086")
        .or_else(|| {
            digits
                .strip_prefix("86")
                .filter(|r| (10..=11).contains(&r.len()))
        })
        .unwrap_or(&digits)
        .trim_start_matches('0');
    (d.len() >= 7).then(|| d.to_string())
}

/// An email address, trimmed and lower-cased.
pub fn email_key(email: &str) -> Option<String> {
    let e = fold(email);
    e.contains('@').then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_company_spelled_differently() {
        let a = company_key("东莞华信电子有限公司");
        assert_eq!(a.as_deref(), Some("东莞华信电子"));
        assert_eq!(company_key("東莞華信電子有限公司"), a, "Traditional");
        assert_eq!(
            company_key("东莞华信电子（中国）有限公司"),
            a,
            "full-width brackets, (中国)"
        );
        assert_eq!(company_key(" 东莞 华信电子股份有限公司 "), a);
        assert_eq!(
            company_key("东莞华信电子有限公司深圳分公司"),
            Some("东莞华信电子深圳".into())
        );
        assert_ne!(company_key("东莞华信光电有限公司"), a);
        assert_eq!(company_key("ＡＢＣ Co., Ltd."), Some("abc".into()));
        assert_eq!(company_key("有限公司"), None);
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(phone_key("+86 138-0013-8000"), phone_key("13800138000"));
        assert_eq!(
            phone_key("0086 (0755) 8888-1234").as_deref(),
            Some("75588881234")
        );
        assert_eq!(phone_key("+86 750-3311 2200"), phone_key("0750 33112200"));
        assert_eq!(phone_key("123"), None);
        assert_eq!(email_key(" Wang@HuaXin.cn "), Some("wang@huaxin.cn".into()));
    }
}
