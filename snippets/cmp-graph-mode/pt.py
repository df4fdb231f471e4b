import torch

# The step counts its own Python calls and branches on a tensor's value.
calls = 0


def step(x):
    global calls
    calls += 1
    if x.sum() > 0:
        return torch.sin(x) * 2
    return torch.cos(x)


x = torch.tensor([0.5, 1.0, 2.0])

# Eager by default: the call runs the Python body now and returns a concrete tensor.
eager = step(x)
eager_mode = not torch.compiler.is_compiling()
print(f"eager: {eager}")
print(f"eager mode: {eager_mode}")
# The body has already run once, and the value shows the branch it took.
# proof: eager-mode
assert eager_mode and calls == 1 and torch.equal(eager, torch.sin(x) * 2)

# torch.compile captures graphs on the first call and keeps Python's semantics:
# the counter still goes up on every call.
compiled = torch.compile(step)
result = compiled(x)
negative = compiled(-x)
print(f"compiled: {result}")
print(f"Python body ran {calls} times for 3 calls")
assert torch.allclose(result, eager, rtol=0, atol=1e-6)
assert calls == 3  # proof: side-effects
# Each input takes its own branch: cos for -x, whose sum is negative, not sin * 2.
print(f"compiled, -x: {negative}")
taken, other = torch.cos(-x), torch.sin(-x) * 2
gaps = [(negative - branch).abs().max().item() for branch in (taken, other)]
assert gaps[0] < 1e-6 < gaps[1]  # proof: both-branches

# A branch on a tensor's value splits the capture into graphs ("graph break"): a
# backend that records each graph it is handed gets one before the branch and one after.
graphs = []


def record(graph_module, example_inputs):
    graphs.append(graph_module)
    return graph_module.forward


recorded = torch.compile(step, backend=record)
recorded(x)
print(f"graphs captured for one call: {len(graphs)}")
# The counter has a new value on every call, yet the next calls reuse those graphs.
recorded(x)
recorded(x)
print(f"graphs captured for three calls: {len(graphs)}")
assert len(graphs) == 2  # proof: no-recompile

# fullgraph=True is checked while tracing, not when a call reuses code compiled earlier
# for the same function and input (by `compiled` above): this call raises nothing.
torch.compile(step, fullgraph=True)(x)  # proof: fullgraph-cached

# PyTorch 2.13 guarded on the counter's value, so each call traced the part before
# the branch again; 2.15 defers that guard. Turning the deferral off restores 2.13's
# count.
graphs.clear()
torch.compiler.reset()  # Drop every compiled function, so that the next call traces.
with torch._dynamo.config.patch(computed_lazy_constant_max_nodes=0):
    for _ in range(3):
        recorded(x)
print(f"graphs captured for three calls, counter guarded: {len(graphs)}")
assert len(graphs) == 4  # proof: recompiled-before

# On a fresh trace the graph break is an error, whose hint names torch.cond.
torch.compiler.reset()
reason = message = ""
try:
    torch.compile(step, fullgraph=True)(x)
    one_graph = True
except Exception as error:
    one_graph = False
    message = str(error)
    reason = message.strip().splitlines()[0]
    print(f"fullgraph=True: {type(error).__name__}: {reason}")
print(f"one graph for both branches: {one_graph}")
names_cond = "torch.cond" in message
assert reason == "Data-dependent branching" and names_cond  # proof: fullgraph-error
assert not one_graph  # proof: one-graph
