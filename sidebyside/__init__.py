"""Run PyTorch/TensorFlow snippet pairs, cache their results and render them for MkDocs."""

from sidebyside.config import Config, Framework, load_config
from sidebyside.discover import Snippet, Topic, discover
from sidebyside.errors import SnippetError
from sidebyside.results import Result
from sidebyside.run import run_all, run_snippet

__all__ = [
    "Config",
    "Framework",
    "Result",
    "Snippet",
    "SnippetError",
    "Topic",
    "discover",
    "load_config",
    "run_all",
    "run_snippet",
]
