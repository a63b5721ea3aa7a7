"""The placeholder fast path: a body of plain placeholders is rendered without Jinja,
with the same text Jinja gives."""

from __future__ import annotations

from conftest import TODAY
from pressgen import Pressroom


def test_fast_path_and_jinja_give_the_same_text(generated_room) -> None:
    room = Pressroom.from_path(generated_room(20), today=TODAY)
    for slug, article in list(room.articles.items())[:10]:
        fast = room.render_article(slug).markdown
        forced = article.model_copy(update={"body": "{# force Jinja #}" + article.body})
        assert room.render_article(forced).markdown == fast
