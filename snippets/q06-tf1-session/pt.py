import numpy as np
import torch
from torch import nn

# PyTorch has no sessions and no global graph mode: every call computes at once.
print(f"torch.Session exists: {hasattr(torch, 'Session')}")
assert not hasattr(torch, "Session")  # proof: no-session


class Affine(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.tensor([[0.5], [-1.0], [2.0]]))

    def forward(self, x):
        return x @ self.weight + 0.25


model = Affine()
inputs = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=np.float32)
eager = model(torch.from_numpy(inputs))
print(f"eager call: {eager.detach().ravel()}")

# The nearest to "build a graph, then run it" is torch.export: capture once, then call.
batch = torch.export.Dim("batch")
program = torch.export.export(
    model, (torch.zeros(2, 3),), dynamic_shapes={"x": {0: batch}}
)
print(f"captured graph:\n{program.graph}")
nodes = list(program.graph.nodes)
print(f"operations in the graph: {len(nodes)}")
# Only the parameter, the input, the computation and the output: no session plumbing.
kinds = [node.op for node in nodes]
# proof: plumbing
assert kinds == [
    "placeholder",
    "placeholder",
    "call_function",
    "call_function",
    "output",
]

# Running the captured program feeds the inputs as ordinary arguments.
result = program.module()(torch.from_numpy(inputs)).detach().numpy()
print(f"result: {result.ravel()}")
# proof: export-runs
assert np.allclose(result.ravel(), inputs @ [0.5, -1.0, 2.0] + 0.25)

# Nothing global was switched: eager calls keep working next to the captured program.
assert torch.equal(model(torch.from_numpy(inputs)), eager)  # proof: still-eager
