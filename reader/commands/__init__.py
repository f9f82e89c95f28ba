"""Subcommands of the bilingual-reader CLI, one module per group."""
