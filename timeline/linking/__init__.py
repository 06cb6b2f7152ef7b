"""Linking mentions into events: which happening a new report is about (``match``), and what an
event's mentions say together (``derive``)."""
