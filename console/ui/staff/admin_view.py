"""The Admin tab: staff accounts (with the security settings), API tokens, the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from console.ui.engine_client import EngineClient
from console.ui.staff.accounts_page import StaffAccountsPage
from console.ui.staff.api_tokens import ApiTokensPage
from console.ui.staff.audit_page import AuditLogPage
from console.ui.staff.backups_page import BackupsPage


class AdminView(QTabWidget):
    """Staff accounts, API tokens and the audit log, side by side as pages."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.setDocumentMode(True)
        self.accounts = StaffAccountsPage(client)
        self.api_tokens = ApiTokensPage(client)
        self.audit = AuditLogPage(client)
        self.backups = BackupsPage(client)
        self.addTab(self.accounts, self.tr("Staff accounts"))
        self.addTab(self.api_tokens, self.tr("API tokens"))
        self.addTab(self.audit, self.tr("Audit log"))
        self.addTab(self.backups, self.tr("Backups"))
