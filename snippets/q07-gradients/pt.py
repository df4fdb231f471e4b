import torch


# f(x) = x**2 exp(-x), so f'(x) = (2x - x**2) exp(-x) and f''(x) = (2 - 4x + x**2)
# exp(-x).
def f(x):
    return x**2 * torch.exp(-x)


# Autograd records operations on tensors that require grad, building the graph as they
# run.
x = torch.tensor([0.5, 1.0, 3.0], requires_grad=True)
y = f(x).sum()
print(f"y: {y}")
# Each result points to the operation that made it.
print(f"recorded as: {type(y.grad_fn).__name__}")
assert type(y.grad_fn).__name__ == "SumBackward0"  # proof: grad-fn

# create_graph=True records the backward pass too, so it can be differentiated again.
(grad,) = torch.autograd.grad(y, x, create_graph=True)
(second,) = torch.autograd.grad(grad.sum(), x)
print(f"grad: {grad.detach()}")
print(f"second: {second}")
x0 = x.detach()
# proof: derivatives-checked
assert torch.allclose(grad, (2 * x0 - x0**2) * torch.exp(-x0), rtol=0, atol=1e-6)
# proof: second-derivative-checked
assert torch.allclose(second, (2 - 4 * x0 + x0**2) * torch.exp(-x0), rtol=0, atol=1e-6)
# torch.autograd.grad returns the gradients and leaves x.grad alone.
assert x.grad is None  # proof: grad-returns

# backward() adds into x.grad: a second call doubles it unless x.grad is zeroed in
# between.
f(x).sum().backward()
f(x).sum().backward()
print(f"x.grad after two backward calls: {x.grad}")
assert torch.allclose(x.grad, 2 * grad, rtol=0, atol=1e-6)  # proof: grad-accumulates


# One recording answers one backward pass: the first frees the values it saved (here
# exp(-x)), unless retain_graph=True keeps them. A graph that saved nothing replays.
def replays(g, retain_graph=False):
    y = g(x).sum()
    y.backward(retain_graph=retain_graph)
    try:
        y.backward()
        return True
    except RuntimeError:
        return False


replayed = [replays(f), replays(f, retain_graph=True), replays(lambda x: x)]
print(f"second call works (default, kept, nothing saved): {replayed}")
assert replayed == [False, True, True]  # proof: one-recording

# Inside torch.no_grad() nothing is recorded, which saves memory at inference time;
# .detach() gives a tensor that is not recorded either.
with torch.no_grad():
    untracked = f(x).sum()
print(f"recorded under no_grad: {untracked.requires_grad}")
print(f"recorded after detach: {f(x.detach()).sum().requires_grad}")
# proof: not-recording
assert not untracked.requires_grad and not f(x.detach()).sum().requires_grad
