import torch
import torch._dynamo.exc
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
    print(f"size {len(values)}: steps {steps}, grad {x.grad.tolist()}")  # proof: grads
    print(f"  recorded: {' <- '.join(chain)}")
    # d/dx sum((x * 0.5**k)**2) = 2 x 0.25**k.
    # proof: tape-loop
    assert torch.allclose(x.grad, 2 * x.detach() * 0.25**steps, rtol=0, atol=1e-6)
    assert chain.count("MulBackward0") == steps  # proof: one-node-per-turn

# torch.compile captures graphs up to each data-dependent test and runs the test in
# Python (a "graph break"). The "eager" backend runs the captured graphs as they are.
graph_shrink = torch.compile(shrink, backend="eager")
for values in inputs:
    y, steps = graph_shrink(torch.tensor(values))
    print(f"torch.compile, size {len(values)}: steps {steps}, value {y.item():.6f}")


# The control: a loop with a fixed number of turns reads no tensor value to continue.
def halve_three_times(x):
    for _ in range(3):
        x = x * 0.5
    return (x**2).sum()


# fullgraph=True turns any graph break into an error: the data-dependent loop raises,
# the fixed loop compiles as one graph. The reset clears frames compiled above, which
# would otherwise be reused without the check.
def compiles_whole(function):
    torch.compiler.reset()
    try:
        torch.compile(function, fullgraph=True, backend="eager")(torch.ones(2))
        return True
    except torch._dynamo.exc.Unsupported as error:
        print(f"{function.__name__}: graph break: {str(error).splitlines()[0]}")
        return False


loop = compiles_whole(shrink)
control = compiles_whole(halve_three_times)
print(f"one graph: while on a tensor {loop}, fixed loop {control}")
assert not loop and control  # proof: graph-break

# A symbolic tracer cannot follow a loop whose condition depends on tensor values.
try:
    torch.fx.symbolic_trace(shrink)
    traced = True
except torch.fx.proxy.TraceError as error:
    traced = False
    print(f"torch.fx.symbolic_trace: TraceError: {error}")
assert not traced  # proof: fx-refuses
# The control loop traces: only a test on tensor values stops the tracer.
assert torch.fx.symbolic_trace(halve_three_times) is not None  # proof: fx-control
