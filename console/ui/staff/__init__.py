"""Who is at the desk: login, lock, staff accounts and the audit log pages."""
