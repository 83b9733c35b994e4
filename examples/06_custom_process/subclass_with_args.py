"""
A Process subclass with parameters
==================================

To give a ``Process`` subclass its own parameters, write an ``__init__`` method
that calls ``super().__init__()`` first, then stores the parameters as attributes.
This lesson shows how, and what goes wrong without ``super().__init__()``.
"""

# %%
# Parameters in __init__, work in run()
# -------------------------------------
# ``Chef.__init__`` runs in the main program, when the object is created.
# ``Chef.run`` runs in the new process, and finds the parameters in ``self``.
# The order of the lines may differ on your machine.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import time
from multiprocessing import Process


class Chef(Process):
    def __init__(self, dish, minutes):
        super().__init__()  # let Process set up its own attributes first
        self.dish = dish
        self.minutes = minutes

    def run(self):
        print(f"{self.name}: cooking {self.dish} for {self.minutes} minutes")
        time.sleep(self.minutes / 10)  # one minute of the story = 0.1 s
        print(f"{self.name}: {self.dish} is ready")


class ForgetfulChef(Process):
    def __init__(self, dish):
        self.dish = dish  # bug: Process.__init__ is never called

    def run(self):
        print(f"cooking {self.dish}")


if __name__ == "__main__":
    chefs = [Chef("rice", 3), Chef("soup", 5)]
    for chef in chefs:
        chef.start()
    for chef in chefs:
        chef.join()
    print("main: dinner is ready")

# %%
# Each chef got its own dish and cooking time. ``super().__init__()`` gave each one
# what every ``Process`` needs, for example a name (``Chef-1``, ``Chef-2``).
# Avoid attribute names that ``Process`` already uses, such as ``name``, ``pid``
# or ``daemon``.
#
# Forgetting super().__init__()
# -----------------------------
# ``ForgetfulChef`` stores its dish but never calls ``super().__init__()``, so the
# attributes that ``Process`` keeps for itself do not exist. The main program
# catches the error and prints it.

if __name__ == "__main__":
    chef = ForgetfulChef("noodles")
    try:
        chef.start()
    except AttributeError as error:
        print(f"main: start() failed with {type(error).__name__}: {error}")

# %%
# ``start()`` looked for an attribute that ``Process.__init__`` would have
# created, and did not find it. No process was started. The message does not
# mention ``super().__init__()``, so remember this cause when you see an
# ``AttributeError`` about a private attribute such as ``_closed`` or ``_popen``.

# %%
# .. try-this::
#    :change: Chef("rice", 3)
#    :to: Chef("rice", 8)
#
#    Let the rice cook for 8 minutes instead of 3. Before you look: which dish is
#    ready first now, and when does the main program announce dinner?
#
#    .. answer::
#
#       The soup is ready first, after 5 minutes of the story, and the rice after 8.
#       Each ``Chef`` object takes its own dish and time into its own process. The
#       main program announces dinner only after both, since it joins every chef.
