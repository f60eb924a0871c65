"""The Reports tab: energy, sessions and revenue, peak hours, utilisation and statements."""
