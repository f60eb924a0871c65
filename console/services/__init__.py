"""Use cases: admission, charging, authorization, commands. No Qt."""
