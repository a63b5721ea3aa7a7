"""A minimal Django app that stores press-room articles and previews them with pressgen."""
