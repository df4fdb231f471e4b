import numpy as np
import onnxruntime as ort
import torch
from torch import nn
from torch.export import Dim

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.backends.cuda.matmul.fp32_precision = "ieee"  # Full float32 on GPUs too.
# The same seeded weights and inputs in both files; files go to the working directory.
rng = np.random.default_rng(0)
rows = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32), device=device)
more_rows = torch.tensor(rng.standard_normal((5, 3)).astype(np.float32), device=device)
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 2)).astype(np.float32)
model = nn.Linear(3, 2).to(device)
with torch.no_grad():
    model.weight.copy_(torch.from_numpy(kernel.T))
    model.bias.zero_()
model.eval()

# compile_result: torch.compile captures Python bytecode into graphs (falling back to
# Python where it cannot); tf.function traces the Python function into a graph per input
# signature.
calls = []


def scaled_sine(x):
    calls.append(1)  # A Python side effect.
    return torch.sin(x) * 2 + x


compiled = torch.compile(scaled_sine)
compile_result = [compiled(rows) for _ in range(3)][-1]
print(f"compile_result: {compile_result[0].tolist()}")

# side_effects: under torch.compile the side effect happens on every call; in a
# tf.function only while it traces, and it traces again for a new input shape.
assert len(calls) == 3
compiled(more_rows)  # A new shape.
assert len(calls) == 4
side_effects = compile_result
print(f"side_effects: Python ran {len(calls)} times in 4 calls")

# xla: jit_compile=True asks TensorFlow for XLA; PyTorch's own compiler is
# torch.compile.
xla = torch.compile(model)(rows).detach()
print(f"xla: {xla[0].tolist()}")

# dynamic_shapes: mark the batch axis as dynamic, so one graph serves every batch size.
program = torch.export.export(model, (rows,), dynamic_shapes=({0: Dim("batch")},))
dynamic_shapes = program.module()(more_rows).detach()
print(f"dynamic_shapes: batch of {len(dynamic_shapes)} through a graph traced on 4")

# export: a graph saved to disk, loaded and run without the Python class.
torch.export.save(program, "model.pt2")
loaded = torch.export.load("model.pt2")
export = loaded.module()(rows).detach()
print(f"export: {export[0].tolist()}")

# onnx: export to ONNX and run it in onnxruntime.
torch.onnx.export(
    model.cpu(),
    (rows.cpu(),),
    "model.onnx",
    dynamo=True,
    dynamic_shapes=({0: Dim("batch")},),
)
session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
onnx = session.run(None, {session.get_inputs()[0].name: more_rows.cpu().numpy()})[0]
print(f"onnx: {onnx.shape}")
