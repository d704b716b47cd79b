"""zatlog: an event-sourced case log for the care teams of (V)SO schools."""

__version__ = "0.1.0"
