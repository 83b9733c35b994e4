"""
Optional: four scheduling algorithms, simulated
===============================================

An optional lesson that starts no process of its own: it simulates, in plain Python,
what the operating system does. A CPU core runs one process at a time. When several
processes are ready to run, the operating system's scheduler decides which one gets
the core, and for how long. This lesson simulates four classic scheduling algorithms
on the same four jobs, prints how long each job waited, and draws each schedule as a
Gantt chart.
"""

# %%
# The jobs and how we measure them
# --------------------------------
# Each job arrives at some moment and needs the CPU for some time, its *burst*.
# Job 4, the longest, happens to arrive first, and job 1, the shortest, arrives last.
# All times are whole numbers of ticks of 0.1 s, so the arithmetic stays exact.
#
# For each job the table shows three measures. The *response* time is the time from
# its arrival until it first runs. The *waiting* time is the total time it was ready
# but not running. The *turnaround* time is the time from its arrival until its end.
# In each chart, a grey line spans a job's turnaround time, and the coloured bars
# show when it actually ran.
#
# The charts' words are the program's own, in English: a row is a job ("job 1"),
# the axis is the time in seconds ("time (s)"), and the title names the algorithm
# and gives the average waiting time ("average waiting time").

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

from collections import deque

import matplotlib.pyplot as plt

TICK = 0.1  # seconds
JOBS = {1: (3, 3), 2: (2, 6), 3: (1, 8), 4: (0, 12)}  # job: (arrival, burst) in ticks
COLORS = {1: "tab:blue", 2: "tab:orange", 3: "tab:green", 4: "tab:purple"}


def show(title, segments):
    """Print the measures of each job and draw the chart of ``segments``."""
    first, end, rows = {}, {}, []
    for job, start, stop, _ in segments:  # segments are in time order
        first.setdefault(job, start)
        end[job] = stop
    print(title)
    print("job  arrival  burst  response  waiting  turnaround")
    for job, (arrival, burst) in JOBS.items():
        response, turnaround = first[job] - arrival, end[job] - arrival
        row = [t * TICK for t in (response, turnaround - burst, turnaround)]
        rows.append(row)
        times = f"{row[0]:10.1f}{row[1]:9.1f}{row[2]:12.1f}"
        print(f"{job:3}  {arrival * TICK:7.1f}  {burst * TICK:5.1f}{times}")
    mean = [sum(row[i] for row in rows) / len(rows) for i in range(3)]
    print(f"average{mean[0]:22.2f}{mean[1]:9.2f}{mean[2]:12.2f}")

    fig, ax = plt.subplots(figsize=(7, 2.4))
    for job, (arrival, _) in JOBS.items():
        ax.hlines(job, arrival * TICK, end[job] * TICK, color="grey", zorder=0)
    for job, start, stop, label in segments:
        bar = {"left": start * TICK, "height": 0.6, "color": COLORS[job]}
        ax.barh(job, (stop - start) * TICK, edgecolor="black", **bar)
        ax.text((start + stop) / 2 * TICK, job, label, ha="center", va="center")
    ax.set_yticks(list(JOBS), [f"job {job}" for job in JOBS])
    ax.invert_yaxis()
    ax.set_xlim(0, 3)
    ax.set_xlabel("time (s)")
    ax.set_title(f"{title}: average waiting time {mean[1]:.2f} s")
    fig.tight_layout()


# %%
# First come, first served (FCFS)
# -------------------------------
# The scheduler runs the jobs in the order they arrived, each one to its end.


def first_come_first_served():
    time, segments = 0, []
    for job in sorted(JOBS, key=lambda j: JOBS[j][0]):
        arrival, burst = JOBS[job]
        time = max(time, arrival)
        segments.append((job, time, time + burst, ""))
        time += burst
    return segments


show("First come, first served", first_come_first_served())

# %%
# Job 4 arrived first and held the CPU for its whole long burst, while the three
# short jobs queued up behind it. This is the weakness of FCFS: one long job makes
# every job behind it wait, and the shortest job ends up waiting the longest.
#
# Shortest job first (SJF)
# ------------------------
# Whenever the CPU becomes free, the scheduler picks the shortest job that is ready.
# A running job is never interrupted.


def shortest_job_first():
    time, segments, todo = 0, [], set(JOBS)
    while todo:
        ready = [job for job in todo if JOBS[job][0] <= time]
        if not ready:  # nothing has arrived yet: the CPU is idle
            time += 1
            continue
        job = min(ready, key=lambda j: JOBS[j][1])
        segments.append((job, time, time + JOBS[job][1], ""))
        time += JOBS[job][1]
        todo.remove(job)
    return segments


show("Shortest job first", shortest_job_first())

# %%
# Job 4 still runs first: when the CPU was free, it was the only job that had
# arrived. After it, the short jobs go first, and the average waiting time drops.
# SJF gives the lowest average waiting time of the four, but it has two problems:
# the scheduler must know each burst in advance, which a real operating system does
# not, and a long job may wait forever if short jobs keep arriving.
#
# Round robin (RR)
# ----------------
# The ready jobs wait in one queue. The first job in the queue runs for at most one
# *time slice*, here 0.2 s; if it is not finished, it goes to the back of the queue.
# The function below is written for several queues, because the next algorithm
# needs them; round robin is the case of a single queue.


def feedback_queues(slices):
    """Round robin in each queue; a job that uses its whole slice moves down one."""
    queues, left = [deque() for _ in slices], {j: b for j, (_, b) in JOBS.items()}
    arrivals = sorted(JOBS, key=lambda j: JOBS[j][0])
    time, segments, finished_in, put_back = 0, [], {}, None
    while left:
        while arrivals and JOBS[arrivals[0]][0] <= time:  # new jobs join queue 1
            queues[0].append(arrivals.pop(0))
        if put_back:  # the job of the last slice goes behind the new arrivals
            queues[put_back[1]].append(put_back[0])
            put_back = None
        level = next((i for i, queue in enumerate(queues) if queue), None)
        if level is None:  # nothing is ready: the CPU is idle
            time += 1
            continue
        job = queues[level].popleft()
        run = min(slices[level], left[job])
        label = f"Q{level + 1}" if len(slices) > 1 else ""
        segments.append((job, time, time + run, label))
        time += run
        left[job] -= run
        if left[job] == 0:
            del left[job]
            finished_in[job] = level + 1
        else:
            put_back = (job, min(level + 1, len(slices) - 1))
    return segments, finished_in


show("Round robin, 0.2 s slices", feedback_queues([2])[0])

# %%
# Every job ran within half a second of its arrival, so the response times are much
# shorter than before. The price is a longer average waiting time: the jobs take
# turns, so each of them ends later than it would if it ran in one go. A real
# scheduler also loses a little time at each switch, which this simulation ignores.
#
# Multilevel feedback queue (MLFQ)
# --------------------------------
# This is the classic story of the Chinese tutorial this course follows. There are four
# queues. Queue 1 has the highest priority and a time slice of 0.4 s; queues 2, 3 and 4
# have slices of 0.3 s, 0.2 s and 0.1 s. The scheduler always serves the highest queue
# that has a job. A new job joins the back of queue 1. A job that uses its whole slice
# without finishing drops one queue; in the last queue, it simply goes to the back
# again. The labels on the bars show the queue of each slice.
#
# To keep the code short, a new job waits until the current slice ends; a real
# scheduler would interrupt a job from a lower queue at once. With these jobs it
# makes no difference, because all of them arrive during the very first slice.

segments, finished_in = feedback_queues([4, 3, 2, 1])
show("Multilevel feedback queue", segments)
for job, level in sorted(finished_in.items()):
    print(f"job {job} finished in queue {level}")
plt.show()  # run as a script: open the four charts

# %%
# Each job finished in a different queue: job 1 within its first 0.4 s slice, in
# queue 1, and the longer jobs after they had dropped to queues 2, 3 and 4. The
# scheduler never needed to know the bursts: short jobs finish while their priority
# is still high, and long jobs sink to the lower queues on their own. Job 1 ended
# as early as under SJF, while the long jobs still got a first slice quickly.
#
# Real operating systems use refined versions of these ideas, with priorities and
# time slices that change as programs run. Your Python program has no say in this:
# when it starts several processes, the scheduler decides which one runs when. That
# is why, in the next lessons, the order of the lines that processes print may
# differ from one run to the next.

# %%
# .. try-this::
#    :change: show("Round robin, 0.2 s slices", feedback_queues([2])[0])
#    :to: show("Round robin, 1.2 s slices", feedback_queues([12])[0])
#
#    Give round robin a time slice of 1.2 s (12 ticks), longer than the burst of
#    any job. Before you look: how does its table compare with the table of first
#    come, first served?
#
#    .. answer::
#
#       The two tables are the same. With a slice longer than every burst, no job
#       is ever interrupted: each one runs to its end in its first slice, in the
#       order of arrival, and that is exactly first come, first served.
