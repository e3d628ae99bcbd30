# 一畝 (Acre) — 繁體中文：銷售資料（KB1–KB9）及通用清單、表單、列印、匯入。鍵名在三種語言中必須一致（有測試檢查）。

## 導覽
nav-kb = 銷售資料

## 記錄操作
record-new = 新增
record-edit = 編輯
record-delete = 刪除
record-restore = 還原
record-purge = 永久刪除
record-trash = 資源回收筒
record-history = 變更記錄
record-attachments = 附件
record-upload = 上傳
record-upload-file = 上傳檔案
record-download = 下載
record-print = 列印
record-print-preview = 預覽列印
record-export-xlsx = 匯出 Excel
record-export-docx = 匯出 Word
record-import = 匯入
record-detail = 明細
record-created = 建立
record-updated = 最後修改
record-author = 建立者
record-editor = 修改者
record-related = 相關記錄
record-in-force = 生效中
record-empty-value = —

## 清單
list-search-placeholder = 搜尋…
list-filters = 篩選
list-apply = 套用
list-reset = 重設
list-columns = 顯示欄位
list-views = 檢視
list-save-view = 儲存為檢視
list-view-name = 檢視名稱
list-view-shared = 與所有人共用
list-selected = 已選 { $count } 筆
list-bulk-delete = 批次刪除
list-bulk-set = 批次修改
list-bulk-field = 欄位
list-bulk-value = 新值
list-select-all = 全選
list-min = 最小
list-max = 最大
list-is-empty = 空白
list-not-empty = 非空白
list-any = 不限
list-page = 第 { $page } 頁
value-yes = 是
value-no = 否

## 列印
print-page-setup = 版面設定
print-setup = 列印設定
print-paper = 紙張
print-orientation = 方向
print-portrait = 直向
print-landscape = 橫向
print-margin = 邊界（公釐）
print-title = 標題
print-header = 頁首
print-footer = 頁尾
print-page-numbers = 顯示頁碼
print-repeat-header = 每頁重複標題列
print-columns = 列印的欄位及順序
print-save = 儲存設定
print-now = 列印
print-page-of = 第 { $page } 頁，共 { $pages } 頁

## 匯入
import-title = 匯入 { $name }
import-file = 檔案（.xlsx 或 .csv，UTF-8/GBK/Big5）
import-limits = 最多 { $rows } 列，{ $mb } MB
import-mapping = 欄位對應
import-column = 檔案中的欄位
import-field = 對應欄位
import-ignore = 不匯入
import-policy = 重複記錄
import-policy-skip = 略過
import-policy-update = 更新
import-policy-create = 仍然新增
import-preview = 預覽
import-run = 開始匯入
import-result = 匯入完成：新增 { $created } 筆，更新 { $updated } 筆，略過 { $skipped } 筆，錯誤 { $failed } 筆
import-errors = 錯誤報告
import-row = 列號
import-reason = 原因

## 變更記錄與提示
audit-restored = 還原
audit-purged = 永久刪除
audit-attached = 新增了附件
audit-detached = 刪除了附件
audit-imported = 匯入
flash-restored = 已還原。
flash-bulk-done = 已處理 { $count } 筆。
flash-view-saved = 檢視已儲存。
flash-print-saved = 列印設定已儲存。
flash-attached = 附件已上傳。

## 錯誤
err-too-long = 內容太長。
err-single-line = 只能填寫一行。
err-integer = 請輸入整數。
err-number = 請輸入數字。
err-money = 請輸入金額，如 1234.50。
err-date = 請輸入日期，如 2026-11-27。
err-datetime = 請輸入日期和時間，如 2026-11-27 09:30。
err-option = 請從清單中選擇。
err-url = 請輸入以 http:// 或 https:// 開頭的網址。
err-bool = 請填寫 是 或 否。
err-no-such-record = 所選記錄不存在或已刪除。
err-no-such-field = 沒有這個欄位。
err-bulk-unique = 唯一欄位不能批次修改。
err-bulk-too-many = 一次最多處理 1000 筆。
err-file-empty = 請選擇檔案。
err-file-too-large = 檔案太大。
err-import-too-large = 檔案超過大小限制。
err-import-too-many-rows = 列數超過限制。
err-import-unreadable = 無法讀取此檔案，請使用 .xlsx 或 .csv。
err-import-empty = 檔案中沒有標題列。
err-export-failed = 匯出失敗。
err-export-too-many = 記錄太多，Word 最多匯出 5000 筆；請先篩選，或匯出 Excel。
err-import-expired = 匯入作業已過期，請重新上傳。

## 銷售資料：產品資料 (product)
product-name = 產品資料
product-one = 產品
product-section-main = 基本資訊
product-section-fab = 產品 FAB 分析
product-field-name = 產品名稱
product-field-code = 產品編號
product-field-category = 產品類別
product-field-unit = 計量單位
product-field-features = 產品特徵
product-field-functions = 產品功能
product-field-benefits = 使用好處
product-field-advantages = 產品優點
product-field-disadvantages = 產品缺點
product-field-quotation_strategy = 產品報價
product-category-software = 軟體
product-category-hardware = 硬體
product-category-service = 服務
product-category-accessory = 配件
product-category-other = 其他

## 銷售資料：產品價格 (price_strategy)
price_strategy-name = 產品價格
price_strategy-one = 價格策略
price_strategy-section-main = 基本資訊
price_strategy-field-name = 策略名稱
price_strategy-field-product_id = 產品
price_strategy-field-list_price = 標準價
price_strategy-field-floor_price = 最低價
price_strategy-field-currency = 幣別
price_strategy-field-discount_tiers = 折扣規則
price_strategy-field-valid_from = 生效日期
price_strategy-field-valid_to = 截止日期
price_strategy-field-notes = 備註
price_strategy-currency-CNY = 人民幣
price_strategy-currency-USD = 美元
price_strategy-currency-HKD = 港幣
price_strategy-currency-TWD = 新臺幣
price_strategy-currency-EUR = 歐元

## 銷售資料：解決方案 (solution)
solution-name = 解決方案
solution-one = 解決方案
solution-section-main = 基本資訊
solution-section-body = 內文
solution-field-title = 方案名稱
solution-field-industries = 適用產業
solution-field-products = 涉及產品
solution-field-summary = 方案摘要
solution-field-body = 方案內文
solution-industries-electronics = 電子
solution-industries-motors = 電機
solution-industries-appliances = 家電
solution-industries-machinery = 機械
solution-industries-hardware = 五金
solution-industries-tools = 工具
solution-industries-transport = 交通運輸設備
solution-industries-chemicals = 化工
solution-industries-pharma = 製藥
solution-industries-food = 食品
solution-industries-beverage = 飲料
solution-industries-apparel = 服飾
solution-industries-home_textiles = 家飾寢具
solution-industries-bakery = 烘焙
solution-industries-boutiques = 精品店
solution-industries-chain_3c = 3C 連鎖
solution-industries-furniture = 家具連鎖
solution-industries-department_stores = 百貨公司
solution-industries-other = 其他

## 銷售資料：成功案例 (success_case)
success_case-name = 成功案例
success_case-one = 成功案例
success_case-section-main = 基本資訊
success_case-section-story = 案例內容
success_case-field-title = 案例名稱
success_case-field-customer_name = 客戶名稱
success_case-field-industry = 所屬產業
success_case-field-products = 銷售產品
success_case-field-customer_intro = 客戶介紹
success_case-field-customer_needs = 客戶需求
success_case-field-competitors = 競爭對手
success_case-field-success_keys = 成功關鍵
success_case-field-highlights = 行銷亮點
success_case-field-customer_evaluation = 客戶評價
success_case-field-summary = 案例總結
success_case-field-remarks = 備註說明
success_case-industry-electronics = 電子
success_case-industry-motors = 電機
success_case-industry-appliances = 家電
success_case-industry-machinery = 機械
success_case-industry-hardware = 五金
success_case-industry-tools = 工具
success_case-industry-transport = 交通運輸設備
success_case-industry-chemicals = 化工
success_case-industry-pharma = 製藥
success_case-industry-food = 食品
success_case-industry-beverage = 飲料
success_case-industry-apparel = 服飾
success_case-industry-home_textiles = 家飾寢具
success_case-industry-bakery = 烘焙
success_case-industry-boutiques = 精品店
success_case-industry-chain_3c = 3C 連鎖
success_case-industry-furniture = 家具連鎖
success_case-industry-department_stores = 百貨公司
success_case-industry-other = 其他

## 銷售資料：失敗案例 (failure_case)
failure_case-name = 失敗案例
failure_case-one = 失敗案例
failure_case-section-main = 基本資訊
failure_case-section-story = 案例內容
failure_case-field-title = 案例名稱
failure_case-field-customer_name = 客戶名稱
failure_case-field-industry = 所屬產業
failure_case-field-products = 推薦產品
failure_case-field-customer_needs = 客戶需求
failure_case-field-competitors = 競爭對手
failure_case-field-winner = 得標廠商
failure_case-field-failure_point = 失敗環節
failure_case-field-reasons = 失敗原因
failure_case-field-lessons = 經驗教訓
failure_case-field-remarks = 備註說明
failure_case-industry-electronics = 電子
failure_case-industry-motors = 電機
failure_case-industry-appliances = 家電
failure_case-industry-machinery = 機械
failure_case-industry-hardware = 五金
failure_case-industry-tools = 工具
failure_case-industry-transport = 交通運輸設備
failure_case-industry-chemicals = 化工
failure_case-industry-pharma = 製藥
failure_case-industry-food = 食品
failure_case-industry-beverage = 飲料
failure_case-industry-apparel = 服飾
failure_case-industry-home_textiles = 家飾寢具
failure_case-industry-bakery = 烘焙
failure_case-industry-boutiques = 精品店
failure_case-industry-chain_3c = 3C 連鎖
failure_case-industry-furniture = 家具連鎖
failure_case-industry-department_stores = 百貨公司
failure_case-industry-other = 其他

## 銷售資料：合約範本 (contract_template)
contract_template-name = 合約範本
contract_template-one = 合約範本
contract_template-section-main = 基本資訊
contract_template-section-body = 內文
contract_template-field-name = 範本名稱
contract_template-field-contract_type = 合約類型
contract_template-field-applicable_products = 適用產品
contract_template-field-template_file = 合約範本檔案
contract_template-field-body = 合約內文
contract_template-field-notes = 使用說明
contract_template-contract_type-sales = 銷售合約
contract_template-contract_type-service = 服務合約
contract_template-contract_type-maintenance = 維護合約
contract_template-contract_type-framework = 框架協議
contract_template-contract_type-other = 其他

## 銷售資料：競爭對手 (competitor)
competitor-name = 競爭對手
competitor-one = 競爭對手
competitor-section-main = 基本資訊
competitor-section-analysis = 競爭分析
competitor-field-name = 公司名稱
competitor-field-website = 網站
competitor-field-size = 公司規模
competitor-field-regions = 活躍區域
competitor-field-main_products = 主要產品
competitor-field-strengths = 優勢
competitor-field-weaknesses = 劣勢
competitor-field-strategy = 慣用銷售策略
competitor-field-counter = 因應策略
competitor-size-small = 小型
competitor-size-medium = 中型
competitor-size-large = 大型
competitor-size-listed = 上市公司

## 銷售資料：競爭產品 (competitor_product)
competitor_product-name = 競爭產品
competitor_product-one = 競爭產品
competitor_product-section-main = 基本資訊
competitor_product-field-name = 產品名稱
competitor_product-field-competitor_id = 競爭對手
competitor_product-field-our_product_id = 我方對應產品
competitor_product-field-price_level = 價格水準
competitor_product-field-strengths = 優勢
competitor_product-field-weaknesses = 劣勢
competitor_product-field-counter_arguments = 應對話術
competitor_product-price_level-lower = 低於我方
competitor_product-price_level-similar = 與我方相當
competitor_product-price_level-higher = 高於我方

## 銷售資料：競爭人員 (competitor_person)
competitor_person-name = 競爭人員
competitor_person-one = 競爭人員
competitor_person-section-main = 基本資訊
competitor_person-field-name = 姓名
competitor_person-field-competitor_id = 競爭對手
competitor_person-field-title = 職稱
competitor_person-field-region = 負責區域
competitor_person-field-phone = 電話
competitor_person-field-experience = 從業經歷
competitor_person-field-selling_style = 銷售風格
competitor_person-field-relationships = 客戶關係
competitor_person-field-notes = 備註
