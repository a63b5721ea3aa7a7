"""One topic, one spelling, one page.

Every tag gets a topic page whose address is made from it (``tags/exports/``). Two
spellings of one topic ('Exports' and 'exports', or 'café' typed as one character and as
'e' plus an accent), or two different tags that make the same address ('R&D' and 'R-D'),
would share that page, and it would list the articles of only one of them. pressgen does
not guess which spelling is meant: it is an error that names both, and the fix is to
write the tag one way everywhere. (With content/tags.yml, its spelling is the one to use.)
Tags are compared in Unicode NFC (the model stores every text so) and without case.
"""

from __future__ import annotations

import datetime as dt

from .. import codes
from ..content import Content
from ..findings import Finding, Location
from ..urls import tag_slug


def _shown(where: Location) -> str:
    return f"{where.file}:{where.line}" if where.file and where.line else where.file or where.path


def tags_spelt_one_way(content: Content, today: dt.date) -> list[Finding]:
    """A topic's tag is written the same way in every article (and as in tags.yml)."""
    findings: list[Finding] = []
    topics = content.topics
    first: dict[str, tuple[str, Location]] = {}  # tag address → first spelling, where
    for article in content.articles.values():
        for index, tag in enumerate(article.tags):
            where = content.locate(article, "tags", index)
            if topics is not None:
                topic = topics.get(tag.lower())
                if topic is not None and topic.name != tag:
                    findings.append(
                        where.finding(
                            codes.TAG_CLASH,
                            f"the tag '{tag}' is written '{topic.name}' in content/tags.yml; "
                            "two spellings would make two topics of one",
                            f"write it as in content/tags.yml: '{topic.name}'",
                        )
                    )
                continue  # a tag that is not in tags.yml is reported by tags_exist
            address = tag_slug(tag)
            seen = first.setdefault(address, (tag, where))
            if seen[0] == tag:
                continue
            same_word = seen[0].casefold() == tag.casefold()
            findings.append(
                where.finding(
                    codes.TAG_CLASH,
                    f"the tag '{tag}' and the tag '{seen[0]}' ({_shown(seen[1])}) would share "
                    f"one topic page (tags/{address}/), which would list only one of them"
                    + ("" if same_word else "; they are different words with the same address"),
                    f"write it exactly as '{seen[0]}'"
                    if same_word
                    else f"write it exactly as '{seen[0]}', or choose a tag with other letters",
                )
            )
    return findings
