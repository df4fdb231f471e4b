import numpy as np
import onnxruntime as ort
import torch
from torch import nn

# Both files build the same 4-8-3 network from the same seeded NumPy weights.
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)), rng.normal(size=8)
w2, b2 = rng.normal(size=(8, 3)), rng.normal(size=3)
x = rng.normal(size=(5, 4)).astype(np.float32)

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).eval()
# PyTorch stores a linear layer's weight as (out, in), hence the transposes.
state = {"0.weight": w1.T, "0.bias": b1, "2.weight": w2.T, "2.bias": b2}
model.load_state_dict(
    {name: torch.tensor(value, dtype=torch.float32) for name, value in state.items()}
)
expected = model(torch.from_numpy(x)).detach().numpy()

# With dynamo=True (the default), torch.onnx.export captures the model with
# torch.export and writes an ONNX file with the onnx and onnxscript packages; the
# batch dimension is free.
torch.onnx.export(
    model,
    (torch.from_numpy(x[:2]),),
    "model.onnx",
    input_names=["x"],
    dynamo=True,
    dynamic_shapes=({0: "batch"},),
    verbose=False,
)

# onnxruntime runs the file without PyTorch, here on a batch of 5 rather than 2.
session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
onnx_output = session.run(None, {"x": x})[0]
difference = float(np.abs(onnx_output - expected).max())
print(f"onnxruntime output shape: {onnx_output.shape}")
print(f"largest difference from PyTorch: {difference:.1e}")
assert onnx_output.shape == (5, 3)
assert difference < 1e-5  # proof: onnx-matches
# The batch dimension stays free in the file: a batch of 3 runs too.
batch_of_3 = session.run(None, {"x": x[:3]})[0]
print(f"batch of 3 through the file: {batch_of_3.shape}")
assert batch_of_3.shape == (3, 3)  # proof: onnx-free-batch
