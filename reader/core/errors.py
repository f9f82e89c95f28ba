"""The app's own error types: every failure a user can cause is one of these."""


class ReaderError(Exception):
    """A failure with a message fit to show the user as is."""


class ArticleError(ReaderError):
    """The article file cannot be read or parsed."""
