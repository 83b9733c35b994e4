"""
Waiting for a child with join()
===============================

``child.join()`` blocks the parent until the child has finished. This lesson uses
it so that the main program announces "all emails sent" only when it is true.
"""

# %%
# Two emails, one "all sent" message
# ----------------------------------
# A child process sends the first email, which takes half a second. Meanwhile, the
# main program sends the second email, which is quicker. Then the main program
# calls ``join()`` and only afterwards says that all emails are sent.
#
# The main program's lines and the child's lines may interleave differently on
# your machine: the parent and the child run at the same time.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import time
from multiprocessing import Process


def send_first_email():
    print("child: sending the first email...")
    time.sleep(0.5)  # talking to the mail server takes a while
    print("child: first email sent")


if __name__ == "__main__":
    child = Process(target=send_first_email, name="child")
    child.start()
    print("main: sending the second email...")
    time.sleep(0.2)
    print("main: second email sent")
    child.join()  # wait here until the child has finished
    print("main: all emails sent")

# %%
# The main program finished its own email first, but ``join()`` held it back until
# the child had finished too. So "all emails sent" is always the last line of
# this part.
# ``join()`` turns "the child runs at the same time as me" into "the child has
# finished": after ``join()``, everything the child did is done.
#
# What if we forget join()?
# -------------------------
# Here is the same program without ``join()`` before the final message.
# ``is_alive()`` tells whether the child is still running.

if __name__ == "__main__":
    child = Process(target=send_first_email, name="child")
    child.start()
    print("main: all emails sent")
    print(f"main: is the child still sending? {child.is_alive()}")
    child.join()  # clean up before the page ends

# %%
# The main program claimed that all emails were sent while the child had not yet
# sent the first one (it may not even have started): the message was false. The
# ``join()`` at the end only makes sure that this example finishes cleanly; it
# comes too late to make the message true.
#
# Common mistake: never joining a child leaves a zombie process behind; see
# :ref:`sphx_glr_examples_23_common_mistakes_zombie_children.py`.

# %%
# .. try-this::
#    :change: time.sleep(0.2)
#    :to: time.sleep(1)
#
#    Make the main program's email slower than the child's: change
#    ``time.sleep(0.2)`` to ``time.sleep(1)``. Before you look: is "all emails
#    sent" still the last line of the first part, and how long does ``join()`` wait?
#
#    .. answer::
#
#       It is still the last line, and ``join()`` returns at once: the child had sent
#       its email after half a second, long before the main program called
#       ``join()``. ``join()`` waits only while the child is still running, so it is
#       safe to call it on a child that may already have finished.
