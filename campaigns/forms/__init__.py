"""Campaigns forms, one module per capability: `plans` and `reports`."""
