//! Demo sales materials (KB1–KB9): believable sample records for the demo
//! organisation — an ERP/DCMS software house in 华南 selling software,
//! implementation services and hardware to manufacturers and distributors
//! (seed 002). Everything goes through `App::create_record`, so the data is
//! validated, versioned and audited like anything a person types.
//!
//! Company, customer and competitor names are fictional.

use crate::error::Result;
use crate::kb;
use crate::registry::{Input, RecordType};
use crate::{Actor, App};

/// Field values as typed, from `(key, text)` pairs.
fn input(pairs: &[(&str, &str)]) -> Input {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

/// Create one record and return its id.
async fn add(
    app: &App,
    author: &Actor,
    rt: &'static RecordType,
    pairs: &[(&str, &str)],
) -> Result<i64> {
    let (id, _version) = app.create_record(author, rt, &input(pairs)).await?;
    Ok(id)
}

/// Load the demo knowledge base as `author` (someone who may add sales
/// materials, e.g. the director). Does nothing when products already exist,
/// so running it twice is harmless.
pub async fn load(app: &App, author: &Actor) -> Result<()> {
    if app
        .db
        .fetch_optional("SELECT id FROM products LIMIT 1", &[])
        .await?
        .is_some()
    {
        return Ok(());
    }

    // ---- KB1 产品资料 -------------------------------------------------------
    let erp_mfg = add(app, author, &kb::PRODUCTS, &[
        ("name", "一亩 ERP 制造版"),
        ("code", "YM-ERP-MFG"),
        ("category", "software"),
        ("unit", "套"),
        ("features", "B/S 架构，客户端只需浏览器，服务器支持 Windows Server 与 Linux，数据库可选 SQL Server 或 PostgreSQL。\n\
            模块化组合：进销存、生产管理（BOM/MRP/工单/委外）、财务总账、成本核算、老板看板，按需选购。\n\
            界面简体中文、繁体中文、英文三语切换，同一套账可供两岸或多工厂共用。\n\
            标准包含 20 个并发用户，可按 10 个用户为单位扩充。"),
        ("functions", "1. 物料需求计划（MRP）与产能负荷分析，自动生成采购建议和工单建议；\n\
            2. BOM 多版本与工程变更（ECN）管理；\n\
            3. 生产工单、领料退料、完工入库、委外加工全流程；\n\
            4. 采购询价、订单、到货检验、付款；销售报价、订单、出货、应收；\n\
            5. 多仓库、批号、序列号管理，配合条码 PDA 扫码出入库；\n\
            6. 标准成本与月加权实际成本核算，工单成本差异分析；\n\
            7. 总账、应收应付、固定资产、费用报销；\n\
            8. 手机端老板看板：接单、出货、回款、库存一目了然，移动审批。"),
        ("benefits", "物料齐套情况提前看得见，减少停工待料和紧急采购；\n\
            库存准确率可提升到 98% 以上，呆滞料逐月下降；\n\
            月结从 10 天缩短到 3 天，成本算得清、报价有依据；\n\
            老板出差也能在手机上掌握接单、出货、回款，随时审批；\n\
            台商、外资客户两岸共用一套系统，总部可直接看大陆工厂数据。"),
        ("advantages", "专为年营业额 0.5–5 亿元的电子、电机、家电、五金、机械等离散制造业设计，行业模板开箱即用；\n\
            实施方法论成熟，标准上线周期 3–4 个月；\n\
            华南地区 40 多名实施顾问，本地驻场服务，响应快；\n\
            与条码 PDA、DCMS 分销管理系统原生集成，不需要二次接口；\n\
            总拥有成本比国际品牌低 40% 以上，东莞、深圳、佛山有大量同行案例可供参观。"),
        ("disadvantages", "化工、制药等流程型行业的配方管理与批次正反追溯需要二次开发；\n\
            500 个并发用户以上的集团型客户需要单独做性能评估；\n\
            东南亚海外工厂的当地税务与发票尚未标准支持。"),
        ("quotation_strategy", "按“模块 + 并发用户数”报价：基础包（进销存 + 财务）20 用户 128,000 元，生产管理模块另加 60,000 元，每增加 10 个用户 18,000 元。\n\
            实施服务按人天另行报价（见“实施服务（人天）”），首年维护费为软件款的 15%。\n\
            初访时只口头说明费用区间；正式书面报价须在交流调研之后，由系统生成并经主管审核签字。\n\
            谈判前先摸清客户预算；让价要慢、越让越少，每次让价都要换回条件（如缩短付款周期、同意作为参观案例）。"),
    ])
    .await?;

    let erp_dst = add(app, author, &kb::PRODUCTS, &[
        ("name", "一亩 ERP 分销版"),
        ("code", "YM-ERP-DST"),
        ("category", "software"),
        ("unit", "套"),
        ("features", "面向贸易、批发和品牌分销企业的进销存与财务一体化系统，B/S 架构，支持多公司、多仓库、多币种。\n\
            标准包含 10 个并发用户，业务员可用手机下单、查库存、查应收。"),
        ("functions", "多级价格体系（经销价、批发价、零售价、客户专属价）；\n\
            客户信用额度与超额审批；\n\
            采购建议、多仓库调拨、批号与有效期管理；\n\
            销售订单、发货、退货、对账单；\n\
            应收账龄分析与催款提醒；业务员销售提成计算；\n\
            总账、应收应付、费用管理。"),
        ("benefits", "价格和信用额度由系统控制，避免业务员乱放价、乱赊账；\n\
            账龄一目了然，坏账风险提前预警；\n\
            各仓库存实时可查，减少断货和重复采购；\n\
            月底对账、算提成不再靠 Excel 加班。"),
        ("advantages", "上线快：标准实施 4–6 周；\n\
            与 DCMS 分销管理系统同一厂商，日后扩展门店、加盟商时数据无缝衔接；\n\
            价格比同档次国际品牌低一半以上。"),
        ("disadvantages", "没有生产管理模块，兼做加工的客户需升级到制造版；\n\
            零售门店 POS 需另购 DCMS。"),
        ("quotation_strategy", "10 用户标准包 68,000 元，每增加 5 个用户 9,000 元；\n\
            经销商渠道按标准价 6.5 折进货；\n\
            客户同时采购 DCMS 时，分销版可按 8.5 折报价。"),
    ])
    .await?;

    let dcms = add(app, author, &kb::PRODUCTS, &[
        ("name", "DCMS 分销管理系统"),
        ("code", "YM-DCMS"),
        ("category", "software"),
        ("unit", "套"),
        ("features", "面向以自有品牌通过多渠道销售的流通业（服饰、家纺、烘焙、精品、3C 连锁、家具连锁、百货）的总部—门店一体化系统。\n\
            门店端支持 Windows 收银机和安卓收银一体机，断网可继续收银，恢复后自动上传。"),
        ("functions", "门店 POS 收银、交班、日结；\n\
            总部商品、价格、促销集中管理（满减、折扣、买赠、会员价）；\n\
            会员积分、储值、生日营销；\n\
            总部配货、门店要货、加盟商网上订货；\n\
            门店调拨、盘点、退仓；\n\
            按款式、颜色、尺码的销售与库存分析，畅滞销报表。"),
        ("benefits", "总部每天早上就能看到每家门店昨天的销售和库存；\n\
            畅销款及时补货、滞销款及时调拨，减少季末打折清货；\n\
            会员数据沉淀在公司手里，不随店长流失；\n\
            加盟商订货、对账在线完成，减少电话和传真。"),
        ("advantages", "服饰行业款色码矩阵录入与分析是强项；\n\
            单店每年软件费用低于 2,000 元；\n\
            已在华南 30 多家连锁品牌、3,000 多家门店稳定运行。"),
        ("disadvantages", "大型百货联营扣点结算功能较简单；\n\
            线上商城需通过接口对接第三方平台。"),
        ("quotation_strategy", "总部平台 98,000 元（含 20 家门店），每增加 1 家门店 1,500 元；\n\
            收银硬件可按成本价打包；\n\
            门店数超过 100 家时按项目报价，须报大客户总监审批。"),
    ])
    .await?;

    let pda = add(app, author, &kb::PRODUCTS, &[
        ("name", "条码采集终端 PDA"),
        ("code", "YM-PDA-X5"),
        ("category", "hardware"),
        ("unit", "台"),
        ("features", "安卓 12 系统，5.5 英寸触摸屏，工业级一维/二维扫描引擎；\n\
            IP65 防尘防水，1.5 米跌落不坏；5,000 mAh 可换电池，连续工作 12 小时；\n\
            支持 Wi-Fi、4G 全网通、蓝牙。"),
        ("functions", "扫码收货、上架、领料、完工入库、出货、盘点；\n\
            预装一亩 ERP 与 DCMS 移动端，扫码即过账；\n\
            支持打印标签（配蓝牙便携打印机）。"),
        ("benefits", "仓库出入库不再手写单据再补录，账实相符；\n\
            盘点时间从两天缩短到半天；\n\
            发错货、发错批号的投诉明显减少。"),
        ("advantages", "与一亩 ERP 原厂集成，免开发；\n\
            华南本地备机，故障 48 小时内换新。"),
        ("disadvantages", "冷库（零下 20 度以下）环境需选配低温版；\n\
            电池为专用型号，不能用通用电池替代。"),
        ("quotation_strategy", "单台标准价 4,800 元；随 ERP 项目打包时按项目价；10 台以上有数量折扣（见产品价格）。"),
    ])
    .await?;

    let impl_service = add(app, author, &kb::PRODUCTS, &[
        ("name", "实施服务（人天）"),
        ("code", "YM-SVC-IMPL"),
        ("category", "service"),
        ("unit", "人天"),
        ("features", "由认证实施顾问按“调研—蓝图—配置—培训—上线—验收”六步法实施，以人天计费。"),
        ("functions", "业务流程调研与蓝图设计；基础资料整理与导入；系统参数配置；关键用户与最终用户培训；上线辅导与月结辅导；报表与单据格式调整。"),
        ("benefits", "按方法论推进，项目不拖延；关键用户学会后能自己培训新员工，系统真正用得起来。"),
        ("advantages", "顾问多数有制造业工作经验，懂车间、懂仓库、懂财务；本地驻场，随叫随到。"),
        ("disadvantages", "旺季（年底、年初）顾问排期紧张，需提前一个月预约。"),
        ("quotation_strategy", "先按模块估算人天再报价：制造版标准实施约 40–60 人天；顾问天数须与实施部经理共同评估，不得为拿单而压低人天。"),
    ])
    .await?;

    add(app, author, &kb::PRODUCTS, &[
        ("name", "年度维护服务"),
        ("code", "YM-SVC-MAINT"),
        ("category", "service"),
        ("unit", "年"),
        ("features", "软件版本升级、热线与远程支持、每年两次上门巡检。"),
        ("functions", "400 热线与在线客服（工作日 8:30–18:00）；远程协助排错；免费升级到新版本；年度数据库健康检查与备份演练。"),
        ("benefits", "系统出问题有人管，不怕关键人员离职；跟上税务、发票政策变化。"),
        ("advantages", "4 小时内响应，紧急故障当天上门（华南地区）。"),
        ("disadvantages", "不含二次开发和新增报表，需另行报价。"),
        ("quotation_strategy", "软件款的 15%/年；签三年一次付清可享 9 折；过保后续约需补缴中断期间费用。"),
    ])
    .await?;

    let (erp_mfg, erp_dst, dcms, pda, impl_service) = (
        format!("{erp_mfg}"),
        format!("{erp_dst}"),
        format!("{dcms}"),
        format!("{pda}"),
        format!("{impl_service}"),
    );

    // ---- KB2 产品价格 -------------------------------------------------------
    let prices: [&[(&str, &str)]; 8] = [
        &[
            ("name", "一亩 ERP 制造版 2026 年标准价"),
            ("product_id", &erp_mfg),
            ("list_price", "128000.00"),
            ("floor_price", "98000.00"),
            ("currency", "CNY"),
            (
                "discount_tiers",
                "基础包 20 用户；每增加 10 个并发用户加 18,000 元。\n\
                A 级客户 3 个月内签约 9 折；老客户升级 7 折。\n\
                低于 9 折须经理审批，低于 8 折须总监审批，不得低于最低价。",
            ),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
            ("notes", "不含实施服务与首年维护费。"),
        ],
        &[
            ("name", "一亩 ERP 制造版 2026 上半年华南推广价"),
            ("product_id", &erp_mfg),
            ("list_price", "118000.00"),
            ("floor_price", "92000.00"),
            ("currency", "CNY"),
            (
                "discount_tiers",
                "参加东莞、佛山研讨会的客户当月签约 9.5 折；\n\
                同时采购条码 PDA 10 台以上，赠送 5 人天实施。",
            ),
            ("valid_from", "2026-03-01"),
            ("valid_to", "2026-06-30"),
            ("notes", "仅限广东省内新客户，不与其他优惠叠加。"),
        ],
        &[
            ("name", "一亩 ERP 分销版 2026 年标准价"),
            ("product_id", &erp_dst),
            ("list_price", "68000.00"),
            ("floor_price", "52000.00"),
            ("currency", "CNY"),
            (
                "discount_tiers",
                "10 用户标准包；每增加 5 个用户 9,000 元。\n\
                同时采购 DCMS 时 8.5 折。",
            ),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
            ("notes", ""),
        ],
        &[
            ("name", "一亩 ERP 分销版经销商进货价"),
            ("product_id", &erp_dst),
            ("list_price", "68000.00"),
            ("floor_price", "44200.00"),
            ("currency", "CNY"),
            (
                "discount_tiers",
                "签约经销商按标准价 6.5 折进货；\n\
                年进货 10 套以上返点 3%。",
            ),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
            (
                "notes",
                "只对已签经销协议的渠道伙伴开放，直销人员不得向最终客户报此价格。",
            ),
        ],
        &[
            ("name", "条码采集终端 PDA 标准价"),
            ("product_id", &pda),
            ("list_price", "4800.00"),
            ("floor_price", "3900.00"),
            ("currency", "CNY"),
            (
                "discount_tiers",
                "10 台以上 9.5 折；50 台以上 9 折；A 级客户 9 折（不与数量折扣叠加）。",
            ),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
            ("notes", "含一年保修，第二年起保修按每台每年 480 元。"),
        ],
        &[
            ("name", "条码采集终端 PDA 随 ERP 项目打包价"),
            ("product_id", &pda),
            ("list_price", "4200.00"),
            ("floor_price", "3600.00"),
            ("currency", "CNY"),
            (
                "discount_tiers",
                "与一亩 ERP 同一合同签订时适用；20 台以上另议。",
            ),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
            ("notes", ""),
        ],
        &[
            ("name", "实施服务驻场人天单价"),
            ("product_id", &impl_service),
            ("list_price", "2800.00"),
            ("floor_price", "2200.00"),
            ("currency", "CNY"),
            (
                "discount_tiers",
                "一次购买 30 人天以上 9 折；60 人天以上 8.5 折。\n\
                广东省外另计差旅费。",
            ),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
            ("notes", "人天数须经实施部经理评估签字。"),
        ],
        &[
            ("name", "实施服务远程人天单价"),
            ("product_id", &impl_service),
            ("list_price", "1800.00"),
            ("floor_price", "1500.00"),
            ("currency", "CNY"),
            ("discount_tiers", "远程人天不参与数量折扣。"),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
            ("notes", "适用于上线后的报表调整与加开培训。"),
        ],
    ];
    for p in prices {
        add(app, author, &kb::PRICE_STRATEGIES, p).await?;
    }

    // ---- KB3 解决方案 -------------------------------------------------------
    add(app, author, &kb::SOLUTIONS, &[
        ("title", "电子制造业 ERP 解决方案：物料齐套与工单管控"),
        ("industries", "electronics,motors,appliances"),
        ("products", "一亩 ERP 制造版、条码采集终端 PDA、实施服务（人天）"),
        ("summary", "针对多品种、小批量、BOM 变更频繁的电子组装厂，用 MRP 提前发现缺料，用条码管住仓库，让老板每天看得到齐套率和交期。"),
        ("body", "一、行业痛点\n\
            1. 客户订单急、插单多，BOM 经常变更，采购跟不上；\n\
            2. 物料几千种，仓库手工账，账实不符，经常停工待料；\n\
            3. 成本算不清，报价凭经验，接了单不知道赚不赚钱。\n\
            \n\
            二、解决思路\n\
            1. 用 BOM 多版本与 ECN 管理设计变更，变更自动通知采购与仓库；\n\
            2. 每天运行 MRP，按工单生成齐套分析表，缺料提前 7 天预警；\n\
            3. 仓库全面条码化，PDA 扫码收货、发料、入库，账实相符；\n\
            4. 工单成本按月归集，实际成本与标准成本差异一目了然。\n\
            \n\
            三、实施步骤\n\
            调研（2 周）→ 蓝图（1 周）→ 基础资料与条码规则（3 周）→ 培训与模拟（3 周）→ 上线与月结辅导（4 周）。\n\
            \n\
            四、参考案例\n\
            东莞市宏达电子科技有限公司（见成功案例）。"),
    ])
    .await?;
    add(app, author, &kb::SOLUTIONS, &[
        ("title", "食品饮料行业批次追溯与保质期管理方案"),
        ("industries", "food,beverage,bakery"),
        ("products", "一亩 ERP 制造版、一亩 ERP 分销版、条码采集终端 PDA"),
        ("summary", "从原料入厂到成品出货全程记录批号，出现质量问题 30 分钟内查清影响范围；按保质期先进先出，减少过期报废。"),
        ("body", "一、行业痛点\n\
            1. 食品安全监管趋严，出了问题要能快速召回；\n\
            2. 原料、成品都有保质期，仓库靠经验先进先出，过期报废多；\n\
            3. 经销商多、促销多，价格政策和费用核销混乱。\n\
            \n\
            二、解决思路\n\
            1. 原料按批号入库，生产领料扫码记录批号，成品批号与原料批号自动关联，可正查、反查；\n\
            2. 出库时系统按保质期推荐批号，临期品自动预警；\n\
            3. 经销商价格、返利、促销费用在分销版中统一管理。\n\
            \n\
            三、注意事项\n\
            配方保密与配方版本管理需在蓝图阶段与客户确认，部分需求可能需要二次开发，报价时要单独列出。"),
    ])
    .await?;
    add(app, author, &kb::SOLUTIONS, &[
        ("title", "服饰家纺连锁分销解决方案（DCMS）"),
        ("industries", "apparel,home_textiles,boutiques"),
        ("products", "DCMS 分销管理系统、一亩 ERP 分销版、条码采集终端 PDA"),
        ("summary", "总部、直营店、加盟商一体化：门店 POS 实时上传，款色码分析畅滞销，加盟商网上订货，会员统一运营。"),
        ("body", "一、适用客户\n\
            以自有品牌经营、直营加加盟、门店 20 家以上的服饰、家纺、精品品牌。\n\
            \n\
            二、方案要点\n\
            1. 门店 POS 收银断网可用，联网自动上传；\n\
            2. 总部按款式、颜色、尺码查看销售与库存，畅销款自动补货建议，滞销款调拨建议；\n\
            3. 加盟商通过网页下单、查看账款，总部审核后配货；\n\
            4. 会员在任何门店消费积分通用，生日、换季自动推送优惠；\n\
            5. 总部仓使用 PDA 扫码配货、装箱，门店扫码收货。\n\
            \n\
            三、上线节奏\n\
            先上总部与 3 家试点门店，稳定两周后分批推广，每批 10–20 家。"),
    ])
    .await?;

    // ---- KB4 成功案例 -------------------------------------------------------
    add(app, author, &kb::SUCCESS_CASES, &[
        ("title", "东莞宏达电子：自主开发系统作者离职后换用一亩 ERP"),
        ("customer_name", "东莞市宏达电子科技有限公司"),
        ("industry", "electronics"),
        ("products", "一亩 ERP 制造版、条码采集终端 PDA × 12、实施服务 55 人天"),
        ("customer_intro", "位于东莞长安镇的电源适配器与充电器制造商，年营业额约 2.3 亿元，员工 600 人，产品 70% 出口。\n\
            2015 年起使用 IT 人员自主开发的进销存系统。"),
        ("customer_needs", "原系统开发者 2025 年离职，系统仍在使用但已无人能维护，月结经常出错（典型的已信息化 B 级客户）；\n\
            老板要求：物料齐套可视、成本算清、出口订单交期可控；\n\
            财务要求：月结 5 天内完成。"),
        ("competitors", "金算通软件：价格比我们低约 15%，但制造模块较弱；\n\
            鼎承信息：方案完整，报价高出 40%，实施要 8 个月；\n\
            思创定制软件工作室：提出在原系统上继续改，被财务否决。"),
        ("success_keys", "1. 初访就找对了人：同时建立了财务主管与生产副总两条联系线；\n\
            2. 交流调研后参观了车间，演示完全围绕他们的缺料问题展开；\n\
            3. 安排客户参观同镇的同行案例，老板听到同行的评价后下了决心；\n\
            4. 商务谈判慢慢让价，最后一次让价换来了首付 50% 和案例授权。"),
        ("highlights", "用客户自己的 BOM 和一周订单做“齐套分析”演示，当场找出 3 个月后才会暴露的缺料问题；\n\
            把“原作者离职、系统无人维护”的风险算成停工损失给老板看。"),
        ("customer_evaluation", "“以前每月月结要加三个晚上班，现在第三天就出报表。仓库用了 PDA 以后，盘点差异从几十万降到几千块。”——财务经理 刘女士"),
        ("summary", "成功在于找准了 B 级客户由“痛”转 A 的时机，并用客户自己的数据演示。\n\
            不足：实施人天估少了 10 天，后期追加，客户有些意见；以后报价前必须让实施经理参与评估。"),
        ("remarks", "客户同意作为参观案例，每季度最多接待 2 批。"),
    ])
    .await?;
    add(app, author, &kb::SUCCESS_CASES, &[
        ("title", "佛山恒力电机：台商两岸共用一套 ERP"),
        ("customer_name", "佛山市顺德区恒力电机有限公司"),
        ("industry", "motors"),
        ("products", "一亩 ERP 制造版（繁体/简体双语）、实施服务 48 人天、年度维护服务"),
        ("customer_intro", "台资微电机厂，台湾母公司负责研发和接单，顺德工厂负责生产，年营业额约 1.5 亿元。"),
        ("customer_needs", "台湾接单、大陆生产、台湾收钱，需要两岸共用一套系统；\n\
            台干习惯繁体界面，大陆员工用简体；\n\
            主机要放在台湾总部，顺德工厂通过网络使用。"),
        ("competitors", "鼎承信息：在台湾有知名度，但大陆服务网点少；\n\
            速捷天成：价格低，但没有繁体界面。"),
        ("success_keys", "1. 提前了解母公司 ERP 与两岸分工，方案按“台湾接单—大陆生产”流程设计；\n\
            2. 同一界面简繁切换当场演示，台籍总经理非常认可；\n\
            3. 说服客户让大陆这边的台干负责项目，决策链缩短。"),
        ("highlights", "演示时让台湾总部与顺德工厂同时登录，台湾下单后顺德立即看到工单建议。"),
        ("customer_evaluation", "“终于不用每天发 Excel 来回对数了。”——总经理 林先生"),
        ("summary", "台商客户一定要先弄清母公司的角色与主导权在哪边；本案决策在台湾，但执行在大陆，两边都要经营。"),
        ("remarks", "母公司另有一家东莞工厂，明年有扩展机会（已登记为 B 级）。"),
    ])
    .await?;
    add(app, author, &kb::SUCCESS_CASES, &[
        ("title", "深圳衣采服饰：120 家门店上线 DCMS"),
        ("customer_name", "深圳市衣采服饰有限公司"),
        ("industry", "apparel"),
        ("products", "DCMS 分销管理系统（120 店）、一亩 ERP 分销版、条码采集终端 PDA × 20"),
        ("customer_intro", "女装自有品牌，直营 45 家、加盟 75 家，主要分布在广东、广西、湖南，年营业额约 3 亿元。"),
        ("customer_needs", "总部看不到门店实时库存，畅销款补货慢、滞销款积压；\n\
            加盟商订货靠微信和电话，对账纠纷多；\n\
            会员分散在各店长手机里。"),
        ("competitors", "鼎承信息零售 POS 连锁版：功能接近，报价相当；\n\
            思创定制软件工作室：原门店收银系统供应商，想继续扩展。"),
        ("success_keys", "1. 用客户一个季度的销售数据做了款色码畅滞销分析，直接展示季末少打折能多赚多少；\n\
            2. 先做 3 家试点门店，两周内跑通，打消了老板对门店断网的顾虑；\n\
            3. 加盟商大会上由我方讲解网上订货，加盟商成了支持者。"),
        ("highlights", "试点门店店长在加盟商大会上现身说法。"),
        ("customer_evaluation", "“季末库存比去年同期少了 18%。”——运营总监 何女士"),
        ("summary", "流通业项目决策快，但门店推广是难点；分批上线加上店长培训是关键。"),
        ("remarks", ""),
    ])
    .await?;

    // ---- KB5 失败案例 -------------------------------------------------------
    add(app, author, &kb::FAILURE_CASES, &[
        ("title", "中山利达五金：只谈价格，输在商务谈判"),
        ("customer_name", "中山市利达五金制品有限公司"),
        ("industry", "hardware"),
        ("products", "一亩 ERP 制造版、实施服务"),
        ("customer_needs", "门锁与卫浴五金配件厂，年营业额约 8,000 万元，想替换用了 8 年的单机版进销存，重点是库存和外协加工管理。"),
        ("competitors", "速捷天成、金算通软件"),
        ("winner", "速捷天成软件"),
        ("failure_point", "商务谈判"),
        ("reasons", "1. 一直和老板的儿子（IT 负责人）联系，真正拍板的老板只见过一次；\n\
            2. 没有事先摸清预算（只有 8 万元左右），第一轮就报了全模块；\n\
            3. 谈判时一次性让了 20%，客户认为还有水分，继续压价，最后转向更便宜的对手。"),
        ("lessons", "至少建立两条联系线，尽早见到真正的决策者；\n\
            报价前先探预算，按预算分期规划模块；\n\
            让价要慢、越让越少，每次让价都要换回条件。"),
        ("remarks", "客户仍列为 C 级，速捷天成的外协模块较弱，一年后可再跟进。"),
    ])
    .await?;
    add(
        app,
        author,
        &kb::FAILURE_CASES,
        &[
            ("title", "惠州华科化工：演示没有针对配方与批次追溯"),
            ("customer_name", "惠州市华科化工有限公司"),
            ("industry", "chemicals"),
            ("products", "一亩 ERP 制造版"),
            (
                "customer_needs",
                "涂料与胶粘剂生产企业，需要配方管理、批次正反追溯、危化品仓储管理。",
            ),
            ("competitors", "鼎承信息"),
            ("winner", "鼎承信息"),
            ("failure_point", "系统演示"),
            (
                "reasons",
                "1. 按离散制造的标准脚本演示，客户关心的配方与批次追溯只口头说“可以二次开发”；\n\
            2. 对手带了同行业案例客户现场交流；\n\
            3. 没有排除客户对实施周期的疑虑。",
            ),
            (
                "lessons",
                "流程型行业先确认我方产品的短板，必要时放弃或与合作伙伴联合投标；\n\
            演示前必须拿到客户的真实配方和批次样例，针对客户关心的部分发挥；\n\
            不要在演示中和客户争论。",
            ),
            ("remarks", ""),
        ],
    )
    .await?;

    // ---- KB6 合同范本 -------------------------------------------------------
    add(app, author, &kb::CONTRACT_TEMPLATES, &[
        ("name", "软件销售合同（标准版）"),
        ("contract_type", "sales"),
        ("applicable_products", "一亩 ERP 制造版、一亩 ERP 分销版、DCMS 分销管理系统"),
        ("body", "软件销售合同\n\
            合同编号：{{contract.number}}\n\
            \n\
            甲方（买方）：{{customer.name}}\n\
            地址：{{customer.address}}\n\
            乙方（卖方）：{{our.company}}\n\
            \n\
            第一条 产品与价格\n\
            {{quote.lines}}\n\
            合同总金额：人民币 {{contract.amount}} 元（大写：{{contract.amount_in_words}}），含 13% 增值税。\n\
            \n\
            第二条 付款方式\n\
            合同签订后 7 日内支付 50%；软件安装完成后支付 40%；上线验收后支付 10%。\n\
            \n\
            第三条 交付与授权\n\
            乙方在收到首付款后 10 个工作日内提供软件安装介质与授权文件，授权为永久使用授权，不得转让。\n\
            \n\
            第四条 保修\n\
            自安装之日起 12 个月内免费维护；期满后按年度维护服务合同执行。\n\
            \n\
            第五条 保密\n\
            双方对在合作中获知的对方商业信息负有保密义务。\n\
            \n\
            第六条 争议解决\n\
            因本合同发生的争议，双方协商解决；协商不成的，提交乙方所在地人民法院诉讼解决。\n\
            \n\
            甲方（盖章）：{{customer.name}}          乙方（盖章）：{{our.company}}\n\
            乙方代表：{{owner.name}}\n\
            签订日期：{{contract.sign_date}}"),
        ("notes", "折扣超过审批权限的合同，须附审批单；请客户先盖章，检查无误后再由我方盖章。"),
    ])
    .await?;
    add(app, author, &kb::CONTRACT_TEMPLATES, &[
        ("name", "ERP 实施服务合同"),
        ("contract_type", "service"),
        ("applicable_products", "实施服务（人天）"),
        ("body", "ERP 实施服务合同\n\
            合同编号：{{contract.number}}\n\
            \n\
            甲方：{{customer.name}}（地址：{{customer.address}}）\n\
            乙方：{{our.company}}\n\
            \n\
            第一条 服务内容\n\
            乙方按“调研—蓝图—配置—培训—上线—验收”六步法为甲方实施 ERP 系统，服务明细如下：\n\
            {{quote.lines}}\n\
            \n\
            第二条 服务费用\n\
            服务费用合计人民币 {{contract.amount}} 元（大写：{{contract.amount_in_words}}）。超出约定人天部分，按双方确认的人天单价另行结算。\n\
            \n\
            第三条 双方责任\n\
            甲方指定项目负责人与关键用户，按时提供基础资料并参加培训；乙方指派合格顾问，按项目计划推进。\n\
            \n\
            第四条 验收\n\
            系统连续正常运行一个完整月结周期后，甲方在 10 个工作日内签署验收单。\n\
            \n\
            甲方代表（签字）：          乙方代表（签字）：{{owner.name}}\n\
            签订日期：{{contract.sign_date}}"),
        ("notes", "人天数必须与实施部经理确认后填写。"),
    ])
    .await?;
    add(app, author, &kb::CONTRACT_TEMPLATES, &[
        ("name", "年度维护服务合同"),
        ("contract_type", "maintenance"),
        ("applicable_products", "年度维护服务"),
        ("body", "年度维护服务合同\n\
            合同编号：{{contract.number}}\n\
            \n\
            甲方：{{customer.name}}\n\
            地址：{{customer.address}}\n\
            乙方：{{our.company}}\n\
            \n\
            一、服务范围：软件版本升级、热线与远程支持、每年两次上门巡检。明细：\n\
            {{quote.lines}}\n\
            二、服务期限：自 {{contract.sign_date}} 起一年。\n\
            三、服务费用：人民币 {{contract.amount}} 元（大写：{{contract.amount_in_words}}），合同签订后一次付清。\n\
            四、响应时间：工作时间内 4 小时响应；华南地区紧急故障当天上门。\n\
            五、不含：二次开发、新增报表、硬件维修。\n\
            \n\
            甲方（盖章）：          乙方（盖章）：{{our.company}}\n\
            乙方联系人：{{owner.name}}"),
        ("notes", "到期前 60 天提醒客户续约。"),
    ])
    .await?;

    // ---- KB7 竞争对手 -------------------------------------------------------
    let jst = add(app, author, &kb::COMPETITORS, &[
        ("name", "金算通软件"),
        ("website", "https://www.jinsuantong.example"),
        ("size", "medium"),
        ("regions", "广州、佛山、东莞、中山"),
        ("main_products", "金算通 ERP 标准版、金算通进销存、财务软件"),
        ("strengths", "财务软件起家，会计师事务所渠道多，财务人员认可度高；价格比我们低 10%–20%。"),
        ("weaknesses", "生产管理与 MRP 较弱，复杂 BOM 和委外处理不好；实施顾问流动大。"),
        ("strategy", "先从财务主管切入，强调财务模块；常以低价首期（只上财务）锁定客户。"),
        ("counter", "争取生产与业务主管的支持，用齐套分析演示拉开差距；提醒客户算“停工待料”的损失而不是软件差价。"),
    ])
    .await?;
    let sujie = add(app, author, &kb::COMPETITORS, &[
        ("name", "速捷天成软件"),
        ("website", "https://www.sujietiancheng.example"),
        ("size", "small"),
        ("regions", "珠三角全域，以代理商为主"),
        ("main_products", "速捷 ERP 精简版、速捷商贸通"),
        ("strengths", "价格最低，安装简单，代理商多，小企业接受度高。"),
        ("weaknesses", "产品以单机/局域网为主，多工厂、多组织能力弱；代理商实施水平参差不齐，售后依赖代理商。"),
        ("strategy", "以低价和“一周上线”为卖点，常在谈判阶段大幅降价抢单。"),
        ("counter", "对营业额 5,000 万以上的客户，强调两年后规模扩大时需要再换系统的成本；提供同规模客户参观。"),
    ])
    .await?;
    let dingcheng = add(app, author, &kb::COMPETITORS, &[
        ("name", "鼎承信息"),
        ("website", "https://www.dingcheng-info.example"),
        ("size", "listed"),
        ("regions", "全国，华南设有广州、深圳分公司"),
        ("main_products", "鼎承 ERP 制造云、鼎承 MES 车间管理、鼎承零售 POS 连锁版"),
        ("strengths", "品牌知名度高，产品线完整（ERP、MES、零售），流程型行业（化工、食品）有较多案例。"),
        ("weaknesses", "价格高出 30%–50%，实施周期长（6–9 个月），中小项目配备的顾问经验不足。"),
        ("strategy", "高层路线，强调品牌与上市公司背景；喜欢把项目做大，打包 MES 等产品。"),
        ("counter", "强调“适合自己的才是最好的”：3–4 个月上线、本地顾问驻场、总成本低；请客户比较实施顾问的履历。"),
    ])
    .await?;
    let sichuang = add(app, author, &kb::COMPETITORS, &[
        ("name", "思创定制软件工作室"),
        ("website", ""),
        ("size", "small"),
        ("regions", "东莞、深圳"),
        ("main_products", "定制进销存、门店收银系统"),
        ("strengths", "完全按客户要求开发，老板关系好，价格灵活。"),
        ("weaknesses", "人员少（5 人左右），依赖个别程序员，人员离职后系统无人维护；没有标准产品和文档。"),
        ("strategy", "以“你要什么我就改什么”吸引客户，常与客户老板私交甚好。"),
        ("counter", "用“原设计者离职、系统无人维护”的真实案例提醒风险（参见东莞宏达电子成功案例）；强调标准产品的持续升级。"),
    ])
    .await?;
    let (jst, sujie, dingcheng, sichuang) = (
        format!("{jst}"),
        format!("{sujie}"),
        format!("{dingcheng}"),
        format!("{sichuang}"),
    );

    // ---- KB8 竞争产品 -------------------------------------------------------
    let competitor_products: [&[(&str, &str)]; 9] = [
        &[
            ("name", "金算通 ERP 标准版"),
            ("competitor_id", &jst),
            ("our_product_id", &erp_mfg),
            ("price_level", "lower"),
            (
                "strengths",
                "财务模块成熟，报表多；界面与其财务软件一致，财务人员上手快。",
            ),
            (
                "weaknesses",
                "MRP 只能按订单简单展开，不支持替代料和工程变更；委外加工需手工处理。",
            ),
            (
                "counter_arguments",
                "请客户拿一张真实的多阶 BOM 和一周插单，双方现场跑 MRP 比较。",
            ),
        ],
        &[
            ("name", "金算通进销存"),
            ("competitor_id", &jst),
            ("our_product_id", &erp_dst),
            ("price_level", "lower"),
            ("strengths", "便宜，功能简单，小贸易公司容易接受。"),
            (
                "weaknesses",
                "没有信用额度控制和多级价格；多仓库调拨功能弱。",
            ),
            (
                "counter_arguments",
                "强调业务员乱放价、乱赊账的损失，演示信用额度与超额审批。",
            ),
        ],
        &[
            ("name", "速捷 ERP 精简版"),
            ("competitor_id", &sujie),
            ("our_product_id", &erp_mfg),
            ("price_level", "lower"),
            ("strengths", "报价低，安装快。"),
            (
                "weaknesses",
                "局域网架构，多工厂、远程使用困难；成本核算只有简单的移动加权。",
            ),
            (
                "counter_arguments",
                "问客户两年后的规模规划：再换一次系统的成本远高于今天的差价。",
            ),
        ],
        &[
            ("name", "速捷商贸通"),
            ("competitor_id", &sujie),
            ("our_product_id", &erp_dst),
            ("price_level", "lower"),
            ("strengths", "代理商覆盖广，本地有人上门。"),
            ("weaknesses", "售后依赖代理商，版本升级慢；没有手机端下单。"),
            ("counter_arguments", "介绍原厂直接服务与手机端业务员下单。"),
        ],
        &[
            ("name", "鼎承 ERP 制造云"),
            ("competitor_id", &dingcheng),
            ("our_product_id", &erp_mfg),
            ("price_level", "higher"),
            (
                "strengths",
                "功能全面，流程型行业配方与批次追溯完善，品牌知名度高。",
            ),
            (
                "weaknesses",
                "价格高，实施周期 6–9 个月，中小客户常被分配新手顾问。",
            ),
            (
                "counter_arguments",
                "用总拥有成本（软件 + 实施 + 三年维护）对比表说话；安排同规模成功案例参观。",
            ),
        ],
        &[
            ("name", "鼎承零售 POS 连锁版"),
            ("competitor_id", &dingcheng),
            ("our_product_id", &dcms),
            ("price_level", "similar"),
            ("strengths", "与其 ERP 集成好，百货联营结算功能强。"),
            ("weaknesses", "服饰款色码分析较弱；门店断网时不能收银。"),
            (
                "counter_arguments",
                "现场拔网线演示我方门店断网收银；用客户数据做款色码畅滞销分析。",
            ),
        ],
        &[
            ("name", "鼎承 MES 车间管理"),
            ("competitor_id", &dingcheng),
            ("our_product_id", ""),
            ("price_level", "higher"),
            ("strengths", "设备联网、工序报工功能强。"),
            ("weaknesses", "中小工厂用不起来，需要专职 IT 维护。"),
            (
                "counter_arguments",
                "我方 ERP 工单报工加 PDA 扫码已能满足大部分中小工厂需要，MES 可待规模扩大后再上。",
            ),
        ],
        &[
            ("name", "思创定制进销存"),
            ("competitor_id", &sichuang),
            ("our_product_id", &erp_mfg),
            ("price_level", "lower"),
            ("strengths", "按客户习惯定制，界面与原手工单据一致。"),
            (
                "weaknesses",
                "没有标准产品，全靠个别程序员；无文档，无升级。",
            ),
            (
                "counter_arguments",
                "询问客户：如果写程序的人明天离职，谁来维护？",
            ),
        ],
        &[
            ("name", "思创门店收银系统"),
            ("competitor_id", &sichuang),
            ("our_product_id", &dcms),
            ("price_level", "lower"),
            ("strengths", "价格便宜，已在客户部分门店使用。"),
            (
                "weaknesses",
                "各门店数据不连通，总部看不到实时库存；没有会员统一管理。",
            ),
            ("counter_arguments", "演示总部实时看各店库存和畅滞销分析。"),
        ],
    ];
    for p in competitor_products {
        add(app, author, &kb::COMPETITOR_PRODUCTS, p).await?;
    }

    // ---- KB9 竞争人员 -------------------------------------------------------
    let people: [&[(&str, &str)]; 6] = [
        &[
            ("name", "马志强"),
            ("competitor_id", &jst),
            ("title", "华南区销售经理"),
            ("region", "广州、佛山"),
            ("phone", "138 2690 4417"),
            (
                "experience",
                "做财务软件销售 10 年，会计出身，和多家会计师事务所关系密切。",
            ),
            (
                "selling_style",
                "先约财务主管吃饭，从财务软件升级切入；报价爽快，善于打价格战。",
            ),
            ("relationships", "与佛山多家五金、家电厂的财务经理熟识。"),
            ("notes", ""),
        ],
        &[
            ("name", "何丽娟"),
            ("competitor_id", &jst),
            ("title", "客户经理"),
            ("region", "东莞、中山"),
            ("phone", "0769-8528 3301"),
            ("experience", "入行 3 年。"),
            ("selling_style", "电话跟进勤，常发客户案例与优惠活动。"),
            ("relationships", ""),
            ("notes", "去年从速捷天成的代理商跳槽过来。"),
        ],
        &[
            ("name", "黄国栋"),
            ("competitor_id", &sujie),
            ("title", "东莞代理商老板"),
            ("region", "东莞"),
            ("phone", "139 2581 0726"),
            ("experience", "经营代理公司 12 年，手下 8 名销售和实施。"),
            (
                "selling_style",
                "主打低价和“一周上线”，谈判后期常大幅降价。",
            ),
            (
                "relationships",
                "与东莞长安、虎门一带的小型工厂老板关系好。",
            ),
            ("notes", "中山利达五金项目就是他赢的。"),
        ],
        &[
            ("name", "林建宏"),
            ("competitor_id", &dingcheng),
            ("title", "华南大客户总监"),
            ("region", "广东、广西"),
            ("phone", "+86 755 8860 2210"),
            ("experience", "台湾人，在鼎承工作 15 年，熟悉台商客户。"),
            (
                "selling_style",
                "高层路线，擅长安排老板参观总部和高端案例；喜欢把项目做大。",
            ),
            ("relationships", "与多家台商协会干部熟识。"),
            ("notes", "遇到台资客户时要特别注意他。"),
        ],
        &[
            ("name", "周晓峰"),
            ("competitor_id", &dingcheng),
            ("title", "零售行业销售经理"),
            ("region", "深圳"),
            ("phone", "136 3277 5098"),
            ("experience", "做过服装品牌的信息主管，懂门店运营。"),
            ("selling_style", "讲行业趋势和全渠道，PPT 做得好。"),
            ("relationships", "与几家服饰品牌的运营总监是前同事。"),
            ("notes", ""),
        ],
        &[
            ("name", "陈思创"),
            ("competitor_id", &sichuang),
            ("title", "创始人兼程序员"),
            ("region", "东莞"),
            ("phone", "135 3018 6642"),
            ("experience", "在工厂做过 IT 主管，2016 年出来开工作室。"),
            (
                "selling_style",
                "和老板私交好，承诺“要什么改什么”，报价灵活。",
            ),
            ("relationships", "东莞宏达电子原系统的开发者之一。"),
            ("notes", ""),
        ],
    ];
    for p in people {
        add(app, author, &kb::COMPETITOR_PEOPLE, p).await?;
    }

    Ok(())
}
