"""Alarms in the console: the banner, the tray notification, the alarm list, the service report."""
