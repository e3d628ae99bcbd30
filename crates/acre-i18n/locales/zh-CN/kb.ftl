# 一亩 (Acre) — 简体中文：销售资料（KB1–KB9）及通用列表、表单、打印、导入。键名在三种语言中必须一致（有测试检查）。

## 导航
nav-kb = 销售资料

## 记录操作
record-new = 新建
record-edit = 编辑
record-delete = 删除
record-restore = 恢复
record-purge = 彻底删除
record-trash = 回收站
record-history = 变更记录
record-attachments = 附件
record-upload = 上传
record-upload-file = 上传文件
record-download = 下载
record-print = 打印
record-print-preview = 打印预览
record-export-xlsx = 导出 Excel
record-export-docx = 导出 Word
record-import = 导入
record-detail = 明细
record-created = 创建
record-updated = 最后修改
record-author = 创建人
record-editor = 修改人
record-related = 相关记录
record-in-force = 生效中
record-empty-value = —

## 列表
list-search-placeholder = 搜索…
list-filters = 筛选
list-apply = 应用
list-reset = 重置
list-columns = 显示列
list-views = 视图
list-save-view = 保存为视图
list-view-name = 视图名称
list-view-shared = 共享给所有人
list-selected = 已选 { $count } 条
list-bulk-delete = 批量删除
list-bulk-set = 批量修改
list-bulk-field = 字段
list-bulk-value = 新值
list-select-all = 全选
list-min = 最小
list-max = 最大
list-is-empty = 为空
list-not-empty = 不为空
list-any = 不限
list-page = 第 { $page } 页
value-yes = 是
value-no = 否

## 打印
print-page-setup = 页面设置
print-setup = 打印设置
print-paper = 纸张
print-orientation = 方向
print-portrait = 纵向
print-landscape = 横向
print-margin = 页边距（毫米）
print-title = 标题
print-header = 页眉
print-footer = 页脚
print-page-numbers = 显示页码
print-repeat-header = 每页重复表头
print-columns = 打印的列及顺序
print-save = 保存设置
print-now = 打印
print-page-of = 第 { $page } 页，共 { $pages } 页

## 导入
import-title = 导入 { $name }
import-file = 文件（.xlsx 或 .csv，UTF-8/GBK/Big5）
import-limits = 最多 { $rows } 行，{ $mb } MB
import-mapping = 列对应
import-column = 文件中的列
import-field = 对应字段
import-ignore = 不导入
import-policy = 重复记录
import-policy-skip = 跳过
import-policy-update = 更新
import-policy-create = 仍然新建
import-preview = 预览
import-run = 开始导入
import-result = 导入完成：新建 { $created } 条，更新 { $updated } 条，跳过 { $skipped } 条，出错 { $failed } 条
import-errors = 错误报告
import-row = 行号
import-reason = 原因

## 变更记录与提示
audit-restored = 恢复
audit-purged = 彻底删除
audit-attached = 添加了附件
audit-detached = 删除了附件
audit-imported = 导入
flash-restored = 已恢复。
flash-bulk-done = 已处理 { $count } 条。
flash-view-saved = 视图已保存。
flash-print-saved = 打印设置已保存。
flash-attached = 附件已上传。

## 错误
err-too-long = 内容太长。
err-single-line = 只能填一行。
err-integer = 请输入整数。
err-number = 请输入数字。
err-money = 请输入金额，如 1234.50。
err-date = 请输入日期，如 2026-11-27。
err-datetime = 请输入日期和时间，如 2026-11-27 09:30。
err-option = 请从列表中选择。
err-url = 请输入以 http:// 或 https:// 开头的网址。
err-bool = 请填写 是 或 否。
err-no-such-record = 所选记录不存在或已删除。
err-no-such-field = 没有这个字段。
err-bulk-unique = 唯一字段不能批量修改。
err-bulk-too-many = 一次最多处理 1000 条。
err-file-empty = 请选择文件。
err-file-too-large = 文件太大。
err-import-too-large = 文件超过大小限制。
err-import-too-many-rows = 行数超过限制。
err-import-unreadable = 无法读取此文件，请使用 .xlsx 或 .csv。
err-import-empty = 文件中没有表头行。
err-export-failed = 导出失败。
err-export-too-many = 记录太多，Word 最多导出 5000 条；请先筛选，或导出 Excel。
err-import-expired = 导入任务已过期，请重新上传。

## 销售资料：产品资料 (product)
product-name = 产品资料
product-one = 产品
product-section-main = 基本信息
product-section-fab = 产品 FAB 分析
product-field-name = 产品名称
product-field-code = 产品编号
product-field-category = 产品类别
product-field-unit = 计量单位
product-field-features = 产品特征
product-field-functions = 产品功能
product-field-benefits = 使用好处
product-field-advantages = 产品优点
product-field-disadvantages = 产品缺点
product-field-quotation_strategy = 产品报价
product-category-software = 软件
product-category-hardware = 硬件
product-category-service = 服务
product-category-accessory = 配件
product-category-other = 其他

## 销售资料：产品价格 (price_strategy)
price_strategy-name = 产品价格
price_strategy-one = 价格策略
price_strategy-section-main = 基本信息
price_strategy-field-name = 策略名称
price_strategy-field-product_id = 产品
price_strategy-field-list_price = 标准价
price_strategy-field-floor_price = 最低价
price_strategy-field-currency = 币种
price_strategy-field-discount_tiers = 折扣规则
price_strategy-field-valid_from = 生效日期
price_strategy-field-valid_to = 截止日期
price_strategy-field-notes = 备注
price_strategy-currency-CNY = 人民币
price_strategy-currency-USD = 美元
price_strategy-currency-HKD = 港币
price_strategy-currency-TWD = 新台币
price_strategy-currency-EUR = 欧元

## 销售资料：解决方案 (solution)
solution-name = 解决方案
solution-one = 解决方案
solution-section-main = 基本信息
solution-section-body = 正文
solution-field-title = 方案名称
solution-field-industries = 适用行业
solution-field-products = 涉及产品
solution-field-summary = 方案摘要
solution-field-body = 方案正文
solution-industries-electronics = 电子
solution-industries-motors = 电机
solution-industries-appliances = 家电
solution-industries-machinery = 机械
solution-industries-hardware = 五金
solution-industries-tools = 工具
solution-industries-transport = 交通运输设备
solution-industries-chemicals = 化工
solution-industries-pharma = 制药
solution-industries-food = 食品
solution-industries-beverage = 饮料
solution-industries-apparel = 服装
solution-industries-home_textiles = 家纺
solution-industries-bakery = 烘焙
solution-industries-boutiques = 精品店
solution-industries-chain_3c = 3C 连锁
solution-industries-furniture = 家具连锁
solution-industries-department_stores = 百货商场
solution-industries-other = 其他

## 销售资料：成功案例 (success_case)
success_case-name = 成功案例
success_case-one = 成功案例
success_case-section-main = 基本信息
success_case-section-story = 案例内容
success_case-field-title = 案例名称
success_case-field-customer_name = 客户名称
success_case-field-industry = 所属行业
success_case-field-products = 销售产品
success_case-field-customer_intro = 客户介绍
success_case-field-customer_needs = 客户需求
success_case-field-competitors = 竞争对手
success_case-field-success_keys = 成功关键
success_case-field-highlights = 营销亮点
success_case-field-customer_evaluation = 客户评价
success_case-field-summary = 案例总结
success_case-field-remarks = 备注说明
success_case-industry-electronics = 电子
success_case-industry-motors = 电机
success_case-industry-appliances = 家电
success_case-industry-machinery = 机械
success_case-industry-hardware = 五金
success_case-industry-tools = 工具
success_case-industry-transport = 交通运输设备
success_case-industry-chemicals = 化工
success_case-industry-pharma = 制药
success_case-industry-food = 食品
success_case-industry-beverage = 饮料
success_case-industry-apparel = 服装
success_case-industry-home_textiles = 家纺
success_case-industry-bakery = 烘焙
success_case-industry-boutiques = 精品店
success_case-industry-chain_3c = 3C 连锁
success_case-industry-furniture = 家具连锁
success_case-industry-department_stores = 百货商场
success_case-industry-other = 其他

## 销售资料：失败案例 (failure_case)
failure_case-name = 失败案例
failure_case-one = 失败案例
failure_case-section-main = 基本信息
failure_case-section-story = 案例内容
failure_case-field-title = 案例名称
failure_case-field-customer_name = 客户名称
failure_case-field-industry = 所属行业
failure_case-field-products = 推荐产品
failure_case-field-customer_needs = 客户需求
failure_case-field-competitors = 竞争对手
failure_case-field-winner = 赢单方
failure_case-field-failure_point = 失败环节
failure_case-field-reasons = 失败原因
failure_case-field-lessons = 经验教训
failure_case-field-remarks = 备注说明
failure_case-industry-electronics = 电子
failure_case-industry-motors = 电机
failure_case-industry-appliances = 家电
failure_case-industry-machinery = 机械
failure_case-industry-hardware = 五金
failure_case-industry-tools = 工具
failure_case-industry-transport = 交通运输设备
failure_case-industry-chemicals = 化工
failure_case-industry-pharma = 制药
failure_case-industry-food = 食品
failure_case-industry-beverage = 饮料
failure_case-industry-apparel = 服装
failure_case-industry-home_textiles = 家纺
failure_case-industry-bakery = 烘焙
failure_case-industry-boutiques = 精品店
failure_case-industry-chain_3c = 3C 连锁
failure_case-industry-furniture = 家具连锁
failure_case-industry-department_stores = 百货商场
failure_case-industry-other = 其他

## 销售资料：合同范本 (contract_template)
contract_template-name = 合同范本
contract_template-one = 合同范本
contract_template-section-main = 基本信息
contract_template-section-body = 正文
contract_template-field-name = 范本名称
contract_template-field-contract_type = 合同类型
contract_template-field-applicable_products = 适用产品
contract_template-field-template_file = 合同范本文件
contract_template-field-body = 合同正文
contract_template-field-notes = 使用说明
contract_template-contract_type-sales = 销售合同
contract_template-contract_type-service = 服务合同
contract_template-contract_type-maintenance = 维护合同
contract_template-contract_type-framework = 框架协议
contract_template-contract_type-other = 其他

## 销售资料：竞争对手 (competitor)
competitor-name = 竞争对手
competitor-one = 竞争对手
competitor-section-main = 基本信息
competitor-section-analysis = 竞争分析
competitor-field-name = 公司名称
competitor-field-website = 网站
competitor-field-size = 公司规模
competitor-field-regions = 活跃区域
competitor-field-main_products = 主要产品
competitor-field-strengths = 优势
competitor-field-weaknesses = 劣势
competitor-field-strategy = 惯用销售策略
competitor-field-counter = 应对策略
competitor-size-small = 小型
competitor-size-medium = 中型
competitor-size-large = 大型
competitor-size-listed = 上市公司

## 销售资料：竞争产品 (competitor_product)
competitor_product-name = 竞争产品
competitor_product-one = 竞争产品
competitor_product-section-main = 基本信息
competitor_product-field-name = 产品名称
competitor_product-field-competitor_id = 竞争对手
competitor_product-field-our_product_id = 我方对应产品
competitor_product-field-price_level = 价格水平
competitor_product-field-strengths = 优势
competitor_product-field-weaknesses = 劣势
competitor_product-field-counter_arguments = 应对话术
competitor_product-price_level-lower = 低于我方
competitor_product-price_level-similar = 与我方相当
competitor_product-price_level-higher = 高于我方

## 销售资料：竞争人员 (competitor_person)
competitor_person-name = 竞争人员
competitor_person-one = 竞争人员
competitor_person-section-main = 基本信息
competitor_person-field-name = 姓名
competitor_person-field-competitor_id = 竞争对手
competitor_person-field-title = 职位
competitor_person-field-region = 负责区域
competitor_person-field-phone = 电话
competitor_person-field-experience = 从业经历
competitor_person-field-selling_style = 销售风格
competitor_person-field-relationships = 客户关系
competitor_person-field-notes = 备注
