"""Export drafts: Word letters and emails (:mod:`.docx`), e-mail files (:mod:`.eml`), text/Markdown (:mod:`.text`).

Import the submodule you need (``from referral_ai.export.docx import write_letter_docx``); this package
does not import python-docx on its own.
"""

from referral_ai.export.text import to_markdown, to_plain

__all__ = ["to_markdown", "to_plain"]
