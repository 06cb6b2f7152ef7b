"""timeline: an event-timeline database for news."""

__version__ = "0.1.0"
