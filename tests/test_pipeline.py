"""The MNIST pipeline runs: trace within stored bands, frameworks equivalent, reproducible."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CONFIG, TOPICS

from sidebyside.content.compare import max_difference
from sidebyside.run.runner import run_snippet

FRAMEWORKS = [fw.name for fw in CONFIG.frameworks]
TRACE = "pipeline-trace"
COLUMNS = ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds"]
EPOCHS = 5
# Stored bands, wide enough for another CPU or a GPU, narrow enough to catch a broken pipeline.
# Both frameworks measured about 0.73 on the 200 test images after 5 epochs on 1,000 images.
FINAL_TEST_ACCURACY = (0.65, 0.85)
FINAL_TRAIN_LOSS = (0.15, 0.45)
FALLING = ["train_loss", "test_loss"]  # Must fall from every epoch to the next.
DETERMINISTIC = ["train_loss", "train_accuracy", "test_loss", "test_accuracy"]


def result_of(runs, topic: str, framework: str):
    """Return the run of one snippet, failing with the snippet's own error when it failed."""
    results, failures = runs
    snippet_id = f"{topic}[{framework}]"
    if snippet_id in failures:
        pytest.fail(f"{failures[snippet_id]}\nFix the snippet, then rerun.", pytrace=False)
    return results[snippet_id]


def trace_of(runs, framework: str) -> dict:
    return result_of(runs, TRACE, framework).exports["trace"]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_trace_has_one_row_per_epoch(framework, runs):
    trace = trace_of(runs, framework)
    # Stored results keep exported dicts with sorted keys, so compare the names, not the order.
    assert sorted(trace) == sorted(COLUMNS), f"{TRACE} [{framework}]: columns {list(trace)}"
    for name, values in trace.items():
        assert len(values) == EPOCHS, f"{TRACE} [{framework}]: {name} has {len(values)} rows"
    assert trace["epoch"] == list(range(1, EPOCHS + 1))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_trace_final_values_in_band(framework, runs):
    trace = trace_of(runs, framework)
    for metric, (low, high) in (
        ("test_accuracy", FINAL_TEST_ACCURACY),
        ("train_loss", FINAL_TRAIN_LOSS),
    ):
        value = trace[metric][-1]
        assert low <= value <= high, (
            f"{TRACE} [{framework}]: {metric} at epoch {EPOCHS} is {value:.4f}, "
            f"outside the stored band [{low}, {high}]"
        )


@pytest.mark.parametrize("metric", FALLING)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_trace_loss_falls_every_epoch(framework, metric, runs):
    values = trace_of(runs, framework)[metric]
    for epoch in range(2, EPOCHS + 1):
        before, after = values[epoch - 2], values[epoch - 1]
        assert after < before, (
            f"{TRACE} [{framework}]: {metric} did not fall at epoch {epoch}: "
            f"{before:.4f} at epoch {epoch - 1}, {after:.4f} at epoch {epoch}"
        )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_trace_is_reproducible(framework, runs):
    """A second run, never read from the cache, repeats every loss and accuracy exactly."""
    first = trace_of(runs, framework)
    snippet = TOPICS[TRACE].snippets[framework]
    second = run_snippet(CONFIG, snippet, use_cache=False).exports["trace"]
    for metric in DETERMINISTIC:
        for epoch, (a, b) in enumerate(zip(first[metric], second[metric], strict=True), 1):
            assert a == b, (
                f"{TRACE} [{framework}]: {metric} at epoch {epoch} changed between two runs: "
                f"{a!r} then {b!r}; check the seeds and enable_op_determinism()"
            )


def test_equivalence_losses_step_by_step(runs):
    topic = TOPICS["pipeline-equivalence"]
    tolerance = topic.compare["step_loss"]
    pt, tf = (result_of(runs, topic.name, fw).exports["step_loss"] for fw in FRAMEWORKS)
    assert pt["step"] == tf["step"] and len(pt["step"]) == 100
    for step, a, b in zip(pt["step"], pt["loss"], tf["loss"], strict=True):
        assert abs(a - b) <= tolerance, (
            f"{topic.name}: the frameworks' losses diverge at step {step} (epoch "
            f"{(step - 1) // 20 + 1}): pytorch {a:.7f}, tensorflow {b:.7f}, "
            f"tolerance {tolerance:g}"
        )


def test_equivalence_final_weights(runs):
    topic = TOPICS["pipeline-equivalence"]
    tolerance = topic.compare["final_weights"]
    pt, tf = (result_of(runs, topic.name, fw).exports["final_weights"] for fw in FRAMEWORKS)
    assert pt.keys() == tf.keys()
    for name in pt:
        difference = max_difference(pt[name], tf[name])
        assert difference <= tolerance, (
            f"{topic.name}: final {name} differs by {difference:.3g} between pytorch and "
            f"tensorflow after 5 epochs, tolerance {tolerance:g}"
        )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_scaling_table(framework, runs):
    table = result_of(runs, "pipeline-scaling", framework).exports["table"]
    assert table["train_images"] == [1000, 4000, 8000]
    accuracy = table["final_test_accuracy"]
    assert all(0 <= a <= 1 for a in accuracy), f"pipeline-scaling [{framework}]: {accuracy}"
    assert accuracy[-1] > accuracy[0], (
        f"pipeline-scaling [{framework}]: final_test_accuracy with 8000 images ({accuracy[-1]}) "
        f"is not above that with 1000 images ({accuracy[0]})"
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_stages_print_shapes_and_draw_the_digit(framework, runs):
    result = result_of(runs, "pipeline-stages", framework)
    for expected in ("(1000, 28, 28)", "(1000, 784)", "/200", "sum 1.0000", "seed: 0"):
        assert expected in result.stdout, f"pipeline-stages [{framework}] printed no {expected!r}"
    assert result.file("digit.png").stat().st_size > 0


PLOT = (
    "import json, sys\n"
    "from sidebyside.content.plot import line_plot\n"
    "series = json.loads(sys.stdin.read())\n"
    "sys.stdout.buffer.write(line_plot(series, 'epoch', ['train_loss', 'test_accuracy']))\n"
)


def test_trace_plot_is_byte_identical_across_processes(runs):
    """The page's trace plot: the same trace gives the same SVG bytes in two fresh processes."""
    series = {fw: trace_of(runs, fw) for fw in FRAMEWORKS}
    svgs = [
        subprocess.run(
            [sys.executable, "-c", PLOT],
            input=json.dumps(series).encode(),
            capture_output=True,
            check=True,
        ).stdout
        for _ in range(2)
    ]
    assert svgs[0].startswith(b"<?xml") and svgs[0] == svgs[1], (
        "sidebyside/plot.py drew two different SVGs from the same trace: keep svg.hashsalt set "
        "and the Date metadata off"
    )
