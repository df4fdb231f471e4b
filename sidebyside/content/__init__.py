"""Pure rendering of what the runs recorded.

Directives, Markdown, line alignment, notebooks, the translation table, proofs, site paths,
plots. Imports neither run/ nor MkDocs.
"""
