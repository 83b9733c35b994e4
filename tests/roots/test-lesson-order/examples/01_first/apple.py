"""
Lesson apple
============

About apple.
"""

print("apple")
