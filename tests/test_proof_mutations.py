"""Each proof separates its claim from the nearest alternative: substitute it, and the proof fails.

Every entry changes one snippet the way the behaviour would look if the claim were false (the
other framework's rule, the other default, the weaker condition), runs the changed copy as a
reader would (the runtime interpreter, an empty folder) and expects an AssertionError raised by
the statement the named `# proof:` marker marks. A proof that rests on the agreement box
(`[compare]` in topic.toml) names `compare:<value>` instead: the changed copy runs through the
build's own runner and the box must then report that value as a disagreement.
A proof that still passes proves nothing.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CONFIG, ROOT, TOPICS

from sidebyside.content.compare import check_topics
from sidebyside.content.proofs import markers
from sidebyside.content.render import strip_markers
from sidebyside.run import runtime
from sidebyside.run.runner import run_all


@dataclass(frozen=True)
class Mutation:
    """Replace `old` by `new` (each exactly once) in a snippet; `proof` must then fail."""

    topic: str
    framework: str
    proof: str
    old: str
    new: str
    why: str

    @property
    def id(self) -> str:
        return f"{self.topic}[{self.framework}]:{self.proof}"


MUTATIONS: list[Mutation] = [
    Mutation(
        "q10-adam",
        "pytorch",
        "adam-by-hand",
        "expected -= pytorch_rule(m, v, *float64)",
        "expected -= pytorch_rule(m, v, *float32)",
        "PyTorch's Adam computed its bias corrections in float32",
    ),
    Mutation(
        "q10-adam",
        "pytorch",
        "adam-by-hand",
        "expected -= pytorch_rule(m, v, *float64)",
        "expected -= keras_rule(m, v, *float32)",
        "PyTorch's Adam followed Keras's rule (epsilon before bias correction)",
    ),
    Mutation(
        "q10-adam",
        "tensorflow",
        "adam-quarter",
        "        first_step(tiny, epsilon=1e-8),\n",
        "        matched_first_step,\n",
        "an equal epsilon gave Keras the same first step as PyTorch",
    ),
    Mutation(
        "q10-adam",
        "tensorflow",
        "adam-by-hand",
        "expected -= keras_rule(m, v, *float32)",
        "expected -= keras_rule(m, v, *float64)",
        "Keras's Adam computed its bias corrections in float64",
    ),
    Mutation(
        "q01-tiny-model",
        "pytorch",
        "runs-eagerly",
        'inside = torch.compile(lambda: torch.compiler.is_compiling(), backend="eager")()',
        "inside = (lambda: torch.compiler.is_compiling())()",
        "nothing was compiled (the check would then hold in any script)",
    ),
    Mutation(
        "q03-data-dependent",
        "pytorch",
        "graph-break",
        "loop = compiles_whole(shrink)",
        "loop = compiles_whole(halve_three_times)",
        "the function had no data-dependent branch (a recompile is no graph break)",
    ),
    Mutation(
        "q35-weight-decay",
        "pytorch",
        "adam-weight-decay",
        "adam_weight_decay = train(torch.optim.Adam, steps, weight_decay=weight_decay)",
        "adam_weight_decay = train(torch.optim.Adam, steps)",
        "Adam ignored weight_decay",
    ),
    Mutation(
        "q35-weight-decay",
        "tensorflow",
        "adam-weight-decay",
        "adam_weight_decay = train(keras.optimizers.Adam, steps, weight_decay=weight_decay)",
        "adam_weight_decay = train(keras.optimizers.Adam, steps)",
        "Keras's Adam ignored weight_decay",
    ),
    Mutation(
        "q20-same-batches",
        "tensorflow",
        "compare:first_images",
        "first_images, first_labels, first_indices = next(iter(loader))",
        "first_images, first_labels, first_indices = next(iter(loader.map("
        "lambda i, l, n: (tf.reverse(i, [2]), l, n))))",
        "the batch held the same pixels in another place (a mirrored image has the same sum)",
    ),
    Mutation(
        "pipeline-trace",
        "pytorch",
        "hard-test-block",
        "gap, deficit = train_accuracy - test_accuracy, other_accuracy - test_accuracy",
        "gap, deficit = train_accuracy - test_accuracy, 0.06",
        "the other unseen images scored only 0.06 above the test block",
    ),
    Mutation(
        "cmp-graph-mode",
        "pytorch",
        "no-recompile",
        "recorded = torch.compile(step, backend=record)\n",
        "recorded = torch.compile(step, backend=record); "
        "torch._dynamo.config.computed_lazy_constant_max_nodes = 0\n",
        "Dynamo guarded on the counter's value, as PyTorch 2.13 did",
    ),
    Mutation(
        "q05-devices",
        "pytorch",
        "error-by-build",
        '        torch.zeros(1).to("cuda")\n',
        '        raise AssertionError("Torch not compiled with CUDA enabled")\n',
        "the build at hand raised the CPU-only build's error",
    ),
    Mutation(
        "q36-data-parallel",
        "pytorch",
        "process-group-freed",
        "    del model, bn_model\n",
        "    del bn_model\n",
        "the DDP model, which holds the process group, was kept",
    ),
    Mutation(
        "q36-data-parallel",
        "pytorch",
        "process-group-freed",
        "import torch.distributed.nn  # noqa: F401\n",
        "import torch.distributed  # noqa: F401\n",
        "torch.distributed.nn was first imported by DDP, after the group existed",
    ),
]


@pytest.fixture(scope="module")
def runtime_python() -> Path:
    return runtime.python(CONFIG)


def _failing_line(stderr: str, name: str) -> int | None:
    lines = re.findall(rf'File ".*?{re.escape(name)}", line (\d+)', stderr)
    return int(lines[-1]) if lines else None


@pytest.mark.parametrize(
    "mutation", [m for m in MUTATIONS if m.proof.startswith("compare:")], ids=lambda m: m.id
)
def test_the_agreement_box_fails_on_the_alternative(mutation):
    topic = TOPICS[mutation.topic]
    snippet = topic.snippets[mutation.framework]
    code = snippet.path.read_text()
    name = mutation.proof.removeprefix("compare:")
    assert name in topic.compare and code.count(mutation.old) == 1, (
        f"{snippet.path.relative_to(ROOT)}: update MUTATIONS: {name!r} must be compared and "
        f"the text to replace must appear once:\n{mutation.old}"
    )
    # The changed copy lives inside the project, as the runner's snippets do.
    folder = ROOT / ".cache" / "mutations" / mutation.topic
    folder.mkdir(parents=True, exist_ok=True)
    changed = folder / snippet.path.name
    changed.write_text(code.replace(mutation.old, mutation.new))
    others = [s for s in topic.snippets.values() if s is not snippet]
    mutated = dataclasses.replace(snippet, path=changed)
    results, failures = run_all(CONFIG, [*others, mutated])
    assert not failures, "\n".join(map(str, failures.values()))
    problems = check_topics({topic.name: topic}, results)
    assert any(f"'{name}'" in p for p in problems), (
        f"{snippet.path.relative_to(ROOT)} [{mutation.framework}]: the agreement box still "
        f"accepts {name!r} when {mutation.why}; tighten its tolerance in topic.toml"
    )


@pytest.mark.parametrize(
    "mutation", [m for m in MUTATIONS if not m.proof.startswith("compare:")], ids=lambda m: m.id
)
def test_the_proof_fails_on_the_alternative(mutation, runtime_python, tmp_path):
    snippet = TOPICS[mutation.topic].snippets[mutation.framework]
    code = snippet.path.read_text()
    where = f"{snippet.path.relative_to(ROOT)} [{mutation.framework}]"
    assert code.count(mutation.old) == 1, (
        f"{where}: the text to replace for proof {mutation.proof!r} must appear exactly once; "
        f"update MUTATIONS in {Path(__file__).name}:\n{mutation.old}"
    )
    assert mutation.old.count("\n") == mutation.new.count("\n"), "keep the line numbers"
    first, last = markers(strip_markers(code), where)[mutation.proof]
    changed = tmp_path / snippet.path.name
    changed.write_text(code.replace(mutation.old, mutation.new))
    if "mnist_data" in code:
        shutil.copy(ROOT / "mnist_data" / "__init__.py", tmp_path / "mnist_data.py")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "MNIST_DIR": str(ROOT / "mnist_data"),
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "OMP_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
    }
    ran = subprocess.run(
        [str(runtime_python), changed.name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=snippet.timeout * 2,
        check=False,
    )
    assert ran.returncode != 0, (
        f"{where}: proof {mutation.proof!r} still passes when {mutation.why}; "
        "make its assert tell the claim from this alternative"
    )
    line = _failing_line(ran.stderr, snippet.path.name)
    assert "AssertionError" in ran.stderr and line is not None and first <= line <= last, (
        f"{where}: with {mutation.why}, the run should fail at proof {mutation.proof!r} "
        f"(lines {first}-{last}) with an AssertionError; it failed at line {line}:\n"
        f"{ran.stderr[-1500:]}"
    )
