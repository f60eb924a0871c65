"""The Billing tab: receipts and payments, tariffs, site details, visitors and live costs."""
