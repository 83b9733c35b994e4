"""
Passing arguments to a child process
====================================

``Process(target=f, args=(...), kwargs={...})`` makes the child call ``f`` with
these arguments. This lesson shows both ways, and the classic mistake with a
one-element tuple.
"""

# %%
# Positional arguments: ``args=`` takes a tuple
# ---------------------------------------------
# The child calls ``greet(*args)``, so each item of the tuple becomes one
# positional argument of ``greet``.

# sphinx_gallery_teaches = ["exitcode"]
# sphinx_gallery_forward = []

from multiprocessing import Process


def greet(name, greeting="Hello"):
    print(f"child: {greeting}, {name}!")


if __name__ == "__main__":
    child = Process(target=greet, args=("Alice", "Good morning"))
    child.start()
    child.join()

# %%
# The one-element tuple trap
# --------------------------
# Parentheses alone do not make a tuple: ``("Alice")`` is just the string
# ``"Alice"``. The comma makes the tuple: ``("Alice",)``. ``Process`` turns
# ``args`` into a tuple with ``tuple(args)``, and ``tuple("Alice")`` is a tuple of
# five letters. So the child calls ``greet("A", "l", "i", "c", "e")``.

if __name__ == "__main__":
    print(f"main: tuple('Alice') is {tuple('Alice')}")
    child = Process(target=greet, args=("Alice"))  # bug: no comma
    child.start()
    child.join()
    print(f"main: the child's exit code is {child.exitcode}")
    print("main: I am still running")

# %%
# The ``TypeError`` happened in the child, not in the main program. The child
# printed its traceback, headed by its name (``Process-2``: the second ``Process``
# object of this program), and ended with exit code 1. The main program was not
# affected: it went on, and it will end normally, with exit code 0. Check
# ``exitcode`` when you need to know whether a child succeeded.
#
# The fix is one comma: ``args=("Alice",)``.
#
# Keyword arguments: ``kwargs=`` takes a dict
# -------------------------------------------
# The child calls ``greet(**kwargs)``, so each key names a parameter of ``greet``.
# You can use ``args=`` and ``kwargs=`` together.

if __name__ == "__main__":
    child = Process(target=greet, kwargs={"name": "Bob", "greeting": "Hi"})
    child.start()
    child.join()
    child = Process(target=greet, args=("Carol",), kwargs={"greeting": "Welcome"})
    child.start()
    child.join()

# %%
# Common mistake: a ``lambda`` or a function defined inside another function as
# the target; see :ref:`sphx_glr_examples_23_common_mistakes_local_function_target.py`.

# %%
# .. try-this::
#    :change: def greet(name, greeting="Hello"):
#    :to: def greet(name, greeting="Hello", *more):
#
#    Let ``greet`` accept any number of extra positional arguments, with ``*more``.
#    Before you look: what happens to the child with ``args=("Alice")`` now, and
#    what is its exit code?
#
#    .. answer::
#
#       It no longer fails: ``"A"`` becomes ``name``, ``"l"`` becomes ``greeting``
#       and the other three letters go into ``more``. So it prints a strange
#       greeting and ends with exit code 0. The bug is still there, but nothing
#       reports it any more, which is worse. The comma is the real fix.
