"""The HTTP preview and validation service (``pressgen api``): a thin adapter over Pressroom."""
