import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.normal(size=(32, 3)).astype("float32")).to(device)
y = torch.from_numpy(rng.normal(size=(32, 1)).astype("float32")).to(device)
batch_size, epochs = 8, 2
batches = epochs * len(x) // batch_size


# A model whose forward counts how often Python runs it and branches on a tensor value.
class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(3, 1)
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        y = self.dense(x)
        if x.sum() < 0:  # A Python if on a tensor value.
            y = -y
        return y


def fit(model):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(epochs):
        for start in range(0, len(x), batch_size):
            batch = slice(start, start + batch_size)
            loss = nn.functional.mse_loss(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


# A plain training loop runs forward as Python on every batch: nothing is traced.
model = Gate().to(device)
fit(model)
print(f"eager loop: calls {model.calls} for {batches} batches")
assert model.calls == batches

# Graph capture is opt-in: torch.compile splits forward at the if (a graph break) and
# runs the if in Python. This backend counts the graphs it receives and runs them as
# captured.
graphs = []


def counting_backend(graph_module, example_inputs):
    graphs.append(graph_module)
    return graph_module.forward


expected = model(x[:batch_size])
output = torch.compile(model, backend=counting_backend)(x[:batch_size])
print(
    f"graph path: graphs {len(graphs)} for one call, same output: "
    f"{torch.equal(output, expected)}"
)
assert len(graphs) > 1 and torch.equal(output, expected)
