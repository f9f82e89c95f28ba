"""Names shared by the store, the CLI and the UI; kept import-light for a fast start."""

SIDES = ("zh", "en")  # the translation, the original
KINDS = ("highlight", "bookmark")
COLORS = ("yellow", "green", "blue", "pink", "purple")
UNREVIEWED, REVIEWED, FLAGGED = "unreviewed", "reviewed", "flagged"  # a pair's review status
