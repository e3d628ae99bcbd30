## Allocation, transfer, the unassigned pool and territories (CU4, CU5, CU12).
err-limit-reached = A rule's limit stops this.
err-claim-limit = At most { $limit } customers may be claimed a day; { $left } left today.
err-claim-cooldown = Customers you released or that were reclaimed from you can be claimed again after { $days } days.
err-holding-cap = Nobody may hold more than { $cap } customers; you hold { $held }.
err-moved-meanwhile = The matching customers changed since the preview; preview again, then run.
err-nothing-to-move = No matching customers that you may move.
err-select-customers = Select 1 to 1000 customers.
err-cannot-own-customers = This user's role cannot own customers.
err-transfer-self = You cannot transfer to yourself.
err-not-in-team = You can assign only to people in your team.
err-number-range = Enter a whole number from 0 to 100000.
err-owner-by-allocation = The owner changes only by allocation, transfer or claim.
