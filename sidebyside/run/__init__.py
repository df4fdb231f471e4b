"""Running snippets: the only code that starts processes.

Cache key, cache, launcher, fork server, runtime environment, shards. Every module here (and
in core/) is part of every snippet's cache key.
"""
