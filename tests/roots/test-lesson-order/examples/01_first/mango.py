"""
Lesson mango
============

About mango.
"""

print("mango")
