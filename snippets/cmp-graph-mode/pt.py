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
assert eager_mode  # proof: eager-mode

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

# A branch on a tensor's value splits the capture into graphs ("graph break");
# fullgraph=True turns that split into an error, whose hint names torch.cond.
try:
    torch.compile(step, fullgraph=True)(x)
    one_graph = True
except Exception as error:
    one_graph = False
    reason = str(error).strip().splitlines()[0]
    print(f"fullgraph=True: {type(error).__name__}: {reason}")
    # proof: fullgraph-error
    assert reason == "Data-dependent branching" and "torch.cond" in str(error)
print(f"one graph for both branches: {one_graph}")
assert not one_graph  # proof: one-graph
