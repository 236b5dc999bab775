"""Campaigns pages, one module per capability: `plans` (the plan editor and workflow) and `reports`
(reporting periods, unit reports, the follow-up board)."""
