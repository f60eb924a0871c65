"""Cards tab of the console: cards, people, refused cards, import and history."""
