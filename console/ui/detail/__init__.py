"""Charger detail view of the console."""
