import torch
import torch.fx


# The number of loop turns depends on the values in x, and x may have any length.
def shrink(x):
    steps = 0
    while torch.linalg.norm(x) > 1.0:
        x = x * 0.5
        steps += 1
    return (x**2).sum(), steps


inputs = [[3.0, 4.0], [0.3, 0.4, 0.5], [2.0, 4.0, 6.0, 8.0, 10.0]]
grads = []
for values in inputs:
    x = torch.tensor(values, requires_grad=True)
    y, steps = shrink(x)
    # Autograd recorded this call's operations as it ran them: one Mul node per
    # loop turn.
    chain, node = [], y.grad_fn
    while node is not None:
        chain.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    y.backward()
    grads.append(x.grad.tolist())
    print(f"size {len(values)}: steps {steps}, grad {x.grad.tolist()}")
    print(f"  recorded: {' <- '.join(chain)}")
    # d/dx sum((x * 0.5**k)**2) = 2 x 0.25**k.
    assert torch.allclose(x.grad, 2 * x.detach() * 0.25**steps)
    assert chain.count("MulBackward0") == steps

# torch.compile captures graphs up to each data-dependent test and runs the test in
# Python (a "graph break"); this backend only counts the graphs it receives.
graphs = []


def counting_backend(graph_module, example_inputs):
    graphs.append(graph_module)
    return graph_module.forward


graph_shrink = torch.compile(shrink, backend=counting_backend)
for values in inputs:
    y, steps = graph_shrink(torch.tensor(values))
    print(f"torch.compile, size {len(values)}: steps {steps}, value {y.item():.6f}")
print(f"graphs: {len(graphs)}")
assert len(graphs) > 1

# A symbolic tracer cannot follow a loop whose condition depends on tensor values.
try:
    torch.fx.symbolic_trace(shrink)
    traced = True
except torch.fx.proxy.TraceError as error:
    traced = False
    print(f"torch.fx.symbolic_trace: TraceError: {error}")
assert not traced
