"""One Pressroom for the whole process: it is thread-safe and renders in memory."""

from functools import lru_cache

from django.conf import settings

from pressgen import Pressroom


@lru_cache(maxsize=1)
def get_room() -> Pressroom:
    # The facts, sources, editors and templates live in a pressgen project folder.
    # (Pressroom.from_data(...) works the same for content kept in the database.)
    return Pressroom.from_path(settings.PRESSGEN_PROJECT)
