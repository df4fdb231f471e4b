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
assert type(y.grad_fn).__name__ == "SumBackward0"

# create_graph=True records the backward pass too, so it can be differentiated again.
(grad,) = torch.autograd.grad(y, x, create_graph=True)
(second,) = torch.autograd.grad(grad.sum(), x)
print(f"grad: {grad.detach()}")
print(f"second: {second}")
x0 = x.detach()
assert torch.allclose(grad, (2 * x0 - x0**2) * torch.exp(-x0))
assert torch.allclose(second, (2 - 4 * x0 + x0**2) * torch.exp(-x0))
# torch.autograd.grad returns the gradients and leaves x.grad alone.
assert x.grad is None

# backward() adds into x.grad: a second call doubles it unless x.grad is zeroed in
# between.
f(x).sum().backward()
f(x).sum().backward()
print(f"x.grad after two backward calls: {x.grad}")
assert torch.allclose(x.grad, 2 * grad)

# One recording answers one backward pass: its graph is freed after the first.
y = f(x).sum()
y.backward()
try:
    y.backward()
    replayed = True
except RuntimeError:
    replayed = False
print(f"second call on one recording: {'works' if replayed else 'RuntimeError'}")
assert not replayed

# Inside torch.no_grad() nothing is recorded, which saves memory at inference time;
# .detach() gives a tensor that is not recorded either.
with torch.no_grad():
    untracked = f(x).sum()
print(f"recorded under no_grad: {untracked.requires_grad}")
print(f"recorded after detach: {f(x.detach()).sum().requires_grad}")
assert not untracked.requires_grad and not f(x.detach()).sum().requires_grad
