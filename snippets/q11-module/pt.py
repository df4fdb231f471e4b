import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")
torch.backends.cuda.matmul.fp32_precision = (
    "ieee"  # Full float32 matrix products on GPUs.
)


# Subclass nn.Module: create layers in __init__, wire them in forward.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)  # PyTorch layers are told their input size.
        self.dropout = nn.Dropout(0.5)
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        return self.out(self.dropout(torch.relu(self.hidden(x))))


# A new model's weights are on the CPU; model.to(device) moves them.
new_on_cpu = Net().hidden.weight.device.type == "cpu"
model = Net().to(device)
print(f"weights on: {model.hidden.weight.device.type}")
# proof: device-default
assert new_on_cpu and model.hidden.weight.device.type == device.type
# Layers assigned as attributes are registered: their parameters are found by name.
for name, parameter in model.named_parameters():
    print(f"{name}: {tuple(parameter.shape)}")
n_params = sum(p.numel() for p in model.parameters())
print(f"parameters: {n_params}")
assert n_params == 4 * 8 + 8 + 8 * 3 + 3  # proof: attributes-registered
# nn.Linear stores its weight as (out, in), under the attribute's name.
# proof: weight-names
assert list(dict(model.named_parameters())) == [
    "hidden.weight",
    "hidden.bias",
    "out.weight",
    "out.bias",
]
assert tuple(model.hidden.weight.shape) == (8, 4)  # proof: weight-shape


# Layers in a plain Python list are not registered; nn.ModuleList registers them.
class Stack(nn.Module):
    def __init__(self, container):
        super().__init__()
        self.blocks = container([nn.Linear(4, 8), nn.Linear(8, 3)])

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


in_list = sum(p.numel() for p in Stack(list).parameters())
in_module_list = sum(p.numel() for p in Stack(nn.ModuleList).parameters())
print(f"parameters in a list: {in_list}, in an nn.ModuleList: {in_module_list}")
assert in_list == 0 and in_module_list == n_params  # proof: list-vs-modulelist

# Load the same weights as the TensorFlow version; nn.Linear stores (out, in), so
# transpose.
rng = np.random.default_rng(0)
weights = [rng.normal(size=s).astype(np.float32) for s in [(4, 8), (8,), (8, 3), (3,)]]
with torch.no_grad():
    for parameter, value in zip(model.parameters(), weights, strict=True):
        parameter.copy_(torch.from_numpy(value.T if value.ndim == 2 else value))

# Dropout depends on the mode: model.train() (the default) drops, model.eval() does not.
x = torch.from_numpy(rng.normal(size=(2, 4)).astype(np.float32)).to(device)
assert model.training  # proof: train-by-default
train_differs = not torch.equal(model(x), model(x))
model.eval()
output = model(x).detach().cpu()
print(f"training outputs differ between calls: {train_differs}")
print(f"inference output:\n{output}")
assert train_differs  # proof: train-drops
# In inference mode the output is the network without dropout.
no_dropout = model.out(torch.relu(model.hidden(x))).detach().cpu()
assert torch.equal(output, no_dropout)  # proof: inference-no-dropout
