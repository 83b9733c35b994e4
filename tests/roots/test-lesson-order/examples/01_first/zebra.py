"""
Lesson zebra
============

About zebra.
"""

print("zebra")
