"""Receipts and statements as PDF files (reportlab)."""

from __future__ import annotations

from console.services.pdf.receipt import render_receipt_pdf
from console.services.pdf.statement import render_statement_pdf

__all__ = ["render_receipt_pdf", "render_statement_pdf"]
