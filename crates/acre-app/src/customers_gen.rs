//! A realistic customer base at any scale for benchmarks (`acre gen
//! --customers 1000000`): Chinese company and person names that do not
//! collide as duplicates, regions with their cities and area codes,
//! industries, skewed grades, owners spread over the reps with a tenth left
//! in the pool, and three contacts per customer. Everything the services
//! keep beside a customer is written too: search keys, duplicate keys and
//! the first line of the ownership history.

use acre_store::{Backend, Tx, Value, now_ms};

use crate::App;
use crate::customers::{CONTACTS, CUSTOMERS};
use crate::error::Result;
use crate::registry::generate::{Progress, Rng, active_users, insert_rows};
use crate::registry::{Field, RecordType, dedupe, search};

/// `(region, province, city, area code)`; no city name is the start of another.
const CITIES: &[(&str, &str, &str, &str)] = &[
    ("华东", "上海", "上海", "021"),
    ("华东", "江苏", "南京", "025"),
    ("华东", "江苏", "苏州", "0512"),
    ("华东", "江苏", "无锡", "0510"),
    ("华东", "江苏", "常州", "0519"),
    ("华东", "江苏", "南通", "0513"),
    ("华东", "浙江", "杭州", "0571"),
    ("华东", "浙江", "宁波", "0574"),
    ("华东", "浙江", "温州", "0577"),
    ("华东", "浙江", "台州", "0576"),
    ("华东", "浙江", "嘉兴", "0573"),
    ("华东", "浙江", "绍兴", "0575"),
    ("华东", "浙江", "金华", "0579"),
    ("华东", "安徽", "合肥", "0551"),
    ("华东", "安徽", "芜湖", "0553"),
    ("华东", "山东", "济南", "0531"),
    ("华东", "山东", "青岛", "0532"),
    ("华东", "山东", "烟台", "0535"),
    ("华东", "山东", "潍坊", "0536"),
    ("华东", "福建", "福州", "0591"),
    ("华东", "福建", "厦门", "0592"),
    ("华东", "福建", "泉州", "0595"),
    ("华南", "广东", "广州", "020"),
    ("华南", "广东", "深圳", "0755"),
    ("华南", "广东", "东莞", "0769"),
    ("华南", "广东", "佛山", "0757"),
    ("华南", "广东", "中山", "0760"),
    ("华南", "广东", "珠海", "0756"),
    ("华南", "广东", "惠州", "0752"),
    ("华南", "广东", "江门", "0750"),
    ("华南", "广东", "汕头", "0754"),
    ("华南", "广西", "南宁", "0771"),
    ("华南", "广西", "柳州", "0772"),
    ("华南", "海南", "海口", "0898"),
    ("华北", "北京", "北京", "010"),
    ("华北", "天津", "天津", "022"),
    ("华北", "河北", "石家庄", "0311"),
    ("华北", "河北", "唐山", "0315"),
    ("华北", "河北", "保定", "0312"),
    ("华北", "山西", "太原", "0351"),
    ("华中", "湖北", "武汉", "027"),
    ("华中", "湖北", "宜昌", "0717"),
    ("华中", "湖北", "襄阳", "0710"),
    ("华中", "湖南", "长沙", "0731"),
    ("华中", "湖南", "岳阳", "0730"),
    ("华中", "河南", "郑州", "0371"),
    ("华中", "河南", "洛阳", "0379"),
    ("西南", "四川", "成都", "028"),
    ("西南", "四川", "绵阳", "0816"),
    ("西南", "重庆", "重庆", "023"),
    ("西南", "云南", "昆明", "0871"),
    ("西南", "贵州", "贵阳", "0851"),
    ("西北", "陕西", "西安", "029"),
    ("西北", "甘肃", "兰州", "0931"),
    ("东北", "辽宁", "沈阳", "024"),
    ("东北", "辽宁", "大连", "0411"),
    ("东北", "吉林", "长春", "0431"),
    ("东北", "黑龙江", "哈尔滨", "0451"),
];

/// Characters of brand names (字号); two make a brand. None of them is 市,
/// so a name parses back into city, brand and trade word.
const BRAND: &[&str] = &[
    "华", "信", "达", "兴", "恒", "泰", "盛", "源", "通", "联", "鑫", "宏", "宇", "瑞", "祥", "丰",
    "隆", "昌", "安", "博", "创", "德", "东", "发", "飞", "富", "光", "广", "海", "浩", "合", "和",
    "弘", "辉", "汇", "佳", "嘉", "金", "锦", "晶", "精", "凯", "康", "力", "立", "利", "龙", "美",
    "明", "南", "鹏", "奇", "启", "荣", "润", "尚", "升", "胜", "世", "顺", "思", "天", "拓", "万",
    "旺", "威", "伟", "文", "星", "雅", "亿", "益", "银", "英", "永", "优", "远", "越", "云", "正",
    "志", "智", "中", "众", "卓", "贝", "诚", "成", "峰", "福", "国", "豪", "宝", "锐", "新", "腾",
    "欣", "亚", "耀", "展",
];

/// Trade words (行业词) by industry key of `kb::INDUSTRIES`.
const TRADES: &[(&str, &[&str])] = &[
    (
        "electronics",
        &["电子", "光电", "微电子", "电子科技", "智能科技"],
    ),
    ("motors", &["电机", "机电", "电气", "驱动技术"]),
    ("appliances", &["家电", "电器", "厨具电器", "智能家居"]),
    (
        "machinery",
        &["机械", "精密机械", "重工", "装备制造", "自动化设备"],
    ),
    ("hardware", &["五金", "五金制品", "金属制品", "紧固件"]),
    ("tools", &["工具", "刃具", "量具", "电动工具"]),
    ("transport", &["汽车配件", "物流装备", "车辆", "船舶配件"]),
    ("chemicals", &["化工", "新材料", "涂料", "精细化工"]),
    ("pharma", &["制药", "医药", "生物科技", "药业"]),
    ("food", &["食品", "粮油", "调味品", "肉制品"]),
    ("beverage", &["饮料", "饮品", "茶业", "乳业"]),
    ("apparel", &["服饰", "服装", "制衣", "鞋业"]),
    ("home_textiles", &["家纺", "纺织", "床上用品", "布艺"]),
    ("bakery", &["烘焙", "食品坊", "面包", "糕点"]),
    ("boutiques", &["精品", "礼品", "饰品", "眼镜"]),
    ("chain_3c", &["数码", "通讯器材", "电脑", "手机连锁"]),
    ("furniture", &["家具", "家居", "木业", "办公家具"]),
    ("department_stores", &["百货", "商贸", "购物中心", "商业"]),
    ("other", &["贸易", "实业", "投资", "科技", "发展"]),
];

/// Legal forms (组织形式), weighted.
const LEGAL_FORMS: &[(&str, u32)] = &[
    ("有限公司", 70),
    ("股份有限公司", 15),
    ("有限责任公司", 10),
    ("集团有限公司", 5),
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "飞", "鑫", "波", "斌", "宇", "浩",
    "凯", "健", "俊", "帆", "帅", "旭", "宁", "林", "欣", "佳", "晨", "琳", "雪", "倩", "婷", "阳",
    "辉", "鹏", "亮", "建", "国", "志", "文", "海", "峰", "红", "春", "梅", "丹", "萍", "璐", "颖",
    "博", "然", "晓", "子", "思", "雨", "嘉", "一", "梓", "航", "泽", "睿", "诗", "涵", "安", "彤",
];
const ROADS: &[&str] = &[
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "工业大道",
    "科技园路",
    "新华路",
    "长江路",
    "滨海大道",
    "迎宾路",
    "学府路",
    "高新三路",
];
const OCCUPATIONS: &[&str] = &[
    "个体经营",
    "店主",
    "工程师",
    "教师",
    "医生",
    "自由职业",
    "设计师",
];
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "177", "180", "181", "182", "185", "186", "187", "188", "189",
];

/// A contact's place in the buying centre: titles, department, buying and
/// decision roles.
type ContactRole = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// The three contacts of a customer; the first is usually the boss.
const CONTACT_ROLES: &[ContactRole] = &[
    (
        &["总经理", "董事长", "副总经理", "总裁"],
        "总经办",
        &["economic"],
        &["approver", "decision_maker"],
    ),
    (
        &["信息部经理", "IT 主管", "技术总监", "生产总监"],
        "信息部",
        &["technical", "user"],
        &["influencer", "decision_maker"],
    ),
    (
        &["采购经理", "财务经理", "行政主管", "总经理助理", "销售总监"],
        "采购部",
        &["user", "coach", "gatekeeper", "other"],
        &["influencer", "gatekeeper"],
    ),
];

/// Customers written per round (their contacts, keys and history follow).
const ROUND: usize = 2_000;
/// Rounds per transaction: large transactions, but a bounded WAL.
const ROUNDS_PER_TX: usize = 25;

fn weighted<'a>(rng: &mut Rng, items: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(total as usize) as u32;
    for (v, w) in items {
        if x < *w {
            return v;
        }
        x -= w;
    }
    items[0].0
}

/// A multiplier that permutes `0..m` (coprime with `m`), near `hint`.
fn coprime_step(m: u64, hint: u64) -> u64 {
    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    let mut p = hint % m;
    while gcd(p, m) != 1 {
        p += 1;
    }
    p
}

/// Maps sequence numbers onto distinct numbers below `m`, scattered.
struct Scatter {
    m: u64,
    step: u64,
    offset: u64,
}

impl Scatter {
    fn new(m: u64, seed: u64) -> Scatter {
        Scatter {
            m,
            step: coprime_step(m, 2_654_435_761 ^ seed),
            offset: seed.wrapping_mul(0x9E37_79B9) % m,
        }
    }
    fn at(&self, n: u64) -> u64 {
        ((n % self.m) as u128 * self.step as u128 % self.m as u128 + self.offset as u128) as u64
            % self.m
    }
}

fn person_name(rng: &mut Rng) -> String {
    let mut s = rng.pick(SURNAMES).to_string();
    s.push_str(rng.pick(GIVEN));
    if rng.below(4) != 0 {
        s.push_str(rng.pick(GIVEN));
    }
    s
}

fn mobile(rng: &mut Rng, suffix: u64) -> String {
    format!("{}{suffix:08}", rng.pick(MOBILE_PREFIXES))
}

/// The values of one generated customer, by column (see `COLUMNS`).
struct Customer {
    row: Vec<Value>,
    /// Searchable and duplicate-checked values: name, short name, credit code, phone.
    keyed: Vec<(&'static Field, Value)>,
    owner: Option<i64>,
    registrar: i64,
    created_at: i64,
}

const COLUMNS: &[&str] = &[
    "name",
    "kind",
    "short_name",
    "credit_code",
    "owner_id",
    "category",
    "source",
    "region",
    "industry",
    "company_nature",
    "grade",
    "key_account",
    "phone",
    "province",
    "city",
    "address",
    "legal_representative",
    "headcount",
    "revenue_band",
    "registered_capital",
    "gender",
    "birthday",
    "occupation",
    "income_band",
    "owned_since",
    "version",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    // Derived by the registry's rules (`with_derived`).
    "target_market",
    "completeness",
];

const CONTACT_COLUMNS: &[&str] = &[
    "name",
    "customer_id",
    "title",
    "department",
    "mobile",
    "email",
    "buying_role",
    "decision_role",
    "version",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
];

/// What every generated customer draws from.
struct Generator {
    rng: Rng,
    reps: Vec<i64>,
    others: Vec<i64>,
    company_names: Scatter,
    person_names: Scatter,
    numbers: Scatter,
    trades: Vec<(&'static str, &'static str)>,
    now: i64,
}

fn f(key: &str) -> &'static Field {
    CUSTOMERS.field(key).expect("declared customer field")
}

/// A generated row with its derived values appended (the last columns of
/// `COLUMNS`), computed by the same rules as a saved form.
fn with_derived(mut row: Vec<Value>) -> Vec<Value> {
    // Where each customer field sits in `COLUMNS`, found once.
    static AT: std::sync::LazyLock<Vec<Option<usize>>> = std::sync::LazyLock::new(|| {
        CUSTOMERS
            .fields
            .iter()
            .map(|f| COLUMNS.iter().position(|c| *c == f.key))
            .collect()
    });
    let mut values: Vec<(&'static Field, Value)> = CUSTOMERS
        .fields
        .iter()
        .zip(AT.iter())
        .map(|(f, at)| {
            let v = at
                .and_then(|i| row.get(i).cloned())
                .unwrap_or_else(|| crate::registry::value::null_of(f.kind));
            (f, v)
        })
        .collect();
    crate::registry::service::set_derived(&CUSTOMERS, &mut values);
    for key in ["target_market", "completeness"] {
        let v = values
            .iter()
            .find(|(f, _)| f.key == key)
            .map(|(_, v)| v.clone());
        row.push(v.expect("derived customer field"));
    }
    row
}

impl Generator {
    /// The `seq`-th customer ever generated (1-based, distinct per call).
    fn customer(&mut self, seq: u64) -> Customer {
        let rng = &mut self.rng;
        let individual = seq % 7 == 3;
        let number = self.numbers.at(seq);
        let (name, kind, industry, city_i, short_name) = if individual {
            // Surname × (one or two given characters): distinct up to ~650,000.
            let g = GIVEN.len() as u64;
            let p = self.person_names.at(seq / 7);
            let sur = SURNAMES[(p % SURNAMES.len() as u64) as usize];
            let rest = p / SURNAMES.len() as u64;
            let given = if rest < g {
                GIVEN[rest as usize].to_string()
            } else {
                let r = rest - g;
                format!("{}{}", GIVEN[(r / g) as usize], GIVEN[(r % g) as usize])
            };
            let city = rng.below(CITIES.len());
            (
                format!("{sur}{given}"),
                "individual",
                rng.pick(&["boutiques", "bakery", "other", "chain_3c"]),
                city,
                None,
            )
        } else {
            // City × brand × trade word: distinct up to ~46 million.
            let b = BRAND.len() as u64;
            let t = self.trades.len() as u64;
            let p = self.company_names.at(seq);
            let (industry, trade) = self.trades[(p % t) as usize];
            let rest = p / t;
            let brand = format!(
                "{}{}",
                BRAND[(rest % (b * b) / b) as usize],
                BRAND[(rest % b) as usize]
            );
            let city = (rest / (b * b)) as usize % CITIES.len();
            let shi = if CITIES[city].2.chars().count() == 2 && rng.below(10) < 3 {
                "市"
            } else {
                ""
            };
            (
                format!(
                    "{}{shi}{brand}{trade}{}",
                    CITIES[city].2,
                    weighted(rng, LEGAL_FORMS)
                ),
                "company",
                industry,
                city,
                Some(format!("{brand}{trade}")),
            )
        };
        let (region, province, city, area) = CITIES[city_i];
        let phone = if individual || rng.below(10) < 4 {
            mobile(rng, number)
        } else {
            format!("{area}-{number:08}")
        };
        let credit_code = (!individual && rng.below(10) < 4)
            .then(|| format!("91{:04}{:02}MA{number:08}", 1100 + city_i * 37, seq % 97));
        let owner = (!self.reps.is_empty() && rng.below(10) != 0)
            .then(|| self.reps[rng.below(self.reps.len())]);
        let registrar = owner.unwrap_or_else(|| self.others[rng.below(self.others.len())]);
        let grade = weighted(rng, &[("A", 4), ("B", 11), ("C", 35), ("D", 45), ("", 5)]);
        let category = weighted(
            rng,
            &[
                ("key_account", 5),
                ("ordinary", 40),
                ("potential", 45),
                ("partner", 10),
            ],
        );
        let source = weighted(
            rng,
            &[
                ("event", 15),
                ("telemarketing", 25),
                ("inbound_call", 15),
                ("customer_referral", 15),
                ("friend_referral", 10),
                ("upgrade", 5),
                ("other", 15),
            ],
        );
        let nature = if individual {
            "individual_business"
        } else {
            weighted(
                rng,
                &[
                    ("private", 60),
                    ("state_owned", 10),
                    ("foreign", 8),
                    ("taiwan", 7),
                    ("joint_venture", 10),
                    ("other", 5),
                ],
            )
        };
        let band = weighted(rng, &[("lt_50m", 60), ("50m_500m", 30), ("gt_500m", 10)]);
        let (staff, capital) = match band {
            "lt_50m" => (20 + rng.below(200), 100 + rng.below(2_000)),
            "50m_500m" => (200 + rng.below(1_000), 2_000 + rng.below(20_000)),
            _ => (1_000 + rng.below(10_000), 20_000 + rng.below(200_000)),
        };
        let created_at = self.now - rng.below(3 * 365 * 86_400) as i64 * 1000;
        let updated_at =
            created_at + rng.below(((self.now - created_at) / 1000) as usize + 1) as i64 * 1000;
        let address = format!("{city}{}{}号", rng.pick(ROADS), 1 + rng.below(999));
        let text = |s: Option<String>| Value::Text(s);
        let company = |v: Value| if individual { Value::Text(None) } else { v };
        let person = |v: Value| if individual { v } else { Value::Text(None) };
        let row = with_derived(vec![
            Value::from(name.as_str()),
            Value::from(kind),
            text(short_name.clone()),
            text(credit_code.clone()),
            Value::from(owner),
            Value::from(category),
            Value::from(source),
            Value::from(region),
            Value::from(industry),
            Value::from(nature),
            if grade.is_empty() {
                Value::Text(None)
            } else {
                Value::from(grade)
            },
            Value::from(category == "key_account"),
            Value::from(phone.as_str()),
            Value::from(province),
            Value::from(city),
            Value::from(address),
            company(Value::from(person_name(rng))),
            if individual {
                Value::Int(None)
            } else {
                Value::from(staff as i64)
            },
            company(Value::from(band)),
            if individual {
                Value::Int(None)
            } else {
                Value::from(capital as i64 * 1_000_000)
            },
            person(Value::from(rng.pick(&["male", "female"]))),
            person(Value::from(format!(
                "{}-{:02}-{:02}",
                1960 + rng.below(40),
                1 + rng.below(12),
                1 + rng.below(28)
            ))),
            person(Value::from(rng.pick(OCCUPATIONS))),
            person(Value::from(rng.pick(&["low", "middle", "high"]))),
            Value::from(owner.map(|_| created_at)),
            Value::from(1i64),
            Value::from(created_at),
            Value::from(registrar),
            Value::from(updated_at),
            Value::from(registrar),
        ]);
        let keyed = vec![
            (f("name"), Value::from(name)),
            (f("short_name"), text(short_name)),
            (f("credit_code"), text(credit_code)),
            (f("phone"), Value::from(phone)),
        ];
        Customer {
            row,
            keyed,
            owner,
            registrar,
            created_at,
        }
    }

    /// Three contacts of a customer: the boss, the technical buyer, a user.
    fn contacts(&mut self, customer: i64, c: &Customer) -> Vec<(Vec<Value>, Vec<Value>)> {
        let rng = &mut self.rng;
        CONTACT_ROLES
            .iter()
            .enumerate()
            .map(|(i, (titles, dept, buying, deciding))| {
                let name = person_name(rng);
                let suffix = rng.below(100_000_000) as u64;
                let mobile = mobile(rng, suffix);
                let email = (rng.below(3) == 0).then(|| format!("c{customer}.{i}@example.cn"));
                let row = vec![
                    Value::from(name.as_str()),
                    Value::from(customer),
                    Value::from(rng.pick(titles)),
                    Value::from(*dept),
                    Value::from(mobile.as_str()),
                    Value::Text(email),
                    Value::from(rng.pick(buying)),
                    Value::from(rng.pick(deciding)),
                    Value::from(1i64),
                    Value::from(c.created_at),
                    Value::from(c.registrar),
                    Value::from(c.created_at),
                    Value::from(c.registrar),
                ];
                (row, vec![Value::from(name), Value::from(mobile)])
            })
            .collect()
    }
}

/// The search keys of generated records, through the registry's own index.
async fn index(
    tx: &mut Tx,
    rt: &RecordType,
    ids: &[i64],
    values: &[Vec<(&'static Field, Value)>],
) -> Result<()> {
    let mut pairs = Vec::new();
    for (id, vals) in ids.iter().zip(values) {
        let keys = search::record_grams(vals.iter().map(|(f, v)| (*f, v)));
        pairs.extend(keys.into_iter().map(|k| (*id, k)));
    }
    search::insert_grams(tx, rt, &pairs).await
}

impl App {
    /// Add `count` customers with three contacts each, their search and
    /// duplicate keys and their ownership history. Owners are the active
    /// reps (a tenth stays in the pool). The same seed gives the same data;
    /// further runs add customers that do not repeat earlier names. Returns
    /// how many customers were added.
    pub async fn generate_customers(&self, count: usize, seed: u64) -> Result<usize> {
        let reps = active_users(&self.db, Some("rep")).await?;
        let mut others = active_users(&self.db, None).await?;
        if others.is_empty() {
            return Err(crate::AppError::field("owner_id", "err-no-such-user"));
        }
        others.retain(|u| !reps.contains(u));
        if others.is_empty() {
            others = reps.clone();
        }
        let start = self
            .db
            .fetch_optional("SELECT COALESCE(MAX(id), 0) AS n FROM customers", &[])
            .await?
            .map(|r| r.i64("n") as u64)
            .unwrap_or(0);
        let trades: Vec<(&str, &str)> = TRADES
            .iter()
            .flat_map(|(ind, words)| words.iter().map(move |w| (*ind, *w)))
            .collect();
        let b = BRAND.len() as u64;
        let mut g = Generator {
            rng: Rng::new(seed ^ start),
            reps,
            others,
            company_names: Scatter::new(CITIES.len() as u64 * b * b * trades.len() as u64, seed),
            person_names: Scatter::new(
                SURNAMES.len() as u64 * (GIVEN.len() as u64 + (GIVEN.len() as u64).pow(2)),
                seed,
            ),
            numbers: Scatter::new(100_000_000, seed),
            trades,
            now: now_ms(),
        };
        let contact_fields = [
            CONTACTS.field("name").expect("contact name"),
            CONTACTS.field("mobile").expect("contact mobile"),
        ];
        let mut progress = Progress::new("customers", count);
        let mut done = 0;
        while done < count {
            let mut tx = self.db.begin().await?;
            if tx.backend() == Backend::Sqlite {
                // A bigger page cache for this connection while the indexes grow.
                tx.execute("PRAGMA cache_size = -262144", &[]).await?;
            }
            for _ in 0..ROUNDS_PER_TX {
                if done >= count {
                    break;
                }
                let n = ROUND.min(count - done);
                let batch: Vec<Customer> = (0..n)
                    .map(|i| g.customer(start + (done + i) as u64 + 1))
                    .collect();
                let rows: Vec<Vec<Value>> = batch.iter().map(|c| c.row.clone()).collect();
                let ids = insert_rows(&mut tx, CUSTOMERS.table, COLUMNS, rows, true).await?;
                let keyed: Vec<_> = batch.iter().map(|c| c.keyed.clone()).collect();
                index(&mut tx, &CUSTOMERS, &ids, &keyed).await?;
                let mut dup = Vec::new();
                let mut history = Vec::with_capacity(n);
                let mut contacts = Vec::with_capacity(n * 3);
                let mut contact_keys = Vec::with_capacity(n * 3);
                for (id, c) in ids.iter().zip(&batch) {
                    dup.extend(
                        dedupe::keys(&CUSTOMERS, &c.keyed)
                            .into_iter()
                            .map(|k| (*id, k)),
                    );
                    history.push(vec![
                        Value::from(*id),
                        Value::Int(None),
                        Value::from(c.owner),
                        Value::from("registered"),
                        Value::from("new_development"),
                        Value::from(c.created_at),
                        Value::from(c.registrar),
                    ]);
                    for (row, vals) in g.contacts(*id, c) {
                        contacts.push(row);
                        contact_keys.push(contact_fields.iter().copied().zip(vals).collect());
                    }
                }
                dedupe::insert_keys(&mut tx, &CUSTOMERS, &dup).await?;
                insert_rows(
                    &mut tx,
                    "ownership_history",
                    &[
                        "customer_id",
                        "from_user",
                        "to_user",
                        "action",
                        "reason",
                        "at",
                        "by_user",
                    ],
                    history,
                    false,
                )
                .await?;
                let contact_ids =
                    insert_rows(&mut tx, CONTACTS.table, CONTACT_COLUMNS, contacts, true).await?;
                index(&mut tx, &CONTACTS, &contact_ids, &contact_keys).await?;
                done += n;
                progress.tick(done);
            }
            tx.commit().await?;
        }
        // The rows went in without the registry: count them once at the end.
        let mut tx = self.db.begin().await?;
        crate::registry::tally::rebuild(&mut tx, &CUSTOMERS).await?;
        tx.commit().await?;
        eprintln!("customers: refreshing the planner's statistics");
        self.db.analyze().await?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scatter_is_a_permutation() {
        let s = Scatter::new(1_000, 7);
        let mut seen: Vec<u64> = (0..1_000).map(|n| s.at(n)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 1_000);
    }

    #[test]
    fn generated_names_are_distinct_as_duplicates() {
        let trades: Vec<(&str, &str)> = TRADES
            .iter()
            .flat_map(|(ind, words)| words.iter().map(move |w| (*ind, *w)))
            .collect();
        for (ind, _) in &trades {
            assert!(crate::kb::INDUSTRIES.contains(ind), "{ind}");
        }
        let b = BRAND.len() as u64;
        let mut g = Generator {
            rng: Rng::new(1),
            reps: vec![1, 2],
            others: vec![3],
            company_names: Scatter::new(CITIES.len() as u64 * b * b * trades.len() as u64, 1),
            person_names: Scatter::new(
                SURNAMES.len() as u64 * (GIVEN.len() as u64 + (GIVEN.len() as u64).pow(2)),
                1,
            ),
            numbers: Scatter::new(100_000_000, 1),
            trades,
            now: now_ms(),
        };
        let mut names = std::collections::HashSet::new();
        let mut phones = std::collections::HashSet::new();
        for seq in 1..=20_000 {
            let c = g.customer(seq);
            for (field, key) in dedupe::keys(&CUSTOMERS, &c.keyed) {
                let fresh = if field == "name" {
                    names.insert(key.clone())
                } else {
                    phones.insert(key.clone())
                };
                assert!(fresh, "{field} {key} repeats");
            }
        }
        assert_eq!(names.len(), 20_000);
    }
}
