//! The target market (CU13, seed 002 §1) and the key-account criteria
//! (CU14, seed 003): whether a customer is worth a rep's acre, which product
//! line fits it, and whether it should be treated as a key account.

use serde::Serialize;

/// Annual revenue bands of seed 002 §1 (the customer field `revenue_band`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevenueBand {
    /// Below RMB 0.5 亿: small.
    Small,
    /// RMB 0.5–5 亿: medium.
    Medium,
    /// Above RMB 5 亿: large.
    Large,
}

impl RevenueBand {
    /// From the customer field's option key.
    pub fn from_key(key: &str) -> Option<RevenueBand> {
        match key {
            "lt_50m" => Some(RevenueBand::Small),
            "50m_500m" => Some(RevenueBand::Medium),
            "gt_500m" => Some(RevenueBand::Large),
            _ => None,
        }
    }
    /// The annual profit (RMB 万) a manufacturer of this band must exceed.
    pub fn min_profit_wan(self) -> i64 {
        match self {
            RevenueBand::Small => 100,
            RevenueBand::Medium => 500,
            RevenueBand::Large => 1000,
        }
    }
}

/// Manufacturing industries of the target market (keys of the customer field).
pub const MANUFACTURING: &[&str] = &[
    "electronics",
    "motors",
    "appliances",
    "machinery",
    "hardware",
    "tools",
    "transport",
    "chemicals",
    "pharma",
    "food",
    "beverage",
];

/// Distribution with its own products or brands, sold through channels.
pub const DISTRIBUTION: &[&str] = &[
    "apparel",
    "home_textiles",
    "bakery",
    "boutiques",
    "chain_3c",
    "furniture",
    "department_stores",
];

/// The product line offered to a segment of the target market.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductLine {
    /// 易助: small manufacturers.
    Yizhu,
    /// 易飞: medium manufacturers.
    Yifei,
    /// 易拓 (TIPTOP): large manufacturers.
    Tiptop,
    /// 流通: the distribution line.
    Distribution,
}

impl ProductLine {
    pub fn key(self) -> &'static str {
        match self {
            ProductLine::Yizhu => "yizhu",
            ProductLine::Yifei => "yifei",
            ProductLine::Tiptop => "tiptop",
            ProductLine::Distribution => "distribution",
        }
    }
}

/// Whether a customer belongs to the target market.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    In,
    Out,
    /// Industry or revenue band not recorded yet.
    Unknown,
}

/// The target-market verdict for one customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TargetMarket {
    pub fit: Fit,
    pub product_line: Option<ProductLine>,
    /// The profit threshold still to confirm (manufacturers only).
    pub min_profit_wan: Option<i64>,
}

/// CU13: manufacturers of the listed industries in a known band are in, with
/// the band's product line and profit threshold; distributors are in whatever
/// their size (the seed gives them no band); other industries are out.
pub fn target_market(industry: Option<&str>, band: Option<RevenueBand>) -> TargetMarket {
    let out = |fit| TargetMarket {
        fit,
        product_line: None,
        min_profit_wan: None,
    };
    let Some(industry) = industry.filter(|s| !s.is_empty()) else {
        return out(Fit::Unknown);
    };
    if DISTRIBUTION.contains(&industry) {
        return TargetMarket {
            fit: Fit::In,
            product_line: Some(ProductLine::Distribution),
            min_profit_wan: None,
        };
    }
    if !MANUFACTURING.contains(&industry) {
        return out(Fit::Out);
    }
    match band {
        None => out(Fit::Unknown),
        Some(b) => TargetMarket {
            fit: Fit::In,
            product_line: Some(match b {
                RevenueBand::Small => ProductLine::Yizhu,
                RevenueBand::Medium => ProductLine::Yifei,
                RevenueBand::Large => ProductLine::Tiptop,
            }),
            min_profit_wan: Some(b.min_profit_wan()),
        },
    }
}

/// A customer's standing in its industry (asked on the grading form).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndustryPosition {
    /// Among the top three of its industry.
    Leader,
    /// A well-known name, not a leader.
    Major,
    Follower,
}

impl IndustryPosition {
    pub const ALL: [IndustryPosition; 3] = [
        IndustryPosition::Leader,
        IndustryPosition::Major,
        IndustryPosition::Follower,
    ];
    pub fn key(self) -> &'static str {
        match self {
            IndustryPosition::Leader => "leader",
            IndustryPosition::Major => "major",
            IndustryPosition::Follower => "follower",
        }
    }
    pub fn parse(s: &str) -> Option<IndustryPosition> {
        IndustryPosition::ALL
            .into_iter()
            .find(|p| p.key() == s.trim())
    }
}

/// Market share (percent) from which a customer counts as a big player.
pub const KEY_MARKET_SHARE_PCT: f64 = 10.0;

/// CU14's three criteria, each met or not (`None`: not recorded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KeyAccountCheck {
    /// Sales volume: revenue above RMB 5 亿.
    pub sales_volume: Option<bool>,
    /// Market share of at least `KEY_MARKET_SHARE_PCT`.
    pub market_share: Option<bool>,
    /// Industry position: a leader.
    pub industry_position: Option<bool>,
    /// The suggested customer category (`key_account`, `potential`, `ordinary`).
    pub category: &'static str,
}

/// CU14: two or more criteria met → key account; one → potential; none →
/// ordinary. Unrecorded criteria count as not met.
pub fn key_account(
    band: Option<RevenueBand>,
    market_share_pct: Option<f64>,
    position: Option<IndustryPosition>,
) -> KeyAccountCheck {
    let sales_volume = band.map(|b| b == RevenueBand::Large);
    let market_share = market_share_pct.map(|p| p >= KEY_MARKET_SHARE_PCT);
    let industry_position = position.map(|p| p == IndustryPosition::Leader);
    let met = [sales_volume, market_share, industry_position]
        .iter()
        .filter(|c| **c == Some(true))
        .count();
    KeyAccountCheck {
        sales_volume,
        market_share,
        industry_position,
        category: match met {
            0 => "ordinary",
            1 => "potential",
            _ => "key_account",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_product_lines() {
        let t = |band| target_market(Some("electronics"), RevenueBand::from_key(band));
        assert_eq!(t("lt_50m").product_line, Some(ProductLine::Yizhu));
        assert_eq!(t("lt_50m").min_profit_wan, Some(100));
        assert_eq!(t("50m_500m").product_line, Some(ProductLine::Yifei));
        assert_eq!(t("50m_500m").min_profit_wan, Some(500));
        assert_eq!(t("gt_500m").product_line, Some(ProductLine::Tiptop));
        assert_eq!(t("gt_500m").min_profit_wan, Some(1000));
        assert_eq!(t("gt_500m").fit, Fit::In);
        assert_eq!(t("").fit, Fit::Unknown);
    }

    #[test]
    fn industries() {
        for i in MANUFACTURING {
            assert_eq!(
                target_market(Some(i), Some(RevenueBand::Medium)).fit,
                Fit::In
            );
        }
        for i in DISTRIBUTION {
            let t = target_market(Some(i), None);
            assert_eq!(
                (t.fit, t.product_line),
                (Fit::In, Some(ProductLine::Distribution))
            );
        }
        assert_eq!(
            target_market(Some("other"), Some(RevenueBand::Large)).fit,
            Fit::Out
        );
        assert_eq!(
            target_market(None, Some(RevenueBand::Large)).fit,
            Fit::Unknown
        );
    }

    #[test]
    fn key_account_criteria() {
        let k = key_account(
            Some(RevenueBand::Large),
            Some(12.5),
            Some(IndustryPosition::Leader),
        );
        assert_eq!(k.category, "key_account");
        assert_eq!(
            key_account(Some(RevenueBand::Large), Some(3.0), None).category,
            "potential"
        );
        assert_eq!(
            key_account(
                Some(RevenueBand::Medium),
                Some(10.0),
                Some(IndustryPosition::Leader)
            )
            .category,
            "key_account"
        );
        let none = key_account(None, None, None);
        assert_eq!((none.category, none.sales_volume), ("ordinary", None));
        assert_eq!(
            key_account(
                Some(RevenueBand::Small),
                Some(1.0),
                Some(IndustryPosition::Major)
            )
            .category,
            "ordinary"
        );
    }
}
