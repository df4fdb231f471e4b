import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# retain_graph=True keeps the recorded graph for one more backward pass through it.
h = x**2
y = h.sum()
z = torch.sin(h).sum()
grads = {
    "y": torch.autograd.grad(y, x, retain_graph=True)[0],
    "z": torch.autograd.grad(z, x)[0],
}
print(f"dy/dx: {grads['y']}, dz/dx: {grads['z']}")
# proof: two-gradients
assert torch.allclose(grads["z"], 2 * x * torch.cos(x**2), rtol=0, atol=1e-6)

# By default the shared part of the graph is freed after the first backward pass.
h = x**2
y = h.sum()
z = torch.sin(h).sum()
torch.autograd.grad(y, x)
released = False
try:
    torch.autograd.grad(z, x)
except RuntimeError as error:
    released = True
    print(f"second call: RuntimeError: {str(error).split('.')[0]}")
assert released  # proof: released

# Only tensors that require grad are recorded: new tensors do not, until asked to.
c = torch.tensor([1.0, 2.0, 3.0])
y = (c**2).sum()
recorded = y.requires_grad
print(f"constant recorded: {recorded}")
assert not recorded  # proof: watch-needed
c.requires_grad_()
y = (c**2).sum()
grads["watched"] = torch.autograd.grad(y, c)[0]
print(f"after requires_grad_: {grads['watched']}")
assert torch.equal(grads["watched"], 2 * c.detach())  # proof: watched

# .detach() treats a value as a constant: d/dx sum(x * stop(x)) = stop(x), not 2x.
y = (x * x.detach()).sum()
grads["stopped"] = torch.autograd.grad(y, x)[0]
print(f"with detach: {grads['stopped']}")
assert torch.equal(grads["stopped"], x.detach())  # proof: stopped

# A tensor with requires_grad=False, such as a frozen parameter, gets no gradient; x,
# which requires grad, gets its gradient in the same pass.
frozen = torch.tensor([1.0, 2.0, 3.0], requires_grad=False)
y = (frozen * x).sum()
y.backward()
frozen_grad, x_grad = frozen.grad, x.grad
print(f"gradient for the frozen tensor: {frozen_grad}")
assert frozen_grad is None and torch.equal(x_grad, frozen)  # proof: frozen
