## Allocation, transfer, the unassigned pool and territories (CU4, CU5, CU12).
err-limit-reached = 已達到規則限制。
err-claim-limit = 每人每天最多領取 { $limit } 個客戶，今天還可領取 { $left } 個。
err-claim-cooldown = 你放棄或被收回的客戶需等待 { $days } 天後才能再次領取。
err-holding-cap = 每人最多擁有 { $cap } 個客戶（庫容），你現有 { $held } 個。
err-moved-meanwhile = 預覽之後符合條件的客戶數量已變化，請重新預覽後再執行。
err-nothing-to-move = 沒有符合條件、可由你處理的客戶。
err-select-customers = 請選擇 1 至 1000 個客戶。
err-cannot-own-customers = 該使用者的角色不能擁有客戶。
err-transfer-self = 不能轉交給自己。
err-not-in-team = 只能分配給你團隊中的人員。
err-number-range = 請輸入 0 至 100000 之間的整數。
err-owner-by-allocation = 客戶的所有者只能透過分配、轉交或領取變更。
