"""The MkDocs side: the only code that imports MkDocs.

The plugin, the code fence, background runs while serving, what the site publishes, the cheat
sheet's PDF.
"""
