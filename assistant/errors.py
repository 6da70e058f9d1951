"""The package's own exceptions; the CLI and the web app translate them into one clear line each."""


class AssistantError(Exception):
    """Base class: anything the user can act on. The message says what to do next."""


class QuestionError(AssistantError, ValueError):
    """The question itself is unusable (empty, too long)."""


class StoreError(AssistantError):
    """The index is missing, damaged, or busy with another ingest; the message says which and what to do."""


class ModelError(AssistantError):
    """The embedding model could not be fetched, verified or loaded."""


class DocumentError(AssistantError):
    """A document could not be read; ingest skips it and names it."""
