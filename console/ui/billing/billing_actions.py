"""What staff do with bills: issue, pay, void, print receipts; edit tariffs and the site.

Every change goes to the engine (``EngineClient.call``) and its outcome is shown in the
tab's banner; a refusal is never silent. Dialogs are awaited with ``open_dialog``; the
``ask_*`` methods are the hooks tests replace.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from console.core.billing import Receipt, SiteDetails
from console.services.engine import CentralSystem
from console.ui.actions import open_dialog
from console.ui.billing.receipt_dialogs import PaymentDialog, PaymentEntry, VoidDialog
from console.ui.billing.receipt_files import ReceiptFiles
from console.ui.billing.site_dialog import SiteDetailsDialog
from console.ui.billing.tariff_editor import TariffEditorDialog
from console.ui.billing.tariff_fields import TariffDraft
from console.ui.billing.tariffs_model import TariffRow
from console.ui.billing.words import money_text, tr
from console.ui.engine_client import EngineClient
from console.ui.message_bar import OutcomeBanner
from console.ui.tasks import TaskKeeper

log = logging.getLogger(__name__)


class BillingBanner(OutcomeBanner):
    """The outcome banner, for changes to bills rather than charger commands."""

    def show_done(self, text: str) -> None:
        """A change was stored (fades after a few seconds)."""
        self._show("ok", "✓", text)

    def show_working(self, text: str) -> None:
        """A change is on its way."""
        self._show("pending", "◷", text)


class BillingActions(QObject):
    """Receipts, payments, tariffs and site details, each with a visible outcome.

    ``changed`` is emitted after every stored change (views read again);
    ``receiptIssued(Receipt)`` after a receipt is issued or reissued.
    """

    changed = Signal()
    receiptIssued = Signal(object)

    def __init__(self, client: EngineClient, parent: QWidget) -> None:
        super().__init__(parent)
        self.client = client
        self.parent_widget = parent
        self.banner = BillingBanner(parent)
        self.files = ReceiptFiles(client.engine.config.database_url, parent)
        self.dialog: QDialog | None = None  # the one dialog open at a time
        # Actions started from sync slots; a failure is shown in the banner.
        self.tasks = TaskKeeper(owner=self, on_error=self._on_failure, wait_for_loop=True)

    # --- receipts -----------------------------------------------------------------------

    async def issue_receipt(self, session_id: int) -> Receipt | None:
        """Issue the receipt of a finished, billed session."""
        self.banner.show_working(
            tr("Issuing the receipt of session %1…").replace("%1", str(session_id))
        )
        try:
            receipt: Receipt = await self.client.call(
                lambda e: e.receipts.issue(session_id, actor=self.client.actor)
            )
        except Exception as error:  # a person reads why (not billed, still running…)
            self._refused(tr("No receipt for session %1").replace("%1", str(session_id)), error)
            return None
        self.banner.show_done(
            tr("Receipt %1 issued: %2")
            .replace("%1", receipt.label)
            .replace("%2", money_text(receipt.total, receipt.content.breakdown.currency))
        )
        self.receiptIssued.emit(receipt)
        self.changed.emit()
        return receipt

    async def ask_payment(self, receipt: Receipt) -> PaymentEntry | None:
        """The payment dialog; None when the person cancels."""
        dialog = PaymentDialog(receipt, self.parent_widget)
        return dialog.entry() if await self._run(dialog) else None

    async def record_payment(self, receipt: Receipt) -> bool:
        """Record a payment against a receipt (cash, terminal or invoice)."""
        entry = await self.ask_payment(receipt)
        if entry is None:
            return False

        async def pay(engine: CentralSystem) -> Any:
            return await engine.receipts.record_payment(
                receipt.id,
                entry.method,
                entry.amount,
                entry.reference,
                entry.note,
                actor=self.client.actor,
            )

        try:
            await self.client.call(pay)
        except Exception as error:
            self._refused(tr("Payment not recorded on %1").replace("%1", receipt.label), error)
            return False
        self.banner.show_done(
            tr("Payment of %1 recorded on receipt %2")
            .replace("%1", money_text(entry.amount, receipt.content.breakdown.currency))
            .replace("%2", receipt.label)
        )
        self.changed.emit()
        return True

    async def ask_void(self, receipt: Receipt) -> tuple[str, bool] | None:
        """The void dialog: (reason, reissue), or None when the person cancels."""
        dialog = VoidDialog(receipt, self.parent_widget)
        if not await self._run(dialog):
            return None
        return dialog.reason(), dialog.reissue_check.isChecked()

    async def void(self, receipt: Receipt) -> Receipt | None:
        """Void a receipt with a reason and, as asked, issue its correction; the new one."""
        answer = await self.ask_void(receipt)
        if answer is None:
            return None
        reason, reissue = answer
        try:
            result = await self.client.call(
                lambda e: e.receipts.void(
                    receipt.id, reason, reissue=reissue, actor=self.client.actor
                )
            )
        except Exception as error:
            self._refused(tr("Receipt %1 not voided").replace("%1", receipt.label), error)
            return None
        replacement = result if isinstance(result, Receipt) and result.id != receipt.id else None
        if replacement is not None:
            self.banner.show_done(
                tr("Receipt %1 voided; %2 issued in its place")
                .replace("%1", receipt.label)
                .replace("%2", replacement.label)
            )
            self.receiptIssued.emit(replacement)
        else:
            self.banner.show_done(tr("Receipt %1 voided").replace("%1", receipt.label))
        self.changed.emit()
        return replacement

    async def open_pdf(self, receipt: Receipt) -> Path | None:
        """Render the receipt's PDF in a worker thread and open it in the system viewer.

        When no viewer opens it, say why and offer Save as…; the path of the PDF shown
        or saved, None when there is none.
        """
        self.banner.show_working(tr("Preparing receipt %1…").replace("%1", receipt.label))
        try:
            path = await self.files.render(receipt)
        except Exception as error:
            self._refused(tr("Receipt %1 could not be made").replace("%1", receipt.label), error)
            return None
        problem = self.files.open_file(path)
        if problem is None:
            self.banner.show_done(
                tr("Receipt %1 opened: %2").replace("%1", receipt.label).replace("%2", str(path))
            )
            return path
        self.banner.show_error(
            tr("Receipt %1 could not be opened: %2")
            .replace("%1", receipt.label)
            .replace("%2", problem)
        )
        try:
            saved = await self.files.save_as(path, problem)
        except OSError as error:
            self._refused(tr("Receipt %1 not saved").replace("%1", receipt.label), error)
            return None
        if saved is None:
            return None
        self.banner.show_done(
            tr("Receipt %1 saved as %2").replace("%1", receipt.label).replace("%2", str(saved))
        )
        return saved

    async def print_receipt(self, receipt: Receipt) -> bool:
        """The print dialog, then the receipt's pages to the chosen printer."""
        try:
            printed = await self.files.print_receipt(receipt)
        except Exception as error:
            self._refused(tr("Receipt %1 not printed").replace("%1", receipt.label), error)
            return False
        if printed:
            self.banner.show_done(tr("Receipt %1 sent to the printer").replace("%1", receipt.label))
        return printed

    # --- tariffs and site ---------------------------------------------------------------

    async def edit_tariff(
        self, row: TariffRow | None, known_groups: list[str] | None = None
    ) -> bool:
        """Add (``row`` None) or edit a tariff; stored through the dialog's Save."""
        stored = row.stored if row else None

        async def save(draft: TariffDraft) -> None:
            await self.store_tariff(stored.id if stored else None, draft, row)

        dialog = TariffEditorDialog(
            save,
            stored.tariff if stored else None,
            row.groups if row else (),
            row.default if row else False,
            row.visitor if row else False,
            known_groups or [],
            self.parent_widget,
        )
        saved = await self._run(dialog)
        if saved:
            name = dialog.draft().tariff.name
            self.banner.show_done(tr("Tariff %1 saved").replace("%1", name))
            self.changed.emit()
        return saved

    async def store_tariff(
        self, tariff_id: int | None, draft: TariffDraft, before: TariffRow | None = None
    ) -> int:
        """Store a tariff and where it applies, in one engine operation; raises what the
        engine refused (then nothing of it is stored). ``before`` is no longer needed:
        the engine knows which groups the tariff had."""
        actor = self.client.actor

        async def store(engine: CentralSystem) -> int:
            saved = await engine.billing.save_tariff_placed(
                tariff_id, draft.tariff, draft.groups, draft.default, draft.visitor, actor=actor
            )
            return saved.stored.id

        return await self.client.call(store)

    async def retire_tariff(self, row: TariffRow) -> bool:
        """Retire a tariff nobody pays any more (the engine says who still does)."""
        name = row.stored.tariff.name
        try:
            await self.client.call(
                lambda e: e.billing.retire_tariff(row.stored.id, actor=self.client.actor)
            )
        except Exception as error:
            self._refused(tr("Tariff %1 not retired").replace("%1", name), error)
            return False
        self.banner.show_done(tr("Tariff %1 retired").replace("%1", name))
        self.changed.emit()
        return True

    async def ask_site(self, site: SiteDetails) -> SiteDetails | None:
        """The site details dialog; None when the person cancels."""
        dialog = SiteDetailsDialog(site, self.parent_widget)
        return dialog.details() if await self._run(dialog) else None

    async def edit_site(self, site: SiteDetails) -> bool:
        """Change the site's name, address and tax number for receipts from now on."""
        details = await self.ask_site(site)
        if details is None:
            return False
        try:
            await self.client.call(
                lambda e: e.billing.save_site_details(details, actor=self.client.actor)
            )
        except Exception as error:
            self._refused(tr("Site details not saved"), error)
            return False
        self.banner.show_done(tr("Site details saved"))
        self.changed.emit()
        return True

    # --- plumbing -----------------------------------------------------------------------

    async def _run(self, dialog: QDialog) -> bool:
        self.dialog = dialog
        try:
            return await open_dialog(dialog) == QDialog.DialogCode.Accepted
        finally:
            self.dialog = None
            dialog.deleteLater()

    def _refused(self, what: str, error: BaseException) -> None:
        if isinstance(error, TimeoutError):
            reason = tr("the engine did not answer in time")
        elif isinstance(error, ValueError | OSError):
            # Expected troubles (a full disk, a folder without rights) are said in words;
            # a traceback in the terminal helps nobody at the desk.
            log.warning("%s: %s", what, error)
            reason = str(error) or type(error).__name__
        else:
            log.error("billing action failed", exc_info=error)
            reason = str(error) or type(error).__name__
        self.banner.show_error(f"{what}: {reason}")

    def _on_failure(self, error: BaseException) -> None:
        self.banner.show_error(tr("The action failed: %1").replace("%1", str(error)))
