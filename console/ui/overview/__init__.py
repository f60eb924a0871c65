"""Site overview view of the console."""
