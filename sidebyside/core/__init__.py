"""The data every layer shares.

Settings, topics and snippets, the one parse of a file, a run's result and the run report.
No process, no MkDocs; with run/, part of every snippet's cache key.
"""
