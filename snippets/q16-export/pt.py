import torch
from torch import nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


model = Net().eval()
x = torch.randn(5, 4)

# torch.export traces forward() into a graph of ATen operations, weights included.
# Every size is fixed at the example's: this program rejects a batch of 7.
fixed = torch.export.export(model, (x,)).module()
try:
    fixed(torch.randn(7, 4))
    static_error = None
except AssertionError as error:
    static_error = str(error).splitlines()[0]
print(f"static export, batch of 7: {static_error}")
assert static_error is not None  # proof: static-export

# Declaring the batch dimension dynamic lifts that restriction.
batch = torch.export.Dim("batch")
program = torch.export.export(model, (x,), dynamic_shapes={"x": {0: batch}})
torch.export.save(program, "model.pt2")
print(f"graph nodes: {[node.name for node in program.graph.nodes]}")

# Loading needs no Python class: the graph is in the file.
del Net
loaded = torch.export.load("model.pt2").module()
with torch.no_grad():
    max_difference = (loaded(x) - model(x)).abs().max().item()
print(f"max |difference| of predictions after the round trip: {max_difference}")
batch_of_7 = tuple(loaded(torch.randn(7, 4)).shape)
print(f"output shape for a batch of 7: {batch_of_7}")
assert max_difference == 0  # proof: no-class
assert batch_of_7 == (7, 3)  # proof: any-batch
