"""Content: the immutable, validated index of one press room (see :mod:`.index`)."""

from .build import build_content
from .index import Content, fragment_key

__all__ = ["Content", "build_content", "fragment_key"]
