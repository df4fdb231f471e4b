import operator

import torch
import torch.fx
from torch import nn


# A two-layer computation: sum(relu(x @ w1 + b1) @ w2).
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.w1 = nn.Parameter(torch.tensor([[0.5, -1.0], [1.0, 0.5], [-0.5, 1.0]]))
        self.b1 = nn.Parameter(torch.tensor([0.1, -0.1]))
        self.w2 = nn.Parameter(torch.tensor([[1.0], [2.0]]))

    def forward(self, x):
        return torch.sum(torch.relu(x @ self.w1 + self.b1) @ self.w2)


net = Net()

# torch.fx traces the Python code with placeholder inputs and records each call as a
# node.
traced = torch.fx.symbolic_trace(net)
print(f"torch.fx graph:\n{traced.graph}")
ops = [node.op for node in traced.graph.nodes]
print(f"node kinds: {ops}")
# proof: fx-get-attr
assert ops.count("placeholder") == 1 and ops.count("get_attr") == 3
# Its nodes name the Python callables that ran.
targets = [node.target for node in traced.graph.nodes if node.op == "call_function"]
# proof: fx-nodes
assert targets == [
    operator.matmul,
    operator.add,
    torch.relu,
    operator.matmul,
    torch.sum,
]

# torch.export records the same computation as a torch.fx graph of ATen operators.
exported = torch.export.export(net, (torch.zeros(1, 3),))
aten = [str(n.target) for n in exported.graph.nodes if n.op == "call_function"]
print(f"torch.export operators: {aten}")
# proof: export-aten
assert isinstance(exported.graph, torch.fx.Graph) and aten == [
    "aten.matmul.default",
    "aten.add.Tensor",
    "aten.relu.default",
    "aten.matmul.default",
    "aten.sum.default",
]

# Autograd builds a second graph while the forward pass runs: the grad_fn chain.
x = torch.tensor([[1.0, 2.0, 3.0]])
output = net(x)
nodes, queue = [], [output.grad_fn]
while queue:
    node = queue.pop(0)
    if node is not None and node not in nodes:
        nodes.append(node)
        queue.extend(next_node for next_node, _ in node.next_functions)
names = [type(node).__name__ for node in nodes]
print(f"backward graph: {names}")
# It ends in one AccumulateGrad node for each of the three parameters, and none for x.
leaves = [node.variable for node in nodes if type(node).__name__ == "AccumulateGrad"]
parameters = {id(p) for p in net.parameters()}
# proof: backward-graph
assert (
    names[0] == "SumBackward0"
    and len(leaves) == 3
    and {id(v) for v in leaves} == parameters
)

# Backpropagation walks that chain from the output to the parameters.
output.backward()
grad = [net.w1.grad, net.b1.grad, net.w2.grad]
print(f"gradient shapes: {[tuple(g.shape) for g in grad]}")

# The traced graph is itself a module that computes the same result.
# proof: graph-runs
assert isinstance(traced, nn.Module) and torch.equal(traced(x), output)
output = output.item()
print(f"output: {output}")
