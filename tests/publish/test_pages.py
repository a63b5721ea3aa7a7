"""Generated pages: listings bounded in size, relative links between pages."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NOW_DT, TODAY
from pressgen import Pressroom
from pressgen.publish import pages as pages_module


def test_listing_pages_are_bounded_in_size(generated_room) -> None:
    largest = {}
    for n in (20, 60):
        room = Pressroom.from_path(generated_room(n), today=TODAY)
        rendered = room.render_all(use_cache=False, now=NOW_DT)
        generated, _ = pages_module.build_pages(room, rendered)
        listings = [p for p in generated if p.src_uri.startswith(("news/index", "news/page"))]
        assert len(listings) == -(-n // room.settings.news_per_page)
        largest[n] = max(len(p.markdown) for p in listings)
    assert largest[60] < largest[20] * 1.2  # a page lists at most news_per_page articles


segments = st.lists(
    st.sampled_from(["news", "tags", "page", "2025", "07", "a", "b"]), min_size=0, max_size=4
)


@settings(max_examples=300, deadline=None)
@given(segments, segments, st.sampled_from(["index.md", "x.md", "2.md"]))
def test_fast_relative_links_equal_relpath(start: list[str], end: list[str], name: str) -> None:
    from_src = "/".join([*start, "index.md"])
    to_src = "/".join([*end, name])
    assert pages_module._link(from_src, to_src) == posixpath.relpath(
        to_src, posixpath.dirname(from_src) or "."
    )
