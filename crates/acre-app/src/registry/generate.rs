//! Synthetic records at any scale for benchmarks (`acre gen`): believable
//! Chinese text per field kind, written with multi-row INSERTs in one
//! transaction. No audit rows: this is seed data, not user activity.

use acre_store::{Db, Tx, Value, now_ms};

use super::field::{Field, Kind};
use super::record_type::RecordType;
use super::sql::Sql;
use crate::App;
use crate::error::Result;
use crate::registry;

/// A small deterministic generator (xorshift64*): same seed, same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PREFIX: &[&str] = &[
    "智能",
    "云端",
    "工业",
    "精密",
    "高速",
    "节能",
    "数字化",
    "一体化",
    "便携式",
    "模块化",
    "柔性",
    "新一代",
];
const NOUN: &[&str] = &[
    "管理系统",
    "传感器",
    "伺服电机",
    "控制器",
    "扫码终端",
    "仓储平台",
    "排产软件",
    "质检仪",
    "包装机",
    "变频器",
    "分销系统",
    "门店收银",
];
const PLACE: &[&str] = &[
    "东莞", "深圳", "苏州", "宁波", "佛山", "温州", "青岛", "厦门", "合肥", "成都", "武汉", "台州",
];
const SENTENCE: &[&str] = &[
    "支持多组织、多工厂协同，数据实时汇总。",
    "上线周期短，典型客户三个月完成实施。",
    "与主流条码设备和电子秤无缝对接。",
    "按订单追踪生产进度，交期透明可控。",
    "报表可自定义，管理层随时查看经营数据。",
    "客户对售后响应速度评价很高。",
];

/// Characters of company brands (华信, 鑫达 …) and of people's names.
const BRAND: &[&str] = &[
    "华", "信", "达", "盛", "鑫", "源", "泰", "恒", "通", "宏", "兴", "昌", "隆", "丰", "瑞", "祥",
    "安", "康", "科", "创", "新", "维", "博", "立", "嘉", "腾", "飞", "龙", "海", "天", "中", "永",
    "金", "银", "光", "明", "远", "志", "伟", "力", "德", "和", "顺", "利", "佳", "美", "正", "联",
];
const TRADE: &[&str] = &[
    "电子", "科技", "机械", "精密", "塑胶", "五金", "包装", "纺织", "食品", "物流", "贸易", "医疗",
    "智能", "光电", "材料", "化工", "家具", "汽配", "模具", "印刷",
];
const SURNAME: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];

/// Customers and contacts get names like real ones, so pinyin and
/// substring searches meet a realistic spread of keys.
fn person_or_company(rng: &mut Rng, f: &Field, rt: &RecordType) -> Option<String> {
    let brand = |rng: &mut Rng| format!("{}{}", rng.pick(BRAND), rng.pick(BRAND));
    match (rt.key, f.key) {
        ("customers", "name") => Some(format!(
            "{}{}{}有限公司",
            rng.pick(PLACE),
            brand(rng),
            rng.pick(TRADE)
        )),
        ("customers", "short_name") => Some(brand(rng)),
        ("contacts", "name") => Some(format!("{}{}", rng.pick(SURNAME), brand(rng))),
        _ => None,
    }
}

fn text_value(rng: &mut Rng, f: &Field, rt: &RecordType, n: usize) -> String {
    if let Some(name) = person_or_company(rng, f, rt) {
        return name;
    }
    if f.unique || f.key == "code" {
        return format!(
            "{}-{:07}",
            rt.entity.to_uppercase().chars().take(3).collect::<String>(),
            n
        );
    }
    if f.key == rt.title {
        return format!(
            "{}{}{} {}型",
            rng.pick(PLACE),
            rng.pick(PREFIX),
            rng.pick(NOUN),
            100 + rng.below(900)
        );
    }
    format!("{}{}", rng.pick(PREFIX), rng.pick(NOUN))
}

fn value(
    rng: &mut Rng,
    f: &Field,
    rt: &RecordType,
    n: usize,
    links: &[(&str, Vec<i64>)],
    users: &[i64],
) -> Value {
    match f.kind {
        Kind::Text => Value::from(text_value(rng, f, rt, n)),
        Kind::LongText => Value::from((0..2).map(|_| rng.pick(SENTENCE)).collect::<String>()),
        Kind::Integer => Value::from(rng.below(10_000) as i64),
        Kind::Decimal | Kind::Percent => Value::from((rng.below(10_000) as f64) / 100.0),
        Kind::Money => Value::from((1_000 + rng.below(500_000)) as i64 * 100),
        Kind::Date => Value::from(format!(
            "{}-{:02}-{:02}",
            2026 + rng.below(2),
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        Kind::DateTime => Value::from(now_ms() - rng.below(365 * 86_400) as i64 * 1000),
        Kind::Enum => Value::from(rng.pick(f.options)),
        Kind::MultiEnum => Value::from(format!(",{},", rng.pick(f.options))),
        Kind::Link => {
            let ids = links
                .iter()
                .find(|(k, _)| *k == f.key)
                .map(|(_, v)| v.as_slice())
                .unwrap_or(&[]);
            if ids.is_empty() {
                Value::Int(None)
            } else {
                Value::from(ids[rng.below(ids.len())])
            }
        }
        Kind::User => Value::from(users[rng.below(users.len())]),
        Kind::Bool => Value::from(rng.below(2) == 0),
        // Half mobiles written as people do (138-0013-8000), half landlines.
        Kind::Phone if rng.below(2) == 0 => {
            let m = format!("1{}{:09}", 3 + rng.below(7), rng.below(1_000_000_000));
            Value::from(format!("{}-{}-{}", &m[..3], &m[3..7], &m[7..]))
        }
        Kind::Phone => Value::from(format!(
            "0{}-{:08}",
            20 + rng.below(80),
            rng.below(100_000_000)
        )),
        Kind::Email => Value::from(format!("user{n}@example.cn")),
        Kind::Url => Value::from(format!("https://example.cn/{n}")),
        Kind::File => Value::Int(None),
    }
}

/// Bound parameters per multi-row statement: well under SQLite's (32,766)
/// and PostgreSQL's (65,535) limits.
const MAX_PARAMS: usize = 30_000;

/// Insert `rows` (values in the order of `cols`) into `table` with multi-row
/// INSERTs of at most 500 rows, inside the caller's transaction. Returns the
/// new ids in the order of `rows` (RETURNING keeps the order of the VALUES).
pub(crate) async fn insert_rows(
    tx: &mut Tx,
    table: &str,
    cols: &[&str],
    rows: Vec<Vec<Value>>,
    returning: bool,
) -> Result<Vec<i64>> {
    let batch = (MAX_PARAMS / cols.len().max(1)).clamp(1, 500);
    let mut ids = Vec::with_capacity(if returning { rows.len() } else { 0 });
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut s = Sql::default();
        let mut values = Vec::with_capacity(batch);
        for row in rows.by_ref().take(batch) {
            let marks: Vec<String> = row.into_iter().map(|v| s.arg(v)).collect();
            values.push(format!("({})", marks.join(",")));
        }
        let text = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            cols.join(", "),
            values.join(",")
        );
        let text = if returning {
            format!("{text} RETURNING id")
        } else {
            text
        };
        let got = tx
            .keeping_check_plans(async |tx: &mut Tx| tx.fetch_all(&text, &s.args).await)
            .await?;
        ids.extend(got.iter().map(|r| r.i64("id")));
    }
    Ok(ids)
}

/// Ids of the active users, optionally of one role, in id order.
pub(crate) async fn active_users(db: &Db, role: Option<&str>) -> Result<Vec<i64>> {
    let rows = match role {
        Some(r) => {
            db.fetch_all(
                "SELECT id FROM users WHERE active = TRUE AND role = $1 ORDER BY id",
                &[r.into()],
            )
            .await?
        }
        None => {
            db.fetch_all("SELECT id FROM users WHERE active = TRUE ORDER BY id", &[])
                .await?
        }
    };
    Ok(rows.iter().map(|r| r.i64("id")).collect())
}

/// Prints how far a long generation got, on stderr, every `every` items.
pub(crate) struct Progress {
    what: &'static str,
    total: usize,
    every: usize,
    next: usize,
    started: std::time::Instant,
}

impl Progress {
    pub(crate) fn new(what: &'static str, total: usize) -> Progress {
        let every = (total / 20).max(10_000);
        Progress {
            what,
            total,
            every,
            next: every,
            started: std::time::Instant::now(),
        }
    }
    pub(crate) fn tick(&mut self, done: usize) {
        if done >= self.next || done == self.total {
            while self.next <= done {
                self.next += self.every;
            }
            let secs = self.started.elapsed().as_secs_f64();
            eprintln!(
                "{}: {done}/{} ({:.0}%) in {secs:.1} s",
                self.what,
                self.total,
                done as f64 * 100.0 / self.total.max(1) as f64
            );
        }
    }
}

impl App {
    /// Insert `count` synthetic records of a type, authored by active users in
    /// turn. Linked types must already have records. Returns how many.
    pub async fn generate(
        &self,
        rt: &'static RecordType,
        count: usize,
        seed: u64,
    ) -> Result<usize> {
        let mut rng = Rng::new(seed);
        let users = active_users(&self.db, None).await?;
        let mut links = Vec::new();
        for f in rt.fields.iter().filter(|f| f.kind == Kind::Link) {
            let target = f
                .link
                .and_then(registry::find)
                .expect("declared link target");
            // Up to 100,000 targets spread over the whole table (every
            // `step`-th id), so a million customers all get opportunities.
            let max = self
                .db
                .fetch_optional(
                    &format!("SELECT COALESCE(MAX(id), 0) AS n FROM {}", target.table),
                    &[],
                )
                .await?
                .map(|r| r.i64("n"))
                .unwrap_or(0);
            let step = (max / 100_000).max(1);
            let ids: Vec<i64> = self
                .db
                .fetch_all(
                    &format!(
                        "SELECT id FROM {} WHERE deleted_at IS NULL AND id % $1 = 0 ORDER BY id LIMIT 100000",
                        target.table
                    ),
                    &[Value::from(step)],
                )
                .await?
                .iter()
                .map(|r| r.i64("id"))
                .collect();
            links.push((f.key, ids));
        }
        let start: usize = self
            .db
            .fetch_optional(&format!("SELECT COUNT(*) AS n FROM {}", rt.table), &[])
            .await?
            .map(|r| r.i64("n") as usize)
            .unwrap_or(0);
        let mut cols: Vec<&str> = rt.fields.iter().map(|f| f.key).collect();
        cols.extend([
            "version",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
        ]);
        let batch = (MAX_PARAMS / cols.len()).clamp(1, 500);
        let mut progress = Progress::new(rt.key, count);
        let mut tx = self.db.begin().await?;
        let mut done = 0;
        let mut first_id = None;
        while done < count {
            let n = batch.min(count - done);
            let mut rows = Vec::with_capacity(n);
            let mut searchable_values: Vec<Vec<(&'static Field, Value)>> = Vec::with_capacity(n);
            for i in 0..n {
                let seq = start + done + i + 1;
                let author = users[rng.below(users.len())];
                let ts = now_ms() - rng.below(180 * 86_400) as i64 * 1000;
                let mut searchable = Vec::new();
                let mut row: Vec<Value> = rt
                    .fields
                    .iter()
                    .map(|f| {
                        let v = value(&mut rng, f, rt, seq, &links, &users);
                        if f.searchable {
                            searchable.push((f, v.clone()));
                        }
                        v
                    })
                    .collect();
                searchable_values.push(searchable);
                row.extend([
                    Value::from(1i64),
                    Value::from(ts),
                    Value::from(author),
                    Value::from(ts),
                    Value::from(author),
                ]);
                rows.push(row);
            }
            let ids = insert_rows(&mut tx, rt.table, &cols, rows, true).await?;
            first_id = first_id.or(ids.first().copied());
            let mut pairs = Vec::new();
            for (id, vals) in ids.into_iter().zip(searchable_values.drain(..)) {
                let keys = super::search::record_grams(vals.iter().map(|(f, v)| (*f, v)));
                pairs.extend(keys.into_iter().map(|k| (id, k)));
            }
            super::search::insert_grams(&mut tx, rt, &pairs).await?;
            done += n;
            progress.tick(done);
        }
        if let Some(first) = first_id {
            fixed_inherits(&mut tx, rt, first).await?;
        }
        super::tally::rebuild(&mut tx, rt).await?;
        tx.commit().await?;
        self.db.analyze().await?;
        Ok(done)
    }
}

/// Fields a record always takes from the record it links to (an
/// opportunity's copy of its customer's owner) hold that value in generated
/// data too, set for the rows from `first` on in one statement each.
async fn fixed_inherits(tx: &mut Tx, rt: &RecordType, first: i64) -> Result<()> {
    for inh in rt.inherit.iter().filter(|i| i.fixed && i.lookup.is_none()) {
        let parent = rt
            .field(inh.via)
            .and_then(|f| f.link)
            .and_then(registry::find)
            .expect("an inherit's link names a record type");
        tx.execute(
            &format!(
                "UPDATE {t} SET {f} = (SELECT p.{from} FROM {pt} p WHERE p.id = {t}.{via}) WHERE id >= $1",
                t = rt.table,
                f = inh.field,
                from = inh.from,
                pt = parent.table,
                via = inh.via,
            ),
            &[Value::from(first)],
        )
        .await?;
    }
    Ok(())
}
