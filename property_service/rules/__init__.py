"""Rules of the office that need no database: plain Python, unit-tested in milliseconds.

Every number comes in as an argument (read from Property Service Settings by the caller).
"""
