"""
Mistake: logging configured only in the main program
====================================================

**What you see:** the children's log messages are missing, under ``forkserver`` and
``spawn``: the main program's messages show, the children's do not, and no error
says why. To see it on Linux with Python up to 3.13, as macOS and Windows readers
do, call ``multiprocessing.set_start_method("spawn")`` first in the main block.

``logging.basicConfig()`` in the main program configures that process. A ``fork``
child inherits the configuration; a ``forkserver`` or ``spawn`` child starts with
none, and its log messages silently disappear.
"""

# %%
# The shop logs what its packer does. The main program configures logging once.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import logging
import multiprocessing
import sys

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

log = logging.getLogger("shop")


def pack(order):
    log.info("packing order %s", order)
    print(f"packer: order {order} packed")


def setup_logging():
    logging.basicConfig(
        level=logging.INFO,
        format="%(processName)s %(levelname)s: %(message)s",
        stream=sys.stdout,
    )


if __name__ == "__main__":
    setup_logging()
    log.info("the shop opens")
    packer = multiprocessing.Process(target=pack, args=(1,), name="packer")
    packer.start()
    packer.join()

# %%
# Why it happens
# --------------
# Logging's configuration is ordinary module state. A ``spawn`` child imports
# ``logging`` afresh, and a ``forkserver`` child is a copy of the fork server, which
# imported it afresh too: its root logger has no handler and the level
# ``WARNING``, so ``log.info()`` prints nothing. There is no error; the messages are
# simply lost (a warning would still reach the screen, without the format).
#
# The fix
# -------
# Configure logging in each child too, at the start of the function it runs (or in a
# ``Pool``'s ``initializer``). Under ``fork`` the child already has the handler and
# ``basicConfig()`` does nothing, so no line appears twice.


def pack_with_logging(order):
    setup_logging()
    pack(order)


if __name__ == "__main__":
    packer = multiprocessing.Process(target=pack_with_logging, args=(2,), name="packer")
    packer.start()
    packer.join()

# %%
# .. try-this::
#    :change: log.info("the shop opens")
#    :to: log.info("the shop opens")\nlogging.getLogger().handlers.clear()
#
#    Let the main program drop its logging handler right after its first message,
#    before it starts the packers. Which of the packers' log lines are left?
#
#    .. answer::
#
#       Only the fixed packer's, under every start method. The first packer has no
#       handler whatever the start method (``fork`` copies the emptied
#       configuration), so its message is lost. The fixed packer configures logging
#       itself, so it does not depend on what the main program has or had.
