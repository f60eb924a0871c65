"""The Admin tab: staff accounts (with the security settings) and the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from console.ui.engine_client import EngineClient
from console.ui.staff.accounts_page import StaffAccountsPage
from console.ui.staff.audit_page import AuditLogPage


class AdminView(QTabWidget):
    """Staff accounts and the audit log, side by side as two pages."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.setDocumentMode(True)
        self.accounts = StaffAccountsPage(client)
        self.audit = AuditLogPage(client)
        self.addTab(self.accounts, self.tr("Staff accounts"))
        self.addTab(self.audit, self.tr("Audit log"))
