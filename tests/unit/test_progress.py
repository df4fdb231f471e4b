"""The progress lines' estimate of the time left: recorded run times, else measured ones."""

from __future__ import annotations

import logging

from sidebyside.run.runner import Progress


def test_runs_with_no_recorded_time_count_as_the_mean_of_the_finished_ones(caplog):
    # "c" has a recorded time; the others only a guess (a quarter of their timeout).
    progress = Progress({"a": 100.0, "b": 100.0, "c": 5.0, "d": 100.0}, 1, recorded={"c"})
    assert progress.seconds_left() == 305, "before any run, the guesses are all there is"
    with caplog.at_level(logging.INFO, logger="sidebyside.run.runner"):
        progress.finished("a", "ok", 10.0)
    assert progress.seconds_left() == 25, "b and d should count 10 s each (a's time), c 5 s"
    assert caplog.records[-1].getMessage().endswith("about 25s left"), caplog.records[-1]
    progress.finished("c", "ok", 7.0)
    assert progress.seconds_left() == 17, "b and d should count 8.5 s, the mean of 10 and 7"
    progress.finished("b", "FAILED")
    assert progress.seconds_left() == 8.5, "a failure has no run time and leaves the mean"
    progress.finished("d", "ok", 8.5)
    assert progress.seconds_left() == 0


def test_the_time_left_is_shared_by_the_jobs(caplog):
    progress = Progress({"a": 40.0, "b": 40.0, "c": 40.0}, 2, recorded={"a", "b", "c"})
    with caplog.at_level(logging.INFO, logger="sidebyside.run.runner"):
        progress.finished("a", "ok", 1.0)
    # Recorded times stay as recorded, whatever the finished runs took: 80 s over 2 jobs.
    assert caplog.records[-1].getMessage().endswith("about 40s left"), caplog.records[-1]
