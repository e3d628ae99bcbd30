## Allocation, transfer, the unassigned pool and territories (CU4, CU5, CU12).
