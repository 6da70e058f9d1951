"""Cited question answering over news and press documents, offline.

    from assistant import Assistant
    answer = Assistant().ask("What did Heni say about hoaxes?")
"""

from .errors import AssistantError, ModelError, QuestionError, StoreError
from .schema import Answer, Citation, Document, Passage, Quote, Unit

__all__ = ["Assistant", "Answer", "AssistantError", "Citation", "Document", "ModelError",
           "Passage", "QuestionError", "Quote", "StoreError", "Unit"]


def __getattr__(name: str):
    """Import `Assistant` lazily, so `assistant --help` and light imports stay fast."""
    if name == "Assistant":
        from .assistant import Assistant

        return Assistant
    raise AttributeError(name)
