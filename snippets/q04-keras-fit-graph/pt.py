import numpy as np
import torch
import torch._dynamo.exc
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
assert model.calls == batches  # proof: eager-calls

# Graph capture is opt-in: torch.compile splits forward at the if (a graph break) and
# runs the if in Python. The "eager" backend runs the captured graphs as they are.
expected = model(x[:batch_size])
output = torch.compile(model, backend="eager")(x[:batch_size])
print(f"graph path: same output {torch.equal(output, expected)}")
assert torch.equal(output, expected)


# torch.where keeps the choice inside the graph, as keras.ops.cond does in TensorFlow.
class CondGate(Gate):
    def forward(self, x):
        self.calls += 1
        y = self.dense(x)
        return torch.where(x.sum() < 0, -y, y)


# fullgraph=True turns a graph break into an error; the reset clears frames compiled
# above, which would otherwise be reused without the check.
def compiles_whole(model_class):
    torch.compiler.reset()
    try:
        torch.compile(model_class().to(device), fullgraph=True, backend="eager")(x)
        return True
    except torch._dynamo.exc.Unsupported as error:
        print(f"{model_class.__name__}: graph break: {str(error).splitlines()[0]}")
        return False


whole = {"Gate": compiles_whole(Gate), "CondGate": compiles_whole(CondGate)}
print(f"compiles as one graph: {whole}")
assert whole == {"Gate": False, "CondGate": True}  # proof: graph-break
