"""The catalogue of finding codes. Codes are stable: tools and people search for them.

PG1xx  reading files (encoding, front matter, YAML)
PG2xx  fields of one object (missing, wrong type, bad value)
PG3xx  rules across files (references, duplicates, expiry, provenance)
PG4xx  templates and rendering
PG5xx  content safety (scripts, dangerous links and attributes)
PG9xx  building, publishing and the HTTP service; PG999 an internal error (a bug in pressgen)
"""

from __future__ import annotations

# Reading
FILE_UNREADABLE = "PG101"
NOT_UTF8 = "PG102"
BOM = "PG103"
FILE_TOO_LARGE = "PG104"
NO_FRONT_MATTER = "PG105"
UNCLOSED_FRONT_MATTER = "PG106"
YAML_SYNTAX = "PG107"
DUPLICATE_KEY = "PG108"
YAML_TAB = "PG109"
YAML_TAG = "PG110"
YAML_ALIAS = "PG111"
NOT_A_MAPPING = "PG112"
EMPTY_FRONT_MATTER = "PG113"
BAD_DATE_VALUE = "PG114"
OUTSIDE_PROJECT = "PG115"  # a path or link that leads outside content/ or templates/
NOT_A_FILE = "PG116"  # a named pipe, device, socket or folder where a file is read
LINKED_FOLDER = "PG117"  # a folder that is a link: not followed
YAML_BAD_SCALAR = "PG120"
YAML_TOO_DEEP = "PG121"

# Fields
MISSING_FIELD = "PG201"
INVALID_VALUE = "PG202"
UNKNOWN_FIELD = "PG203"
CONTROL_CHARACTER = "PG204"  # a control character or non-character in text
LINE_BREAK = "PG205"  # a line break in a one-line field
URL_NOT_ALLOWED = "PG206"  # not an http(s) address of a web server
ASSET_PATH = "PG207"  # an image path that is not a relative path of an image inside content/
NEGATIVE_AMOUNT = "PG208"  # a payment or money figure below zero
NUMBER_OUT_OF_RANGE = "PG209"  # too large, or more digits than any source publishes
DATE_OUT_OF_RANGE = "PG210"  # a year before 1900 or after 2200
UNKNOWN_SETTING_VALUE = "PG211"  # a time zone or locale that does not exist

# Cross-file rules
UNKNOWN_EDITOR = "PG301"
UNKNOWN_FACT = "PG302"
UNKNOWN_SOURCE = "PG303"
UNKNOWN_FRAGMENT = "PG304"
DUPLICATE_ID = "PG305"
DUPLICATE_SLUG = "PG306"
UNDECLARED_FACT = "PG307"
UNUSED_FACT = "PG308"
EXPIRED = "PG309"
STALE_FIGURE = "PG310"
DERIVED_MISMATCH = "PG311"
EMPTY_SLUG = "PG312"
MISSING_COMPANY = "PG313"
UNKNOWN_TAG = "PG314"
INVISIBLE_CHARACTER = "PG315"
FORWARD_LOOKING = "PG316"
UNSOURCED_NUMBER = "PG317"
RISKY_CLAIM = "PG318"
LANGUAGE_NOT_ENABLED = "PG319"
UNKNOWN_ORIGINAL = "PG320"
TRANSLATION_CONFLICT = "PG321"
FACT_PARITY = "PG322"
OUTDATED_TRANSLATION = "PG323"
UNTRANSLATED = "PG324"
UNKNOWN_CORRECTED = "PG325"
LIFECYCLE_DATES = "PG326"
FACT_AFTER_ARTICLE = "PG327"
LONG_HEADLINE = "PG328"
TAG_CLASH = "PG329"  # one topic written two ways, or two tags sharing one topic page
ASSET_MISSING = "PG330"  # an image or logo that is not in content/
ASSET_KIND = "PG331"  # an image whose bytes are not the kind its name says
UNSAFE_SVG = "PG332"  # an SVG image with script, event handlers or outside references
ASSET_OUTSIDE = "PG333"  # an image that is a link to a file outside content/

# Rendering
UNDEFINED = "PG401"
TEMPLATE_SYNTAX = "PG402"
SANDBOX = "PG403"
TEMPLATE_NOT_FOUND = "PG404"
OUTPUT_TOO_LARGE = "PG405"
RENDER_FAILED = "PG406"
RENDER_TIMEOUT = "PG407"
BODY_NOT_CONTENT = "PG408"
RENDER_MEMORY = "PG409"
RENDER_CRASHED = "PG410"

# Content safety
UNSAFE_HTML = "PG501"
UNSAFE_LINK = "PG502"
UNSAFE_ATTRIBUTE = "PG503"
UNSAFE_ATTRIBUTE_LIST = "PG504"  # an id, class or attribute an attribute list may not set
UNSAFE_SITE_LINK = "PG505"  # a link in mkdocs.yml (nav, alternate, homepage) with a bad scheme
PDF_NETWORK = "PG510"  # the PDF leaves out an image from the network (warning)
PDF_FILE = "PG511"  # the PDF leaves out a file outside content/ or not an image (warning)
PDF_ADDRESS = "PG512"  # the PDF leaves out any other address: large data:, other schemes

# Building
BUILD_FAILED = "PG901"
USAGE = "PG902"
BAD_REQUEST = "PG903"
REQUEST_TOO_LARGE = "PG904"
NOT_FOUND = "PG905"
CACHE_DISCARDED = "PG906"  # warning: a damaged cache file or entry was thrown away
SITE_NOT_WRITABLE = "PG907"  # the site folder (or the folder around it) cannot be written
OUTPUT_NOT_WRITABLE = "PG908"  # an output file's folder is missing or cannot be written
SITE_DIR_UNSAFE = "PG909"  # the site folder would replace the project's own files
STAGING_IN_THE_WAY = "PG910"  # a folder of the user's has the name of pressgen's staging folder
METHOD_NOT_ALLOWED = "PG911"  # HTTP 405
JSON_TOO_DEEP = "PG912"  # HTTP 422: JSON nested deeper than the service accepts
REQUEST_TIMEOUT = "PG913"  # HTTP 408: the client sent its request too slowly
BUILD_RECOVERED = "PG914"  # warning: an interrupted build's leftovers were cleaned up
SERVICE_BUSY = "PG915"  # HTTP 503: too many connections at once

# A bug in pressgen itself, never in the content: the last code, so that it stands out
INTERNAL_ERROR = "PG999"
