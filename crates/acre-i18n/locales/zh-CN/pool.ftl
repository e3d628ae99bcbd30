## Allocation, transfer, the unassigned pool and territories (CU4, CU5, CU12).
err-limit-reached = 已达到规则限制。
err-claim-limit = 每人每天最多领取 { $limit } 个客户，今天还可领取 { $left } 个。
err-claim-cooldown = 你放弃或被收回的客户需等待 { $days } 天后才能再次领取。
err-holding-cap = 每人最多拥有 { $cap } 个客户（库容），你现有 { $held } 个。
err-moved-meanwhile = 预览之后符合条件的客户数量已变化，请重新预览后再执行。
err-nothing-to-move = 没有符合条件、可由你处理的客户。
err-select-customers = 请选择 1 至 1000 个客户。
err-cannot-own-customers = 该用户的角色不能拥有客户。
err-transfer-self = 不能转交给自己。
err-not-in-team = 只能分配给你团队中的人员。
err-number-range = 请输入 0 至 100000 之间的整数。
err-owner-by-allocation = 客户的所有者只能通过分配、转交或领取变更。
