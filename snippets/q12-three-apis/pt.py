import numpy as np
import torch
import torch.fx
from torch import nn

torch.manual_seed(0)
print(f"torch {torch.__version__}")

# 1. Sequential: a plain stack of layers.
sequential = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))

# 2. PyTorch has no Functional API; the closest is a torch.fx GraphModule, a module that
# holds its graph of layer calls as data. Here it is traced from the subclass below.


# 3. Subclassed: layers in __init__, Python code in forward.
class Subclassed(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


subclassed = Subclassed()
functional = torch.fx.symbolic_trace(Subclassed())
assert isinstance(functional, torch.fx.GraphModule)
# The GraphModule lists its layer calls as data, like a Functional model, before any
# input.
layers = [node.target for node in functional.graph.nodes if node.op == "call_module"]
print(f"functional model type: {torch.fx.GraphModule.__name__}, layers: {layers}")
assert layers == ["hidden", "out"]  # proof: graphmodule-layers

# Give every model the same weights; nn.Linear weights are (out, in), so transpose.
rng = np.random.default_rng(0)
weights = [rng.normal(size=s).astype(np.float32) for s in [(4, 8), (8,), (8, 3), (3,)]]
x = torch.from_numpy(rng.normal(size=(2, 4)).astype(np.float32))
models = {"sequential": sequential, "functional": functional, "subclassed": subclassed}
n_params, outputs = {}, {}
for name, model in models.items():
    with torch.no_grad():
        for parameter, value in zip(model.parameters(), weights, strict=True):
            parameter.copy_(torch.from_numpy(value.T if value.ndim == 2 else value))
    n_params[name] = sum(p.numel() for p in model.parameters())
    outputs[name] = model(x).detach().numpy()
    print(f"{name}: parameters {n_params[name]}")
assert set(n_params.values()) == {4 * 8 + 8 + 8 * 3 + 3}  # proof: same-count
gaps = [np.abs(outputs[name] - outputs["sequential"]).max() for name in models]
assert max(gaps) < 1e-6  # proof: same-output
output = outputs["sequential"]
print(f"output:\n{output}")
