"""Sessions view of the console."""
