# 一亩 (Acre) — 简体中文。键名在三种语言中必须一致（有测试检查）。

app-name = 一亩
app-tagline = 每人有一亩田 · 销售客户管理

## 导航
nav-home = 首页
nav-users = 用户
nav-departments = 部门
nav-settings = 个人设置
nav-logout = 退出登录
nav-toggle = 展开导航

## 登录
login-title = 登录
login-submit = 登录
login-demo-title = 演示账号
login-demo-password = 所有演示账号的密码：

## 首页
home-title = 首页
home-welcome = 您好，{ $name }
home-profile = 我的信息
home-capabilities = 我的权限
home-team = 我可见的人员

## 个人设置
settings-title = 个人设置
settings-password = 修改密码
settings-password-hint = 至少 8 个字符，可以使用长句作为密码；修改后其他设备上的登录将失效。
settings-tokens = API 令牌
settings-tokens-hint = 个人 API 令牌用于以 Authorization: Bearer 方式调用 /api/v1/，权限与您本人相同。
settings-token-once = 请立即复制此令牌，它只显示这一次：
settings-token-name = 令牌名称
settings-token-create = 创建令牌
settings-token-prefix = 前缀
settings-token-last-used = 最近使用
settings-token-revoke = 吊销

## 用户管理
users-title = 用户
users-new = 新建用户
users-edit = 编辑用户：{ $name }
users-reset-password = 重置密码
users-reset = 重置
users-reset-hint = 重置后该用户的所有登录立即失效。

## 部门管理
departments-title = 部门
departments-new = 新建部门
departments-edit = 编辑部门：{ $name }
departments-members = 人数
departments-delete-hint = 只能删除没有人员和下级部门的部门。

## 首次设置
setup-title = 创建管理员
setup-hint = 系统中还没有任何账号。请创建第一个系统管理员账号，此链接只能使用一次。
setup-submit = 创建并登录

## 字段
field-username = 用户名
field-password = 密码
field-display-name = 姓名
field-name = 名称
field-role = 岗位角色
field-department = 部门
field-superior = 直接上级
field-supervisor = 我的上级
field-scope = 数据范围
field-language = 界面语言
field-email = 电子邮箱
field-phone = 电话
field-status = 状态
field-head = 负责人
field-parent = 上级部门
field-sort-order = 排序
field-created-at = 创建时间
field-initial-password = 初始密码
field-current-password = 当前密码
field-new-password = 新密码
field-confirm-password = 确认新密码

## 操作与列表
action-save = 保存
action-back = 返回
action-cancel = 取消
action-delete = 删除
action-search = 搜索
list-empty = 暂无数据
list-total = 共 { $count } 条
list-total-over = 超过 { $count } 条
list-prev = 上一页
list-next = 下一页
status-active = 启用
status-disabled = 停用
history-title = 变更记录

## 提示
flash-saved = 已保存。
flash-deleted = 已删除。
flash-password-changed = 密码已修改，其他设备上的登录已失效。
flash-password-reset = 密码已重置，该用户需重新登录。
flash-token-revoked = 令牌已吊销。

## 变更记录
audit-created = 创建
audit-updated = 修改
audit-deleted = 删除
audit-password_changed = 修改了密码
audit-password_reset = 重置了密码

## 角色（ORG1）
role-general_manager = 总经理
role-director = 大客户总监
role-manager = 大客户经理
role-rep = 销售专员
role-assistant = 内勤
role-finance = 财务
role-admin = 系统管理员

## 权限
cap-administer_accounts = 管理用户与部门
cap-read_sales_materials = 查阅销售资料
cap-edit_all_sales_materials = 编辑所有销售资料
cap-edit_customers = 登记和维护客户
cap-allocate_customers = 分配、收回客户
cap-approve = 审批下属的申请
cap-edit_payments = 登记回款
cap-edit_documents = 编辑报价与合同
cap-purge_trash = 彻底删除回收站记录

## 数据范围
scope-own = 本人及共享给我的
scope-subtree = 本部门及下级部门
scope-all = 全部

## 错误
err-bad-request = 请求格式不正确。
err-unauthenticated = 请先登录。
err-invalid-credentials = 用户名或密码不正确。
err-csrf = 页面已过期或请求来源不可信，请刷新页面后重试。
err-forbidden = 您没有执行此操作的权限。
err-not-found = 找不到该记录，或您无权查看。
err-stale = 保存失败：其他人已先保存了此记录。请刷新后重新修改。
err-in-use = 该记录正在被使用，不能删除。
err-validation = 请更正标出的字段。
err-throttled = 登录失败次数过多，请 15 分钟后再试。
err-unavailable = 数据库暂时不可用，请稍后再试。
err-internal = 服务器内部错误，请稍后再试。
err-required = 此项必填。
err-taken = 已被占用，请换一个。
err-name-required = 请填写名称（不超过 50 个字符）。
err-username-length = 用户名长度应为 2–32 个字符。
err-username-chars = 用户名只能包含小写字母、数字和 . _ -。
err-password-short = 密码至少需要 8 个字符。
err-password-long = 密码不能超过 256 个字符。
err-password-common = 这是常见密码，容易被猜到，请换一个。
err-password-username = 密码不能与用户名相同。
err-password-mismatch = 两次输入的新密码不一致。
err-current-password = 当前密码不正确。
err-role = 请选择岗位角色。
err-locale = 不支持的界面语言。
err-no-such-department = 部门不存在。
err-no-such-user = 用户不存在。
err-department-cycle = 不能把部门移到它自己或其下级部门之下。
err-department-in-use = 部门中还有人员或下级部门，不能删除。
err-superior-self = 不能把自己设为直接上级。
err-superior-cycle = 上级关系不能形成循环。
err-self-lockout = 不能停用自己或更改自己的角色。
err-email = 电子邮箱格式不正确。
err-phone = 电话号码只能包含数字、空格和 + - ( )。
err-version-required = 请提供记录的 version（用于防止覆盖他人的修改）。
