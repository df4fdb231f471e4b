import warnings

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).eval()
x = torch.randn(5, 4)
expected = model(x)

# torch.export captures the whole forward pass as a graph of ATen operators; the batch
# size is declared dynamic. The .pt2 file reloads without the Python class.
batch = torch.export.Dim("batch")
program = torch.export.export(model, (x,), dynamic_shapes=({0: batch},))
torch.export.save(program, "model.pt2")
reloaded = torch.export.load("model.pt2").module()
difference = (reloaded(x) - expected).abs().max().item()
operators = sorted(
    {str(node.target) for node in program.graph.nodes if node.op == "call_function"}
)
print(f"graph operators: {operators}")
print(f"reloaded as: {type(reloaded).__name__}, not {type(model).__name__}")
print(f"reloaded file, largest difference: {difference:.1e}")
print(f"batch of 2 through the reloaded file: {tuple(reloaded(x[:2]).shape)}")
# The input's batch dimension is a symbol in the graph, not the example's 5.
user_input = program.graph_signature.user_inputs[0]
batch_size = next(
    node.meta["val"].shape[0] for node in program.graph.nodes if node.name == user_input
)
print(f"batch dimension in the graph: {batch_size}")
# proof: aten-graph
assert (
    isinstance(batch_size, torch.SymInt)
    and operators
    and all(operator.startswith("aten.") for operator in operators)
)
# proof: reloads-without-class
assert difference < 1e-6 and isinstance(reloaded, torch.fx.GraphModule)
assert reloaded(x[:2]).shape == (2, 3)  # proof: dynamic-batch

# The older path (TorchScript) still runs but warns that it is deprecated, with a
# FutureWarning: Python's default filters, left as they are here, show it to every user.
with warnings.catch_warnings(record=True) as caught:
    traced = torch.jit.trace(model, x)
old_path = str(caught[0].message).strip().splitlines()[0]
traced_difference = (traced(x) - expected).abs().max().item()
print(f"torch.jit.trace: {old_path}")
print(f"traced module, largest difference: {traced_difference:.1e}")
# proof: old-path-warns
assert (
    traced_difference < 1e-6
    and caught[0].category is FutureWarning
    and all(
        word in old_path for word in ("deprecated", "torch.compile", "torch.export")
    )
)
