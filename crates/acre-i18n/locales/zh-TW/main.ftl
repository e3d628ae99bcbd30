# 一畝 (Acre) — 簡體中文。鍵名在三種語言中必須一致（有測試檢查）。

app-name = 一畝
app-tagline = 每人有一畝田 · 銷售客戶管理

## 導航
nav-home = 首頁
nav-users = 使用者
nav-departments = 部門
nav-settings = 個人設定
nav-logout = 退出登入
nav-toggle = 展開導航

## 登入
login-title = 登入
login-submit = 登入
login-demo-title = 演示賬號
login-demo-password = 所有演示賬號的密碼：

## 首頁
home-title = 首頁
home-welcome = 您好，{ $name }
home-profile = 我的資訊
home-capabilities = 我的許可權
home-team = 我可見的人員

## 個人設定
settings-title = 個人設定
settings-password = 修改密碼
settings-password-hint = 至少 8 個字元，可以使用長句作為密碼；修改後其他裝置上的登入將失效。
settings-tokens = API 令牌
settings-tokens-hint = 個人 API 令牌用於以 Authorization: Bearer 方式呼叫 /api/v1/，許可權與您本人相同。
settings-token-once = 請立即複製此令牌，它只顯示這一次：
settings-token-name = 令牌名稱
settings-token-create = 建立令牌
settings-token-prefix = 字首
settings-token-last-used = 最近使用
settings-token-revoke = 吊銷

## 使用者管理
users-title = 使用者
users-new = 新建使用者
users-edit = 編輯使用者：{ $name }
users-reset-password = 重置密碼
users-reset = 重置
users-reset-hint = 重置後該使用者的所有登入立即失效。

## 部門管理
departments-title = 部門
departments-new = 新建部門
departments-edit = 編輯部門：{ $name }
departments-members = 人數
departments-delete-hint = 只能刪除沒有人員和下級部門的部門。

## 首次設定
setup-title = 建立管理員
setup-hint = 系統中還沒有任何賬號。請建立第一個系統管理員賬號，此連結只能使用一次。
setup-submit = 建立並登入

## 欄位
field-username = 使用者名稱
field-password = 密碼
field-display-name = 姓名
field-name = 名稱
field-role = 崗位角色
field-department = 部門
field-superior = 直接上級
field-supervisor = 我的上級
field-scope = 資料範圍
field-language = 介面語言
field-email = 電子郵箱
field-phone = 電話
field-status = 狀態
field-head = 負責人
field-parent = 上級部門
field-sort-order = 排序
field-created-at = 建立時間
field-initial-password = 初始密碼
field-current-password = 當前密碼
field-new-password = 新密碼
field-confirm-password = 確認新密碼

## 操作與列表
action-save = 儲存
action-back = 返回
action-cancel = 取消
action-delete = 刪除
action-search = 搜尋
list-empty = 暫無資料
list-total = 共 { $count } 條
list-total-over = 超過 { $count } 條
list-prev = 上一頁
list-next = 下一頁
status-active = 啟用
status-disabled = 停用
history-title = 變更記錄

## 提示
flash-saved = 已儲存。
flash-deleted = 已刪除。
flash-password-changed = 密碼已修改，其他裝置上的登入已失效。
flash-password-reset = 密碼已重置，該使用者需重新登入。
flash-token-revoked = 令牌已吊銷。

## 變更記錄
audit-created = 建立
audit-updated = 修改
audit-deleted = 刪除
audit-password_changed = 修改了密碼
audit-password_reset = 重置了密碼

## 角色（ORG1）
role-general_manager = 總經理
role-director = 大客戶總監
role-manager = 大客戶經理
role-rep = 銷售專員
role-assistant = 內勤
role-finance = 財務
role-admin = 系統管理員

## 許可權
cap-administer_accounts = 管理使用者與部門
cap-read_sales_materials = 查閱銷售資料
cap-edit_all_sales_materials = 編輯所有銷售資料
cap-edit_customers = 登記和維護客戶
cap-allocate_customers = 分配、收回客戶
cap-approve = 審批下屬的申請
cap-edit_payments = 登記回款
cap-edit_documents = 編輯報價與合同
cap-purge_trash = 徹底刪除回收站記錄

## 資料範圍
scope-own = 本人及共享給我的
scope-subtree = 本部門及下級部門
scope-all = 全部

## 錯誤
err-bad-request = 請求格式不正確。
err-unauthenticated = 請先登入。
err-invalid-credentials = 使用者名稱或密碼不正確。
err-csrf = 頁面已過期或請求來源不可信，請重新整理頁面後重試。
err-forbidden = 您沒有執行此操作的許可權。
err-not-found = 找不到該記錄，或您無權檢視。
err-stale = 儲存失敗：其他人已先儲存了此記錄。請重新整理後重新修改。
err-in-use = 該記錄正在被使用，不能刪除。
err-validation = 請更正標出的欄位。
err-throttled = 登入失敗次數過多，請 15 分鐘後再試。
err-unavailable = 資料庫暫時不可用，請稍後再試。
err-internal = 伺服器內部錯誤，請稍後再試。
err-required = 此項必填。
err-taken = 已被佔用，請換一個。
err-name-required = 請填寫名稱（不超過 50 個字元）。
err-username-length = 使用者名稱長度應為 2–32 個字元。
err-username-chars = 使用者名稱只能包含小寫字母、數字和 . _ -。
err-password-short = 密碼至少需要 8 個字元。
err-password-long = 密碼不能超過 256 個字元。
err-password-common = 這是常見密碼，容易被猜到，請換一個。
err-password-username = 密碼不能與使用者名稱相同。
err-password-mismatch = 兩次輸入的新密碼不一致。
err-current-password = 當前密碼不正確。
err-role = 請選擇崗位角色。
err-locale = 不支援的介面語言。
err-no-such-department = 部門不存在。
err-no-such-user = 使用者不存在。
err-department-cycle = 不能把部門移到它自己或其下級部門之下。
err-department-in-use = 部門中還有人員或下級部門，不能刪除。
err-superior-self = 不能把自己設為直接上級。
err-superior-cycle = 上級關係不能形成迴圈。
err-self-lockout = 不能停用自己或更改自己的角色。
err-email = 電子郵箱格式不正確。
err-phone = 電話號碼只能包含數字、空格和 + - ( )。
err-version-required = 請提供記錄的 version（用於防止覆蓋他人的修改）。
